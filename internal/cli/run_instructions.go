package cli

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strconv"

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
// concurrently, v's jobs at a time (bench.Valgrind.CountJobs); the first
// benchmark, in doc's order, that cannot be counted is the error.
func countInstructions(ctx context.Context, v bench.Valgrind, doc *bench.Document, env Env) error {
	exe, err := selfExecutable()
	if err != nil {
		return fmt.Errorf("instructions: cannot find this program to run it under valgrind: %w", err)
	}
	jobs := make([]bench.InstructionJob, len(doc.Results))
	for i := range doc.Results {
		r := &doc.Results[i]
		jobs[i] = bench.InstructionJob{
			Result:  r,
			Program: bench.SuiteProgram([]string{exe, iterationsCommand}, r.Name),
			Plan:    bench.PlanPhases(r.MedianNs, r.BytesPerOp, r.BatchSize),
		}
	}
	errs := v.CountJobs(ctx, jobs, func(i int, err error) {
		if err == nil {
			r := jobs[i].Result
			m := r.Metrics[bench.MetricInstructions]
			fmt.Fprintf(env.Stderr, "instructions %-32s %12.1f %s (%d samples)\n", r.Name, m.Median, m.Unit, len(m.Samples))
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("instructions: %s: %w", jobs[i].Result.Name, err)
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
