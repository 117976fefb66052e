package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// noBaseline reports whether the baseline is a file that does not exist yet: the
// first run of a gate, before anyone recorded a baseline. That is a pass, said
// clearly, as the gate's verdict "no-baseline" is; a file that exists but cannot be
// read or parsed is still bad input.
func noBaseline(path string) bool {
	if path == "-" {
		return false
	}
	if _, ok := samerunner.ParseRef(path); ok {
		return false
	}
	_, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// requiredBaseline is a baseline file that does not exist when the config requires
// one (missing_baseline: fail): the current result is still checked (bad input is
// exit 2), then the gate fails (exit 1) naming the file, and nothing is reported on
// stdout, since there is nothing to compare.
func requiredBaseline(env Env, opts compareOptions) error {
	if _, err := loadResult(opts.current, opts.inputFormat, env); err != nil {
		return fmt.Errorf("current: %w", err)
	}
	return &RegressionError{NoBaseline: "--baseline " + opts.baseline + " does not exist"}
}

// writeNoBaseline checks the current result (bad input is still exit 2) and says, in
// the requested format, that there is nothing to compare with.
func writeNoBaseline(env Env, opts compareOptions) error {
	cur, err := loadResult(opts.current, opts.inputFormat, env)
	if err != nil {
		return fmt.Errorf("current: %w", err)
	}
	return writeReport(env, opts, &report.Report{NoBaseline: report.NoBaselineFile(opts.baseline, cur)})
}
