package gate

import (
	"github.com/cost-ops-bench/cost-ops-bench/compare"

	"path/filepath"
	"strings"
	"testing"
)

// TestMissingBaselinePolicy: missing-baseline (input) or missing_baseline (config,
// profiles included) set to fail turns no baseline into a failed gate; report, the
// default, passes; the input wins over the config; fail-on-regression false only
// warns; a baseline that exists is compared as usual.
func TestMissingBaselinePolicy(t *testing.T) {
	t.Parallel()
	const absent = "testdata/absent.json"
	tests := []struct {
		name      string
		event     string
		refType   string
		config    string // YAML, "" for none
		input     string // missing-baseline
		failOn    string
		baseline  string
		comment   string
		wantFail  bool
		verdict   compare.Verdict
		wantLog   string // in the job log (annotations and the verdict line)
		wantCalls string // GitHub calls, "" for none checked
	}{
		{name: "default reports", event: "push", baseline: absent, verdict: compare.VerdictNoBaseline,
			wantLog: "::notice::cost-ops-bench: no baseline yet; the gate passes"},
		{name: "input fail", event: "push", input: "fail", baseline: absent, wantFail: true, verdict: compare.VerdictNoBaseline,
			wantLog: "::error::cost-ops-bench: no baseline, and one is required (missing-baseline: fail)"},
		{name: "no baseline input at all", event: "push", input: "fail", baseline: "", wantFail: true, verdict: compare.VerdictNoBaseline},
		{name: "config fail", event: "push", config: "missing_baseline: fail\n", baseline: absent, wantFail: true, verdict: compare.VerdictNoBaseline},
		{name: "tag profile fail on a tag", event: "push", refType: "tag", config: "profiles:\n  tag:\n    missing_baseline: fail\n",
			baseline: absent, wantFail: true, verdict: compare.VerdictNoBaseline},
		{name: "tag profile not on a branch", event: "push", refType: "branch", config: "profiles:\n  tag:\n    missing_baseline: fail\n",
			baseline: absent, verdict: compare.VerdictNoBaseline},
		{name: "input report overrides config fail", event: "push", config: "missing_baseline: fail\n", input: "report",
			baseline: absent, verdict: compare.VerdictNoBaseline},
		{name: "fail-on-regression false warns", event: "push", input: "fail", failOn: "false", baseline: absent, verdict: compare.VerdictNoBaseline,
			wantLog: "::warning::cost-ops-bench: no baseline, and one is required (missing-baseline: fail), but fail-on-regression is false"},
		{name: "a baseline that exists is compared", event: "push", input: "fail", baseline: "testdata/base.json", verdict: compare.VerdictPass},
		{name: "on-regression comments a required baseline that is missing", event: "pull_request", input: "fail",
			comment: CommentOnRegression, baseline: absent, wantFail: true, verdict: compare.VerdictNoBaseline, wantCalls: "find 7,create 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tt.event, prEvent)
			h.env["GITHUB_REF_TYPE"] = tt.refType
			s := h.settings(tt.baseline, filepath.Join("testdata", "current-pass.json"))
			s.MissingBaseline = tt.input
			if tt.failOn != "" {
				s.FailOnRegression = tt.failOn
			}
			if tt.comment != "" {
				s.Comment = tt.comment
			}
			if tt.config != "" {
				s.Config = filepath.Join(h.dir, "gate.yml")
				mustWrite(t, s.Config, tt.config)
			}
			out, err := h.run(s)
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != tt.verdict || out.Failed() != tt.wantFail {
				t.Errorf("verdict %s, failed %v; want %s, %v", out.Verdict, out.Failed(), tt.verdict, tt.wantFail)
			}
			if got := h.outputs()["verdict"]; got != string(tt.verdict) {
				t.Errorf("output verdict = %q, want %q", got, tt.verdict)
			}
			if !strings.Contains(h.stdout.String(), tt.wantLog) {
				t.Errorf("job log lacks %q:\n%s", tt.wantLog, h.stdout.String())
			}
			summary := h.summary()
			required := strings.Contains(summary, "and the gate fails: a baseline is required")
			if tt.verdict == compare.VerdictNoBaseline && required != (tt.wantFail || tt.failOn == "false") {
				t.Errorf("the summary says the gate fails: %v; want %v\n%s", required, !required, summary)
			}
			if tt.wantCalls != "" && strings.Join(h.gh.calls, ",") != tt.wantCalls {
				t.Errorf("GitHub calls %v, want %s", h.gh.calls, tt.wantCalls)
			}
		})
	}
}

func TestMissingBaselineInputValidated(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "push", prEvent)
	s := h.settings("testdata/absent.json", filepath.Join("testdata", "current-pass.json"))
	s.MissingBaseline = "maybe"
	if _, err := h.run(s); err == nil || err.Error() != `input missing-baseline: "maybe": want report or fail` {
		t.Errorf("err = %v, want the input named", err)
	}
}

// TestMissingBaselineRequiredGolden is the page of a gate that requires a baseline
// and has none.
func TestMissingBaselineRequiredGolden(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	s := h.settings("testdata/absent.json", filepath.Join("testdata", "current-pass.json"))
	s.MissingBaseline = "fail"
	if _, err := h.run(s); err != nil {
		t.Fatal(err)
	}
	golden(t, "pr-no-baseline-required.summary.golden", h.summary())
}
