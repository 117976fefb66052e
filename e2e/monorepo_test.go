package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// monorepoWorkflow gates a pull request of a repository whose Go module is in
// backend/, with its benchmark behind //go:build bench, against the base revision
// measured on the runner: examples/go-monorepo-gate.yml's step for one module.
var monorepoWorkflow = `name: gate
on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - id: gate
        uses: ./.cost-ops-bench
        with:
          working-directory: backend
          build-tags: bench
          baseline: ref:${{ github.event.pull_request.base.sha }}
          benchtime: 20000x
          budget: 5m
` + outputsStep("verdict", "regressions", "result-path", "report-path")

// TestActionModuleInASubdirectory runs action.yml in a repository whose top has no
// go.mod and whose module, backend/, has its benchmark behind a build tag: the
// pull request's head does eight times the work of its base, so the gate records
// backend/ of both commits with the tag, fails the job with one regression, writes
// under backend/benchmarks/output, and comments under the key backend.
func TestActionModuleInASubdirectory(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := filepath.Join(t.TempDir(), "services")
	copyAction(t, repoRoot(t), filepath.Join(repo, ".cost-ops-bench"))
	writeFile(t, filepath.Join(repo, "README.md"), []byte("services; the Go module is backend/\n"))
	writeFile(t, filepath.Join(repo, "backend", "go.mod"), []byte("module example.com/backend\n\ngo 1.24\n"))
	writeFile(t, filepath.Join(repo, "backend", "hash", "mix.go"), []byte(userWork(1000)))
	writeFile(t, filepath.Join(repo, "backend", "hash", "mix_test.go"), []byte("//go:build bench\n\n"+userBenchmark))
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(monorepoWorkflow))
	gitIn(t, repo, "init", "-q", "-b", "feature")
	commitAll(t, repo, "backend")
	base := gitIn(t, repo, "rev-parse", "HEAD")
	writeFile(t, filepath.Join(repo, "backend", "hash", "mix.go"), []byte(userWork(8000)))
	commitAll(t, repo, "eight times the work")

	r := runPR(t, act, repo, gh, monorepoWorkflow, base)
	want := map[string]string{"verdict": "regression", "regressions": "1",
		"result-path": "backend/benchmarks/output/latest.json", "report-path": "backend/benchmarks/output/report.md"}
	if r.err == nil {
		t.Errorf("the job passed; want it failed by the regression")
	}
	wantOutputs(t, "monorepo", r.outputs, want)
	if !strings.Contains(r.text(), "suite: go-test, the go test benchmarks of module example.com/backend in backend (") || !strings.Contains(r.text(), "build tags bench)") {
		t.Errorf("the log does not say that backend's benchmarks run with the tag\n%s", r.text())
	}
	comments := gh.gateComments()
	if len(comments) != 1 || !strings.HasPrefix(comments[0].Body, "<!-- cost-ops-bench:gate key=backend -->") ||
		!strings.Contains(comments[0].Body, "Mix") || !strings.Contains(comments[0].Body, "### Same-runner comparison") {
		t.Fatalf("gate comments = %+v, want one under the key backend with Mix and the same-runner section\n%s", comments, r.text())
	}
}
