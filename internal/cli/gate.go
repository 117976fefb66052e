package cli

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gate"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// runGate is `cost-ops-bench gate`: the settings are the action's inputs
// (INPUT_<NAME>), and flags of the same names override them. The work is in
// package gate; this maps its outcome to the exit code.
func runGate(ctx context.Context, args []string, env Env) error {
	stdout := env.Stdout
	if stdout == nil {
		stdout = io.Discard
	}
	action := githubactions.New(githubactions.WithGetenv(env.getenv), githubactions.WithWriter(stdout))
	settings := gate.FromInputs(action)
	fs := newFlagSet("gate", env)
	settings.Bind(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	out, err := gate.Run(ctx, settings, gate.Deps{
		Action:   action,
		Getenv:   env.getenv,
		Stdout:   stdout,
		RunSuite: suiteRunner(env, settings.Measure),
	})
	if err != nil {
		return err
	}
	if out.Failed() && out.Comparison == nil {
		return &RegressionError{NoBaseline: "see " + out.ReportPath}
	}
	if out.Failed() {
		return verdictError(out.Comparison)
	}
	return nil
}

// suiteRunner runs the suite the way `run` does, into the run's directory (its
// latest.json): the built-in suite or the go-test suite of the module in r.Dir.
func suiteRunner(env Env, measure string) gate.SuiteRunner {
	return func(ctx context.Context, r gate.SuiteRun) error {
		args := []string{"--output", r.OutputDir, "--no-summary", "--suite", string(r.Suite)}
		if measure != "" {
			args = append(args, "--measure", measure)
		}
		for _, f := range r.Filters {
			args = append(args, "--filter", f)
		}
		if r.Suite == samerunner.SuiteGoTest {
			if len(r.Packages) > 0 {
				args = append(args, "--packages", strings.Join(r.Packages, " "))
			}
			if r.Bench != "" {
				args = append(args, "--bench", r.Bench)
			}
			if r.BenchTime != "" {
				args = append(args, "--benchtime", r.BenchTime)
			}
			if len(r.Tags) > 0 {
				args = append(args, "--tags", strings.Join(r.Tags, ","))
			}
			if r.Count > 0 {
				args = append(args, "--count", strconv.Itoa(r.Count))
			}
		}
		opts, err := parseRunFlags(args, env)
		if err != nil {
			return err
		}
		if opts.goTest.on {
			opts.goTest.only, opts.goTest.dir = r.Only, r.Dir
			_, _, err = runGoTest(ctx, opts, env)
			return err
		}
		_, _, err = runSuite(ctx, bench.Suite(), opts, env)
		return err
	}
}
