package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// UnitInstructions is the unit of the instructions metric (Result.Metrics[MetricInstructions]).
const UnitInstructions = "instructions/op"

// Measures: what `run --measure` records for each benchmark.
const (
	MeasureTime         = "time"         // time samples only
	MeasureInstructions = "instructions" // time samples, and instructions per operation from valgrind
)

// ParseMeasure checks a --measure value (or the action's measure input); "" is
// MeasureTime.
func ParseMeasure(s string) (string, error) {
	switch s {
	case "", MeasureTime:
		return MeasureTime, nil
	case MeasureInstructions:
		return MeasureInstructions, nil
	}
	return "", fmt.Errorf("%q is not %s or %s", s, MeasureTime, MeasureInstructions)
}

// Instruction counting. A benchmark's instructions per operation are the
// difference between the instructions of two runs of the same benchmark, for
// Low and for High iterations, divided by the operations in between: what both
// runs do alike (the calls around the loop, and for two processes start-up,
// setup and exit) cancels out. Each pair of runs gives one sample.
//
// A program that marks its phases (Program.Phases, the suite's own child
// process) runs all its pairs in one process, after a warm-up run of Low
// iterations, and valgrind's callgrind splits its count at each mark: one
// valgrind start-up per benchmark, and nothing of the process's start-up or
// setup in a sample. Other programs (a go test binary's benchmark) run each
// count in a process of its own under cachegrind, two processes per sample.
const (
	// DefaultInstructionPairs is the number of pairs, and so of samples, per
	// benchmark.
	DefaultInstructionPairs = 3
	// instructionTarget is the number of instructions a pair of processes'
	// High process runs beyond the Low one. A Go process's fixed part varies
	// by up to about 10^5 instructions from one process to the next (the
	// runtime's page allocator, sysmon and collections called explicitly, as
	// testing.B does); 2x10^8 keeps that under 0.05% of a sample, and costs
	// under a second of valgrind.
	instructionTarget = 200_000_000
	// PhaseInstructionTarget is the same for the phases of one process: the
	// count of a phase of the same work varies by about 10^4 instructions
	// (the runtime's background thread, sysmon, wakes on a clock), so 5x10^7
	// keeps a sample within 0.02%.
	PhaseInstructionTarget = 50_000_000
	// instructionsPerNs converts a native time per operation into a first guess
	// of its instructions, for planning the iteration counts: the suite's
	// benchmarks ran 12 to 19 instructions per nanosecond of thread CPU time on
	// this project's 2-core development machine; a slower runner, or code that
	// waits on memory, runs fewer, and its first count comes out shorter than
	// planned (re-planned under half the target: below 4 per nanosecond).
	instructionsPerNs = 8
	// instructionAllocCap bounds what the High process allocates: the processes
	// run with the garbage collector off, so this is their heap's growth.
	instructionAllocCap = 256 << 20
	// maxInstructionIters bounds an iteration count.
	maxInstructionIters = 1 << 40
)

// InstructionPlan is how one benchmark's instructions are counted.
type InstructionPlan struct {
	Low, High  int64 // iterations of the two runs of a pair (0 < Low < High)
	OpsPerIter int   // operations of one iteration (the batch size); 0 means 1
	Pairs      int   // pairs of runs, one sample each; 0 means DefaultInstructionPairs

	// Target, when not 0, is the number of instructions the High run should
	// run beyond the Low one: when the first pair (for a program with phases,
	// the first process) finds High-Low iterations to run under half of it or
	// over four times it (Low and High were planned from a guess), its samples
	// are kept only when over half, and the other pairs (or a second process)
	// run iteration counts planned from the first count. 0 keeps Low and High.
	Target int64
	// MaxDelta, when not 0, bounds High-Low in a re-plan (the allocation cap).
	MaxDelta int64
}

// PlanInstructions plans the count of a benchmark that takes nsPerOp
// nanoseconds and allocates bytesPerOp bytes per operation natively, with
// opsPerIter operations per iteration, in pairs of processes: High-Low
// iterations are meant to run about 2x10^8 instructions, guessed from the time
// (corrected after the first pair, see InstructionPlan.Target), unless that
// would allocate more than 256 MiB; Low is a tenth of High-Low (at least one
// iteration, so that the first iteration's one-time work is in both processes).
func PlanInstructions(nsPerOp, bytesPerOp float64, opsPerIter int) InstructionPlan {
	return planInstructions(nsPerOp, bytesPerOp, opsPerIter, instructionTarget, 1)
}

