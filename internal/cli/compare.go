package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// compareOptions are the settings of `compare`.
type compareOptions struct {
	baseline, current string
	config            string
	format            report.Format[*report.Report]
	inputFormat       string // --input-format: the format of both files; "" detects each from its content
	profile           string
	maxBytes          int
	filters           []string            // with a ref: baseline: the built-in suite's filters
	sameRunner        samerunner.Settings // with a ref: baseline: suite, bench, packages, rounds, budget, run-args
	measure           string              // with a ref: baseline: time or instructions
	usage             usageOptions        // two usage logs: --group-by, --catalog, --unpriced
}

// runCompare is `cost-ops-bench compare`: it compares a current result with a
// baseline under the config, writes the report on stdout, and returns the verdict:
// nil (pass), a *RegressionError (exit 1), or the error that made the input unusable.
func runCompare(ctx context.Context, args []string, env Env) error {
	opts, err := parseCompareFlags(args, env)
	if err != nil {
		return err
	}
	cfg, err := loadCompareConfig(opts.config, opts.profile)
	if err != nil {
		return err
	}
	if handled, err := compareUsage(ctx, opts, cfg, &env); handled { // two usage logs: their cost
		return err
	}
	if _, curRef := samerunner.ParseRef(opts.current); noBaseline(opts.baseline) && !curRef {
		if cfg.MissingBaseline == compare.MissingFail {
			return requiredBaseline(env, opts)
		}
		return writeNoBaseline(env, opts)
	}
	base, cur, ab, err := loadSides(ctx, opts, cfg, env)
	if err != nil {
		return err
	}
	if err := compare.CheckMatch(base, cur); err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	c := compare.Compare(base, cur, cfg)
	if err := writeReport(env, opts, &report.Report{Comparison: c, SameRunner: ab}); err != nil {
		return err
	}
	return verdictError(c)
}

// writeReport renders the report on stdout in the chosen format; what the format's
// document cannot hold goes to stderr.
func writeReport(env Env, opts compareOptions, r *report.Report) error {
	return opts.format.Render(env.Stdout, r, report.Options{MaxBytes: opts.maxBytes, Notes: env.Stderr})
}

// loadResult reads a result file in the input format named format ("" detects it
// from the content), or standard input for "-" (so that
// `go test -bench . -count 10 | cost-ops-bench compare --baseline old.txt --current -` works).
func loadResult(path, format string, env Env) (*bench.Document, error) {
	if path == "-" {
		if env.Stdin == nil {
			return nil, errors.New("stdin: not available")
		}
		return formats.Load(env.Stdin, "stdin", format)
	}
	return formats.LoadFile(path, format)
}

func parseCompareFlags(args []string, env Env) (compareOptions, error) {
	fs := newFlagSet("compare", env)
	var opts compareOptions
	fs.StringVar(&opts.baseline, "baseline", "", "baseline result `file`: result JSON, Go benchmark format or another tool's output (see --input-format); - for stdin (required)")
	fs.StringVar(&opts.current, "current", "", "current result `file`, as --baseline; - for stdin (required)")
	fs.StringVar(&opts.inputFormat, "input-format", "", "read both files as input format `name` ("+strings.Join(formats.Names(), ", ")+"); default: detected from each file's content")
	fs.StringVar(&opts.config, "config", "", "gate config `file` (YAML); default "+compare.DefaultConfigFile+" when it exists")
	format := fs.String("format", "console", "report `format`: "+strings.Join(report.Formats.Names(), ", "))
	fs.StringVar(&opts.profile, "profile", "", "apply the config profile `name` (for example pull_request or release)")
	fs.IntVar(&opts.maxBytes, "max-bytes", 0, fmt.Sprintf("cut the markdown report's tables to fit `n` bytes (0: no limit; GitHub comments hold %d)", text.CommentLimit))
	fs.Func("filter", "with a ref: baseline: run only the built-in benchmarks matching `pattern` (as run --filter); repeat to OR", func(s string) error {
		opts.filters = append(opts.filters, s)
		return nil
	})
	opts.sameRunner.Bind(fs)
	opts.usage.bind(fs)
	fs.StringVar(&opts.measure, "measure", "", "with a ref: baseline: time (default), or instructions: also count each side's instructions per operation under valgrind (Linux)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cost-ops-bench compare --baseline FILE --current FILE [--config FILE] [--profile NAME] [--input-format NAME] [--format FORMAT] [--max-bytes N]\n"+
			"       cost-ops-bench compare --baseline USAGE.jsonl --current USAGE.jsonl [--group-by tag:NAME|model|provider|project] [--catalog FILE [--no-builtin]] [--unpriced fail|report]\n"+
			"       cost-ops-bench compare --baseline ref:REV [--current ref:REV] [--suite builtin|go-test] [--filter P] [--bench RE] [--packages PKGS] [--rounds N] [--budget D]\n\n"+
			"Compares two benchmark results, or what two usage logs cost, and exits 0 (pass), 1 (regression) or 2 (bad input).\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return opts, err
	}
	var err error
	if opts.format, err = report.Formats.Lookup(*format); err != nil {
		return opts, usageErrorf("compare: --format: %v", err)
	}
	if _, err := report.Formats.Check(*format, report.Options{MaxBytes: opts.maxBytes}); err != nil {
		return opts, usageErrorf("compare: %v", err)
	}
	switch {
	case opts.baseline == "":
		return opts, usageErrorf("compare: --baseline is required")
	case opts.current == "" && !strings.HasPrefix(opts.baseline, samerunner.RefPrefix):
		return opts, usageErrorf("compare: --current is required (it may be omitted only with --baseline ref:REV)")
	case opts.baseline == "-" && opts.current == "-":
		return opts, usageErrorf("compare: --baseline and --current cannot both be stdin")
	case opts.maxBytes < 0:
		return opts, usageErrorf("compare: --max-bytes %d: want 0 or more", opts.maxBytes)
	case formats.Check(opts.inputFormat) != nil:
		return opts, usageErrorf("compare: --input-format: %v", formats.Check(opts.inputFormat))
	case opts.measure != "" && !strings.HasPrefix(opts.baseline, samerunner.RefPrefix):
		return opts, usageErrorf("compare: --measure: needs --baseline ref:REV (a result file was measured already: run --measure instructions records instructions)")
	}
	return opts, nil
}

// loadCompareConfig reads the config file (the default one only when it exists) and
// applies the profile.
func loadCompareConfig(path, profile string) (compare.Config, error) {
	cfg := compare.DefaultConfig()
	switch {
	case path != "":
		var err error
		if cfg, err = compare.LoadConfig(path); err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
	default:
		loaded, err := compare.LoadConfig(compare.DefaultConfigFile)
		switch {
		case err == nil:
			cfg = loaded
		case !errors.Is(err, fs.ErrNotExist):
			return cfg, fmt.Errorf("config: %w", err)
		}
	}
	return cfg.ForProfile(profile)
}

// verdictError turns a comparison's verdict into the outcome of a command: nil when
// the gate passes, else a *RegressionError with the counts that failed it.
func verdictError(c *compare.Comparison) error {
	if c.Verdict() != compare.VerdictRegression {
		return nil
	}
	n := c.Counts()
	return &RegressionError{Regressions: n.Regressed, CostChanges: n.FailingCostChanges, Missing: n.FailingMissing}
}
