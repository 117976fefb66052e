package gate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

const usageTestdata = "../../testdata/usage"

// usageSettings are a cost gate's settings over testdata/usage, priced by its
// catalog.
func (h *harness) usageSettings(baseline, current string) Settings {
	s := h.settings(baseline, current)
	s.Usage = UsageSettings{Catalog: filepath.Join(usageTestdata, "catalog.yaml"), Unpriced: "fail"}
	return s
}

// TestUsageGate: with usage logs as baseline and current, the gate compares their
// cost, and the summary, the report file, the comment and the outputs say which
// scenario got more expensive.
func TestUsageGate(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	out, err := h.run(h.usageSettings(filepath.Join(usageTestdata, "baseline.jsonl"), filepath.Join(usageTestdata, "current.jsonl")))
	if err != nil {
		t.Fatal(err)
	}
	if out.Verdict != compare.VerdictRegression || !out.Failed() || out.Counts.Regressions != 1 {
		t.Fatalf("verdict %s, counts %+v", out.Verdict, out.Counts)
	}
	o := h.outputs()
	if o["verdict"] != "regression" || o["regressions"] != "1" || o["result-path"] != filepath.Join(usageTestdata, "current.jsonl") {
		t.Errorf("outputs %v", o)
	}
	golden(t, "usage-summary.md.golden", h.summary())
	if len(h.gh.comments) != 1 || !strings.Contains(h.gh.comments[0].Body, "| summarize |") {
		t.Errorf("comments %+v", h.gh.comments)
	}
	if !strings.Contains(h.stdout.String(), "summarize") {
		t.Errorf("console lacks the scenario:\n%s", h.stdout.String())
	}
}

func TestUsageGateArtifactBaseline(t *testing.T) {
	t.Parallel()
	base, err := os.ReadFile(filepath.Join(usageTestdata, "baseline.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	run := github.Run{ID: 30, HeadBranch: "main", HeadSHA: "c0ffee0123456789", URL: "https://github.test/octo/repo/actions/runs/30"}
	art := github.Artifact{ID: 300, Name: "eval-usage", RunID: 30, HeadBranch: "main", HeadSHA: "c0ffee0123456789",
		CreatedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)}
	tests := []struct {
		name        string
		zip         []byte
		runs        []github.Run
		wantVerdict compare.Verdict
		wantErr     string
		wantText    string
	}{
		{name: "usage log of the base branch", zip: zipOf(t, map[string][]byte{"eval/usage.jsonl": base}), runs: []github.Run{run},
			wantVerdict: compare.VerdictRegression, wantText: "`artifact:eval-usage` at `c0ffee012345`"},
		{name: "no artifact yet", wantVerdict: compare.VerdictNoBaseline, wantText: `no unexpired artifact "eval-usage"`},
		{name: "a result in the archive", zip: zipOf(t, map[string][]byte{"latest.json": []byte(`{"schema_version":1,"results":[]}`)}), runs: []github.Run{run},
			wantErr: "artifact:eval-usage/latest.json is not a usage log"},
		{name: "bad record in the archive", zip: zipOf(t, map[string][]byte{"usage.jsonl": []byte(strings.Replace(string(base), `"total_tokens":`, `"total_tokens":-`, 1))}),
			runs: []github.Run{run}, wantErr: "artifact:eval-usage/usage.jsonl:1: total_tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.gh.runs, h.gh.artifacts, h.gh.zips = tt.runs, []github.Artifact{art}, map[int64][]byte{300: tt.zip}
			out, err := h.run(h.usageSettings("artifact:eval-usage", filepath.Join(usageTestdata, "current.jsonl")))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != tt.wantVerdict || !strings.Contains(h.summary(), tt.wantText) {
				t.Errorf("verdict %s (want %s); summary lacks %q:\n%s", out.Verdict, tt.wantVerdict, tt.wantText, h.summary())
			}
		})
	}
}

func TestUsageGateInputs(t *testing.T) {
	t.Parallel()
	cur := filepath.Join(usageTestdata, "current.jsonl")
	tests := []struct {
		name    string
		edit    func(*Settings)
		wantErr string
		want    compare.Verdict
	}{
		{name: "no baseline file yet", edit: func(s *Settings) { s.Baseline = "none.jsonl" }, want: compare.VerdictNoBaseline},
		{name: "no baseline, required", edit: func(s *Settings) { s.Baseline = "none.jsonl"; s.MissingBaseline = "fail" }, want: compare.VerdictNoBaseline},
		{name: "baseline a benchmark result", edit: func(s *Settings) { s.Baseline = "testdata/base.json" },
			wantErr: "baseline: testdata/base.json is not a usage log, and the current input " + cur + " is"},
		{name: "bad group-by", edit: func(s *Settings) { s.Usage.GroupBy = "user" }, wantErr: `input group-by: "user"`},
		{name: "bad unpriced", edit: func(s *Settings) { s.Usage.Unpriced = "skip" }, wantErr: `input unpriced: "skip": want fail or report`},
		{name: "history", edit: func(s *Settings) { s.History = "always" }, wantErr: `input history: "always": the history store keeps benchmark results`},
		{name: "bad catalog", edit: func(s *Settings) { s.Usage.Catalog = "nope.yaml" }, wantErr: "input catalog: open nope.yaml"},
		{name: "usage inputs with a benchmark result", edit: func(s *Settings) { s.Baseline, s.Current = "testdata/base.json", "testdata/current-regression.json" },
			wantErr: "inputs group-by, catalog and unpriced apply to a usage log"},
		{name: "unpriced record", edit: func(s *Settings) { s.Current = filepath.Join(usageTestdata, "unpriced.jsonl") },
			wantErr: `unpriced.jsonl:201: model: no price for provider "cohere"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			s := h.usageSettings(filepath.Join(usageTestdata, "baseline.jsonl"), cur)
			if tt.name == "usage inputs with a benchmark result" {
				s.Usage.GroupBy = "model"
			}
			tt.edit(&s)
			out, err := h.run(s)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != tt.want || out.Failed() != (s.MissingBaseline == "fail") {
				t.Errorf("verdict %s (want %s), failed %v", out.Verdict, tt.want, out.Failed())
			}
			if !strings.Contains(h.summary(), "baseline usage log `none.jsonl` does not exist") {
				t.Errorf("summary:\n%s", h.summary())
			}
		})
	}
}
