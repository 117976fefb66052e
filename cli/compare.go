package cli

import (
	"context"
	"errors"
)

func runCompare(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("compare", env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("compare: not implemented yet")
}
