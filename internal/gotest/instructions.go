package gotest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// gomaxprocsSuffix is the -GOMAXPROCS suffix that go test adds to a name.
var gomaxprocsSuffix = regexp.MustCompile(`-\d+$`)

// CountInstructions adds to each result of the recording that has a time its
// instructions per operation (bench.MetricInstructions), counted under v by
// running its package's test binary alone for planned iteration counts on one
// CPU (bench.GoTestProgram, bench.Valgrind.CountJobs), as many at once as v allows.
// A benchmark without time (it reported 0 ns/op) is not counted. A count that
// fails is an error naming the benchmark.
func (r *Recording) CountInstructions(ctx context.Context, v bench.Valgrind, progress io.Writer) error {
	if progress == nil {
		progress = io.Discard
	}
	var jobs []bench.InstructionJob
	for i := range r.Doc.Results {
		res := &r.Doc.Results[i]
		if len(res.SamplesNs) == 0 {
			continue
		}
		p := r.Programs[i]
		jobs = append(jobs, bench.InstructionJob{
			Result:  res,
			Program: bench.GoTestProgram(p.Binary.Path, p.Binary.Dir, "Benchmark"+gomaxprocsSuffix.ReplaceAllString(p.Name, "")),
			Plan:    bench.PlanInstructions(res.MedianNs, res.BytesPerOp, 1),
		})
	}
	errs := v.CountJobs(ctx, jobs, func(i int, err error) {
		if err == nil {
			res := jobs[i].Result
			m := res.Metrics[bench.MetricInstructions]
			fmt.Fprintf(progress, "instructions %-32s %12.1f %s (%d samples)\n", res.Name, m.Median, m.Unit, len(m.Samples))
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, err := range errs {
		if err != nil {
			errs[i] = fmt.Errorf("instructions: %s: %w", jobs[i].Result.Name, err)
		}
	}
	return errors.Join(errs...)
}
