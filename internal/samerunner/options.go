package samerunner

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// Suite is what the two sides run.
type Suite string

// The suites.
const (
	// SuiteBuiltin runs this program's own benchmark suite (`cost-ops-bench run`),
	// built from each side's tree.
	SuiteBuiltin Suite = "builtin"
	// SuiteGoTest runs `go test -bench` benchmarks of any Go module.
	SuiteGoTest Suite = "go-test"
)

// ParseSuite reads a suite name; "" is SuiteBuiltin.
func ParseSuite(s string) (Suite, error) {
	switch Suite(s) {
	case "", SuiteBuiltin:
		return SuiteBuiltin, nil
	case SuiteGoTest:
		return SuiteGoTest, nil
	}
	return "", fmt.Errorf("suite %q: want %q or %q", s, SuiteBuiltin, SuiteGoTest)
}

// Default numbers of rounds. A built-in run yields several samples per round; a
// go-test round yields one sample per benchmark, as one `-count` does.
const (
	DefaultRoundsBuiltin = 10
	DefaultRoundsGoTest  = 10
)

// The harness settings of each built-in round, unless RunArgs sets them (or --quick):
// DefaultRoundsBuiltin rounds of DefaultSamplesPerRound samples of
// DefaultSampleTimePerRound give each side 60 short samples from ten processes, for
// about the time of two plain runs. Many short rounds beat few long ones: most of the
// noise on a shared machine differs between processes, not between samples of one.
const (
	DefaultSamplesPerRound    = 6
	DefaultSampleTimePerRound = "20ms"
)

// Options configure Run.
type Options struct {
	// Dir is a directory of the git working tree that holds the module (go.mod). The
	// current side is this tree as it is, uncommitted changes included, unless Current
	// names a revision.
	Dir string
	// Baseline is the git revision to compare against: a branch, tag or commit.
	Baseline string
	// Current is an optional git revision for the current side; "" means the working
	// tree of Dir.
	Current string

	// Suite is what runs; "" is SuiteBuiltin.
	Suite Suite
	// Filters select benchmarks of the built-in suite, as `run --filter` does.
	Filters []string
	// RunArgs are extra flags for the built-in suite's `run` (harness settings), given
	// to both sides. Without --quick, --samples and --sample-time default to
	// DefaultSamplesPerRound and DefaultSampleTimePerRound.
	RunArgs []string
	// Bench is the go-test benchmark regexp (-bench); "" means ".".
	Bench string
	// Packages are the go-test package patterns; none means "./...".
	Packages []string
	// BenchTime is the go-test -benchtime; "" leaves go test's default.
	BenchTime string
	// Tags are the go-test build tags (go test -tags), the same on both sides.
	Tags []string
	// Measure is bench.MeasureTime ("" too) or bench.MeasureInstructions: then,
	// after the time rounds, each side's benchmarks are also counted under
	// valgrind (instructions per operation; Linux only).
	Measure string

	// Rounds is how many times each side runs each benchmark, alternately; 0 means the
	// suite's default.
	Rounds int
	// Budget bounds the whole run, builds included; 0 means no bound. When it runs
	// out, the rounds that finished on both sides are the result, marked cut short.
	Budget time.Duration
	// Config is the gate's config. With it (and Measure time), a benchmark whose
	// verdict under it is inconclusive after the planned rounds gets extra rounds,
	// alone, until it is no longer inconclusive, up to MaxExtraRounds(Rounds) extra
	// rounds or the budget (see extend). nil: the planned rounds only.
	Config *compare.Config
	// Progress receives one line per step, never more (a command's error output is
	// cut to its first telling line, so that it cannot issue workflow commands in a
	// CI log); nil discards them.
	Progress io.Writer

	// tempDir, for tests, is where the run's temporary directory goes; "" is the
	// system's.
	tempDir string
	// afterStep, for tests, sees each recorded step and may end the budget at once.
	afterStep func(st Step, expireBudget func())
}

// withDefaults returns o with its zero values replaced by the defaults, or an error
// naming the option that is wrong.
func (o Options) withDefaults() (Options, error) {
	suite, err := ParseSuite(string(o.Suite))
	if err != nil {
		return o, err
	}
	o.Suite = suite
	if o.Dir == "" {
		o.Dir = "."
	}
	if o.Measure, err = bench.ParseMeasure(o.Measure); err != nil {
		return o, fmt.Errorf("measure: %w", err)
	}
	if o.Baseline == "" {
		return o, fmt.Errorf("baseline: a git revision is required")
	}
	if o.Rounds < 0 {
		return o, fmt.Errorf("rounds: %d: must be positive", o.Rounds)
	}
	if o.Rounds == 0 {
		o.Rounds = DefaultRoundsBuiltin
		if o.Suite == SuiteGoTest {
			o.Rounds = DefaultRoundsGoTest
		}
	}
	if o.Budget < 0 {
		return o, fmt.Errorf("budget: %v: must be positive", o.Budget)
	}
	if o.Bench == "" {
		o.Bench = "."
	}
	if len(o.Packages) == 0 {
		o.Packages = []string{"./..."}
	}
	if o.Suite == SuiteBuiltin && !hasFlag(o.RunArgs, "quick") {
		args := slices.Clone(o.RunArgs)
		if !hasFlag(args, "samples") {
			args = append(args, "--samples", strconv.Itoa(DefaultSamplesPerRound))
		}
		if !hasFlag(args, "sample-time") {
			args = append(args, "--sample-time", DefaultSampleTimePerRound)
		}
		o.RunArgs = args
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	return o, nil
}

// hasFlag reports whether args set any of the named flags, in any of the forms the
// flag package reads: -name, --name, -name=value, --name=value.
func hasFlag(args []string, names ...string) bool {
	for _, a := range args {
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		a, _, _ = strings.Cut(a, "=")
		if slices.Contains(names, a) {
			return true
		}
	}
	return false
}
