package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCostGateAction runs action.yml as a cost gate: an eval suite's usage log as
// current, the default branch's as baseline, one catalog for both. The summarize
// scenario got more expensive: the job fails, the outputs and the comment say so,
// and no other scenario is flagged.
func TestCostGateAction(t *testing.T) {
	if testing.Short() && !strings.EqualFold(os.Getenv("CI"), "true") {
		t.Skip("the end-to-end test builds and runs act; skipped with -short")
	}
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := filepath.Join(t.TempDir(), "repo")
	copyAction(t, repoRoot(t), repo)
	for _, f := range []string{"baseline.jsonl", "current.jsonl", "catalog.yaml"} {
		data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "usage", f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(repo, "eval", f), data)
	}
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(`name: eval-cost
on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: gate
        uses: ./
        with:
          current: eval/current.jsonl
          baseline: eval/baseline.jsonl
          catalog: eval/catalog.yaml
          group-by: tag:scenario
          key: eval-cost
      - if: always()
        shell: bash
        env:
          VERDICT: ${{ steps.gate.outputs.verdict }}
          REGRESSIONS: ${{ steps.gate.outputs.regressions }}
          FAILING: ${{ steps.gate.outputs.failing }}
          RESULT_PATH: ${{ steps.gate.outputs.result-path }}
        run: |
          {
            echo "verdict=$VERDICT"
            echo "regressions=$REGRESSIONS"
            echo "failing=$FAILING"
            echo "result-path=$RESULT_PATH"
          } > "$E2E_OUT/outputs.txt"
`))
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=e2e", "GIT_AUTHOR_EMAIL=e2e@example.invalid", "GIT_COMMITTER_NAME=e2e", "GIT_COMMITTER_EMAIL=e2e@example.invalid")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "feature")
	git("add", "-A")
	git("commit", "-q", "-m", "e2e")

	tmp := t.TempDir()
	event := filepath.Join(tmp, "event.json")
	writeFile(t, event, []byte(fmt.Sprintf(`{"number":%d,"pull_request":{"number":%d,"base":{"ref":"main"},"head":{"ref":"feature","sha":%q}},"repository":{"default_branch":"main","full_name":%q}}`,
		prNumber, prNumber, headSHA, repoName)))
	r := execAct(t, act, repo, tmp, event, gh)
	if r.err == nil {
		t.Fatalf("the job succeeded, want it failed on the summarize scenario\n%s", r.text())
	}
	wantOutputs(t, "cost gate", readOutputs(t, filepath.Join(tmp, "outputs.txt"), r), map[string]string{
		"verdict": "regression", "regressions": "1", "failing": "1", "result-path": "eval/current.jsonl",
	})
	comments := gh.gateComments()
	if len(comments) != 1 {
		t.Fatalf("%d gate comments, want 1\n%s", len(comments), r.text())
	}
	body := comments[0].Body
	for _, want := range []string{"**❌ 1 regression**", "| summarize |", "5 groups: 1 regression · 4 unchanged", "catalog `eval/catalog.yaml`"} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	if summary := r.findSummary(); !strings.Contains(summary, "| summarize |") {
		t.Errorf("job summary:\n%s", summary)
	}
	if r.leaksToken() {
		t.Errorf("the token appears in the job log")
	}
}
