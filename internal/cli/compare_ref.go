package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// loadSides returns the baseline and current results of `compare`: read from their
// files, or, for --baseline ref:REV, measured here by a same-runner A/B run (package
// samerunner) whose result is also returned.
func loadSides(ctx context.Context, opts compareOptions, cfg compare.Config, env Env) (base, cur *bench.Document, ab *samerunner.Result, err error) {
	if rev, ok := samerunner.ParseRef(opts.baseline); ok {
		ab, err = sameRunner(ctx, opts, cfg, rev, env)
		if err != nil {
			return nil, nil, nil, err
		}
		return ab.Baseline.Doc, ab.Current.Doc, ab, nil
	}
	if _, ok := samerunner.ParseRef(opts.current); ok {
		return nil, nil, nil, usageErrorf("compare: --current %q: a ref: current needs a ref: baseline", opts.current)
	}
	if base, err = loadResult(opts.baseline, opts.inputFormat, env); err != nil {
		return nil, nil, nil, fmt.Errorf("baseline: %w", err)
	}
	if cur, err = loadResult(opts.current, opts.inputFormat, env); err != nil {
		return nil, nil, nil, fmt.Errorf("current: %w", err)
	}
	return base, cur, nil, nil
}

// sameRunner builds the baseline revision and the current side (the working tree, or
// --current ref:REV) and runs them alternately on this machine; benchmarks
// inconclusive under cfg get extra rounds. Progress goes to stderr.
func sameRunner(ctx context.Context, opts compareOptions, cfg compare.Config, rev string, env Env) (*samerunner.Result, error) {
	current := ""
	if opts.current != "" {
		r, ok := samerunner.ParseRef(opts.current)
		if !ok {
			return nil, usageErrorf("compare: --current %q: with a ref: baseline, omit --current (the working tree) or give ref:REV", opts.current)
		}
		current = r
	}
	progress := env.Stderr
	if progress == nil {
		progress = io.Discard
	}
	if strings.TrimSpace(opts.sameRunner.Suite) == "" { // the module's own benchmarks, outside cost-ops-bench
		if suite, _, err := gotest.DefaultSuite("."); err == nil {
			opts.sameRunner.Suite = string(suite)
		}
	}
	o, err := opts.sameRunner.Options(".", rev, current, opts.filters, progress)
	if err != nil {
		return nil, usageErrorf("compare: --%v", err)
	}
	if o.Measure, err = bench.ParseMeasure(opts.measure); err != nil {
		return nil, usageErrorf("compare: --measure: %v", err)
	}
	o.Config = &cfg
	res, err := samerunner.Run(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("compare: baseline ref:%s: %w", rev, err)
	}
	return res, nil
}
