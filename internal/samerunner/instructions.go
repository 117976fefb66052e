package samerunner

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// benchPackage is the package of the built-in suite's BenchmarkSuite, relative to
// the module directory: the program that counts a built-in benchmark's
// instructions on either side, old revisions included (their cost-ops-bench may
// predate `run --measure`).
const benchPackage = "./bench"

// findValgrind is bench.FindValgrind on this system; tests replace it.
var findValgrind = func() (bench.Valgrind, error) { return bench.FindValgrind(runtime.GOOS, exec.LookPath) }

// countInstructions adds the instructions per operation of every result of both
// sides' documents (Options.Measure instructions): each benchmark runs under
// valgrind in fresh processes of its side's own binary (bench.Valgrind.CountJobs),
// once per side, after the time rounds. Counts do not drift with the machine, so
// they need no alternation; all benchmarks of both sides are counted
// concurrently, as many processes at once as there are CPUs. A benchmark that
// cannot be counted is a Problem and keeps its time.
func (ab *abRun) countInstructions(ctx context.Context, v bench.Valgrind) error {
	var jobs []bench.InstructionJob
	var sides []*side // the side of each job
	for _, s := range []*side{ab.base, ab.cur} {
		if s.Doc == nil || len(s.Doc.Results) == 0 {
			continue
		}
		programs, err := ab.instructionPrograms(ctx, s)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			ab.res.Problems = append(ab.res.Problems, Problem{Side: s.Side, Err: fmt.Errorf("instructions: %w", err)})
			continue
		}
		for i := range s.Doc.Results {
			r := &s.Doc.Results[i]
			jobs = append(jobs, bench.InstructionJob{Result: r, Program: programs(r.Name), Plan: bench.PlanInstructions(r.MedianNs, r.BytesPerOp, r.BatchSize)})
			sides = append(sides, s)
		}
	}
	v.CountJobs(ctx, jobs, func(i int, err error) {
		s, r := sides[i], jobs[i].Result
		switch {
		case err == nil:
			m := r.Metrics[bench.MetricInstructions]
			fmt.Fprintf(ab.opts.Progress, "ab: instructions %s %s: %.1f %s\n", s.Side, r.Name, m.Median, m.Unit)
		case ctx.Err() == nil:
			ab.res.Problems = append(ab.res.Problems, Problem{Side: s.Side, Unit: r.Name, Err: fmt.Errorf("instructions: %w", err)})
			fmt.Fprintf(ab.opts.Progress, "ab: instructions %s %s: failed: %s\n", s.Side, r.Name, brief(err))
		}
	})
	return ctx.Err()
}

// instructionPrograms returns, for side s, the Program that runs one of its
// benchmarks by name: the go-test suite's test binary of the benchmark's package,
// or for the built-in suite the side's `go test -c ./bench` binary running
// BenchmarkSuite/<name>.
func (ab *abRun) instructionPrograms(ctx context.Context, s *side) (func(name string) bench.Program, error) {
	if g, ok := ab.suite.(*goTestSuite); ok {
		return func(name string) bench.Program {
			bin := g.bins[s.Side][s.origin[name]]
			return bench.GoTestProgram(bin.path, bin.dir, goTestName(name))
		}, nil
	}
	exe := filepath.Join(s.bin, "bench.test")
	if _, err := command(ctx, s.tree, nil, "go", "test", "-c", "-trimpath", "-o", exe, benchPackage); err != nil {
		return nil, err
	}
	dir := filepath.Join(s.tree, filepath.FromSlash(benchPackage))
	return func(name string) bench.Program {
		return bench.GoTestProgram(exe, dir, "BenchmarkSuite/"+name)
	}, nil
}

// gomaxprocsSuffix is the -GOMAXPROCS suffix that `go test -bench` adds to a
// benchmark's name, and that the Go benchmark format keeps.
var gomaxprocsSuffix = regexp.MustCompile(`-\d+$`)

// goTestName turns a benchmark's name as the Go benchmark format gives it (no
// "Benchmark" prefix, a -GOMAXPROCS suffix) back into the name `go test` runs
// with one CPU: BenchmarkX/sub. A sub-benchmark whose own name ends in -N is
// indistinguishable in that format from one with the suffix, as for benchstat.
func goTestName(name string) string {
	return "Benchmark" + gomaxprocsSuffix.ReplaceAllString(name, "")
}
