package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
)

// mergeOptions are the settings of `merge`.
type mergeOptions struct {
	output   string
	expect   string // a file of names, one a line; "" means the built-in suite when the parts are its shards
	mixedCPU bool
	parts    []string
}

// runMerge is `cost-ops-bench merge --output FILE PART...`: it joins the result
// documents of a suite's shards (run --shard K/N) into one, as one run of the whole
// suite would have written it, and says which expected benchmarks no part holds.
// Overlapping or incompatible parts are bad input (exit 2), and nothing is written.
func runMerge(_ context.Context, args []string, env Env) error {
	opts, err := parseMergeFlags(args, env)
	if err != nil {
		return err
	}
	parts := make([]bench.Part, len(opts.parts))
	for i, path := range opts.parts {
		doc, err := loadResult(path, "", env)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		parts[i] = bench.Part{Source: path, Doc: doc}
	}
	docs := make([]*bench.Document, len(parts))
	for i := range parts {
		docs[i] = parts[i].Doc
	}
	gotest.Qualify(docs) // a go test benchmark name that packages of two parts share: by package, as one run names it
	expect := bench.SuiteExpect(parts)
	if opts.expect != "" {
		if expect, err = readNames(opts.expect); err != nil {
			return fmt.Errorf("merge: --expect: %w", err)
		}
	}
	m, err := bench.Merge(parts, bench.MergeOptions{Expect: expect, MixedCPU: opts.mixedCPU})
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	if err := bench.WriteFile(opts.output, m.Doc); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	fmt.Fprintf(env.Stderr, "merged %d part(s), %d benchmark(s), into %s\n", len(parts), len(m.Doc.Results), opts.output)
	if len(m.Unrun) > 0 {
		fmt.Fprintf(env.Stderr, "warning: no part ran %d expected benchmark(s): %s\n", len(m.Unrun), strings.Join(m.Unrun, ", "))
	}
	if m.MixedCPU {
		fmt.Fprintf(env.Stderr, "warning: the parts were measured on different CPUs: %s\n", m.Doc.Environment.CPUModel)
	}
	return nil
}

func parseMergeFlags(args []string, env Env) (mergeOptions, error) {
	fs := newFlagSet("merge", env)
	var opts mergeOptions
	fs.StringVar(&opts.output, "output", "", "the merged result `file` (required)")
	fs.StringVar(&opts.expect, "expect", "", "a `file` of the benchmark names the parts should hold, one a line; default: the built-in suite when the parts are its shards")
	fs.BoolVar(&opts.mixedCPU, "mixed-cpu", false, "accept parts measured on different CPU models or counts (a matrix's runners need not be alike)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cost-ops-bench merge --output FILE [--expect FILE] [--mixed-cpu] PART...\n\n"+
			"Joins the results of a suite's shards (run --shard K/N) into one result document.\n"+
			"Parts that share a benchmark or differ in commit, version, harness settings,\n"+
			"environment or metrics are refused (exit 2).\n\nflags:\n")
		fs.PrintDefaults()
	}
	// Flags may come before, between or after the parts.
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return opts, err
			}
			return opts, &UsageError{Err: err}
		}
		if fs.NArg() == 0 {
			break
		}
		opts.parts = append(opts.parts, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case opts.output == "":
		return opts, usageErrorf("merge: --output is required")
	case len(opts.parts) == 0:
		return opts, usageErrorf("merge: no parts given: want one result file per shard")
	}
	seen := map[string]bool{}
	for _, p := range opts.parts {
		if seen[p] {
			return opts, usageErrorf("merge: part %s is given twice", p)
		}
		seen[p] = true
		if p == "-" {
			return opts, usageErrorf("merge: part -: parts are files")
		}
	}
	return opts, nil
}

// readNames reads benchmark names, one a line; blank lines and lines starting with
// # are skipped. An empty list is an error.
func readNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no benchmark names", path)
	}
	return names, nil
}
