package cli

import (
	"context"
	"io"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/internal/gate"
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

// suiteRunner runs the suite the way `run` does, into dir (its latest.json).
func suiteRunner(env Env, measure string) gate.SuiteRunner {
	return func(ctx context.Context, dir string, filters []string) error {
		args := []string{"--output", dir, "--no-summary"}
		if measure != "" {
			args = append(args, "--measure", measure)
		}
		for _, f := range filters {
			args = append(args, "--filter", f)
		}
		return runRun(ctx, args, env)
	}
}
