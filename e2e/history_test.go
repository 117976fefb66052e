package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// historyWorkflow gates a push and adds the result to the history store.
func historyWorkflow(current string) string {
	return `name: gate
on: push
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: gate
        uses: ./
        with:
          baseline: fixtures/base.json
          current: fixtures/` + current + `
          fail-on-regression: "false"
          history: on-push
          history-recent: "3"
`
}

// TestActionHistory runs action.yml under act on pushes, with a local bare
// repository as the remote: a push to the default branch starts the store branch
// cost-ops-bench-data, a second adds its run next to the first, a push to another
// branch adds nothing; the job summary reports the trends.
func TestActionHistory(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := newRepo(t)
	bare := filepath.Join(t.TempDir(), "remote.git")
	gitIn(t, repo, "init", "--quiet", "--bare", bare)
	gitIn(t, repo, "branch", "-m", "main")
	gitIn(t, repo, "remote", "add", "origin", bare)
	gitIn(t, repo, "push", "--quiet", "origin", "main")

	runs := func() []string {
		out, err := exec.Command("git", "-C", bare, "ls-tree", "-r", "--name-only", "cost-ops-bench-data").Output()
		if err != nil {
			return nil
		}
		var files []string
		for _, f := range strings.Fields(string(out)) {
			if strings.HasPrefix(f, "runs/") {
				files = append(files, f)
			}
		}
		return files
	}
	for i, current := range []string{"current-pass.json", "current-regression.json"} {
		r := runActPush(t, act, repo, gh, historyWorkflow(current), "refs/heads/main")
		if r.err != nil {
			t.Fatalf("push %d: job failed: %v\n%s", i+1, r.err, r.text())
		}
		if got := runs(); len(got) != i+1 {
			t.Fatalf("after push %d: the store branch holds %v, want %d run(s)\n%s", i+1, got, i+1, r.text())
		}
		summary := r.summaryContaining("## Benchmark trends")
		if !strings.Contains(summary, i2s(i+1)+" run") {
			t.Errorf("push %d: job summary without the trend of %d run(s):\n%s", i+1, i+1, summary)
		}
	}
	if page := gitIn(t, bare, "show", "cost-ops-bench-data:index.html"); !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Errorf("the store branch has no dashboard: %.200s", page)
	}
	if n := gitIn(t, bare, "rev-list", "--count", "cost-ops-bench-data"); n != "2" {
		t.Errorf("the store branch has %s commits, want 2 (its own history, none of main's)", n)
	}
	// A push to another branch adds nothing.
	r := runActPush(t, act, repo, gh, historyWorkflow("current-pass.json"), "refs/heads/feature")
	if r.err != nil {
		t.Fatalf("push to feature: job failed: %v\n%s", r.err, r.text())
	}
	if got := runs(); len(got) != 2 {
		t.Errorf("a push to feature changed the store: %v", got)
	}
	if !strings.Contains(r.text(), "not the default branch") {
		t.Errorf("the push to feature does not say why nothing was added:\n%s", r.text())
	}
}

func i2s(i int) string { return string(rune('0' + i)) }

// runActPush runs workflow under act for a push to ref.
func runActPush(t *testing.T, act, repo string, gh *fakeGitHub, workflow, ref string) *actRun {
	t.Helper()
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(workflow))
	tmp := t.TempDir()
	event := filepath.Join(tmp, "event.json")
	writeFile(t, event, []byte(`{"ref":"`+ref+`","after":"`+headSHA+`","repository":{"default_branch":"main","full_name":"`+repoName+`"}}`))
	return execActEvent(t, act, repo, tmp, "push", event, gh, "GITHUB_REF="+ref)
}

// summaryContaining returns the job summary part that contains marker.
func (r *actRun) summaryContaining(marker string) string {
	for _, l := range r.lines() {
		if l.Command == "summary" && strings.Contains(l.Content, marker) {
			return l.Content
		}
	}
	return ""
}
