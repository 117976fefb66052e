// Command cost-ops-bench prices LLM usage exactly, benchmarks its own cost engine,
// and gates changes on the benchmark results. See the README for the subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/cost-ops-bench/cost-ops-bench/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
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
