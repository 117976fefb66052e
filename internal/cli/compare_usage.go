package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/engine"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// usageOptions are the flags of `compare` for two usage logs.
type usageOptions struct {
	groupBy   string // --group-by: tag:NAME, model, provider or project; "" the default
	catalog   string // --catalog: a catalog file over the built-in catalog; "" the built-in catalog
	noBuiltin bool   // --no-builtin: the --catalog file alone
	unpriced  string // --unpriced: fail or report
}

func (o *usageOptions) bind(fs *flag.FlagSet) {
	fs.StringVar(&o.groupBy, "group-by", "", "usage logs: group requests by `key`: tag:NAME, model, provider or project (default tag:"+compare.DefaultGroupTag+" when records carry it, else model)")
	fs.StringVar(&o.catalog, "catalog", "", "usage logs: price both logs with the catalog `file` (YAML, as catalog import writes it) over the built-in catalog: the file prices the records it has a price for (provider, model and date), the built-in catalog every other; default the built-in catalog alone")
	fs.BoolVar(&o.noBuiltin, "no-builtin", false, "usage logs: price with the --catalog file alone, without the built-in catalog under it")
	fs.StringVar(&o.unpriced, "unpriced", string(compare.UnpricedFail), "usage logs: a record the catalog cannot price is `fail` (exit 2, naming it) or report (left out of the totals and listed)")
}

// given reports whether a usage-log flag was set.
func (o *usageOptions) given() bool {
	return o.groupBy != "" || o.catalog != "" || o.noBuiltin || o.unpriced != string(compare.UnpricedFail)
}

// loadCatalog returns the catalog of --catalog and --no-builtin, and its info.
func (o *usageOptions) loadCatalog() (*engine.Catalog, compare.CatalogInfo, error) {
	if o.noBuiltin {
		if o.catalog == "" {
			return nil, compare.CatalogInfo{}, usageErrorf("compare: --no-builtin needs --catalog FILE")
		}
		cat, info, err := compare.LoadUsageCatalogAlone(o.catalog)
		if err != nil {
			return nil, info, fmt.Errorf("compare: --catalog: %w", err)
		}
		return cat, info, nil
	}
	cat, info, err := compare.LoadUsageCatalog(o.catalog)
	if err != nil {
		return nil, info, fmt.Errorf("compare: --catalog: %w", err)
	}
	return cat, info, nil
}

// usageSide is one input of compare, sniffed: whether it is a usage log, and the
// reader to use from then on (for stdin, the sniffed bytes are not lost).
type usageSide struct {
	usage   bool
	missing bool // the file does not exist
	r       *bufio.Reader
	close   func()
}

// sniffUsage looks at the start of path ("-" is stdin) to tell a usage log from a
// benchmark result.
func sniffUsage(path string, env *Env) (usageSide, error) {
	if _, ok := samerunner.ParseRef(path); ok || path == "" {
		return usageSide{close: func() {}}, nil
	}
	var r io.Reader
	closeFn := func() {}
	if path == "-" {
		if env.Stdin == nil {
			return usageSide{close: closeFn}, nil
		}
		br := bufio.NewReaderSize(env.Stdin, compare.UsageSniffBytes)
		env.Stdin = br // the benchmark readers read the same bytes
		r = br
	} else {
		f, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			return usageSide{missing: true, close: closeFn}, nil
		}
		if err != nil {
			return usageSide{close: closeFn}, nil // the benchmark readers say what is wrong
		}
		r, closeFn = f, func() { f.Close() }
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, compare.UsageSniffBytes)
	}
	head, _ := br.Peek(compare.UsageSniffBytes)
	return usageSide{usage: compare.IsUsageLog(head), r: br, close: closeFn}, nil
}

// compareUsage runs the cost comparison when an input of compare is a usage log;
// handled is false when neither is, and the benchmark comparison goes on.
func compareUsage(ctx context.Context, opts compareOptions, cfg compare.Config, env *Env) (handled bool, err error) {
	base, err := sniffUsage(opts.baseline, env)
	if err != nil {
		return true, err
	}
	defer base.close()
	cur, err := sniffUsage(opts.current, env)
	if err != nil {
		return true, err
	}
	defer cur.close()
	switch {
	case !base.usage && !cur.usage:
		if opts.usage.given() {
			return true, usageErrorf("compare: --group-by, --catalog, --no-builtin and --unpriced apply to usage logs; %s and %s are not usage logs", opts.baseline, opts.current)
		}
		return false, nil
	case base.usage && cur.missing:
		return true, fmt.Errorf("current: %s does not exist", opts.current)
	case base.usage != cur.usage && !base.missing:
		log, other := opts.current, opts.baseline
		if base.usage {
			log, other = opts.baseline, opts.current
		}
		return true, fmt.Errorf("compare: %s is a usage log and %s is not: compare two usage logs (their cost) or two benchmark results", log, other)
	case opts.inputFormat != "":
		return true, usageErrorf("compare: --input-format %s: the inputs are usage logs, which are detected, not named", opts.inputFormat)
	}
	by := compare.GroupBy{}
	if opts.usage.groupBy != "" {
		if by, err = compare.ParseGroupBy(opts.usage.groupBy); err != nil {
			return true, usageErrorf("compare: --group-by %v", err)
		}
	}
	if u := compare.UnpricedPolicy(opts.usage.unpriced); u != compare.UnpricedFail && u != compare.UnpricedReport {
		return true, usageErrorf("compare: --unpriced %q: want %s or %s", opts.usage.unpriced, compare.UnpricedFail, compare.UnpricedReport)
	}
	cat, info, err := opts.usage.loadCatalog()
	if err != nil {
		return true, err
	}
	lo := compare.UsageLogOptions{Catalog: cat, Now: env.now(), Unpriced: compare.UnpricedPolicy(opts.usage.unpriced), Tag: by.Tag}
	if lo.Tag == "" {
		lo.Tag = compare.DefaultGroupTag
	}
	curLog, err := compare.ReadUsageLog(cur.r, inputName(opts.current), lo)
	if err != nil {
		return true, fmt.Errorf("current: %w", err)
	}
	if base.missing {
		if cfg.MissingBaseline == compare.MissingFail {
			return true, &RegressionError{NoBaseline: "--baseline " + opts.baseline + " does not exist"}
		}
		return true, writeReport(*env, opts, &report.Report{NoBaseline: report.NoBaselineUsageFile(opts.baseline, curLog.Requests())})
	}
	baseLog, err := compare.ReadUsageLog(base.r, inputName(opts.baseline), lo)
	if err != nil {
		return true, fmt.Errorf("baseline: %w", err)
	}
	c, err := compare.CompareUsage(baseLog, curLog, cfg, by, info)
	if err != nil {
		return true, fmt.Errorf("compare: %w", err)
	}
	if err := writeReport(*env, opts, &report.Report{Comparison: c}); err != nil {
		return true, err
	}
	return true, verdictError(c)
}

func inputName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}
