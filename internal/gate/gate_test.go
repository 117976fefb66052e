package gate

import (
	"errors"
	"fmt"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

func TestGateGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		event         string
		current       string
		baseline      string
		failOn        string
		wantVerdict   compare.Verdict
		wantComment   bool
		wantOutputs   map[string]string
		wantInSummary string
	}{
		{name: "pr-regression", event: "pull_request", current: "current-regression.json", baseline: "testdata/base.json",
			wantVerdict: compare.VerdictRegression, wantComment: true,
			wantOutputs: map[string]string{"verdict": "regression", "regressions": "1", "failing": "1", "improvements": "1"}},
		{name: "pr-pass", event: "pull_request", current: "current-pass.json", baseline: "testdata/base.json",
			wantVerdict: compare.VerdictPass, wantComment: true,
			wantOutputs: map[string]string{"verdict": "pass", "regressions": "0", "improvements": "0"}},
		{name: "pr-no-baseline", event: "pull_request", current: "current-pass.json", baseline: "testdata/absent.json",
			wantVerdict: compare.VerdictNoBaseline, wantComment: true, wantInSummary: "baselines/main.json",
			wantOutputs: map[string]string{"verdict": "no-baseline", "regressions": "0", "failing": "0"}},
		{name: "push-regression-reported", event: "push", current: "current-regression.json", baseline: "testdata/base.json",
			failOn: "false", wantVerdict: compare.VerdictRegression, wantInSummary: "fail-on-regression",
			wantOutputs: map[string]string{"verdict": "regression", "comment-url": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tt.event, prEvent)
			s := h.settings(tt.baseline, filepath.Join("testdata", tt.current))
			if tt.failOn != "" {
				s.FailOnRegression = tt.failOn
			}
			out, err := h.run(s)
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != tt.wantVerdict || out.Failed() != (tt.wantVerdict == compare.VerdictRegression && tt.failOn != "false") {
				t.Errorf("verdict %s, failed %v; want %s", out.Verdict, out.Failed(), tt.wantVerdict)
			}
			got := h.outputs()
			for k, v := range tt.wantOutputs {
				if got[k] != v {
					t.Errorf("output %s = %q, want %q", k, got[k], v)
				}
			}
			if got["report-path"] != out.ReportPath || got["result-path"] != s.Current {
				t.Errorf("outputs report-path %q result-path %q, want %q and %q", got["report-path"], got["result-path"], out.ReportPath, s.Current)
			}
			summary := h.summary()
			if !strings.Contains(summary, tt.wantInSummary) {
				t.Errorf("summary lacks %q", tt.wantInSummary)
			}
			golden(t, tt.name+".summary.golden", summary)
			if !tt.wantComment {
				if len(h.gh.calls) != 0 {
					t.Errorf("GitHub calls %v, want none on %s", h.gh.calls, tt.event)
				}
				return
			}
			if len(h.gh.comments) != 1 {
				t.Fatalf("%d comments, want 1", len(h.gh.comments))
			}
			c := h.gh.comments[0]
			if got["comment-url"] != c.URL || !strings.HasPrefix(c.Body, github.Marker("")) {
				t.Errorf("comment-url %q, want %q; body starts %.60q, want the marker", got["comment-url"], c.URL, c.Body)
			}
			golden(t, tt.name+".comment.golden", c.Body)
		})
	}
}

func TestCommentPolicy(t *testing.T) {
	t.Parallel()
	old := github.Comment{ID: 5, Body: github.Marker("") + "\nold regression", URL: "https://github.test/c/5"}
	tests := []struct {
		name      string
		event     string
		policy    string
		current   string
		existing  bool
		wantCalls string
		wantURL   string
	}{
		{"always creates", "pull_request", CommentAlways, "current-pass.json", false, "find 7,create 7", "https://github.test/octo/repo/pull/7#issuecomment-100"},
		{"always edits", "pull_request_target", CommentAlways, "current-pass.json", true, "find 7,edit 5", old.URL},
		{"never", "pull_request", CommentNever, "current-regression.json", true, "", ""},
		{"on-regression creates on regression", "pull_request", CommentOnRegression, "current-regression.json", false, "find 7,create 7", "https://github.test/octo/repo/pull/7#issuecomment-100"},
		{"on-regression stays silent on pass", "pull_request", CommentOnRegression, "current-pass.json", false, "find 7", ""},
		{"on-regression updates a stale regression", "pull_request", CommentOnRegression, "current-pass.json", true, "find 7,edit 5", old.URL},
		{"push never comments", "push", CommentAlways, "current-regression.json", false, "", ""},
		{"schedule never comments", "schedule", CommentAlways, "current-pass.json", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tt.event, prEvent)
			if tt.existing {
				h.gh.comments = []github.Comment{old}
			}
			s := h.settings("testdata/base.json", filepath.Join("testdata", tt.current))
			s.Comment = tt.policy
			out, err := h.run(s)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(h.gh.calls, ","); got != tt.wantCalls {
				t.Errorf("GitHub calls %q, want %q", got, tt.wantCalls)
			}
			if out.CommentURL != tt.wantURL {
				t.Errorf("comment URL %q, want %q", out.CommentURL, tt.wantURL)
			}
		})
	}
}

