package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gitinfo"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// goTestOptions are run's settings of the go-test suite: the `go test -bench`
// benchmarks of the Go module in the current directory (package gotest).
type goTestOptions struct {
	suite     string // --suite: builtin, go-test, or "" for the directory's default
	on        bool   // the suite is go-test
	defaulted bool   // the suite is the directory's default, not --suite
	packages  string
	bench     string
	benchtime string
	count     int
	tags      string
	only      []gotest.Name // the gate's re-measure: exactly these benchmarks (no flag)
	dir       string        // the directory of the module (no flag: the gate's workspace); "" is "."
}

// bindGoTest registers run's --suite and the go-test suite's flags.
func bindGoTest(fs *flag.FlagSet, g *goTestOptions) {
	fs.StringVar(&g.suite, "suite", "", "what runs: `builtin` (cost-ops-bench's own suite) or go-test (the go test benchmarks of the Go module here); default: builtin in cost-ops-bench's own module and outside any module, go-test in any other Go module")
	fs.StringVar(&g.packages, "packages", "./...", "go-test: the package `patterns`, separated by spaces")
	fs.StringVar(&g.bench, "bench", ".", "go-test: the benchmark `regexp` (go test -bench)")
	fs.StringVar(&g.benchtime, "benchtime", "", "go-test: go test -benchtime of each sample, e.g. 200ms or 1000x (default go test's, 1s)")
	fs.StringVar(&g.tags, "tags", "", samerunner.TagsUsage)
	fs.IntVar(&g.count, "count", gotest.DefaultCount, "go-test: samples per benchmark (go test -count), each from a fresh process of the test binary unless --processes says fewer")
}

// goTestFlags are the flags of the go-test suite alone.
var goTestFlags = []string{"packages", "bench", "benchtime", "count", "tags"}

// builtinFlags are the flags of the built-in suite's harness alone.
var builtinFlags = []string{"samples", "sample-time", "quick", "clock", "list", "shard", "shard-weights"}

// resolve decides the suite: --suite, else the default of the current directory
// (gotest.DefaultSuite; the built-in suite outside any Go module). A go-test flag
// with the built-in suite is a usage error that says which suite runs and why.
func (g *goTestOptions) resolve(set map[string]bool) error {
	suite, err := samerunner.ParseSuite(strings.TrimSpace(g.suite))
	if err != nil {
		return usageErrorf("run: --suite: %v", err)
	}
	if g.suite == "" {
		g.defaulted = true
		if suite, _, err = gotest.DefaultSuite(g.where()); err != nil && !errors.Is(err, gotest.ErrNoModule) {
			return usageErrorf("run: --suite: telling the default suite: %v", err)
		}
	}
	g.on = suite == samerunner.SuiteGoTest
	if g.on {
		return nil
	}
	why := ""
	if g.defaulted {
		why = " (the default here: give --suite go-test for the go test benchmarks of this module)"
	}
	for _, f := range goTestFlags {
		if set[f] {
			return usageErrorf("run: --%s: a flag of --suite go-test, and the suite is builtin%s", f, why)
		}
	}
	return nil
}

// checkGoTestFlags checks run's flags for the go-test suite: the built-in
// harness's flags are refused, --processes is 1 to --count (default --count).
func checkGoTestFlags(opts *runOptions, set map[string]bool) error {
	g := opts.goTest
	for _, f := range builtinFlags {
		if set[f] {
			return usageErrorf("run: --%s: a flag of --suite builtin; with --suite go-test, --count and --benchtime say how much is measured", f)
		}
	}
	if opts.outputDir == "" {
		return usageErrorf("run: --output: empty directory name")
	}
	if g.count < 1 {
		return usageErrorf("run: --count: %d: want at least 1", g.count)
	}
	if !set["processes"] {
		opts.processes = 0 // gotest's default: one process per sample
	}
	if set["processes"] && (opts.processes < 1 || opts.processes > g.count) {
		return usageErrorf("run: --processes: %d: want 1 to --count (%d)", opts.processes, g.count)
	}
	if _, err := samerunner.ParseTags(g.tags); err != nil {
		return usageErrorf("run: --%v", err)
	}
	var err error
	if opts.measure, err = bench.ParseMeasure(opts.measure); err != nil {
		return usageErrorf("run: --measure: %v", err)
	}
	return nil
}

// runGoTest is `run --suite go-test`: it records the module's benchmarks
// (gotest.Record), counts their instructions with --measure instructions, and
// writes the run's files as the built-in suite's run does. A package that does
// not compile, a failing benchmark and a --bench or --filter that matches
// nothing are errors (exit 2), and nothing is written.
func runGoTest(ctx context.Context, opts runOptions, env Env) (*bench.Document, runOutputs, error) {
	g := opts.goTest
	if err := checkOutputDir(opts.outputDir); err != nil {
		return nil, runOutputs{}, &UsageError{Err: fmt.Errorf("run: --output: %w", err)}
	}
	var keep func(string) bool
	if len(opts.filters) > 0 {
		f, err := bench.ParseFilter(opts.filters)
		if err != nil {
			return nil, runOutputs{}, &UsageError{Err: fmt.Errorf("run: --filter: %w", err)}
		}
		keep = f.Match
	}
	var valgrind bench.Valgrind
	if opts.measure == bench.MeasureInstructions {
		var err error
		if valgrind, err = findValgrind(); err != nil {
			return nil, runOutputs{}, err
		}
	}
	tags, err := samerunner.ParseTags(g.tags)
	if err != nil {
		return nil, runOutputs{}, usageErrorf("run: --%v", err)
	}
	start := env.now()
	rec, err := gotest.Record(ctx, gotest.Options{Dir: g.where(), Tags: tags,
		Packages: strings.Fields(g.packages), Bench: strings.TrimSpace(g.bench), BenchTime: strings.TrimSpace(g.benchtime),
		Count: g.count, Processes: opts.processes, Only: g.only, Keep: keep, Version: Version, Progress: env.Stderr,
	})
	if err != nil {
		return nil, runOutputs{}, fmt.Errorf("run: --suite go-test: %w", err)
	}
	defer rec.Close()
	doc := rec.Doc
	doc.Timestamp = start.UTC()
	if info, err := gitinfo.Head(ctx, g.where(), env.getenv); err == nil {
		doc.Git = info
	}
	if opts.measure == bench.MeasureInstructions {
		if err := rec.CountInstructions(ctx, valgrind, env.Stderr); err != nil {
			return nil, runOutputs{}, fmt.Errorf("run: %w", err)
		}
	}
	out, err := writeOutputs(opts, doc, env.Stdout)
	if err != nil {
		return nil, runOutputs{}, fmt.Errorf("run: %w", err)
	}
	return doc, out, nil
}

// where is the directory of the module.
func (g goTestOptions) where() string {
	if g.dir == "" {
		return "."
	}
	return g.dir
}
