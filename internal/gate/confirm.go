package gate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// confirm re-measures, in fresh processes, the benchmarks whose time regressed
// against a recorded baseline, before the regression fails the gate: the suite runs
// them again (its own processes, as `run` spreads them), each one's new samples join
// its first ones (bench.Combine: the processes stay apart), and the comparison is
// decided again on the union. A slowdown that was one unlucky set of processes
// falls back inside the noise; a real one stays. The combined document replaces the
// current result at curPath, so that the result output is what was decided on.
// Nothing to confirm returns c and cur unchanged.
func confirm(ctx context.Context, run SuiteRunner, v validated, curPath string, base, cur *bench.Document, cfg compare.Config, c *compare.Comparison) (*compare.Comparison, *bench.Document, error) {
	names := c.TimeRegressions()
	if len(names) == 0 || run == nil {
		return c, cur, nil
	}
	dir, err := os.MkdirTemp(filepath.Dir(curPath), "confirm-*")
	if err != nil {
		return nil, nil, fmt.Errorf("re-measuring the time regressions: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := run(ctx, again(v, dir, names, cur)); err != nil {
		return nil, nil, fmt.Errorf("re-measuring the time regressions %s: %w", strings.Join(names, ", "), err)
	}
	again, err := bench.ReadFile(filepath.Join(dir, "latest.json"))
	if err != nil {
		return nil, nil, fmt.Errorf("re-measuring the time regressions: %w", err)
	}
	union := *cur
	union.Results = append([]bench.Result(nil), cur.Results...)
	fresh := map[string]bench.Result{}
	for _, r := range again.Results {
		fresh[r.Name] = r
	}
	for i, r := range union.Results {
		if f, ok := fresh[r.Name]; ok {
			union.Results[i] = bench.Combine([]bench.Result{r, f})
		}
	}
	if err := bench.WriteFile(curPath, &union); err != nil {
		return nil, nil, fmt.Errorf("writing the re-measured result: %w", err)
	}
	out := compare.Compare(base, &union, cfg)
	out.MarkRemeasured(names)
	return out, &union, nil
}

// again is the run that re-measures the benchmarks names of cur into dir: a
// filter of their names for the built-in suite; for go-test, exactly those
// benchmarks of their packages (Result.Group), with the filter input kept.
func again(v validated, dir string, names []string, cur *bench.Document) SuiteRun {
	if v.suite.Suite == samerunner.SuiteGoTest {
		r := v.suiteRun(dir, v.filters)
		for _, res := range cur.Results {
			if slices.ContainsFunc(names, func(n string) bool { return compare.EntryMatches(n, res.Name) }) {
				r.Only = append(r.Only, gotest.Name{Package: res.Group, Name: res.Name})
			}
		}
		return r
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return v.suiteRun(dir, []string{"/^(" + strings.Join(quoted, "|") + ")$/"})
}
