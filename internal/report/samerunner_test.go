package report

import (
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
		Rounds:   5, RoundsDone: 5, Elapsed: 94*time.Second + 300*time.Millisecond,
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
	return map[string]*samerunner.Result{"clean": clean, "troubled": troubled, "baseline-broken": broken}
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
	for _, name := range []string{"clean", "troubled", "baseline-broken"} {
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
