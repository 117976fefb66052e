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
// difference between the instructions of two processes that run the same
// benchmark for Low and for High iterations, divided by the operations in
// between: what both processes do once (start-up, setup, the first iteration's
// lazy initialisation, exit) cancels out. Each pair of processes gives one sample.
const (
	// DefaultInstructionPairs is the number of process pairs, and so of samples,
	// per benchmark.
	DefaultInstructionPairs = 3
	// instructionTarget is the number of instructions the High process runs
	// beyond the Low one. A Go process's fixed part varies by up to about 10^5
	// instructions from one process to the next (the runtime's page allocator,
	// sysmon and collections called explicitly, as testing.B does); 2x10^8
	// keeps that under 0.05% of a sample, and costs under a second of valgrind.
	instructionTarget = 200_000_000
	// instructionsPerNs converts a native time per operation into a first guess
	// of its instructions, for planning the iteration counts (modern x86 cores
	// run 2 to 8 instructions per nanosecond).
	instructionsPerNs = 4
	// instructionAllocCap bounds what the High process allocates: the processes
	// run with the garbage collector off, so this is their heap's growth.
	instructionAllocCap = 256 << 20
	// maxInstructionIters bounds an iteration count.
	maxInstructionIters = 1 << 40
)

// InstructionPlan is how one benchmark's instructions are counted.
type InstructionPlan struct {
	Low, High  int64 // iterations of the two processes of a pair (0 < Low < High)
	OpsPerIter int   // operations of one iteration (the batch size); 0 means 1
	Pairs      int   // process pairs, one sample each; 0 means DefaultInstructionPairs

	// Target, when not 0, is the number of instructions the High process
	// should run beyond the Low one: when the first pair finds High-Low
	// iterations to run under half of it or over four times it (Low and High
	// were planned from a guess), the other pairs run iteration counts planned
	// from the first pair's count, and a first pair that ran under half the
	// target is replaced by one more pair. 0 keeps Low and High.
	Target int64
	// MaxDelta, when not 0, bounds High-Low in a re-plan (the allocation cap).
	MaxDelta int64
}

// PlanInstructions plans the count of a benchmark that takes nsPerOp
// nanoseconds and allocates bytesPerOp bytes per operation natively, with
// opsPerIter operations per iteration: High-Low iterations are meant to run
// about instructionTarget instructions, guessed from the time (corrected after
// the first pair, see InstructionPlan.Target), unless that would allocate more
// than instructionAllocCap; Low is a tenth of High-Low (at least one
// iteration, so that the first iteration's one-time work is in both processes).
func PlanInstructions(nsPerOp, bytesPerOp float64, opsPerIter int) InstructionPlan {
	plan := InstructionPlan{OpsPerIter: opsPerIter, Target: instructionTarget, MaxDelta: maxInstructionIters}
	if b := bytesPerOp * float64(max(opsPerIter, 1)); b > 0 {
		plan.MaxDelta = int64(max(9, math.Floor(instructionAllocCap*10/11/b)))
	}
	perIter := max(nsPerOp, 0.1) * float64(max(opsPerIter, 1)) * instructionsPerNs
	return plan.withDelta(instructionTarget / perIter)
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

// Program is a command that runs one benchmark for a given number of iterations.
type Program struct {
	// Command returns the command line (program and arguments) that runs the
	// benchmark for exactly iters iterations, besides any fixed one-time work.
	Command func(iters int64) []string
	// Env is the environment of the command (nil: this process's); the
	// settings of InstructionEnv are added to it.
	Env []string
	// Dir is the command's working directory ("": this process's).
	Dir string
	// Check, when not nil, checks the command's standard output: that it ran
	// the benchmark, and for iters iterations.
	Check func(stdout []byte, iters int64) error
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
// means the number of CPUs). Instruction counts do not depend on it.
func (v Valgrind) WithJobs(jobs int) Valgrind {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
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

// Count runs the command of p for iters iterations under valgrind and returns
// the instructions it executed, all threads together.
func (v Valgrind) Count(ctx context.Context, p Program, iters int64) (uint64, error) {
	if v.slots != nil {
		select {
		case v.slots <- struct{}{}:
			defer func() { <-v.slots }()
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	args := p.Command(iters)
	dir, err := os.MkdirTemp("", "cost-ops-bench-valgrind-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	logFile := filepath.Join(dir, "valgrind.log")
	vargs := append([]string{
		"--tool=cachegrind", "--cache-sim=no", "--branch-sim=no",
		"--cachegrind-out-file=/dev/null", "--log-file=" + logFile,
	}, args...)
	cmd := exec.CommandContext(ctx, v.Path, vargs...)
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
		return 0, ctx.Err()
	}
	log, _ := os.ReadFile(logFile)
	if runErr != nil {
		return 0, fmt.Errorf("%s (%d iterations) under valgrind: %v%s", filepath.Base(args[0]), iters, runErr, lastLines(stderr.String()+stdout.String()+string(log), 12))
	}
	if p.Check != nil {
		if err := p.Check(stdout.Bytes(), iters); err != nil {
			return 0, fmt.Errorf("%s (%d iterations): %w", filepath.Base(args[0]), iters, err)
		}
	}
	n, err := parseInstructions(log)
	if err != nil {
		return 0, fmt.Errorf("valgrind's log: %w%s", err, lastLines(string(log), 12))
	}
	return n, nil
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
// with plan's iteration counts: plan.Pairs pairs of processes (Low and High
// iterations), one sample each, as many at once as v allows (WithJobs); with a
// Target, the first pair runs first and may re-plan the others. The metric's
// median and interval are benchmath's, as for time.
func (v Valgrind) PerOp(ctx context.Context, p Program, plan InstructionPlan) (Metric, error) {
	if plan.Low <= 0 || plan.High <= plan.Low {
		return Metric{}, fmt.Errorf("instruction plan: need 0 < low < high iterations, have %d and %d", plan.Low, plan.High)
	}
	pairs := plan.Pairs
	if pairs <= 0 {
		pairs = DefaultInstructionPairs
	}
	var samples []float64
	if plan.Target > 0 {
		first, diff, err := v.pairs(ctx, p, plan, 1)
		if err != nil {
			return Metric{}, err
		}
		target := float64(plan.Target)
		if diff >= target/2 {
			samples, pairs = first, pairs-1
		}
		if diff < target/2 || diff > 4*target {
			perIter := max(first[0]*float64(max(plan.OpsPerIter, 1)), 1e-3)
			plan = plan.withDelta(target / perIter)
		}
	}
	if pairs > 0 {
		more, _, err := v.pairs(ctx, p, plan, pairs)
		if err != nil {
			return Metric{}, err
		}
		samples = append(samples, more...)
	}
	return NewMetric(UnitInstructions, samples), nil
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
	ops := float64(plan.High-plan.Low) * float64(max(plan.OpsPerIter, 1))
	samples := make([]float64, n)
	minDiff := math.Inf(1)
	for i := range samples {
		diff := float64(counts[2*i+1]) - float64(counts[2*i])
		samples[i] = diff / ops
		minDiff = min(minDiff, diff)
	}
	return samples, minDiff, nil
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
