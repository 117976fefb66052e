package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// refRepo makes a git repository holding a Go module whose BenchmarkWork does
// four times the work in its second commit, and makes it the working directory.
func refRepo(t *testing.T) {
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
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "--quiet", "--initial-branch=main")
	git("config", "user.name", "cli test")
	git("config", "user.email", "cli@example.com")
	git("config", "commit.gpgsign", "false")
	write("go.mod", "module example.com/reffixture\n\ngo 1.24\n")
	write("work_test.go", `package reffixture

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
	write("size.go", "package reffixture\n\nconst size = 500\n")
	write("allocations-only.yml", "metrics: [allocations]\n")
	git("add", "-A")
	git("commit", "--quiet", "-m", "work")
	write("size.go", "package reffixture\n\nconst size = 2000\n")
	git("commit", "--quiet", "-am", "four times the work")
	t.Chdir(dir)
}

// TestCompareRefBaseline runs compare against a git revision end to end: both
// commits built and run alternately in this process's working directory. Not
// parallel: it changes the working directory, and it measures.
func TestCompareRefBaseline(t *testing.T) {
	refRepo(t)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"fourfold slowdown is a regression", []string{"--baseline", "ref:HEAD~1", "--suite", "go-test", "--benchtime", "20000x", "--rounds", "10", "--format", "markdown"},
			1, []string{"Work", "### Same-runner comparison", "the baseline `HEAD~1`", "suite `go-test`, 10 of 10 rounds"}, "ab: round 10/10"},
		// The plumbing of a ref current, not timing: two processes per side of 100
		// iterations cannot tell a loaded machine from a slowdown (an A/A run here
		// once measured +122%, p=0.002), so time is reported and not gated.
		{"a ref current too", []string{"--baseline", "ref:HEAD~1", "--current", "ref:HEAD~1", "--suite", "go-test", "--benchtime", "100x", "--rounds", "2",
			"--config", "allocations-only.yml"},
			0, []string{"same-runner A/B (go-test): baseline HEAD~1", "vs current HEAD~1"}, ""},
		{"the default suite of another module is go-test", []string{"--baseline", "ref:HEAD~1", "--current", "ref:HEAD~1", "--benchtime", "100x", "--rounds", "2",
			"--config", "allocations-only.yml"},
			0, []string{"same-runner A/B (go-test): baseline HEAD~1"}, ""},
		{"missing revision", []string{"--baseline", "ref:no-such-branch", "--suite", "go-test"}, 2, nil, "fetch-depth: 0"},
		{"file current with a ref baseline", []string{"--baseline", "ref:HEAD~1", "--current", "latest.json"}, 2, nil, "omit --current"},
		{"ref current with a file baseline", []string{"--baseline", "base.json", "--current", "ref:HEAD"}, 2, nil, "needs a ref: baseline"},
		{"bad rounds", []string{"--baseline", "ref:HEAD~1", "--rounds", "none"}, 2, nil, `--rounds: "none"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, append([]string{"compare"}, tt.args...)...)
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, stdout, stderr)
			}
			for _, want := range tt.wantStdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}

// TestCompareRefBaselineThatDoesNotBuildJSON: a baseline revision that does not
// build is a pass (every benchmark new), and the JSON report says why, in its
// same_runner section and its warnings. Not parallel: it changes the working
// directory.
func TestCompareRefBaselineThatDoesNotBuildJSON(t *testing.T) {
	refRepo(t)
	for _, step := range [][]string{
		{"sh", "-c", `printf 'package reffixture\n\nconst size int = "many"\n' > size.go`},
		{"git", "commit", "--quiet", "-am", "broken"},
		{"sh", "-c", `printf 'package reffixture\n\nconst size = 500\n' > size.go`},
	} {
		if out, err := exec.Command(step[0], step[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", step, err, out)
		}
	}
	stdout, stderr, code := runCLI(t, "compare", "--baseline", "ref:HEAD", "--suite", "go-test", "--benchtime", "100x", "--rounds", "2", "--format", "json")
	if code != 0 {
		t.Fatalf("exit code %d, want 0 (a baseline that does not build is reported, every benchmark new)\nstderr:\n%s", code, stderr)
	}
	var doc struct {
		Verdict    string   `json:"verdict"`
		Warnings   []string `json:"warnings"`
		Counts     struct{ New int }
		SameRunner struct {
			Baseline struct {
				Builds     bool   `json:"builds"`
				BuildError string `json:"build_error"`
			} `json:"baseline"`
			RoundsDone int `json:"rounds_done"`
		} `json:"same_runner"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	if doc.Verdict != "pass" || doc.Counts.New != 1 || doc.SameRunner.Baseline.Builds || !strings.Contains(doc.SameRunner.Baseline.BuildError, "size.go") ||
		doc.SameRunner.RoundsDone != 2 {
		t.Errorf("verdict %q, %d new, same_runner %+v; want pass, 1 new, a baseline that does not build (size.go named), 2 rounds", doc.Verdict, doc.Counts.New, doc.SameRunner)
	}
	if !slices.ContainsFunc(doc.Warnings, func(w string) bool { return strings.Contains(w, "does not build") && strings.Contains(w, "size.go") }) {
		t.Errorf("warnings %q do not say the baseline does not build", doc.Warnings)
	}
}
