package gate

import (
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"strings"
	"testing"
)

// A fork's workflow produces the pr-number of the privileged workflow_run gate, so
// the gate comments only on a pull request whose head is the commit that run measured.
func TestWorkflowRunCommentsOnlyOnTheRunsPullRequest(t *testing.T) {
	t.Parallel()
	const runHead = "feedface00000000000000000000000000000000"
	payload := `{"workflow_run":{"head_sha":"` + runHead + `","pull_requests":[]},"repository":{"default_branch":"main"}}`
	tests := []struct {
		name        string
		payload     string
		heads       map[int]string
		wantComment bool
		wantWarn    string
	}{
		{"head matches", payload, map[int]string{34: runHead}, true, ""},
		{"another pull request", payload, map[int]string{34: "0123456789abcdef0123456789abcdef01234567"}, false, "pr-number does not belong to this run"},
		{"pull request not found", payload, map[int]string{}, false, "404 Not Found"},
		{"event without head_sha", `{"workflow_run":{"pull_requests":[]}}`, map[int]string{34: runHead}, false, "names no head commit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "workflow_run", tt.payload)
			h.gh.heads = tt.heads
			s := h.settings("testdata/base.json", "testdata/current-regression.json")
			s.PRNumber = "34"
			out, err := h.run(s)
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != compare.VerdictRegression || !out.Failed() {
				t.Errorf("outcome %+v: the verdict must still decide", out)
			}
			if got := len(h.gh.comments) == 1; got != tt.wantComment {
				t.Fatalf("%d comments, want comment = %v (calls %v)", len(h.gh.comments), tt.wantComment, h.gh.calls)
			}
			if tt.wantWarn != "" {
				if stdout := h.stdout.String(); !strings.Contains(stdout, "::warning::") || !strings.Contains(stdout, tt.wantWarn) {
					t.Errorf("stdout lacks the warning %q:\n%s", tt.wantWarn, stdout)
				}
				if !strings.Contains(h.summary(), "1 regression") {
					t.Errorf("the job summary lacks the report")
				}
			}
		})
	}
}
