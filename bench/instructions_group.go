package bench

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
)

// IterationRun is one benchmark of a group run in one process: its name and
// the iteration counts of its phases.
type IterationRun struct {
	Name  string
	Iters []int64
}

// RunGroup runs the registered benchmarks of runs one after another in this
// process, each as RunIterations runs it alone (its Setup, InstructionMark
// before each count and once after the last), and prints each one's report
// line. Between two benchmarks (after one's last mark, before the next one's
// first) the heap is collected and returned to the system
// (debug.FreeOSMemory), so that each benchmark starts from a small heap however
// much the one before allocated (the counting process runs without the garbage
// collector); that interval is not a phase of either benchmark.
func (r *Registry) RunGroup(runs []IterationRun, out func(string)) error {
	if len(runs) == 0 {
		return fmt.Errorf("no benchmark")
	}
	for i, run := range runs {
		if i > 0 {
			debug.FreeOSMemory()
		}
		if err := r.RunIterations(run.Name, run.Iters, out); err != nil {
			return err
		}
	}
	return nil
}

// ParseIterationRuns reads the arguments of a group's child command: each
// benchmark's name followed by its iteration counts ("a 10 110 b 5 55").
func ParseIterationRuns(args []string) ([]IterationRun, error) {
	var runs []IterationRun
	for _, a := range args {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			if strings.TrimLeft(a, "+-0123456789") == "" {
				return nil, fmt.Errorf("iterations: %v", err)
			}
			runs = append(runs, IterationRun{Name: a})
			continue
		}
		if len(runs) == 0 {
			return nil, fmt.Errorf("iterations %d before a benchmark name", n)
		}
		runs[len(runs)-1].Iters = append(runs[len(runs)-1].Iters, n)
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("no benchmark")
	}
	for _, r := range runs {
		if len(r.Iters) == 0 {
			return nil, fmt.Errorf("%s: no iteration count", r.Name)
		}
	}
	return runs, nil
}

// SuiteGroup is the hidden child command of `run --measure instructions` (as
// SuiteProgram) running several registered benchmarks in one process
// (Registry.RunGroup): one valgrind start-up, one Go runtime start-up, for all
// of them.
type SuiteGroup struct {
	Args  []string // the command, before the benchmarks' names and counts
	Names []string // the benchmarks, in the order they run
	Env   []string // nil: this process's
	Dir   string
}

// command is the group's command line for each benchmark's counts.
func (g SuiteGroup) command(iters [][]int64) []string {
	cmd := append([]string(nil), g.Args...)
	for i, name := range g.Names {
		cmd = append(cmd, name)
		for _, n := range iters[i] {
			cmd = append(cmd, strconv.FormatInt(n, 10))
		}
	}
	return cmd
}

// countGroupPhases runs the group once under callgrind, each benchmark for its
// counts, and returns each benchmark's counts by phase.
func (v Valgrind) countGroupPhases(ctx context.Context, g SuiteGroup, iters [][]int64) ([][]uint64, error) {
	var flat []int64
	var want []string
	marks := 0
	for i, it := range iters {
		flat = append(flat, it...)
		want = append(want, iterationsReport(g.Names[i], it))
		marks += len(it) + 1
	}
	p := Program{Mark: MarkSymbol, Env: g.Env, Dir: g.Dir, Check: func(stdout []byte, _ []int64) error {
		if got := strings.TrimSpace(string(stdout)); got != strings.Join(want, "\n") {
			return fmt.Errorf("benchmarks %s: the child reported %q, want %q", strings.Join(g.Names, ", "), got, strings.Join(want, "\n"))
		}
		return nil
	}}
	counts, err := v.countMarks(ctx, p, g.command(iters), flat, marks-1)
	if err != nil {
		return nil, err
	}
	out := make([][]uint64, len(iters))
	for i, it := range iters {
		out[i], counts = counts[:len(it)], counts[len(it):]
		if len(counts) > 0 {
			counts = counts[1:] // from this benchmark's last mark to the next one's first: its setup
		}
	}
	return out, nil
}

// PerOpGroup is PerOp for the benchmarks of g, plans[i] the plan of g.Names[i]:
// their pairs of phases run in one process (after each one's warm-up), and the
// benchmarks whose first count asks for a new plan (InstructionPlan.Target) run
// the pairs still missing in a second process of the group, as PerOp runs a
// second process of one benchmark. It returns each benchmark's metric, or the
// error that kept it from being counted (a failed process fails all of its
// benchmarks).
func (v Valgrind) PerOpGroup(ctx context.Context, g SuiteGroup, plans []InstructionPlan) ([]Metric, []error) {
	n := len(g.Names)
	plans = slices.Clone(plans)
	metrics, errs := make([]Metric, n), make([]error, n)
	pairs := make([]int, n)
	samples := make([][]float64, n)
	for i, plan := range plans {
		if plan.Low <= 0 || plan.High <= plan.Low {
			errs[i] = fmt.Errorf("instruction plan: need 0 < low < high iterations, have %d and %d", plan.Low, plan.High)
		}
		pairs[i] = plan.Pairs
		if pairs[i] <= 0 {
			pairs[i] = DefaultInstructionPairs
		}
	}
	for round := range 2 {
		sub := g
		sub.Names = nil
		var idx []int
		var iters [][]int64
		for i := range n {
			if rest := pairs[i] - len(samples[i]); errs[i] == nil && rest > 0 {
				idx = append(idx, i)
				sub.Names = append(sub.Names, g.Names[i])
				iters = append(iters, plans[i].phaseIters(rest))
			}
		}
		if len(idx) == 0 {
			break
		}
		counts, err := v.countGroupPhases(ctx, sub, iters)
		for k, i := range idx {
			if err != nil {
				errs[i] = err
				continue
			}
			s, diff := perOp(counts[k][1:], plans[i])
			if round == 0 {
				plans[i], s = plans[i].replan(s, diff)
			}
			samples[i] = append(samples[i], s...)
		}
	}
	for i := range n {
		if errs[i] == nil {
			metrics[i] = NewMetric(UnitInstructions, samples[i])
		}
	}
	return metrics, errs
}

// Jobs is the number of valgrind processes v runs at once (WithJobs); 0 is no
// limit.
func (v Valgrind) Jobs() int { return cap(v.slots) }
