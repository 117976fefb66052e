package cli

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strconv"
	"sync"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// iterationsCommand is the hidden subcommand that an instruction count runs
// under valgrind: `cost-ops-bench __iterations NAME N1 N2 ...` runs the suite's
// benchmark NAME for N1, then N2, ... iterations, marking each run
// (bench.Registry.RunIterations), and prints "NAME N1 N2 ...".
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
// command, one process per benchmark whose runs are counted apart
// (bench.SuiteProgram, bench.PlanPhases). The iteration counts follow from each
// result's time and bytes per operation; the benchmarks are counted
// concurrently, v's jobs at a time.
func countInstructions(ctx context.Context, v bench.Valgrind, doc *bench.Document, env Env) error {
	exe, err := selfExecutable()
	if err != nil {
		return fmt.Errorf("instructions: cannot find this program to run it under valgrind: %w", err)
	}
	var mu sync.Mutex
	errs := make([]error, len(doc.Results))
	var wg sync.WaitGroup
	for i := range doc.Results {
		r := &doc.Results[i]
		plan := bench.PlanPhases(r.MedianNs, r.BytesPerOp, r.BatchSize)
		prog := bench.SuiteProgram([]string{exe, iterationsCommand}, r.Name)
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := v.PerOp(ctx, prog, plan)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs[i] = fmt.Errorf("instructions: %s: %w", r.Name, err)
				return
			}
			if r.Metrics == nil {
				r.Metrics = map[string]bench.Metric{}
			}
			r.Metrics[bench.MetricInstructions] = m
			fmt.Fprintf(env.Stderr, "instructions %-32s %12.1f %s (%d samples)\n", r.Name, m.Median, m.Unit, len(m.Samples))
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// runIterations is the hidden child command of an instruction count.
func runIterations(_ context.Context, args []string, env Env) error {
	if len(args) < 2 {
		return usageErrorf("%s: want a benchmark name and iteration counts", iterationsCommand)
	}
	iters := make([]int64, len(args)-1)
	for i, a := range args[1:] {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return usageErrorf("%s: iterations: %v", iterationsCommand, err)
		}
		iters[i] = n
	}
	return bench.Suite().RunIterations(args[0], iters, func(line string) { fmt.Fprintln(env.Stdout, line) })
}
