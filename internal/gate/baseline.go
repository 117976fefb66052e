package gate

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// ArtifactPrefix marks a baseline input that names an artifact.
const ArtifactPrefix = "artifact:"

// Baseline is the loaded baseline and where it came from, for the report.
type Baseline struct {
	Doc     *bench.Document // nil when there is no baseline yet
	Source  string          // the input: a file path or artifact:<name>
	Commit  string          // the commit it was measured at, "" when unknown
	Date    time.Time       // when that commit was made or the artifact uploaded; zero when unknown
	RunURL  string          // the run that uploaded an artifact baseline
	Missing string          // why there is no baseline, when Doc is nil
	// Required is true when a missing baseline fails the gate (missing_baseline:
	// fail, or the input missing-baseline: fail).
	Required bool
}

// loadBaseline resolves the baseline input. A baseline that does not exist yet
// (no input, no file, no artifact) is not an error: Doc is nil and Missing says
// why. A baseline that exists but does not load is an error.
func loadBaseline(ctx context.Context, in, format string, ev event, gh func() (github.GitHub, error), lim github.Limits,
	fileCommit func(context.Context, string) (string, time.Time)) (Baseline, error) {
	b := Baseline{Source: in}
	switch {
	case in == "":
		b.Missing = "no baseline input was given"
		return b, nil
	case strings.HasPrefix(in, ArtifactPrefix):
		return loadArtifactBaseline(ctx, b, strings.TrimSpace(strings.TrimPrefix(in, ArtifactPrefix)), format, ev, gh, lim)
	}
	doc, err := formats.LoadFile(in, format)
	if errors.Is(err, fs.ErrNotExist) {
		b.Missing = fmt.Sprintf("the baseline file `%s` does not exist", strings.ReplaceAll(in, "`", "'"))
		return b, nil
	}
	if err != nil {
		return b, fmt.Errorf("baseline: %w", err)
	}
	b.Doc = doc
	b.Commit, b.Date = fileCommit(ctx, in)
	return b, nil
}

func loadArtifactBaseline(ctx context.Context, b Baseline, name, format string, ev event, gh func() (github.GitHub, error), lim github.Limits) (Baseline, error) {
	client, err := gh()
	if err != nil {
		return b, fmt.Errorf("baseline %s: %w", b.Source, err)
	}
	art, run, err := github.FindBaselineArtifact(ctx, client, name, ev.BaseBranch)
	if errors.Is(err, github.ErrNoArtifact) {
		b.Missing = fmt.Sprintf("no unexpired artifact %q from a successful run on branch %s", name, ev.BaseBranch)
		return b, nil
	}
	if err != nil {
		return b, fmt.Errorf("baseline %s: %w", b.Source, err)
	}
	data, err := client.DownloadArtifact(ctx, art.ID, lim.MaxZipBytes)
	if err != nil {
		return b, fmt.Errorf("baseline %s: %w", b.Source, err)
	}
	doc, err := readArtifact(data, b.Source, format, lim)
	if err != nil {
		return b, fmt.Errorf("baseline %s: %w", b.Source, err)
	}
	b.Doc, b.Commit, b.Date, b.RunURL = doc, art.HeadSHA, art.CreatedAt, run.URL
	return b, nil
}

// lastCommit asks git for the last commit that changed path, so the report can say
// which commit the baseline file comes from. It stays silent when git cannot say,
// and in a shallow clone (actions/checkout's default) when the commit found is the
// clone's boundary, which "adds" every file and so proves nothing.
func lastCommit(ctx context.Context, path string) (string, time.Time) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", time.Time{}
	}
	git := func(args ...string) string {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = filepath.Dir(abs)
		out, err := cmd.Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	fields := strings.Fields(git("log", "-1", "--format=%H %cI %P", "--", filepath.Base(abs)))
	if len(fields) < 2 {
		return "", time.Time{}
	}
	if len(fields) == 2 && git("rev-parse", "--is-shallow-repository") == "true" {
		return "", time.Time{} // a parentless commit of a shallow clone: the boundary
	}
	t, _ := time.Parse(time.RFC3339, fields[1])
	return fields[0], t
}

// loadCurrent returns the current result: the current input, else the suite run
// into the output directory (its latest.json).
func loadCurrent(ctx context.Context, s validated, run SuiteRunner) (*bench.Document, string, error) {
	path, format := s.Current, s.InputFormat
	if path == "" {
		format = "" // the suite's own latest.json
		if run == nil {
			return nil, "", errors.New("input current: not given, and this build cannot run the suite")
		}
		if err := run(ctx, s.suiteRun(s.OutputDir, s.filters)); err != nil {
			return nil, "", fmt.Errorf("running the suite: %w", err)
		}
		path = filepath.Join(s.OutputDir, "latest.json")
	}
	doc, err := formats.LoadFile(path, format)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, path, fmt.Errorf("input current: %w", err)
		}
		return nil, path, fmt.Errorf("current: %w", err)
	}
	return doc, path, nil
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
