package gotest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
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
		return nil, fmt.Errorf("go test: --filter: no benchmark of %s matches (benchmarks: %s)", strings.Join(o.Packages, " "), strings.Join(order, ", "))
	}
	env := bench.DetectEnvironment()
	if v, err := goCommand(ctx, o.Dir, "env", "GOVERSION"); err == nil {
		env.GoVersion = strings.TrimSpace(string(v))
	}
	doc := bench.NewDocument(o.Version, start, env, results, time.Since(start))
	doc.Harness = o.harness(results)
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
	for _, p := range o.Packages {
		if strings.HasPrefix(p, "-") {
			return fmt.Errorf("packages: %q is a flag, not a package pattern", p)
		}
	}
	return nil
}

// harness records how the samples were taken. With a -benchtime of iterations
// (1000x) a sample has no target time: the sample time is the median of the
// samples' measured times (iterations x time per operation).
func (o Options) harness(results []bench.Result) *bench.HarnessInfo {
	h := &bench.HarnessInfo{Clock: "wall", Samples: o.Count, Confidence: bench.Confidence}
	if d, err := time.ParseDuration(o.BenchTime); err == nil {
		h.SampleTimeMs = float64(d) / 1e6
	} else if o.BenchTime == "" {
		h.SampleTimeMs = 1000 // go test's default -benchtime
	} else {
		var took []float64
		for _, r := range results {
			if n := len(r.SamplesNs); n > 0 {
				perSample := float64(r.Iterations) / float64(n)
				for _, ns := range r.SamplesNs {
					took = append(took, perSample*ns/1e6)
				}
			}
		}
		if len(took) > 0 {
			slices.Sort(took)
			h.SampleTimeMs = took[len(took)/2]
		}
	}
	if o.Processes > 1 {
		h.Processes = o.Processes
	}
	return h
}

// listFormat prints the import path and directory of each package with tests.
const listFormat = `{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{"\t"}}{{.Dir}}{{end}}`

// build lists the packages with tests (of o.Only's packages, when given) and
// compiles each one's test binary into tmp.
func (o Options) build(ctx context.Context, tmp string) ([]Binary, error) {
	out, err := goCommand(ctx, o.Dir, append([]string{"list", "-f", listFormat, "--"}, o.Packages...)...)
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w", strings.Join(o.Packages, " "), err)
	}
	only := map[string]bool{}
	for _, n := range o.Only {
		only[n.Package] = true
	}
	var bins []Binary
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, dir, ok := strings.Cut(line, "\t")
		if !ok || (len(only) > 0 && !only[pkg]) {
			continue
		}
		bins = append(bins, Binary{Package: pkg, Dir: dir, Path: filepath.Join(tmp, strconv.Itoa(len(bins))+".test")})
	}
	if len(bins) == 0 {
		return nil, fmt.Errorf("go test: no package with tests matches %s in %s", strings.Join(o.Packages, " "), o.Dir)
	}
	fmt.Fprintf(o.Progress, "go test: compiling the tests of %d package(s)\n", len(bins))
	var errs []error
	for _, b := range bins {
		if _, err := goCommand(ctx, o.Dir, "test", "-c", "-o", b.Path, b.Package); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			errs = append(errs, fmt.Errorf("go test -c %s: the tests do not compile: %w", b.Package, err))
		}
	}
	return bins, errors.Join(errs...)
}

// round runs every package's binary once with -test.count count and reads their
// output together, as `go test` over the packages would print it: a benchmark
// name that two packages share is named by package (formats' gobench reader).
// It returns the results and how each one runs again.
func (o Options) round(ctx context.Context, bins []Binary, count, k int) ([]bench.Result, []Program, error) {
	var all bytes.Buffer
	own := make([]map[string]bool, len(bins)) // each package's benchmark names
	for i, b := range bins {
		args := []string{"-test.run=^$", "-test.bench=" + o.benchFor(b.Package), "-test.benchmem", "-test.count=" + strconv.Itoa(count)}
		if o.BenchTime != "" {
			args = append(args, "-test.benchtime="+o.BenchTime)
		}
		cmd := exec.CommandContext(ctx, b.Path, args...)
		cmd.Dir = b.Dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.WaitDelay = 5 * time.Second
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			return nil, nil, fmt.Errorf("go test -bench %s: %s: %v:\n%s", o.Bench, b.Package, err, tail(stdout.String()+stderr.String(), 20))
		}
		if !hasResultLine(stdout.Bytes()) {
			continue
		}
		doc, err := formats.Read(stdout.Bytes(), fmt.Sprintf("go test %s (round %d)", b.Package, k+1), "gobench")
		if err != nil {
			return nil, nil, err
		}
		own[i] = map[string]bool{}
		for _, r := range doc.Results {
			own[i][r.Name] = true
		}
		all.Write(stdout.Bytes())
		if !bytes.HasSuffix(stdout.Bytes(), []byte("\n")) {
			all.WriteByte('\n')
		}
	}
	if all.Len() == 0 {
		return nil, nil, fmt.Errorf("go test: no benchmark matches -bench %s in %s (%d package(s) with tests)", o.Bench, strings.Join(o.Packages, " "), len(bins))
	}
	doc, err := formats.Read(all.Bytes(), fmt.Sprintf("go test (round %d)", k+1), "gobench")
	if err != nil {
		return nil, nil, err
	}
	progs := make([]Program, len(doc.Results))
	for j, r := range doc.Results {
		p, ok := origin(r.Name, bins, own)
		if !ok {
			return nil, nil, fmt.Errorf("go test (round %d): cannot tell the package of benchmark %s", k+1, r.Name)
		}
		progs[j] = p
	}
	results := doc.Results[:0]
	kept := progs[:0]
	for j, r := range doc.Results {
		if name, ok := o.selected(progs[j]); ok {
			if name != "" {
				r.Name = name
			}
			results, kept = append(results, r), append(kept, progs[j])
		}
	}
	return results, kept, nil
}

