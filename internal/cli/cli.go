// Package cli implements the cost-ops-bench command line: one file per subcommand,
// each parsing its own flags and calling the stage packages (engine, bench, compare,
// report, publish). Run returns an error whose kind decides the exit code (ExitCode).
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"time"
)

// Env is the process's I/O, injected so that tests can run commands in memory.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time // nil means time.Now
}

func (e Env) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e Env) getenv(key string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(key)
}

type command struct {
	summary string
	run     func(ctx context.Context, args []string, env Env) error
}

var commands = map[string]command{
	"run":     {"run the benchmark suite and write its results", runRun},
	"compare": {"compare a current result with a baseline and decide the verdict", runCompare},
	"cost":    {"price a usage file with a pricing catalog", runCost},
	"gate":    {"the GitHub Action's entry point: run, compare, report, comment", runGate},
	"version": {"print the version", runVersion},
}

// Run executes the subcommand named by args[0] with the rest of args.
func Run(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		printUsage(env.Stderr)
		return usageErrorf("no command given")
	}
	name := args[0]
	if name == "-h" || name == "-help" || name == "--help" || name == "help" {
		printUsage(env.Stdout)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		printUsage(env.Stderr)
		return usageErrorf("unknown command %q", name)
	}
	return cmd.run(ctx, args[1:], env)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: cost-ops-bench <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'cost-ops-bench <command> -h' for a command's flags.")
}

// newFlagSet returns a FlagSet that reports errors instead of exiting and prints
// its usage to env.Stderr.
func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("cost-ops-bench "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parseFlags parses args and wraps a parse failure as a *UsageError. Positional
// arguments are refused: every input of every command is a named flag.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return &UsageError{Err: err}
	}
	if fs.NArg() > 0 {
		return usageErrorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

func runVersion(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("version", env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "cost-ops-bench", Version)
	return nil
}

// Version is the program's version, written into every result document.
const Version = "0.1.0"
