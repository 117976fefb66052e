package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// runCatalog runs `catalog import` and `catalog check`.
func runCatalog(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		return usageErrorf("catalog: want a subcommand: import --format litellm FILE, or check FILE")
	}
	switch args[0] {
	case "import":
		return runCatalogImport(args[1:], env)
	case "check":
		return runCatalogCheck(args[1:], env)
	case "-h", "-help", "--help":
		fmt.Fprintln(env.Stdout, catalogUsage)
		return nil
	}
	return usageErrorf("catalog: unknown subcommand %q: want import or check", args[0])
}

const catalogUsage = `usage: cost-ops-bench catalog import --format litellm [--effective-date DATE] FILE
       cost-ops-bench catalog check FILE

import writes a pricing catalog (YAML) on stdout from LiteLLM's
model_prices_and_context_window.json, and what it left out on stderr.
check parses a catalog and runs the sanity checks; any finding is exit 2.`

// fileArg parses fs over args and returns its one positional argument, the file.
func fileArg(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return "", err
		}
		return "", &UsageError{Err: err}
	}
	if fs.NArg() != 1 {
		return "", usageErrorf("%s: want one FILE, got %d arguments", fs.Name(), fs.NArg())
	}
	return fs.Arg(0), nil
}

func runCatalogImport(args []string, env Env) error {
	fs := newFlagSet("catalog import", env)
	format := fs.String("format", "", "the format of FILE: litellm (LiteLLM's model_prices_and_context_window.json)")
	eff := fs.String("effective-date", "", "every entry's effective_date, 2006-01-02 (default 1970-01-01: usage of any date is priced)")
	fs.Usage = func() { fmt.Fprintln(fs.Output(), catalogUsage); fs.PrintDefaults() }
	path, err := fileArg(fs, args)
	if err != nil {
		return err
	}
	if *format != "litellm" {
		return usageErrorf("catalog import: --format %q: want litellm", *format)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("catalog import: %w", err)
	}
	im, err := engine.ImportLiteLLM(path, data, engine.LiteLLMOptions{EffectiveDate: *eff})
	if err != nil {
		return fmt.Errorf("catalog import: %w", err)
	}
	if _, err := env.Stdout.Write(im.YAML); err != nil {
		return fmt.Errorf("catalog import: write: %w", err)
	}
	writeImportReport(env, path, im)
	return nil
}

// writeImportReport tells stderr what the import left out and what it doubts.
func writeImportReport(env Env, path string, im *engine.LiteLLMImport) {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog import: %s: %d entries\n", path, im.Entries)
	section := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "%s:\n", title)
		for _, k := range keys {
			fmt.Fprintf(&b, "  %s: %d\n", k, m[k])
		}
	}
	section("models skipped, by reason", im.Skipped)
	section("prices not imported (the catalog has no such dimension), models by field", im.Dropped)
	section("fields this importer does not know (no price), models by field", im.Unknown)
	if len(im.Findings) > 0 {
		fmt.Fprintf(&b, "warning: %d price(s) doubted by the sanity checks (catalog check fails on them):\n", len(im.Findings))
		for _, f := range im.Findings {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	fmt.Fprint(env.Stderr, b.String())
}

func runCatalogCheck(args []string, env Env) error {
	fs := newFlagSet("catalog check", env)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), catalogUsage) }
	path, err := fileArg(fs, args)
	if err != nil {
		return err
	}
	cat, err := engine.LoadCatalog(path)
	if err != nil {
		return fmt.Errorf("catalog check: %w", err)
	}
	findings := engine.CheckCatalog(cat)
	if len(findings) == 0 {
		fmt.Fprintf(env.Stdout, "%s: %d entries, no findings\n", path, cat.Len())
		return nil
	}
	msgs := make([]error, len(findings))
	for i, f := range findings {
		msgs[i] = errors.New(f.String())
	}
	return fmt.Errorf("catalog check: %d finding(s):\n%w", len(findings), errors.Join(msgs...))
}
