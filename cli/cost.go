package cli

import (
	"context"
	"errors"
)

func runCost(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("cost", env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("cost: not implemented yet")
}