// origin finds the package of a result of the combined output: the one package
// whose own output has that name, or the package whose path prefixes it (the
// reader names a shared name "<package>.<name>").
func origin(name string, bins []Binary, own []map[string]bool) (Program, bool) {
	var found []Program
	for i, b := range bins {
		if own[i][name] {
			found = append(found, Program{Binary: b, Name: name})
		}
		if rest, ok := strings.CutPrefix(name, b.Package+"."); ok && own[i][rest] {
			return Program{Binary: b, Name: rest}, true
		}
	}
	if len(found) != 1 {
		return Program{}, false
	}
	return found[0], true
}

// benchFor is the -bench pattern of pkg: o.Bench, or with Only the top-level
// benchmarks of that package that Only names.
func (o Options) benchFor(pkg string) string {
	if len(o.Only) == 0 {
		return o.Bench
	}
	var tops []string
	for _, n := range o.Only {
		if n.Package == pkg {
			tops = append(tops, regexp.QuoteMeta(topLevel(strings.TrimPrefix(n.Name, pkg+"."))))
		}
	}
	slices.Sort(tops)
	return "^Benchmark(" + strings.Join(slices.Compact(tops), "|") + ")$"
}

// selected reports whether the result that p runs is to be kept, and its name:
// every one as read, or with Only, the ones it names, named as Only names them
// (a name that two packages share keeps its package prefix even when the other
// package does not run now).
func (o Options) selected(p Program) (string, bool) {
	if len(o.Only) == 0 {
		return "", true
	}
	for _, n := range o.Only {
		if n.Package == p.Binary.Package && (n.Name == p.Name || n.Name == p.Binary.Package+"."+p.Name) {
			return n.Name, true
		}
	}
	return "", false
}

// topLevel is the top-level benchmark of a name as Go benchmark format writes it
// (no "Benchmark" prefix): before its first '/' and its -GOMAXPROCS suffix. A Go
// function name holds no '-'.
func topLevel(name string) string {
	name, _, _ = strings.Cut(name, "/")
	name, _, _ = strings.Cut(name, "-")
	return name
}

// splitBench splits a -bench pattern at the slashes outside brackets and
// parentheses, as the testing package does, into the patterns of each level.
func splitBench(re string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(re); i++ {
		switch re[i] {
		case '\\':
			i++
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '/':
			if depth == 0 {
				out = append(out, re[start:i])
				start = i + 1
			}
		}
	}
	return append(out, re[start:])
}

// combine makes one result of a benchmark's rounds (bench.Combine), with the
// package as its group and the direction of each metric kept.
func combine(parts []bench.Result, pkg string) bench.Result {
	for i := range parts {
		p := &parts[i]
		if p.TotalDurationMs == 0 && len(p.SamplesNs) > 0 {
			p.TotalDurationMs = float64(p.Iterations) * p.AvgDurationUs / 1e3
		}
	}
	r := bench.Combine(parts)
	r.Group = pkg
	if r.SamplesNs == nil {
		r.SamplesNs = []float64{}
	}
	for key, m := range r.Metrics {
		if first, ok := parts[0].Metrics[key]; ok && first.Better != "" {
			m.Better = first.Better
			r.Metrics[key] = m
		}
	}
	return r
}

// share is the samples of round k (0-based) of n when total are spread over them.
func share(total, k, n int) int {
	s := total / n
	if k < total%n {
		s++
	}
	return s
}

// hasResultLine reports whether out holds a Go benchmark result line.
func hasResultLine(out []byte) bool {
	for line := range bytes.Lines(out) {
		if bytes.HasPrefix(line, []byte("Benchmark")) {
			return true
		}
	}
	return false
}

// goCommand runs the go command in dir; its error carries the tail of go's
// standard error (compiler messages name file and line).
func goCommand(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if msg := tail(stderr.String(), 20); msg != "" {
			return nil, fmt.Errorf("%v:\n%s", err, msg)
		}
		return nil, err
	}
	return stdout.Bytes(), nil
}

// tail returns the last n lines of s, trimmed.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
