// Package cli implements the cost-ops-bench command line: one file per subcommand,
// each parsing its own flags and calling the stage packages (engine, bench, compare,
// report, github). It renders nothing itself: it picks a format from a report
// registry (report.Formats, trend.Formats) or a renderer of internal/report. Run
// returns an error whose kind decides the exit code (ExitCode).
package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
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
	"catalog": {"import LiteLLM's price table as a catalog, or check a catalog", runCatalog},
	"gate":    {"the GitHub Action's entry point: run, compare, report, comment", runGate},
	"merge":   {"merge the results of a suite's shards (run --shard) into one", runMerge},
	"version": {"print the version", runVersion},
	"history": {"add a result to a history store (history append)", runHistory},
	"trend":   {"find change points in a history store; chart it", runTrend},
	"bisect":  {"find the commit that changed a benchmark (same-runner A/B per step)", runBisect},
}

// hiddenCommands are not listed: the commands of the program's own child processes.
var hiddenCommands = map[string]command{
	iterationsCommand: {"run benchmarks for N1, N2, ... iterations each (the child of run --measure instructions)", runIterations},
}

// Run executes the subcommand named by args[0] with the rest of args.
func Run(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		printUsage(env.Stderr)
		return usageErrorf("no command given")
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		printUsage(env.Stdout)
		return nil
	case "--version", "-version":
		name = "version"
	}
	cmd, ok := commands[name]
	if !ok {
		cmd, ok = hiddenCommands[name]
	}
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
	fs := flag.NewFlagSet(programName+" "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parseFlags parses args and wraps a parse failure as a *UsageError. Positional
// arguments are refused: every input of every command is a named flag. On a parse
// failure the command's usage is printed and the error is left to the caller, so
// that it is said once, last, where main prints it (the flag package would print
// it before the usage too).
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	err := fs.Parse(args)
	fs.SetOutput(out)
	text := buf.String()
	if err != nil && err != flag.ErrHelp {
		text = strings.TrimPrefix(text, err.Error()+"\n")
	}
	io.WriteString(out, text)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return &UsageError{Err: fmt.Errorf("%s: %w", commandName(fs), err)}
	}
	if fs.NArg() > 0 {
		return usageErrorf("%s: unexpected argument %q (every input is a flag; see %s -h)", commandName(fs), fs.Arg(0), fs.Name())
	}
	return nil
}

// commandName is the subcommand of a flag set made by newFlagSet ("cost" of
// "cost-ops-bench cost"): main already prefixes its messages with the program's name.
func commandName(fs *flag.FlagSet) string {
	return strings.TrimPrefix(fs.Name(), programName+" ")
}

// programName is the name of the program, as main prefixes its messages.
const programName = "cost-ops-bench"

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
