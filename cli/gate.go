package cli

import (
	"context"
	"errors"
)

func runGate(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("gate", env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("gate: not implemented yet")
}
