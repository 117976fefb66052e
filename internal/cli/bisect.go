package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/bisect"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// runBisect is `cost-ops-bench bisect`: it finds the commit between --good and --bad
// that changed --benchmark, with a same-runner A/B run (good against the commit) at
// each step, and prints each step (stderr) and the culprit (stdout).
func runBisect(ctx context.Context, args []string, env Env) error {
	fs := newFlagSet("bisect", env)
	good := fs.String("good", "", "a `revision` without the change (required)")
	bad := fs.String("bad", "", "a `revision` with the change, descending from --good (required)")
	name := fs.String("benchmark", "", "the benchmark's `name` (required); with --suite go-test, BenchmarkX or X")
	measureFlag := fs.String("measure", bench.MeasureTime, "what to bisect on: `time`, or instructions (instructions per operation counted under valgrind on both sides at each step: Linux only)")
	var settings samerunner.Settings
	settings.Bind(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *good == "":
		return usageErrorf("bisect: --good: a revision is required")
	case *bad == "":
		return usageErrorf("bisect: --bad: a revision is required")
	case *name == "":
		return usageErrorf("bisect: --benchmark: a name is required")
	}
	measureKind, err := bench.ParseMeasure(*measureFlag)
	if err != nil {
		return usageErrorf("bisect: --measure: %v", err)
	}
	var filters []string
	want := *name // the name in the result documents
	if strings.TrimSpace(settings.Suite) == string(samerunner.SuiteGoTest) {
		// go test names it BenchmarkX; the Go benchmark format's readers, X.
		want = strings.TrimPrefix(*name, "Benchmark")
		if settings.Bench == "" {
			settings.Bench = "^Benchmark" + regexp.QuoteMeta(want) + "$"
		}
	} else {
		filters = []string{"/^" + regexp.QuoteMeta(*name) + "$/"}
	}
	progress := env.Stderr
	if progress == nil {
		progress = io.Discard
	}
	if _, err := settings.Options(".", "HEAD", "", filters, io.Discard); err != nil {
		return usageErrorf("bisect: --%v", err)
	}
	measure := func(ctx context.Context, goodRev, commit string) (float64, bool, error) {
		o, err := settings.Options(".", goodRev, commit, filters, io.Discard)
		if err != nil {
			return 0, false, err
		}
		o.Measure = measureKind
		res, err := samerunner.Run(ctx, o)
		if err != nil {
			return 0, false, err
		}
		if res.Baseline.BuildErr != nil {
			return 0, false, res.Baseline.BuildErr
		}
		c := compare.Compare(res.Baseline.Doc, res.Current.Doc, compare.DefaultConfig())
		return bisectChange(c, want, measureKind)
	}
	res, err := bisect.Run(ctx, ".", *good, *bad, measure, progress)
	if errors.Is(err, bisect.ErrNoChange) {
		return &UsageError{Err: fmt.Errorf("bisect: %s: %w", *name, err)}
	}
	if err != nil {
		var rev *samerunner.RevisionError
		if errors.As(err, &rev) || strings.HasPrefix(err.Error(), "--") {
			return &UsageError{Err: fmt.Errorf("bisect: %w", err)}
		}
		return fmt.Errorf("bisect: %w", err)
	}
	in := ""
	if measureKind == bench.MeasureInstructions {
		in = " in " + bench.UnitInstructions
	}
	fmt.Fprintf(env.Stdout, "%s changed %+.1f%%%s at %s %s (%d steps)\n", *name, res.Change, in, res.Culprit, res.Subject, len(res.Steps))
	return nil
}

// bisectChange is a step's measurement of the benchmark want (a go-test name may
// carry a -GOMAXPROCS suffix) in c: the median change in percent and whether it
// counts. For time, the change counts when it is significant; for instructions,
// when it is beyond the instruction threshold by the separation rule, every
// sample of one side apart from every sample of the other (compare.RuleSeparation).
func bisectChange(c *compare.Comparison, want, measure string) (float64, bool, error) {
	for _, e := range c.Entries {
		if e.Name != want && !strings.HasPrefix(e.Name, want+"-") {
			continue
		}
		if measure != bench.MeasureInstructions {
			if e.Time != nil {
				return e.Time.Percent, e.Time.Significant, nil
			}
			continue
		}
		for _, md := range e.Metrics {
			if md.Name == bench.MetricInstructions {
				return md.Percent, md.Worse || md.Better, nil
			}
		}
		return 0, false, fmt.Errorf("benchmark %q: no instruction counts on both sides", want)
	}
	return 0, false, fmt.Errorf("benchmark %q: not measured on both sides", want)
}
