package gate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// confirm re-measures, in fresh processes, the benchmarks whose time regressed
// against a recorded baseline, before the regression fails the gate: the suite runs
// them again (its own processes, as `run` spreads them), each one's new samples join
// its first ones (bench.Combine: the processes stay apart), and the comparison is
// decided again on the union. A slowdown that was one unlucky set of processes
// falls back inside the noise; a real one stays. The combined document replaces the
// current result at curPath, so that the result output is what was decided on.
// Nothing to confirm returns c and cur unchanged.
func confirm(ctx context.Context, run SuiteRunner, curPath string, base, cur *bench.Document, cfg compare.Config, c *compare.Comparison) (*compare.Comparison, *bench.Document, error) {
	names := c.TimeRegressions()
	if len(names) == 0 || run == nil {
		return c, cur, nil
	}
	dir, err := os.MkdirTemp(filepath.Dir(curPath), "confirm-*")
	if err != nil {
		return nil, nil, fmt.Errorf("re-measuring the time regressions: %w", err)
	}
	defer os.RemoveAll(dir)
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	if err := run(ctx, dir, []string{"/^(" + strings.Join(quoted, "|") + ")$/"}); err != nil {
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
