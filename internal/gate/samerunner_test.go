package gate

import (
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// gitModule makes a git repository holding a Go module whose BenchmarkWork does four
// times the work in its second commit, and returns its directory.
func gitModule(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "--quiet", "--initial-branch=main")
	git("config", "user.name", "gate test")
	git("config", "user.email", "gate@example.com")
	git("config", "commit.gpgsign", "false")
	mustWrite(t, filepath.Join(dir, "go.mod"), "module example.com/gatefixture\n\ngo 1.24\n")
	mustWrite(t, filepath.Join(dir, "work_test.go"), `package gatefixture

import "testing"

var sink uint64

func work(n int) uint64 {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

func BenchmarkWork(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = work(size)
	}
}
`)
	mustWrite(t, filepath.Join(dir, "size.go"), "package gatefixture\n\nconst size = 500\n")
	git("add", "-A")
	git("commit", "--quiet", "-m", "work")
	mustWrite(t, filepath.Join(dir, "size.go"), "package gatefixture\n\nconst size = 2000\n")
	git("commit", "--quiet", "-am", "four times the work")
	return dir
}

// TestSameRunnerBaseline gates a pull request against its base revision measured on
// the same runner. Not parallel: it measures.
func TestSameRunnerBaseline(t *testing.T) {
	h := newHarness(t, "pull_request", prEvent)
	h.env["GITHUB_WORKSPACE"] = gitModule(t)
	s := h.settings("ref:HEAD~1", "")
	s.SameRunner = samerunner.Settings{Suite: "go-test", BenchTime: "20000x", Rounds: "10"}

	out, err := h.run(s)
	if err != nil {
		t.Fatalf("gate: %v", err)
	}
	if out.Verdict != compare.VerdictRegression || !out.Failed() || h.outputs()["verdict"] != string(compare.VerdictRegression) {
		t.Errorf("verdict %q (outputs %v), want regression for four times the work", out.Verdict, h.outputs())
	}
	for _, name := range []string{"latest.json", "baseline.json", "report.md"} {
		if _, err := os.Stat(filepath.Join(s.OutputDir, name)); err != nil {
			t.Errorf("output-dir lacks %s: %v", name, err)
		}
	}
	if out.ResultPath != filepath.Join(s.OutputDir, "latest.json") {
		t.Errorf("result path %q, want output-dir/latest.json", out.ResultPath)
	}
	summary := h.summary()
	for _, want := range []string{"Work", "### Same-runner comparison", "the baseline `HEAD~1`", "suite `go-test`, 10 of 10 rounds", "**Baseline:** `ref:HEAD~1` at"} {
		if !strings.Contains(summary, want) {
			t.Errorf("job summary lacks %q:\n%s", want, summary)
		}
	}
	if len(h.gh.comments) != 1 || !strings.Contains(h.gh.comments[0].Body, "### Same-runner comparison") {
		t.Errorf("comments = %d, want one with the same-runner section", len(h.gh.comments))
	}
	if !strings.Contains(h.stdout.String(), "ab: round 10/10") {
		t.Errorf("the job log lacks the rounds:\n%s", h.stdout.String())
	}
}

func TestSameRunnerBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		edit    func(*Settings)
		wantErr string
	}{
		{"no revision", func(s *Settings) { s.Baseline = "ref:" }, `input baseline: "ref:": ref: needs a git revision`},
		{"current with a ref", func(s *Settings) { s.Current = "latest.json" }, `input current: "latest.json": with a ref: baseline`},
		{"suite", func(s *Settings) { s.SameRunner.Suite = "pytest" }, `input suite "pytest"`},
		{"budget", func(s *Settings) { s.SameRunner.Budget = "soon" }, `input budget: "soon"`},
		{"missing revision", func(s *Settings) { s.Baseline = "ref:no-such-branch" }, "fetch-depth: 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.env["GITHUB_WORKSPACE"] = gitModule(t)
			s := h.settings("ref:HEAD~1", "")
			s.SameRunner.Suite = "go-test"
			tt.edit(&s)
			_, err := h.run(s)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if len(h.gh.calls) != 0 || h.outputs()["verdict"] != "" {
				t.Errorf("bad input still commented (%v) or set outputs", h.gh.calls)
			}
		})
	}
}
