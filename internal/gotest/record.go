package gotest

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// DefaultCount is the number of samples per benchmark unless Options.Count says:
// as many as benchstat asks for (go test -count 10).
const DefaultCount = 10

// Options configure Record.
type Options struct {
	// Dir is the directory the go command runs in (the module, or a directory of
	// it: the package patterns are relative to it); "" is ".".
	Dir string
	// Packages are the package patterns; none is ./... .
	Packages []string
	// Bench is the -bench regexp; "" is ".".
	Bench string
	// BenchTime is go test's -benchtime (1s, 200ms, 1000x); "" leaves go test's default.
	BenchTime string
	// Tags are the build tags of the test binaries (go test -tags); none is none.
	Tags []string
	// Count is the number of samples per benchmark; 0 is DefaultCount.
	Count int
	// Processes is the number of runs of each package's test binary the samples are
	// spread over (-test.count of each is its share); 0 is Count: one sample per
	// process. Every round runs every package once, so the packages' runs are
	// interleaved.
	Processes int
	// Only, when not empty, records exactly these benchmarks (as a result document
	// names them, with the package that Result.Group holds): only their packages
	// run, with -bench narrowed to their top-level benchmarks.
	Only []Name
	// Keep, when not nil, keeps the results whose name it accepts (run --filter);
	// none kept is an error.
	Keep func(name string) bool
	// Version is the program version the document records.
	Version string
	// Progress receives one line per step; nil discards them.
	Progress io.Writer
}

// Name is one benchmark of a recorded document: its package (Result.Group) and its
// name (Result.Name).
type Name struct{ Package, Name string }

// Binary is one package's compiled tests.
type Binary struct {
	Package string // import path
	Dir     string // the package's directory, where go test runs its binary
	Path    string // the executable
}

// Recording is what Record measured: the document, and for each result (by
// index) the binary that ran it and its name as that binary prints it, for an
// instruction count afterwards. The binaries live until Close.
type Recording struct {
	Doc      *bench.Document
	Programs []Program
	tmp      string
}

// Program is how one recorded benchmark runs again: the binary of its package,
// and its name in that package's output (no package prefix).
type Program struct {
	Binary Binary
	Name   string
}

// Close removes the compiled test binaries.
func (r *Recording) Close() error {
	if r == nil || r.tmp == "" {
		return nil
	}
	return os.RemoveAll(r.tmp)
}

// Record compiles the tests of the packages, runs their benchmarks in
// o.Processes rounds and returns the combined result document. Packages that do
// not compile, a failing benchmark and a -bench that matches nothing are errors
// that say so, with the go command's own words.
func Record(ctx context.Context, o Options) (rec *Recording, err error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "cost-ops-bench-gotest-*")
	if err != nil {
		return nil, err
	}
	rec = &Recording{tmp: tmp}
	defer func() {
		if err != nil {
			rec.Close()
			rec = nil
		}
	}()
	bins, err := o.build(ctx, tmp)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	byName := map[string][]bench.Result{}
	var order []string
	origin := map[string]Program{}
	for k := range o.Processes {
		count := share(o.Count, k, o.Processes)
		fmt.Fprintf(o.Progress, "go test: round %d/%d: %d package(s), -count %d\n", k+1, o.Processes, len(bins), count)
		results, progs, err := o.round(ctx, bins, count, k)
		if err != nil {
			return nil, err
		}
		now := time.Now().UTC()
		for i, r := range results {
			r.Timestamp = now
			if _, seen := byName[r.Name]; !seen {
				order = append(order, r.Name)
				origin[r.Name] = progs[i]
			}
			byName[r.Name] = append(byName[r.Name], r)
		}
	}
	var results []bench.Result
	for _, name := range order {
		if o.Keep != nil && !o.Keep(name) {
			continue
		}
		if len(byName[name]) != o.Processes {
			return nil, fmt.Errorf("go test: %s ran in %d of %d rounds (does its output depend on the run?)", name, len(byName[name]), o.Processes)
		}
		results = append(results, combine(byName[name], origin[name].Binary.Package))
		rec.Programs = append(rec.Programs, origin[name])
	}
	if len(results) == 0 {
		return nil, fmt.Errorf("go test: the filter keeps no benchmark of %s (benchmarks: %s)", strings.Join(o.Packages, " "), strings.Join(order, ", "))
	}
	env := bench.DetectEnvironment()
	if v, err := goCommand(ctx, o.Dir, "env", "GOVERSION"); err == nil {
		env.GoVersion = strings.TrimSpace(string(v))
	}
	doc := bench.NewDocument(o.Version, start, env, results, time.Since(start))
	doc.Harness = o.harness()
	rec.Doc = &doc
	return rec, nil
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = "."
	}
	if len(o.Packages) == 0 {
		o.Packages = []string{"./..."}
	}
	if o.Bench == "" {
		o.Bench = "."
	}
	if o.Count == 0 {
		o.Count = DefaultCount
	}
	if o.Processes == 0 {
		o.Processes = o.Count
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	return o
}

// check refuses settings go test would refuse later, or that cannot give samples.
func (o Options) check() error {
	if o.Count < 1 {
		return fmt.Errorf("count: %d: want at least 1", o.Count)
	}
	if o.Processes < 1 || o.Processes > o.Count {
		return fmt.Errorf("processes: %d: want 1 to count (%d)", o.Processes, o.Count)
	}
	for _, level := range splitBench(o.Bench) {
		if _, err := regexp.Compile(level); err != nil {
			return fmt.Errorf("bench: %q: %w", o.Bench, err)
		}
	}
	if strings.HasPrefix(o.BenchTime, "-") {
		return fmt.Errorf("benchtime: %q: want a duration (1s, 200ms) or an iteration count (1000x)", o.BenchTime)
	}
	for _, t := range o.Tags {
		if parsed, err := samerunner.ParseTags(t); err != nil || len(parsed) != 1 || parsed[0] != t {
			return fmt.Errorf("tags: %q: want one build tag (letters, digits, _ and .)", t)
		}
	}
	for _, p := range o.Packages {
		if strings.HasPrefix(p, "-") {
			return fmt.Errorf("packages: %q is a flag, not a package pattern", p)
		}
	}
	return nil
}

// harness records how the samples were taken: the settings, the same for every
// run of them (a -benchtime of iterations, 1000x, has no sample time).
func (o Options) harness() *bench.HarnessInfo {
	h := &bench.HarnessInfo{Clock: "wall", Samples: o.Count, Confidence: bench.Confidence, Suite: bench.SuiteGoTest, BenchTime: o.BenchTime}
	if d, err := time.ParseDuration(o.BenchTime); err == nil {
		h.SampleTimeMs = float64(d) / 1e6
	} else if o.BenchTime == "" {
		h.SampleTimeMs = 1000 // go test's default -benchtime
	}
	if o.Processes > 1 {
		h.Processes = o.Processes
	}
	return h
}
