package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// renderCases are results as Run returns them, made by hand.
func renderCases() map[string]*samerunner.Result {
	clean := &samerunner.Result{
		Suite:    samerunner.SuiteBuiltin,
		Baseline: samerunner.SideResult{Side: samerunner.Baseline, Rev: "main", Commit: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c"},
		Current:  samerunner.SideResult{Side: samerunner.Current, Commit: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4", Dirty: true},
		Rounds:   5, RoundsDone: 5, Elapsed: 94*time.Second + 300*time.Millisecond, Layouts: 5,
		Noise: []samerunner.Noise{
			{Benchmark: "single_cost_calculation", Rounds: 5, Baseline: 0.021, Current: 0.034},
			{Benchmark: "batch_cost_calculation_100", Rounds: 5, Baseline: 0.012, Current: 0.008},
			{Benchmark: "pricing_lookup", Rounds: 5, Baseline: 0.071, Current: 0.025},
		},
		Problems: []samerunner.Problem{{Side: samerunner.Baseline, Unit: "tiered_pricing", Err: samerunner.ErrMissing}},
	}
	troubled := &samerunner.Result{
		Suite:    samerunner.SuiteGoTest,
		Baseline: samerunner.SideResult{Side: samerunner.Baseline, Rev: "3f2a9c1", Commit: "3f2a9c1e0000000000000000000000000000beef"},
		Current:  samerunner.SideResult{Side: samerunner.Current, Rev: "feature", Commit: "c0ffee0000000000000000000000000000000001"},
		Rounds:   10, RoundsDone: 3, Budget: 10 * time.Minute, Elapsed: 10*time.Minute + 2*time.Second, CutShort: true,
		Noise: []samerunner.Noise{{Benchmark: "Work-2", Rounds: 3, Baseline: 0.05, Current: 0.04}},
		Problems: []samerunner.Problem{
			{Side: samerunner.Baseline, Unit: "example.com/m/slow", Err: &samerunner.CommandError{Args: []string{"/tmp/x/1.test", "-test.run=^$"},
				Err: errors.New("exit status 2"), Stderr: "goos: linux\npanic: boom"}},
			{Side: samerunner.Current, Unit: "Old-2", Err: samerunner.ErrMissing},
		},
	}
	broken := &samerunner.Result{
		Suite:    samerunner.SuiteGoTest,
		Baseline: samerunner.SideResult{Side: samerunner.Baseline, Rev: "main", Commit: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c"},
		Current:  samerunner.SideResult{Side: samerunner.Current, Commit: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4"},
		Rounds:   2, RoundsDone: 2, Elapsed: 800 * time.Millisecond,
	}
	broken.Baseline.BuildErr = &samerunner.BuildError{Side: samerunner.Baseline, Rev: "main", Commit: broken.Baseline.Commit,
		Err: &samerunner.CommandError{Args: []string{"go", "test", "-c"}, Err: errors.New("exit status 1"),
			Stderr: "# example.com/m\n./size.go:3:18: cannot use \"x\" (untyped string constant) as int value"}}
	// Two benchmarks inconclusive after the planned rounds: one decided after 10
	// extra rounds, one still inconclusive when the budget ended its extra rounds.
	extended := &samerunner.Result{
		Suite:    samerunner.SuiteBuiltin,
		Baseline: samerunner.SideResult{Side: samerunner.Baseline, Rev: "main", Commit: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c"},
		Current:  samerunner.SideResult{Side: samerunner.Current, Commit: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4"},
		Rounds:   10, RoundsDone: 10, Budget: 20 * time.Minute, Elapsed: 20*time.Minute + time.Second, Layouts: 10,
		Noise: []samerunner.Noise{
			{Benchmark: "single_cost_calculation", Rounds: 10, Baseline: 0.021, Current: 0.034},
			{Benchmark: "usage_validation", Rounds: 20, Baseline: 0.12, Current: 0.09},
			{Benchmark: "pricing_lookup", Rounds: 27, Baseline: 0.151, Current: 0.2},
		},
		Extra:          []samerunner.Extra{{Benchmark: "usage_validation", Rounds: 10}, {Benchmark: "pricing_lookup", Rounds: 17, Inconclusive: true}},
		MaxExtraRounds: 30, ExtraCutShort: true,
	}
	return map[string]*samerunner.Result{"clean": clean, "troubled": troubled, "baseline-broken": broken, "extended": extended}
}

func TestSameRunnerMarkdownGolden(t *testing.T) {
	t.Parallel()
	for name, res := range renderCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			if err := SameRunnerMarkdown(&b, res); err != nil {
				t.Fatal(err)
			}
			golden(t, "samerunner-markdown-"+name+".golden", []byte(b.String()))
		})
	}
}

func TestSameRunnerSummaryGolden(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for _, name := range []string{"clean", "troubled", "baseline-broken", "extended"} {
		b.WriteString(SameRunnerSummary(renderCases()[name]) + "\n")
	}
	golden(t, "samerunner-summary.golden", []byte(b.String()))
}

func TestFencedOutputCannotCloseItsBlock(t *testing.T) {
	t.Parallel()
	got := fenced("x\n```\n# injected heading\n````")
	if !strings.HasPrefix(got, "`````text\n") || !strings.HasSuffix(got, "\n`````") {
		t.Errorf("fenced = %q, want a fence of five backticks around four", got)
	}
}

// TestSameRunnerJSON renders each case's JSON report (over a comparison of fixture
// files) and keeps its same-runner parts, the same_runner section and the warnings,
// as golden files; a passing verdict must not hide what went wrong.
func TestSameRunnerJSON(t *testing.T) {
	t.Parallel()
	for name, res := range renderCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var out, notes bytes.Buffer
			err := jsonFormat(&out, &Report{Comparison: load(t, "base.json", "current-pass.json", "", ""), SameRunner: res}, Options{Notes: &notes})
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Verdict    string          `json:"verdict"`
				Warnings   []string        `json:"warnings"`
				SameRunner json.RawMessage `json:"same_runner"`
			}
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatalf("the report is not JSON: %v\n%s", err, out.Bytes())
			}
			if got, want := notes.String(), SameRunnerSummary(res)+"\n"; got != want {
				t.Errorf("notes %q, want the summary line %q", got, want)
			}
			var sr map[string]any
			if err := json.Unmarshal(doc.SameRunner, &sr); err != nil {
				t.Fatal(err)
			}
			// What must never be a silent pass.
			checks := map[string]bool{
				"baseline builds":   sr["baseline"].(map[string]any)["builds"] == (res.Baseline.BuildErr == nil),
				"cut short":         sr["cut_short"] == res.CutShort,
				"rounds done":       sr["rounds_done"] == float64(res.RoundsDone),
				"extra cut short":   sr["extra_rounds"].(map[string]any)["cut_short"] == res.ExtraCutShort,
				"extra benchmarks":  len(sr["extra_rounds"].(map[string]any)["benchmarks"].([]any)) == len(res.Extra),
				"a warning for all": (sameRunnerWarningCount(doc.Warnings) > 0) == (res.CutShort || res.ExtraCutShort || res.Baseline.BuildErr != nil || failed(res)),
			}
			for what, ok := range checks {
				if !ok {
					t.Errorf("%s: JSON does not say it; same_runner %s, warnings %q", what, doc.SameRunner, doc.Warnings)
				}
			}
			parts, err := json.MarshalIndent(map[string]any{"verdict": doc.Verdict, "warnings": doc.Warnings, "same_runner": doc.SameRunner}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "samerunner-"+name+".json.golden", append(parts, '\n'))
		})
	}
}

// failed reports whether a benchmark failed (not merely missing) on a side.
func failed(r *samerunner.Result) bool {
	for _, p := range r.Problems {
		if !errors.Is(p.Err, samerunner.ErrMissing) {
			return true
		}
	}
	return false
}

func sameRunnerWarningCount(ws []string) int {
	n := 0
	for _, w := range ws {
		if strings.HasPrefix(w, "same-runner: ") {
			n++
		}
	}
	return n
}
