// Command cost-ops-bench prices LLM usage exactly, benchmarks its own cost engine,
// and gates changes on the benchmark results. See the README for the subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/cost-ops-bench/cost-ops-bench/internal/cli"
)

func main() {
	// SIGTERM is how a cancelled CI job stops a step: cancelling the context lets the
	// same-runner A/B remove its git worktree on the way out.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := cli.Run(ctx, os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
	})
	stop()
	if msg := cli.Message(err); msg != "" {
		fmt.Fprintln(os.Stderr, "cost-ops-bench:", msg)
	}
	os.Exit(cli.ExitCode(err))
}
