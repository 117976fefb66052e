package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goModuleWorkflow is what a user of the action writes in a Go module of their
// own: check out, then use the action with a baseline file, and nothing about
// what to run (the action takes from the module in a subdirectory, as uses:
// org/cost-ops-bench@v1 would from elsewhere). benchtime and count only keep the
// test short.
const goModuleWorkflow = `name: bench
on: pull_request
jobs:
  bench:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: gate
        uses: ./.cost-ops-bench
        with:
          baseline: baselines/bench.json
          benchtime: 2000x
          count: "6"
      - if: always()
        shell: bash
        env:
          VERDICT: ${{ steps.gate.outputs.verdict }}
          REGRESSIONS: ${{ steps.gate.outputs.regressions }}
          RESULT_PATH: ${{ steps.gate.outputs.result-path }}
        run: |
          {
            echo "verdict=$VERDICT"
            echo "regressions=$REGRESSIONS"
            echo "result-path=$RESULT_PATH"
          } > "$E2E_OUT/outputs.txt"
          if [ -n "$RESULT_PATH" ]; then cp "$RESULT_PATH" "$E2E_OUT/result.json"; fi
`

// userWork is the module's code: size rounds of arithmetic per call.
func userWork(size int) string {
	return fmt.Sprintf(`package hash

// Mix does %d rounds of arithmetic.
func Mix(seed uint64) uint64 {
	x := seed
	for j := 0; j < %d; j++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}
`, size, size)
}

const userBenchmark = `package hash

import "testing"

var sink uint64

func BenchmarkMix(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Mix(uint64(i))
	}
}
`

// newModuleRepo makes a git repository of a Go module that is not this one
// (example.com/userbench), with this action in .cost-ops-bench.
func newModuleRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "userbench")
	copyAction(t, repoRoot(t), filepath.Join(dir, ".cost-ops-bench"))
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module example.com/userbench\n\ngo 1.24\n"))
	writeFile(t, filepath.Join(dir, "hash", "mix.go"), []byte(userWork(2000)))
	writeFile(t, filepath.Join(dir, "hash", "mix_test.go"), []byte(userBenchmark))
	writeFile(t, filepath.Join(dir, ".github", "workflows", "gate.yml"), []byte(goModuleWorkflow))
	gitIn(t, dir, "init", "-q", "-b", "feature")
	commitAll(t, dir, "a module of benchmarks")
	return dir
}

// gomaxprocsName is a result name's -N suffix in a result document.
var gomaxprocsName = regexp.MustCompile(`("name": "Mix)(-\d+)?"`)

// TestActionGatesAGoModule is issue 15's "done when": in a Go module that is not
// this repository, the action's defaults run that module's go test benchmarks.
// The first run has no baseline and passes; its result, renamed as if recorded
// on an 8-core laptop (Mix-8), becomes the committed baseline; a change that
// makes Mix four times slower then fails the job with a regression of Mix.
func TestActionGatesAGoModule(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := newModuleRepo(t)

	first := runModuleAct(t, act, repo, gh)
	if first.err != nil || first.outputs["verdict"] != "no-baseline" {
		t.Fatalf("run 1: job error %v, verdict %q; want a passing job with no baseline\n%s", first.err, first.outputs["verdict"], first.text())
	}
	if !strings.Contains(first.text(), "suite: go-test, the go test benchmarks of module example.com/userbench") {
		t.Errorf("run 1: the log does not say that the module's benchmarks run\n%s", first.text())
	}
	result, err := os.ReadFile(filepath.Join(first.tmp, "result.json"))
	if err != nil {
		t.Fatalf("run 1: no result file: %v\n%s", err, first.text())
	}
	if !gomaxprocsName.Match(result) {
		t.Fatalf("run 1: the result has no benchmark Mix:\n%s", result)
	}
	writeFile(t, filepath.Join(repo, "baselines", "bench.json"), gomaxprocsName.ReplaceAll(result, []byte(`${1}-8"`)))
	writeFile(t, filepath.Join(repo, "hash", "mix.go"), []byte(userWork(8000)))
	commitAll(t, repo, "four times the work, and the baseline")

	second := runModuleAct(t, act, repo, gh)
	if second.err == nil || second.outputs["verdict"] != "regression" || second.outputs["regressions"] != "1" {
		t.Fatalf("run 2: job error %v, outputs %v; want a failed job with one regression\n%s", second.err, second.outputs, second.text())
	}
	comments := gh.gateComments()
	if len(comments) != 1 || !strings.Contains(comments[0].Body, "Mix") || !strings.Contains(comments[0].Body, "gomaxprocs") {
		t.Fatalf("gate comments = %d, want one naming Mix and the GOMAXPROCS difference\n%s", len(comments), second.text())
	}
}

// moduleRun is an act run of the module's workflow and its output directory.
type moduleRun struct {
	*actRun
	tmp string
}

func runModuleAct(t *testing.T, act, repo string, gh *fakeGitHub) moduleRun {
	t.Helper()
	tmp := t.TempDir()
	r := execAct(t, act, repo, tmp, prEvent(t, tmp, ""), gh)
	r.outputs = readOutputs(t, filepath.Join(tmp, "outputs.txt"), r)
	return moduleRun{actRun: r, tmp: tmp}
}
