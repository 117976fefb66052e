package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sameRunnerWorkflow gates a pull request against its base revision, measured on
// the runner: the README's example with the go-test suite of a fixture package.
const sameRunnerWorkflow = `name: gate
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
      - if: always()
        shell: bash
        env:
          VERDICT: ${{ steps.gate.outputs.verdict }}
          RESULT_PATH: ${{ steps.gate.outputs.result-path }}
        run: |
          {
            echo "verdict=$VERDICT"
            echo "result-path=$RESULT_PATH"
          } > "$E2E_OUT/outputs.txt"
`

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
	if testing.Short() && !strings.EqualFold(os.Getenv("CI"), "true") {
		t.Skip("the end-to-end test builds and runs act; skipped with -short")
	}
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := newRepo(t)
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=e2e", "GIT_AUTHOR_EMAIL=e2e@example.invalid",
			"GIT_COMMITTER_NAME=e2e", "GIT_COMMITTER_EMAIL=e2e@example.invalid")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(sameRunnerWorkflow))
	writeFile(t, filepath.Join(repo, "abfixture", "work_test.go"), []byte(abFixture(500)))
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	base := git("rev-parse", "HEAD")
	writeFile(t, filepath.Join(repo, "abfixture", "work_test.go"), []byte(abFixture(2000)))
	git("commit", "-q", "-am", "four times the work")

	tmp := t.TempDir()
	event := filepath.Join(tmp, "event.json")
	writeFile(t, event, []byte(fmt.Sprintf(`{"number":%d,"pull_request":{"number":%d,"base":{"ref":"main","sha":%q},"head":{"ref":"feature","sha":%q}},"repository":{"default_branch":"main","full_name":%q}}`,
		prNumber, prNumber, base, headSHA, repoName)))
	r := execAct(t, act, repo, tmp, event, gh)
	r.outputs = readOutputs(t, filepath.Join(tmp, "outputs.txt"), r)
	if r.err == nil || r.outputs["verdict"] != "regression" {
		t.Fatalf("job error %v, verdict %q; want a failed job with verdict regression\n%s", r.err, r.outputs["verdict"], r.text())
	}
	comments := gh.gateComments()
	if len(comments) != 1 || !strings.Contains(comments[0].Body, "### Same-runner comparison") ||
		!strings.Contains(comments[0].Body, "suite `go-test`, 10 of 10 rounds") {
		t.Fatalf("gate comments = %d, want one with the same-runner section\n%s", len(comments), r.text())
	}
}