// PlanPhases is PlanInstructions for a program with phases (Program.Phases):
// High-Low iterations are meant to run PhaseInstructionTarget instructions, and
// the allocation cap is for the whole process, which runs Low iterations and
// DefaultInstructionPairs pairs.
func PlanPhases(nsPerOp, bytesPerOp float64, opsPerIter int) InstructionPlan {
	return planInstructions(nsPerOp, bytesPerOp, opsPerIter, PhaseInstructionTarget, 0.1+1.2*DefaultInstructionPairs)
}

// planInstructions plans High-Low to run target instructions, the runs of a
// process to allocate at most instructionAllocCap bytes when they run deltas
// times High-Low iterations.
func planInstructions(nsPerOp, bytesPerOp float64, opsPerIter int, target int64, deltas float64) InstructionPlan {
	plan := InstructionPlan{OpsPerIter: opsPerIter, Target: target, MaxDelta: maxInstructionIters}
	if b := bytesPerOp * float64(max(opsPerIter, 1)); b > 0 {
		plan.MaxDelta = int64(max(9, math.Floor(instructionAllocCap/1.1/deltas/b)))
	}
	perIter := max(nsPerOp, 0.1) * float64(max(opsPerIter, 1)) * instructionsPerNs
	return plan.withDelta(float64(target) / perIter)
}

// withDelta returns p with High-Low as close to delta as MaxDelta and the
// bounds allow, and Low a tenth of it.
func (p InstructionPlan) withDelta(delta float64) InstructionPlan {
	d := min(max(math.Ceil(delta), 9), maxInstructionIters)
	if p.MaxDelta > 0 {
		d = min(d, float64(p.MaxDelta))
	}
	p.Low = int64(math.Ceil(d / 10))
	p.High = p.Low + int64(d)
	return p
}

// Program is a command that runs one benchmark for given numbers of iterations.
type Program struct {
	// Command returns the command line (program and arguments) that runs the
	// benchmark for exactly iters iterations, besides any fixed one-time work.
	// It is used when Phases is nil.
	Command func(iters int64) []string
	// Phases, when not nil, returns the command line that runs the benchmark,
	// after its one-time work, for each count of iters in turn, in one
	// process: it calls the function Mark before each count and once after
	// the last, and nothing else between two calls of Mark.
	Phases func(iters []int64) []string
	// Mark is the name of the phase marker's function in the program's symbol
	// table, as valgrind reads it (MarkSymbol for InstructionMark).
	Mark string
	// Env is the environment of the command (nil: this process's); the
	// settings of InstructionEnv are added to it.
	Env []string
	// Dir is the command's working directory ("": this process's).
	Dir string
	// Check, when not nil, checks the command's standard output: that it ran
	// the benchmark, for iters iterations (Command's one count, or the counts
	// of Phases).
	Check func(stdout []byte, iters []int64) error
}

// Valgrind counts the instructions a program executes, running it under
// valgrind's cachegrind tool without cache simulation (the fastest valgrind
// tool that counts every instruction of every thread).
type Valgrind struct {
	// Path is the valgrind executable.
	Path string
	// slots holds a token per valgrind process running; nil is no limit.
	slots chan struct{}
}

// WithJobs returns v limited to jobs valgrind processes at once, across all the
// calls of Count and PerOp on it and its copies, concurrent ones included (0
// means GOMAXPROCS: the CPUs this process may use). Instruction counts do not
// depend on it.
func (v Valgrind) WithJobs(jobs int) Valgrind {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	v.slots = make(chan struct{}, jobs)
	return v
}

// ErrNoValgrind is the error of FindValgrind when valgrind cannot be used.
var ErrNoValgrind = errors.New("valgrind not found")

// FindValgrind returns a Valgrind that runs the valgrind found on PATH
// (lookPath is exec.LookPath), or an error wrapping ErrNoValgrind that tells how
// to get one on goos.
func FindValgrind(goos string, lookPath func(string) (string, error)) (Valgrind, error) {
	if goos != "linux" {
		return Valgrind{}, fmt.Errorf("%w: instruction counts need Linux (valgrind's cachegrind); this is %s: use --measure time, or run on a Linux machine", ErrNoValgrind, goos)
	}
	path, err := lookPath("valgrind")
	if err != nil {
		return Valgrind{}, fmt.Errorf("%w on PATH: instruction counts need it: install it (Debian, Ubuntu: sudo apt-get install -y valgrind; Fedora: sudo dnf install valgrind), or use --measure time", ErrNoValgrind)
	}
	return Valgrind{Path: path}, nil
}

