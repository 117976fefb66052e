package gate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// TestWorkingDirectory: with working-directory, the suite runs in the module's
// directory, the results go to benchmarks/output in it, the sticky comment is the
// directory's (key), and the module's .cost-ops-bench.yml is the config; paths of
// other inputs stay relative to the repository's top. Not parallel: it changes the
// working directory.
func TestWorkingDirectory(t *testing.T) {
	h := newHarness(t, "pull_request", prEvent)
	top := t.TempDir()
	mustWrite(t, filepath.Join(top, "backend", "go.mod"), "module example.com/backend\n\ngo 1.24\n")
	t.Chdir(top)
	if err := bench.WriteFile("base.json", procDoc(100, 101, 99, 100, 102)); err != nil {
		t.Fatal(err)
	}
	var runs []SuiteRun
	suite := func(_ context.Context, r SuiteRun) error {
		runs = append(runs, r)
		return bench.WriteFile(filepath.Join(r.OutputDir, "latest.json"), procDoc(100, 100, 101, 99, 100))
	}
	s := h.settings("base.json", "")
	s.OutputDir, s.WorkingDirectory = "", "backend/"
	out, err := h.runWithSuite(s, suite)
	if err != nil {
		t.Fatal(err)
	}
	wantOut := filepath.Join("backend", "benchmarks", "output")
	if len(runs) != 1 || runs[0].Dir != "backend" || runs[0].OutputDir != wantOut {
		t.Fatalf("suite runs %+v, want one in backend writing to %s", runs, wantOut)
	}
	if out.ResultPath != filepath.Join(wantOut, "latest.json") || out.ReportPath != filepath.Join(wantOut, "report.md") {
		t.Errorf("result %s, report %s; want them in %s", out.ResultPath, out.ReportPath, wantOut)
	}
	if !strings.Contains(h.stdout.String(), "suite: go-test, the go test benchmarks of module example.com/backend in backend (") {
		t.Errorf("the log does not name the module of backend:\n%s", h.stdout.String())
	}
	if len(h.gh.comments) != 1 || !strings.HasPrefix(h.gh.comments[0].Body, github.Marker("backend")) {
		t.Errorf("comments %+v, want one under the key backend", h.gh.comments)
	}

	// The module's own config is the default; a config input overrides it.
	mustWrite(t, filepath.Join("backend", ".cost-ops-bench.yml"), "threshold: [not a number\n")
	s.OutputDir = ""
	if _, err := h.runWithSuite(s, suite); err == nil || !strings.Contains(err.Error(), filepath.Join("backend", ".cost-ops-bench.yml")) {
		t.Errorf("a broken backend/.cost-ops-bench.yml: err = %v, want it named", err)
	}
	mustWrite(t, ".cost-ops-bench.yml", "alpha: 0.01\n")
	s.Config, s.Key = ".cost-ops-bench.yml", "api"
	if _, err := h.runWithSuite(s, suite); err != nil {
		t.Errorf("config input at the top: %v", err)
	}
	if last := h.gh.comments[len(h.gh.comments)-1]; !strings.HasPrefix(last.Body, github.Marker("api")) {
		t.Errorf("a key input is kept: comment %q", last.Body[:60])
	}
}

// TestWorkingDirectoryErrors: a working-directory that does not exist, is a file,
// or holds no go.mod (when the suite runs here) is bad input naming the input.
func TestWorkingDirectoryErrors(t *testing.T) {
	top := t.TempDir()
	mustWrite(t, filepath.Join(top, "docs", "README.md"), "no module here\n")
	t.Chdir(top)
	for _, tc := range []struct {
		dir, current, want string
	}{
		{"backend", "", `input working-directory: "backend": no such directory (the path is relative to the repository's top`},
		{"docs/README.md", "", `input working-directory: "docs/README.md": not a directory`},
		{"docs", "", `input working-directory: "docs": no go.mod in this directory: give the directory of the Go module whose benchmarks the gate runs`},
	} {
		h := newHarness(t, "pull_request", prEvent)
		s := h.settings("", tc.current)
		s.WorkingDirectory = tc.dir
		_, err := h.runWithSuite(s, func(context.Context, SuiteRun) error {
			t.Errorf("working-directory %q: the suite ran", tc.dir)
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("working-directory %q: err = %v\nwant %q", tc.dir, err, tc.want)
		}
		nothingPublished(t, h, s)
	}
	if _, err := os.Stat(filepath.Join("docs", "benchmarks")); !os.IsNotExist(err) {
		t.Errorf("a refused gate wrote to docs/: %v", err)
	}
}
