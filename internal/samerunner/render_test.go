package samerunner

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

// renderCases are results as Run returns them, made by hand.
func renderCases() map[string]*Result {
	clean := &Result{
		Suite:    SuiteBuiltin,
		Baseline: SideResult{Side: Baseline, Rev: "main", Commit: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c"},
		Current:  SideResult{Side: Current, Commit: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4", Dirty: true},
		Rounds:   5, RoundsDone: 5, Elapsed: 94*time.Second + 300*time.Millisecond,
		Noise: []Noise{
			{Benchmark: "single_cost_calculation", Rounds: 5, Baseline: 0.021, Current: 0.034},
			{Benchmark: "batch_cost_calculation_100", Rounds: 5, Baseline: 0.012, Current: 0.008},
			{Benchmark: "pricing_lookup", Rounds: 5, Baseline: 0.071, Current: 0.025},
		},
		Problems: []Problem{{Side: Baseline, Unit: "tiered_pricing", Err: ErrMissing}},
	}
	troubled := &Result{
		Suite:    SuiteGoTest,
		Baseline: SideResult{Side: Baseline, Rev: "3f2a9c1", Commit: "3f2a9c1e0000000000000000000000000000beef"},
		Current:  SideResult{Side: Current, Rev: "feature", Commit: "c0ffee0000000000000000000000000000000001"},
		Rounds:   10, RoundsDone: 3, Budget: 10 * time.Minute, Elapsed: 10*time.Minute + 2*time.Second, CutShort: true,
		Noise: []Noise{{Benchmark: "Work-2", Rounds: 3, Baseline: 0.05, Current: 0.04}},
		Problems: []Problem{
			{Side: Baseline, Unit: "example.com/m/slow", Err: &CommandError{Args: []string{"/tmp/x/1.test", "-test.run=^$"},
				Err: errors.New("exit status 2"), Stderr: "goos: linux\npanic: boom"}},
			{Side: Current, Unit: "Old-2", Err: ErrMissing},
		},
	}
	broken := &Result{
		Suite:    SuiteGoTest,
		Baseline: SideResult{Side: Baseline, Rev: "main", Commit: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c"},
		Current:  SideResult{Side: Current, Commit: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4"},
		Rounds:   2, RoundsDone: 2, Elapsed: 800 * time.Millisecond,
	}
	broken.Baseline.BuildErr = &BuildError{Side: Baseline, Rev: "main", Commit: broken.Baseline.Commit,
		Err: &CommandError{Args: []string{"go", "test", "-c"}, Err: errors.New("exit status 1"),
			Stderr: "# example.com/m\n./size.go:3:18: cannot use \"x\" (untyped string constant) as int value"}}
	return map[string]*Result{"clean": clean, "troubled": troubled, "baseline-broken": broken}
}

func TestMarkdownGolden(t *testing.T) {
	t.Parallel()
	for name, res := range renderCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			if err := res.WriteMarkdown(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, "markdown-"+name+".golden", b.String())
		})
	}
}

func TestSummaryGolden(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for _, name := range []string{"clean", "troubled", "baseline-broken"} {
		b.WriteString(renderCases()[name].Summary() + "\n")
	}
	golden(t, "summary.golden", b.String())
}

func TestFencedOutputCannotCloseItsBlock(t *testing.T) {
	t.Parallel()
	got := fenced("x\n```\n# injected heading\n````")
	if !strings.HasPrefix(got, "`````text\n") || !strings.HasSuffix(got, "\n`````") {
		t.Errorf("fenced = %q, want a fence of five backticks around four", got)
	}
	if got := code("a`b"); got != "`a'b`" {
		t.Errorf("code = %q", got)
	}
}

// golden checks got against testdata/name (goldenfile.Check; -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}
