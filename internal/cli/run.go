package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gitinfo"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/summary"
)

// DefaultOutputDir is where `run` writes its files unless --output says otherwise.
const DefaultOutputDir = "benchmarks/output"

// runOptions are the settings of `run`.
type runOptions struct {
	outputDir  string
	noSummary  bool
	filters    []string
	samples    int
	sampleTime time.Duration
	clock      string
	measure    string // bench.MeasureTime or bench.MeasureInstructions
	list       bool
	shard      bench.Shard // zero: the whole suite
	weights    string      // --shard-weights: a result document whose costs balance the shards
	processes  int         // processes the samples are spread over
	partOf     int         // when this run is one process of several (processEnv): their number
	goTest     goTestOptions
}

// runOutputs are the files a run wrote.
type runOutputs struct {
	raw, latest, goBench, summary string // summary is "" with --no-summary
}

// runRun is `cost-ops-bench run`: it measures the suite (or the benchmarks that
// --filter keeps) and writes the result document, summary.md, the Go benchmark
// format and the console summary.
func runRun(ctx context.Context, args []string, env Env) error {
	opts, err := parseRunFlags(args, env)
	if err != nil {
		return err
	}
	if opts.goTest.on {
		_, out, err := runGoTest(ctx, opts, env)
		if err != nil {
			return err
		}
		out.announce(env.Stderr)
		return nil
	}
	suite := bench.Suite()
	if opts.list {
		benches, err := selectBenchmarks(suite, opts)
		if err != nil {
			return err
		}
		for _, b := range benches {
			fmt.Fprintf(env.Stdout, "%-32s %s\n", b.Name, b.Group)
		}
		return nil
	}
	_, out, err := runSuite(ctx, suite, opts, env)
	if err != nil {
		return err
	}
	out.announce(env.Stderr)
	return nil
}

// announce says which files a run wrote.
func (out runOutputs) announce(w io.Writer) {
	for _, path := range []string{out.raw, out.latest, out.goBench, out.summary} {
		if path != "" {
			fmt.Fprintln(w, "wrote", path)
		}
	}
}

