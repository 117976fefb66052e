package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scratchRepo is a git repository made in a temporary directory, for tests of a Go
// module that is not at the repository's top.
type scratchRepo struct {
	t   *testing.T
	dir string
}

func newScratchRepo(t *testing.T) *scratchRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have git: %v", err)
		}
		t.Skip("git is not installed")
	}
	r := &scratchRepo{t: t, dir: t.TempDir()}
	r.git("init", "--quiet", "--initial-branch=main")
	r.git("config", "user.name", "cli test")
	r.git("config", "user.email", "cli@example.com")
	r.git("config", "commit.gpgsign", "false")
	return r
}

func (r *scratchRepo) git(args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// commit writes files (paths with slashes, relative to the top) and commits all.
func (r *scratchRepo) commit(msg string, files map[string]string) {
	r.t.Helper()
	for name, text := range files {
		path := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.git("add", "-A")
	r.git("commit", "--quiet", "-m", msg)
}

// backendModule is a module in backend/ whose BenchmarkWork does size rounds of work.
func backendModule(size int) map[string]string {
	return map[string]string{
		"backend/go.mod":              "module example.com/backend\n\ngo 1.24\n",
		"backend/p/work.go":           scratchWork(size),
		"backend/p/work_test.go":      "package p\n\nimport \"testing\"\n\nvar sink uint64\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work()\n\t}\n}\n",
		"backend/.cost-ops-bench.yml": "metrics: [time]\n",
	}
}

// TestModuleInASubdirectory: a repository whose Go module is backend/ (its top has
// no go.mod). In backend/, run records the module's benchmarks and compare
// --baseline ref:HEAD~1 builds backend/ of that revision; from the top, the gate
// with working-directory backend does both; a revision without backend/ is exit 2
// naming it. Not parallel: it changes the working directory, and it measures.
func TestModuleInASubdirectory(t *testing.T) {
	repo := newScratchRepo(t)
	repo.commit("a repository without Go yet", map[string]string{"README.md": "services\n"})
	repo.commit("backend", backendModule(2000))
	repo.commit("backend: 32 times the work", map[string]string{"backend/p/work.go": scratchWork(64000)})

	t.Chdir(filepath.Join(repo.dir, "backend"))
	_, stderr, code := runCLI(t, "run", "--benchtime", "200x", "--count", "3", "--output", "out")
	if code != 0 {
		t.Fatalf("run in backend/: exit %d\n%s", code, stderr)
	}
	doc, _ := readDoc(t, filepath.Join("out", "latest.json"))
	if len(doc.Results) != 1 || !strings.HasPrefix(doc.Results[0].Name, "Work") || doc.Results[0].Group != "example.com/backend/p" {
		t.Fatalf("run in backend/ recorded %+v, want Work of example.com/backend/p", doc.Results)
	}

	stdout, stderr, code := runCLI(t, "compare", "--baseline", "ref:HEAD~1", "--benchtime", "200x", "--rounds", "4", "--format", "json")
	if code != ExitRegression {
		t.Fatalf("compare --baseline ref:HEAD~1 in backend/: exit %d, want 1 (32 times the work)\n%s\n%s", code, stdout, stderr)
	}
	var report struct {
		Benchmarks []struct{ Name, Status string } `json:"benchmarks"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Benchmarks) != 1 || report.Benchmarks[0].Status != "regression" {
		t.Errorf("compare: %+v, want Work measured on both sides and regressed", report.Benchmarks)
	}
	_, stderr, code = runCLI(t, "compare", "--baseline", "ref:HEAD~2", "--benchtime", "200x", "--rounds", "2")
	if code != ExitBadInput || !strings.Contains(stderr, "baseline: revision HEAD~2 (") || !strings.Contains(stderr, "has no directory backend/, where the working tree's module is") {
		t.Errorf("compare with a revision before backend/: exit %d, want 2 naming the revision and directory\n%s", code, stderr)
	}

	t.Chdir(repo.dir)
	inputs := map[string]string{"INPUT_WORKING-DIRECTORY": "backend", "INPUT_BASELINE": "ref:HEAD~1", "INPUT_BENCHTIME": "200x", "INPUT_ROUNDS": "4"}
	log, code := runGateCLI(t, inputs, "--output-dir", "")
	if code != ExitRegression || !strings.Contains(log, "verdict: regression") {
		t.Fatalf("gate with working-directory backend: exit %d, want 1\n%s", code, log)
	}
	for _, f := range []string{"latest.json", "baseline.json", "report.md"} {
		if _, err := os.Stat(filepath.Join("backend", "benchmarks", "output", f)); err != nil {
			t.Errorf("gate output: %v", err)
		}
	}
	inputs["INPUT_BASELINE"] = "ref:HEAD~2"
	log, code = runGateCLI(t, inputs)
	if code != ExitBadInput || !strings.Contains(log, "input baseline: ref:HEAD~2: baseline: revision HEAD~2 (") || !strings.Contains(log, "has no directory backend/") {
		t.Errorf("gate with a revision before backend/: exit %d, want 2 naming it\n%s", code, log)
	}
	log, code = runGateCLI(t, map[string]string{"INPUT_WORKING-DIRECTORY": "frontend"})
	if code != ExitBadInput || !strings.Contains(log, `input working-directory: "frontend": no such directory`) {
		t.Errorf("gate with a working-directory that does not exist: exit %d\n%s", code, log)
	}
	log, code = runGateCLI(t, map[string]string{}, "--working-directory", "backend/p")
	if code != ExitBadInput || !strings.Contains(log, `input working-directory: "backend/p": no go.mod in this directory`) {
		t.Errorf("gate with a package directory: exit %d\n%s", code, log)
	}
}

// taggedBench is a benchmark file that builds only with the tag bench.
const taggedBench = "//go:build bench\n\npackage p\n\nimport \"testing\"\n\nvar sink uint64\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work()\n\t}\n}\n"

// TestBuildTags: a benchmark behind //go:build bench matches nothing without
// --tags (exit 2 naming the pattern and the file left out) and is recorded with
// it, by run, by the gate's build-tags, and on both sides of compare's A/B.
func TestBuildTags(t *testing.T) {
	repo := newScratchRepo(t)
	repo.commit("tagged", map[string]string{
		"go.mod":          "module example.com/tagged\n\ngo 1.24\n",
		"p/work.go":       scratchWork(1000),
		"p/plain_test.go": "package p\n\nimport \"testing\"\n\nfunc TestWork(t *testing.T) { _ = Work() }\n",
		"p/bench_test.go": taggedBench,
	})
	repo.commit("a little more work", map[string]string{"p/work.go": scratchWork(1100)})
	t.Chdir(repo.dir)

	_, stderr, code := runCLI(t, "run", "--benchtime", "10x", "--count", "1", "--output", "untagged")
	if code != ExitBadInput || !strings.Contains(stderr, "no benchmark matches -bench . in ./... (1 package(s) with tests); without build tags, build constraints leave out p/bench_test.go") {
		t.Errorf("run without --tags: exit %d, want 2 naming the pattern and the file\n%s", code, stderr)
	}
	if _, err := os.Stat("untagged"); !os.IsNotExist(err) {
		t.Errorf("a failed run wrote its output directory: %v", err)
	}
	_, stderr, code = runCLI(t, "run", "--tags", "bench", "--benchtime", "10x", "--count", "2", "--output", "tagged")
	if code != 0 {
		t.Fatalf("run --tags bench: exit %d\n%s", code, stderr)
	}
	if doc, _ := readDoc(t, filepath.Join("tagged", "latest.json")); len(doc.Results) != 1 || !strings.HasPrefix(doc.Results[0].Name, "Work") {
		t.Errorf("run --tags bench recorded %+v, want Work", doc.Results)
	}
	_, stderr, code = runCLI(t, "run", "--tags", "-exec=x", "--output", "bad")
	if code != ExitBadInput || !strings.Contains(stderr, `run: --tags: "-exec=x": want build tags separated by commas`) {
		t.Errorf("run --tags -exec=x: exit %d\n%s", code, stderr)
	}
	_, stderr, code = runCLI(t, "run", "--suite", "builtin", "--tags", "bench", "--output", "bad")
	if code != ExitBadInput || !strings.Contains(stderr, "run: --tags: a flag of --suite go-test, and the suite is builtin") {
		t.Errorf("run --suite builtin --tags: exit %d\n%s", code, stderr)
	}

	log, code := runGateCLI(t, map[string]string{"INPUT_BUILD-TAGS": "bench", "INPUT_BENCHTIME": "10x", "INPUT_COUNT": "2"})
	if code != 0 || !strings.Contains(log, "verdict: no-baseline") {
		t.Errorf("gate with build-tags: exit %d, want 0 (recorded, no baseline)\n%s", code, log)
	}
	log, code = runGateCLI(t, map[string]string{"INPUT_BENCHTIME": "10x", "INPUT_COUNT": "1"})
	if code != ExitBadInput || !strings.Contains(log, "leave out p/bench_test.go: give the tags they need (--tags; the action's input build-tags)") {
		t.Errorf("gate without build-tags: exit %d, want 2 naming the file left out\n%s", code, log)
	}

	stdout, stderr, code := runCLI(t, "compare", "--baseline", "ref:HEAD~1", "--tags", "bench", "--benchtime", "10x", "--rounds", "2", "--format", "json")
	if code == ExitBadInput || !strings.Contains(stdout, `"name": "Work`) || strings.Contains(stdout, `"status": "new"`) {
		t.Errorf("compare --tags bench against ref:HEAD~1: exit %d, want Work measured on both sides\n%s\n%s", code, stdout, stderr)
	}
}
