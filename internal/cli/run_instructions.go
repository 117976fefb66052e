package cli

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"sync"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// iterationsCommand is the hidden subcommand that an instruction count runs
// under valgrind: `cost-ops-bench __iterations NAME N1 N2 ... [NAME2 N1 ...]`
// runs the suite's benchmark NAME for N1, then N2, ... iterations, marking each
// run, then NAME2 likewise (bench.Registry.RunGroup), and prints "NAME N1 N2
// ..." for each.
const iterationsCommand = "__iterations"

// lookPath finds valgrind; tests replace it.
var lookPath = exec.LookPath

// findValgrind returns the valgrind that --measure instructions needs, or an
// error that says how to install it (Linux) or that it needs Linux.
func findValgrind() (bench.Valgrind, error) {
	v, err := bench.FindValgrind(runtime.GOOS, lookPath)
	if err != nil {
		return v, fmt.Errorf("run: --measure instructions: %w", err)
	}
	return v.WithJobs(0), nil
}

// countInstructions adds the instructions per operation of each of doc's
// results, counted under v by running this program's hidden iterations
// command, whose runs are counted apart (bench.SuiteGroup, bench.PlanPhases).
// The benchmarks are shared among as many processes as v runs at once (its
// jobs), each process counting its benchmarks one after another: one valgrind
// and Go start-up for several benchmarks. The iteration counts follow from each
// result's time and bytes per operation; the first benchmark, in doc's order,
// that cannot be counted is the error.
func countInstructions(ctx context.Context, v bench.Valgrind, doc *bench.Document, env Env) error {
	exe, err := selfExecutable()
	if err != nil {
		return fmt.Errorf("instructions: cannot find this program to run it under valgrind: %w", err)
	}
	n := len(doc.Results)
	groups := make([][]int, max(1, min(n, v.Jobs()))) // result indexes, dealt round-robin
	for i := range n {
		groups[i%len(groups)] = append(groups[i%len(groups)], i)
	}
	errs := make([]error, n)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, idx := range groups {
		g := bench.SuiteGroup{Args: []string{exe, iterationsCommand}}
		plans := make([]bench.InstructionPlan, len(idx))
		for k, i := range idx {
			r := &doc.Results[i]
			g.Names = append(g.Names, r.Name)
			plans[k] = bench.PlanPhases(r.MedianNs, r.BytesPerOp, r.BatchSize)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			metrics, gerrs := v.PerOpGroup(ctx, g, plans)
			mu.Lock()
			defer mu.Unlock()
			for k, i := range idx {
				r := &doc.Results[i]
				if errs[i] = gerrs[k]; errs[i] != nil {
					continue
				}
				if r.Metrics == nil {
					r.Metrics = map[string]bench.Metric{}
				}
				m := metrics[k]
				r.Metrics[bench.MetricInstructions] = m
				fmt.Fprintf(env.Stderr, "instructions %-32s %12.1f %s (%d samples)\n", r.Name, m.Median, m.Unit, len(m.Samples))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("instructions: %s: %w", doc.Results[i].Name, err)
		}
	}
	return nil
}

// runIterations is the hidden child command of an instruction count: each
// benchmark's name followed by its iteration counts (bench.ParseIterationRuns),
// run one after another (bench.Registry.RunGroup).
func runIterations(_ context.Context, args []string, env Env) error {
	runs, err := bench.ParseIterationRuns(args)
	if err != nil {
		return usageErrorf("%s: %v", iterationsCommand, err)
	}
	return bench.Suite().RunGroup(runs, func(line string) { fmt.Fprintln(env.Stdout, line) })
}
