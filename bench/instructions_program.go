package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

// GoTestProgram is the Program that runs the benchmark name (as `go test -bench`
// prints it, without the -GOMAXPROCS suffix: "BenchmarkParse/small") of a test
// binary built with `go test -c`, in dir (the package's directory, where `go
// test` runs it). The binary runs that benchmark alone (-test.bench anchors every
// level of the name), for exactly iters iterations (-test.benchtime Nx; the
// testing package's first run of one iteration is the same in every process), on
// one CPU; the check finds its result line with iters iterations, so that a
// name that matches nothing, or more than the benchmark, is an error and not a
// count of nothing.
func GoTestProgram(binary, dir, name string) Program {
	return Program{
		Command: func(iters int64) []string {
			return []string{binary, "-test.run=^$", "-test.bench=" + BenchPattern(name),
				"-test.benchtime=" + strconv.FormatInt(iters, 10) + "x", "-test.count=1", "-test.cpu=1"}
		},
		Dir: dir,
		Check: func(stdout []byte, iters []int64) error {
			if len(iters) != 1 {
				return fmt.Errorf("benchmark %s: a go test binary runs one count, not %d", name, len(iters))
			}
			return checkGoTestOutput(stdout, name, iters[0])
		},
	}
}

// BenchPattern is the -test.bench pattern that matches the benchmark name
// alone: each level of the name, split at '/', quoted and anchored.
func BenchPattern(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// checkGoTestOutput checks that a test binary's output has one result line, for
// benchmark name, with iters iterations.
func checkGoTestOutput(stdout []byte, name string, iters int64) error {
	var found []string
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		found = append(found, f[0]+" "+f[1])
	}
	want := name + " " + strconv.FormatInt(iters, 10)
	if len(found) == 1 && found[0] == want {
		return nil
	}
	if len(found) == 0 {
		return fmt.Errorf("benchmark %s did not run (no result line; -test.bench=%s)", name, BenchPattern(name))
	}
	return fmt.Errorf("benchmark %s: want the one result line %q, got %q", name, want, found)
}

// SuiteProgram is the Program that runs the registered benchmark name of the
// suite with the command args, followed by the benchmark's name and the
// iteration counts of its phases: the hidden child command of `cost-ops-bench
// run --measure instructions`, which calls RunIterations and prints its report
// line. Its phases are marked by InstructionMark.
func SuiteProgram(args []string, name string) Program {
	return Program{
		Phases: func(iters []int64) []string {
			cmd := append(append([]string(nil), args...), name)
			for _, n := range iters {
				cmd = append(cmd, strconv.FormatInt(n, 10))
			}
			return cmd
		},
		Mark: MarkSymbol,
		Check: func(stdout []byte, iters []int64) error {
			want := iterationsReport(name, iters)
			if got := strings.TrimSpace(string(stdout)); got != want {
				return fmt.Errorf("benchmark %s: the child reported %q, want %q", name, got, want)
			}
			return nil
		},
	}
}

// RunIterations runs the registered benchmark name: its Setup, then for each
// count of iters in turn InstructionMark and that many iterations of its
// workload, then InstructionMark once more, and prints its report line (name
// and counts) to out. It is the child process of an instruction count
// (SuiteProgram): the counting process sets its environment (InstructionEnv)
// and splits its instructions at each call of InstructionMark.
func (r *Registry) RunIterations(name string, iters []int64, out func(string)) error {
	var b *Benchmark
	for i := range r.list {
		if r.list[i].Name == name {
			b = &r.list[i]
		}
	}
	if b == nil {
		return fmt.Errorf("no benchmark named %q", name)
	}
	if len(iters) == 0 {
		return fmt.Errorf("no iteration count")
	}
	for _, n := range iters {
		if n <= 0 || n > maxInstructionIters {
			return fmt.Errorf("iterations: %d is not in [1, %d]", n, int64(maxInstructionIters))
		}
	}
	w, err := b.Setup()
	if err != nil {
		return fmt.Errorf("%s: setup: %w", name, err)
	}
	if w.Run == nil {
		return fmt.Errorf("%s: setup returned no Run function", name)
	}
	for i, n := range iters {
		InstructionMark(i)
		if err := w.Run(int(n)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	InstructionMark(len(iters))
	out(iterationsReport(name, iters))
	return nil
}

// markSink keeps InstructionMark's call from being optimised away.
var markSink int

// MarkSymbol is InstructionMark's name in a program's symbol table, as
// valgrind reads it (Program.Mark).
var MarkSymbol = runtime.FuncForPC(reflect.ValueOf(InstructionMark).Pointer()).Name()

// InstructionMark marks the boundary between two phases of a program whose
// instructions are counted by phase (Program.Mark): valgrind starts a new count
// on each entry into it. It does nothing else; it is never inlined, so that
// each call is an entry.
//
//go:noinline
func InstructionMark(phase int) { markSink = phase }

func iterationsReport(name string, iters []int64) string {
	s := make([]string, len(iters))
	for i, n := range iters {
		s[i] = strconv.FormatInt(n, 10)
	}
	return name + " " + strings.Join(s, " ")
}