func parseRunFlags(args []string, env Env) (runOptions, error) {
	fs := newFlagSet("run", env)
	opts := runOptions{}
	fs.StringVar(&opts.outputDir, "output", DefaultOutputDir, "`directory` for latest.json, latest.bench.txt, summary.md and raw/")
	fs.BoolVar(&opts.noSummary, "no-summary", false, "do not write summary.md")
	fs.Func("filter", "run only the benchmarks whose name contains `pattern`, or matches it when written /RE/ (a Go regexp); repeat to OR several", func(s string) error {
		opts.filters = append(opts.filters, s)
		return nil
	})
	fs.IntVar(&opts.samples, "samples", bench.DefaultSamples, fmt.Sprintf("timed samples per benchmark (at least %d)", bench.MinSamples))
	fs.DurationVar(&opts.sampleTime, "sample-time", bench.DefaultSampleTime, "target `duration` of one sample, on the --clock clock")
	quick := fs.Bool("quick", false, fmt.Sprintf("quick local run: %d samples of %v (rough numbers; --samples and --sample-time still apply)", bench.QuickSamples, bench.QuickSampleTime))
	fs.StringVar(&opts.clock, "clock", "cpu", "what samples are timed with: `cpu` (the measuring thread's CPU time, steady on a busy machine; wall where the system has none) or wall (as go test -bench)")
	fs.StringVar(&opts.measure, "measure", bench.MeasureTime, "what to measure: `time`, or instructions (time, and instructions per operation counted under valgrind: Linux only)")
	fs.BoolVar(&opts.list, "list", false, "list the benchmarks and their groups, and exit")
	bindShard(fs, &opts)
	fs.IntVar(&opts.processes, "processes", bench.DefaultProcesses, "spread each benchmark's samples over `N` fresh processes of this program, run one after another (1: measure in this process; --quick: 1 unless set; go-test: --count, one sample per process)")
	bindGoTest(fs, &opts.goTest)
	if err := parseFlags(fs, args); err != nil {
		return opts, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := opts.goTest.resolve(set); err != nil {
		return opts, err
	}
	if opts.goTest.on {
		return opts, checkGoTestFlags(&opts, set)
	}
	if *quick && !set["processes"] {
		opts.processes = 1
	}
	if *quick {
		if !set["samples"] {
			opts.samples = bench.QuickSamples
		}
		if !set["sample-time"] {
			opts.sampleTime = bench.QuickSampleTime
		}
	}
	if opts.outputDir == "" {
		return opts, usageErrorf("run: --output: empty directory name")
	}
	if opts.clock != "cpu" && opts.clock != "wall" {
		return opts, usageErrorf("run: --clock: %q is not cpu or wall", opts.clock)
	}
	k, n, err := parseProcessSlot(env.getenv(processEnv))
	if err != nil {
		return opts, usageErrorf("run: %v", err)
	}
	if k > 0 { // one process of several: this one measures, the first one combines
		opts.processes, opts.partOf = 1, n
	}
	if opts.processes < 1 || opts.processes > opts.samples {
		return opts, usageErrorf("run: --processes: %d: want 1 to --samples (%d)", opts.processes, opts.samples)
	}
	if opts.measure, err = bench.ParseMeasure(opts.measure); err != nil {
		return opts, usageErrorf("run: --measure: %v", err)
	}
	return opts, nil
}

// runSuite measures the benchmarks of suite that opts.filters keep and writes the
// outputs. Bad settings and a filter that matches nothing are usage errors, found
// before anything runs; nothing is written unless every benchmark succeeded.
func runSuite(ctx context.Context, suite *bench.Registry, opts runOptions, env Env) (*bench.Document, runOutputs, error) {
	selected, err := selectBenchmarks(suite, opts)
	if err != nil {
		return nil, runOutputs{}, err
	}
	if err := checkOutputDir(opts.outputDir); err != nil {
		return nil, runOutputs{}, &UsageError{Err: fmt.Errorf("run: --output: %w", err)}
	}
	clock := bench.DefaultClock()
	if opts.clock == "wall" {
		clock = bench.WallClock()
	}
	cfg := bench.Config{
		Clock:       clock,
		Samples:     opts.samples,
		SampleTime:  opts.sampleTime,
		Version:     Version,
		Environment: bench.DetectEnvironment(),
		Progress:    env.Stderr,
		Live:        isTerminal(env.Stderr),
		PartOf:      opts.partOf,
	}
	h, err := bench.NewHarness(cfg)
	if err != nil {
		return nil, runOutputs{}, &UsageError{Err: fmt.Errorf("run: %w", err)}
	}
	var valgrind bench.Valgrind
	if opts.measure == bench.MeasureInstructions {
		if valgrind, err = findValgrind(); err != nil {
			return nil, runOutputs{}, err
		}
	}
	start := env.now()
	var doc *bench.Document
	if opts.processes > 1 {
		doc, err = measureInProcesses(ctx, selected, opts, env)
	} else {
		doc, err = h.Run(ctx, selected)
	}
	if err != nil {
		return nil, runOutputs{}, fmt.Errorf("run: %w", err)
	}
	doc.Timestamp = start.UTC()
	// The commit measured, when run in a git checkout (the history store orders
	// runs by it); outside one, or without git, the document has no git field.
	if info, err := gitinfo.Head(ctx, ".", env.getenv); err == nil {
		doc.Git = info
	}
	if opts.measure == bench.MeasureInstructions {
		if err := countInstructions(ctx, valgrind, doc, env); err != nil {
			return nil, runOutputs{}, fmt.Errorf("run: %w", err)
		}
	}
	out, err := writeOutputs(opts, doc, env.Stdout)
	if err != nil {
		return nil, runOutputs{}, fmt.Errorf("run: %w", err)
	}
	return doc, out, nil
}

// rawName is the file name of a run's raw document under DIR/raw.
func rawName(t time.Time) string {
	return "benchmark-results-" + t.UTC().Format("20060102T150405Z") + ".json"
}

// writeOutputs writes the run's files, each atomically, then the console summary.
func writeOutputs(opts runOptions, doc *bench.Document, stdout io.Writer) (runOutputs, error) {
	data, err := bench.Encode(doc)
	if err != nil {
		return runOutputs{}, err
	}
	dir := opts.outputDir
	out := runOutputs{
		raw:     filepath.Join(dir, "raw", rawName(doc.Timestamp)),
		latest:  filepath.Join(dir, "latest.json"),
		goBench: filepath.Join(dir, "latest.bench.txt"),
	}
	if !opts.noSummary {
		out.summary = filepath.Join(dir, "summary.md")
	}
	for _, path := range []string{out.raw, out.latest} {
		if err := bench.WriteEncoded(path, data); err != nil {
			return runOutputs{}, err
		}
	}
	writes := []struct {
		path string
		fill func(io.Writer) error
	}{
		{out.goBench, func(w io.Writer) error { return summary.GoBench(w, doc) }},
		{out.summary, func(w io.Writer) error { return summary.Markdown(w, doc) }},
	}
	for _, wr := range writes {
		if wr.path == "" {
			continue
		}
		if err := atomicfile.Write(wr.path, 0o644, wr.fill); err != nil {
			return runOutputs{}, err
		}
	}
	if stdout != nil {
		if err := summary.Console(stdout, doc); err != nil {
			return runOutputs{}, fmt.Errorf("console summary: %w", err)
		}
	}
	return out, nil
}

// isTerminal reports whether w is a character device (a terminal), where
// progress is one live line rather than a line per benchmark.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
