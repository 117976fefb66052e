package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCostGateAction runs action.yml as a cost gate: an eval suite's usage log as
// current, the default branch's as baseline, one catalog for both. The summarize
// scenario got more expensive: the job fails, the outputs and the comment say so,
// and no other scenario is flagged.
func TestCostGateAction(t *testing.T) {
	requireEndToEnd(t)
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
	wf := `name: eval-cost
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
` + outputsStep("verdict", "regressions", "failing", "result-path")
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(wf)) // committed, as a user's is
	gitIn(t, repo, "init", "-q", "-b", "feature")
	commitAll(t, repo, "e2e")
	r := runPR(t, act, repo, gh, wf, "")
	if r.err == nil {
		t.Fatalf("the job succeeded, want it failed on the summarize scenario\n%s", r.text())
	}
	wantOutputs(t, "cost gate", r.outputs, map[string]string{
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
	if summary := r.summary; !strings.Contains(summary, "| summarize |") {
		t.Errorf("job summary:\n%s", summary)
	}
	if r.leaksToken() {
		t.Errorf("the token appears in the job log")
	}
}