// InstructionEnv returns env with the settings under which a Go program runs
// the same instructions in every process, as counted under valgrind:
//
//   - GOGC=off: no garbage collection, whose timing, and so whose work within a
//     given number of iterations, depends on the pacer's clock (a GOMEMLIMIT of
//     4 GiB still collects a runaway heap). The collection a workload causes is
//     in its allocs/op and B/op, gated beside instructions.
//   - GOMAXPROCS=1: no idle processor spinning in search of work.
//   - GODEBUG asyncpreemptoff=1: no preemption signals, which arrive on a clock.
//   - GODEBUG cpu.rdtscp=off: valgrind 3.19 and older cannot run RDTSCP (the
//     runtime's cycle counter) on a host CPU that does not report it, as some
//     virtual machines do not; the fallback costs the same everywhere.
//
// Settings of env with the same names are replaced; other GODEBUG settings stay.
func InstructionEnv(env []string) []string {
	out := make([]string, 0, len(env)+4)
	godebug := ""
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GOGC", "GOMAXPROCS", "GOMEMLIMIT":
			continue
		case "GODEBUG":
			godebug = v
			continue
		}
		out = append(out, kv)
	}
	var debug []string
	for _, s := range strings.Split(godebug, ",") {
		k, _, _ := strings.Cut(s, "=")
		if s != "" && k != "asyncpreemptoff" && k != "cpu.rdtscp" {
			debug = append(debug, s)
		}
	}
	debug = append(debug, "asyncpreemptoff=1", "cpu.rdtscp=off")
	return append(out, "GOGC=off", "GOMEMLIMIT=4GiB", "GOMAXPROCS=1", "GODEBUG="+strings.Join(debug, ","))
}

// Count runs the command of p for iters iterations under valgrind's cachegrind
// and returns the instructions it executed, all threads together.
func (v Valgrind) Count(ctx context.Context, p Program, iters int64) (uint64, error) {
	if p.Command == nil {
		return 0, errors.New("instruction count: the program has no command for one count")
	}
	var n uint64
	err := v.run(ctx, p, p.Command(iters), []int64{iters}, func(dir string, vargs []string) []string {
		return append(vargs, "--tool=cachegrind", "--cache-sim=no", "--branch-sim=no", "--cachegrind-out-file=/dev/null")
	}, func(dir string, log []byte) (err error) {
		n, err = parseInstructions(log)
		return err
	})
	return n, err
}

// CountPhases runs the command of p's Phases for the counts iters under
// valgrind's callgrind, which starts a new count at each entry into p.Mark, and
// returns the instructions of each count's phase (all threads together), in
// the order of iters.
func (v Valgrind) CountPhases(ctx context.Context, p Program, iters []int64) ([]uint64, error) {
	if p.Phases == nil || p.Mark == "" {
		return nil, errors.New("instruction count by phase: the program has no phases or no mark")
	}
	return v.countMarks(ctx, p, p.Phases(iters), iters, len(iters))
}

// countMarks runs args, the command of a program with phases, under callgrind,
// which starts a new count at each entry into p.Mark, and returns the
// instructions between each mark and the next: n counts for n+1 marks.
func (v Valgrind) countMarks(ctx context.Context, p Program, args []string, iters []int64, n int) ([]uint64, error) {
	var counts []uint64
	err := v.run(ctx, p, args, iters, func(dir string, vargs []string) []string {
		return append(vargs, "--tool=callgrind", "--dump-before="+p.Mark, "--dump-instr=no", "--dump-line=no",
			"--callgrind-out-file="+filepath.Join(dir, "callgrind.out"))
	}, func(dir string, log []byte) (err error) {
		counts, err = readPhases(filepath.Join(dir, "callgrind.out"), n, p.Mark)
		return err
	})
	return counts, err
}

