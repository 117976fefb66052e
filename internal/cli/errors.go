package cli

import (
	"errors"
	"flag"
	"fmt"
)

// Exit codes, the same for every subcommand.
const (
	ExitPass       = 0 // pass, including "no baseline yet"
	ExitRegression = 1 // a regression passed the configured thresholds
	ExitBadInput   = 2 // bad input, bad config or internal error
)

// RegressionError is the outcome "the gate found regressions". It is not a failure of
// the program: the report has been written, and the exit code is 1.
type RegressionError struct {
	Regressions int // benchmarks that regressed in time, allocations or bytes
	CostChanges int // benchmarks whose cost checksum changed without being accepted
	Missing     int // missing benchmarks that the config makes fail
	// NoBaseline says why there is no baseline when the config requires one
	// (missing_baseline: fail); "" otherwise.
	NoBaseline string
}

func (e *RegressionError) Error() string {
	if e.NoBaseline != "" {
		return fmt.Sprintf("gate failed: no baseline (%s), and one is required (missing_baseline: fail)", e.NoBaseline)
	}
	return fmt.Sprintf("gate failed: %d regression(s), %d unaccepted cost change(s), %d missing benchmark(s)",
		e.Regressions, e.CostChanges, e.Missing)
}

// UsageError is a mistake in the command line: an unknown subcommand or flag, or a
// flag value that does not parse. Exit code 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps the outcome of Run to the process exit code: nil is 0, a
// *RegressionError (or a *ChangeError of `trend --fail-on-change`) is 1, and every
// other error (bad input, bad config, internal) is 2.
func ExitCode(err error) int {
	var reg *RegressionError
	var change *ChangeError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitPass
	case errors.As(err, &reg), errors.As(err, &change):
		return ExitRegression
	default:
		return ExitBadInput
	}
}

// Message is the one line main prints to stderr for err, or "" when there is
// nothing to say (success, or -help, whose usage text has been printed already).
func Message(err error) string {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return ""
	}
	return err.Error()
}
