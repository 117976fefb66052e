package cli

import (
	"context"
	"errors"
)

func runRun(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("run", env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("run: not implemented yet")
}