func TestCommentKeysAreSeparate(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	for _, key := range []string{"linux", "macos", "linux"} {
		s := h.settings("testdata/base.json", "testdata/current-pass.json")
		s.Key = key
		if _, err := h.run(s); err != nil {
			t.Fatal(err)
		}
	}
	if len(h.gh.comments) != 2 {
		t.Errorf("%d comments for keys linux, macos, linux; want 2", len(h.gh.comments))
	}
}

func TestCommentFailureDegrades(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		err      error
		wantWarn string
	}{
		{"read-only token", fmt.Errorf("commenting: %w (HTTP 403)", github.ErrPermission), "cannot comment on pull request #7"},
		{"server error", errors.New("POST https://api.github.test/x: 502 token " + testToken), "comment was not posted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.gh.writeErr = tt.err
			out, err := h.run(h.settings("testdata/base.json", "testdata/current-regression.json"))
			if err != nil {
				t.Fatalf("a comment failure failed the gate: %v", err)
			}
			if out.Verdict != compare.VerdictRegression || !out.Failed() || out.CommentURL != "" {
				t.Errorf("outcome %+v: want the verdict to decide, and no comment URL", out)
			}
			stdout := h.stdout.String()
			if !strings.Contains(stdout, "::warning::") || !strings.Contains(stdout, tt.wantWarn) {
				t.Errorf("stdout lacks the warning %q:\n%s", tt.wantWarn, stdout)
			}
			if strings.Count(stdout, testToken) != 1 || !strings.Contains(stdout, "::add-mask::"+testToken) {
				t.Errorf("the token appears outside its add-mask command:\n%s", stdout)
			}
			if !strings.Contains(h.summary(), "1 regression") {
				t.Errorf("the job summary lacks the report")
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	mustWrite(t, bad, "{\n  \"schema_version\": 1,\n  \"results\": [}\n")
	tests := []struct {
		name    string
		edit    func(*Settings)
		wantErr string
	}{
		{"comment policy", func(s *Settings) { s.Comment = "sometimes" }, `input comment: "sometimes"`},
		{"fail-on-regression", func(s *Settings) { s.FailOnRegression = "maybe" }, `input fail-on-regression: "maybe"`},
		{"pr-number", func(s *Settings) { s.PRNumber = "-3" }, `input pr-number`},
		{"artifact without a name", func(s *Settings) { s.Baseline = "artifact:" }, `artifact: needs a name`},
		{"broken baseline", func(s *Settings) { s.Baseline = bad }, "bad.json:3"},
		{"missing current", func(s *Settings) { s.Current = filepath.Join(dir, "nope.json") }, "input current"},
		{"missing config", func(s *Settings) { s.Config = filepath.Join(dir, "nope.yml") }, "input config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			s := h.settings("testdata/base.json", "testdata/current-pass.json")
			tt.edit(&s)
			_, err := h.run(s)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if _, err := os.Stat(filepath.Join(s.OutputDir, "report.md")); err == nil {
				t.Errorf("a report was written despite bad input")
			}
			if len(h.gh.calls) != 0 || h.outputs()["verdict"] != "" {
				t.Errorf("bad input still commented (%v) or set outputs", h.gh.calls)
			}
		})
	}
}

func TestProfileByEvent(t *testing.T) {
	t.Parallel()
	cfg := "threshold: 10%\nprofiles:\n  pull_request:\n    threshold: 60%\n  tag:\n    threshold: 1%\n"
	tests := []struct {
		event, refType, wantProfile string
		wantVerdict                 compare.Verdict
	}{
		{"pull_request", "branch", "pull_request", compare.VerdictPass}, // +49.7% is within 60%
		{"push", "branch", "", compare.VerdictRegression},
		{"push", "tag", "tag", compare.VerdictRegression},
	}
	for _, tt := range tests {
		t.Run(tt.event+"-"+tt.refType, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tt.event, prEvent)
			h.env["GITHUB_REF_TYPE"] = tt.refType
			s := h.settings("testdata/base.json", "testdata/current-regression.json")
			s.Config = filepath.Join(h.dir, "gate.yml")
			mustWrite(t, s.Config, cfg)
			out, err := h.run(s)
			if err != nil {
				t.Fatal(err)
			}
			if out.Comparison.Config.Profile != tt.wantProfile || out.Verdict != tt.wantVerdict {
				t.Errorf("profile %q verdict %s, want %q %s", out.Comparison.Config.Profile, out.Verdict, tt.wantProfile, tt.wantVerdict)
			}
		})
	}
}

func TestConsoleCannotIssueCommands(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "push", prEvent)
	h.env["GITHUB_ACTIONS"] = "true"
	if _, err := h.run(h.settings("testdata/base.json", "testdata/current-regression.json")); err != nil {
		t.Fatal(err)
	}
	stdout := h.stdout.String()
	start := strings.Index(stdout, "::stop-commands::")
	if start < 0 {
		t.Fatalf("no stop-commands fence:\n%s", stdout)
	}
	fence := strings.TrimSpace(strings.SplitN(stdout[start+len("::stop-commands::"):], "\n", 2)[0])
	end := strings.Index(stdout, "::"+fence+"::")
	name := strings.Index(stdout, "evil_<b>@octocat")
	if len(fence) < 32 || end < 0 || name < start || name > end {
		t.Errorf("the console table is not inside the fence %q:\n%s", fence, stdout)
	}
}
