package gate

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
)

// TestTrendOfFlaggedBenchmarks: with the history input on and a store on its
// branch of the remote, the summary and the comment chart the regressed benchmark's
// history with this run's median last; without the input, nothing is fetched.
func TestTrendOfFlaggedBenchmarks(t *testing.T) {
	root := t.TempDir()
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(cmd.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	bare, clone := filepath.Join(root, "remote.git"), filepath.Join(root, "clone")
	git(root, "init", "--quiet", "--bare", "--initial-branch=main", bare)
	git(root, "clone", "--quiet", bare, clone)
	git(clone, "commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", "code")
	git(clone, "push", "--quiet", "origin", "main")
	// Ten runs of main: single_cost_calculation about 1µs.
	_, cleanup, err := history.Publish(context.Background(), history.Publication{Dir: clone}, func(store string) error {
		for i := range 10 {
			at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
			ns := 1000 + 10*math.Sin(float64(i))
			doc := &bench.Document{SchemaVersion: 1, Timestamp: at,
				Results: []bench.Result{{Name: "single_cost_calculation", MedianNs: math.Round(ns), CILowNs: math.Round(ns - 20), CIHighNs: math.Round(ns + 20)}},
				Git:     &bench.GitInfo{Commit: fmt.Sprintf("%07x%033d", 0xabc000+i, i), CommittedAt: at.Format(time.RFC3339)}}
			run, err := history.NewRun(doc, nil)
			if err != nil {
				return err
			}
			if _, err := history.Append(store, run, history.Retention{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cleanup()
	t.Chdir(clone)
	base, _ := filepath.Abs(filepath.Join(testdataDir(t), "base.json"))
	cur, _ := filepath.Abs(filepath.Join(testdataDir(t), "current-regression.json"))

	h := newHarness(t, "pull_request", prEvent)
	s := h.settings(base, cur)
	s.History = "on-push"
	if _, err := h.run(s); err != nil {
		t.Fatal(err)
	}
	summary := h.summary()
	start := strings.Index(summary, "### Trend of flagged benchmarks")
	end := strings.Index(summary, "---\n")
	if start < 0 || end < start {
		t.Fatalf("no trend section before the provenance:\n%s", summary)
	}
	section := summary[start:end]
	if !strings.Contains(section, `"current"`) || !strings.Contains(section, "single_cost_calculation") {
		t.Errorf("the section does not chart the regression with the current point:\n%s", section)
	}
	goldenfile.Check(t, filepath.Join(testdataDir(t), "pr-regression-trend.golden"), []byte(section))
	if c := h.gh.comments; len(c) != 1 || !strings.Contains(c[0].Body, "```mermaid") {
		t.Errorf("the comment has no chart")
	}

	off := newHarness(t, "pull_request", prEvent)
	if _, err := off.run(off.settings(base, cur)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(off.summary(), "mermaid") {
		t.Error("history off, and the summary has a trend")
	}
}

// pkgDir is the package's directory: the working directory the test binary starts in.
var pkgDir, _ = os.Getwd()

// testdataDir is the package's testdata, found from the source file's directory
// whatever the working directory.
func testdataDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(pkgDir, "testdata")
}