// run runs args under valgrind with the options that tool adds, in p's
// directory and environment, at most v's jobs at once, and checks the program's
// output; read then reads the counts from the temporary directory and the log.
func (v Valgrind) run(ctx context.Context, p Program, args []string, iters []int64,
	tool func(dir string, vargs []string) []string, read func(dir string, log []byte) error) error {
	if v.slots != nil {
		select {
		case v.slots <- struct{}{}:
			defer func() { <-v.slots }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	dir, err := os.MkdirTemp("", "cost-ops-bench-valgrind-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	logFile := filepath.Join(dir, "valgrind.log")
	vargs := append(tool(dir, nil), "--log-file="+logFile)
	cmd := exec.CommandContext(ctx, v.Path, append(vargs, args...)...)
	cmd.Dir = p.Dir
	env := p.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = InstructionEnv(env)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	what := fmt.Sprintf("%s (%s iterations)", filepath.Base(args[0]), joinInts(iters))
	log, _ := os.ReadFile(logFile)
	if runErr != nil {
		return fmt.Errorf("%s under valgrind: %v%s%s", what, runErr, lastLines(stderr.String()+stdout.String(), 8), lastLines(string(log), 8))
	}
	if p.Check != nil {
		if err := p.Check(stdout.Bytes(), iters); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := read(dir, log); err != nil {
		return fmt.Errorf("valgrind's counts of %s: %w%s", what, err, lastLines(string(log), 12))
	}
	return nil
}

// joinInts writes ns as "n1, n2 and n3".
func joinInts(ns []int64) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.FormatInt(n, 10)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// instructionsLine is cachegrind's summary of the instructions executed.
var instructionsLine = regexp.MustCompile(`(?m)^==\d+== I\s+refs:\s+([\d,]+)\s*$`)

// parseInstructions reads the instruction count from cachegrind's log.
func parseInstructions(log []byte) (uint64, error) {
	m := instructionsLine.FindAllSubmatch(log, -1)
	if len(m) != 1 {
		return 0, fmt.Errorf("no single \"I refs:\" line (found %d)", len(m))
	}
	return strconv.ParseUint(strings.ReplaceAll(string(m[0][1]), ",", ""), 10, 64)
}

// summaryLine is the total cost of one part of callgrind's output (Ir alone,
// without cache simulation).
var summaryLine = regexp.MustCompile(`(?m)^summary:\s+(\d+)\s*$`)

// readPhases reads the instructions of the n phases of a run under callgrind
// with --dump-before=mark, whose output is base.1, base.2, ... (one file per
// entry into mark) and base (the rest, at exit). Part 1 is the program's
// start-up and setup, parts 2 to n+1 are the phases; a run split at another
// number of marks is an error.
func readPhases(base string, n int, mark string) ([]uint64, error) {
	parts, err := filepath.Glob(base + ".*")
	if err != nil {
		return nil, err
	}
	if len(parts) != n+1 {
		return nil, fmt.Errorf("callgrind split the run at %d entries into %s, want %d (is the program's symbol table stripped?)", len(parts), mark, n+1)
	}
	counts := make([]uint64, n)
	for i := range counts {
		part := fmt.Sprintf("%s.%d", base, i+2)
		data, err := os.ReadFile(part)
		if err != nil {
			return nil, err
		}
		m := summaryLine.FindAllSubmatch(data, -1)
		if len(m) != 1 {
			return nil, fmt.Errorf("%s: no single \"summary:\" line (found %d)", filepath.Base(part), len(m))
		}
		if counts[i], err = strconv.ParseUint(string(m[0][1]), 10, 64); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(part), err)
		}
	}
	return counts, nil
}

// lastLines returns the last n lines of s as an indented block after a colon, or
// "" for blank s.
func lastLines(s string, n int) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return ":\n\t" + strings.Join(lines, "\n\t")
}

// PerOp counts the instructions per operation of the benchmark that p runs,
// with plan's iteration counts, plan.Pairs samples: for a program with phases,
// in one process (CountPhases: Low iterations to warm up, then the pairs of
// Low and High), else in pairs of processes (Count), as many at once as v
// allows (WithJobs). With a Target, a first process or pair may re-plan the
// rest (InstructionPlan.Target). The metric's median and interval are
// benchmath's, as for time.
func (v Valgrind) PerOp(ctx context.Context, p Program, plan InstructionPlan) (Metric, error) {
	if plan.Low <= 0 || plan.High <= plan.Low {
		return Metric{}, fmt.Errorf("instruction plan: need 0 < low < high iterations, have %d and %d", plan.Low, plan.High)
	}
	pairs := plan.Pairs
	if pairs <= 0 {
		pairs = DefaultInstructionPairs
	}
	count := v.pairs
	if p.Phases != nil {
		count = v.phases
	}
	first := pairs
	if plan.Target > 0 && p.Phases == nil {
		first = 1 // one pair of processes, then the others as planned from it
	}
	samples, diff, err := count(ctx, p, plan, first)
	if err != nil {
		return Metric{}, err
	}
	plan, samples = plan.replan(samples, diff)
	if rest := pairs - len(samples); rest > 0 {
		more, _, err := count(ctx, p, plan, rest)
		if err != nil {
			return Metric{}, err
		}
		samples = append(samples, more...)
	}
	return NewMetric(UnitInstructions, samples), nil
}

// replan checks the first samples of a count against p's Target: when their
// smallest difference between a High and a Low run is under half the target or
// over four times it, the plan is made again from their count, and under half
// the samples are dropped (too short a difference to keep).
func (p InstructionPlan) replan(samples []float64, diff float64) (InstructionPlan, []float64) {
	target := float64(p.Target)
	if target <= 0 || (diff >= target/2 && diff <= 4*target) {
		return p, samples
	}
	perIter := max(NewMetric(UnitInstructions, samples).Median*float64(max(p.OpsPerIter, 1)), 1e-3)
	p = p.withDelta(target / perIter)
	if diff < target/2 {
		samples = nil
	}
	return p, samples
}

// phaseIters are the counts of a process that runs n pairs of p: Low iterations
// to warm up, then Low and High n times.
func (p InstructionPlan) phaseIters(n int) []int64 {
	iters := []int64{p.Low}
	for range n {
		iters = append(iters, p.Low, p.High)
	}
	return iters
}

// phases runs one process of p with n pairs of phases, after a warm-up phase
// of plan.Low iterations, and returns each pair's instructions per operation
// and the smallest difference between a High and a Low phase.
func (v Valgrind) phases(ctx context.Context, p Program, plan InstructionPlan, n int) ([]float64, float64, error) {
	counts, err := v.CountPhases(ctx, p, plan.phaseIters(n))
	if err != nil {
		return nil, 0, err
	}
	samples, minDiff := perOp(counts[1:], plan)
	return samples, minDiff, nil
}

// pairs runs n pairs of processes with plan's Low and High iterations, all at
// once (v limits them), and returns each pair's instructions per operation and
// the smallest difference between a High and a Low count.
func (v Valgrind) pairs(ctx context.Context, p Program, plan InstructionPlan, n int) ([]float64, float64, error) {
	counts := make([]uint64, 2*n)
	err := all(ctx, len(counts), func(ctx context.Context, i int) error {
		iters := plan.Low
		if i%2 == 1 {
			iters = plan.High
		}
		c, err := v.Count(ctx, p, iters)
		counts[i] = c
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	samples, minDiff := perOp(counts, plan)
	return samples, minDiff, nil
}

// perOp turns counts of Low and High runs, alternating, into instructions per
// operation, one per pair, and returns the smallest difference of a pair.
func perOp(counts []uint64, plan InstructionPlan) ([]float64, float64) {
	ops := float64(plan.High-plan.Low) * float64(max(plan.OpsPerIter, 1))
	samples := make([]float64, len(counts)/2)
	minDiff := math.Inf(1)
	for i := range samples {
		diff := float64(counts[2*i+1]) - float64(counts[2*i])
		samples[i] = diff / ops
		minDiff = min(minDiff, diff)
	}
	return samples, minDiff
}

// NewMetric returns the metric of samples in unit, with benchmath's median and
// its confidence interval (as for time).
func NewMetric(unit string, samples []float64) Metric {
	m := Metric{Unit: unit, Samples: samples}
	m.Median, m.CILow, m.CIHigh, _ = summarize(samples)
	return m
}

// all calls f(ctx, i) for each i in [0, n) concurrently and returns the first
// error; the calls still running are then cancelled.
func all(ctx context.Context, n int, f func(context.Context, int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx, i); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	return first
}

// InstructionJob is one benchmark whose instructions per operation are to be
// counted (Valgrind.CountJobs): the program that runs it, the plan of its
// iteration counts, and the result that receives the metric.
type InstructionJob struct {
	Result  *Result
	Program Program
	Plan    InstructionPlan
}

// CountJobs counts the instructions per operation of every job concurrently
// (Valgrind.PerOp; at most v's jobs valgrind processes at once, WithJobs) and
// stores each count in its result's Metrics[MetricInstructions]. It returns each
// job's error, in the order of jobs (nil where the count was stored); a job that
// fails leaves its result as it was. done, when not nil, is called as each job
// ends, one call at a time and while no result is being stored, with the job's
// index and error: a caller's progress lines and its own records of failures.
// When ctx is cancelled the jobs still running end with its error.
func (v Valgrind) CountJobs(ctx context.Context, jobs []InstructionJob, done func(i int, err error)) []error {
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	for i := range jobs {
		j := &jobs[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := v.PerOp(ctx, j.Program, j.Plan)
			mu.Lock()
			defer mu.Unlock()
			errs[i] = err
			if err == nil {
				if j.Result.Metrics == nil {
					j.Result.Metrics = map[string]Metric{}
				}
				j.Result.Metrics[MetricInstructions] = m
			}
			if done != nil {
				done(i, err)
			}
		}()
	}
	wg.Wait()
	return errs
}
