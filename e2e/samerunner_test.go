package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// sameRunnerWorkflow gates a pull request against its base revision, measured on
// the runner: the README's example with the go-test suite of a fixture package.
var sameRunnerWorkflow = `name: gate
on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - id: gate
        uses: ./
        with:
          baseline: ref:${{ github.event.pull_request.base.sha }}
          suite: go-test
          packages: ./abfixture
          benchtime: 20000x
          rounds: "10"
          budget: 5m
` + outputsStep("verdict", "result-path")

// abFixture is a package whose benchmark does size rounds of work.
func abFixture(size int) string {
	return fmt.Sprintf(`package abfixture

import "testing"

var sink uint64

func BenchmarkWork(b *testing.B) {
	for i := 0; i < b.N; i++ {
		x := uint64(1)
		for j := 0; j < %d; j++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		sink = x
	}
}
`, size)
}

// TestActionSameRunner runs action.yml with baseline: ref:<base sha> on a pull
// request whose head does four times the work of its base: the gate builds both
// commits on the runner, runs them alternately and fails the job.
func TestActionSameRunner(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := newRepo(t)
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(sameRunnerWorkflow)) // committed, as a user's is
	writeFile(t, filepath.Join(repo, "abfixture", "work_test.go"), []byte(abFixture(500)))
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "-m", "base")
	base := gitIn(t, repo, "rev-parse", "HEAD")
	writeFile(t, filepath.Join(repo, "abfixture", "work_test.go"), []byte(abFixture(2000)))
	gitIn(t, repo, "commit", "-q", "-am", "four times the work")

	r := runPR(t, act, repo, gh, sameRunnerWorkflow, base)
	if r.err == nil || r.outputs["verdict"] != "regression" {
		t.Fatalf("job error %v, verdict %q; want a failed job with verdict regression\n%s", r.err, r.outputs["verdict"], r.text())
	}
	comments := gh.gateComments()
	if len(comments) != 1 || !strings.Contains(comments[0].Body, "### Same-runner comparison") ||
		!strings.Contains(comments[0].Body, "suite `go-test`, 10 of 10 rounds") {
		t.Fatalf("gate comments = %d, want one with the same-runner section\n%s", len(comments), r.text())
	}
}
