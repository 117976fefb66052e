package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	trendreport "github.com/cost-ops-bench/cost-ops-bench/internal/report/trend"
	"github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// ChangeError is the outcome of `trend --fail-on-change`: a change point for the
// worse among the newest --recent points. Exit code 1, as a regression.
type ChangeError struct{ Changes int }

func (e *ChangeError) Error() string {
	return fmt.Sprintf("trend: %d change point(s) for the worse in the recent runs", e.Changes)
}

// runTrend is `cost-ops-bench trend`: it reads a history store, finds the change
// points of every benchmark and metric, and writes the report (stdout) and, with
// --output, the HTML dashboard.
func runTrend(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("trend", env)
	store := fs.String("store", "", "the store `directory` that `history append` writes (required)")
	format := fs.String("format", "markdown", "report `format` on stdout: "+strings.Join(trendreport.Formats.Names(), ", "))
	output := fs.String("output", "", "write the dashboard, `DIR`/index.html (self-contained)")
	var filters, metrics []string
	fs.Func("filter", "analyse only the benchmarks whose name contains `pattern` (or matches /RE/); repeat to OR several", func(s string) error {
		filters = append(filters, s)
		return nil
	})
	fs.Func("metric", "analyse only this `metric` (time, allocs, bytes, instructions, ...); repeat for several", func(s string) error {
		metrics = append(metrics, s)
		return nil
	})
	var o trend.AnalyzeOptions
	fs.Float64Var(&o.Detect.Alpha, "alpha", trend.DefaultAlpha, "significance level of a change point")
	fs.IntVar(&o.Detect.MinSegment, "min-segment", trend.DefaultMinSegment, "fewest `points` between change points (a spike shorter than this is never one)")
	test := fs.String("test", string(trend.UTest), "significance `test`: utest, ttest (as Otava) or permutation (as the paper)")
	fs.IntVar(&o.Recent, "recent", 0, "mark change points among the newest `K` points as recent")
	failOnChange := fs.Bool("fail-on-change", false, "exit 1 when a recent change point (--recent) is for the worse")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o.Detect.Test = trend.Significance(*test)
	switch {
	case *store == "":
		return usageErrorf("trend: --store: a directory is required")
	case o.Recent < 0:
		return usageErrorf("trend: --recent: %d: want 0 or more", o.Recent)
	case *failOnChange && o.Recent == 0:
		return usageErrorf("trend: --fail-on-change needs --recent K")
	}
	out, err := trendreport.Formats.Lookup(*format)
	if err != nil {
		return usageErrorf("trend: --format: %v", err)
	}
	filter, err := bench.ParseFilter(filters)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("trend: --filter: %w", err)}
	}
	o.Match, o.Metrics = filter.Match, metrics
	if _, err := trend.Detect(nil, o.Detect); err != nil {
		return &UsageError{Err: fmt.Errorf("trend: --%w", err)}
	}
	runs, err := history.Load(*store)
	if err != nil {
		return fmt.Errorf("trend: %w", err)
	}
	rep, err := trend.Analyze(runs, o)
	if err != nil {
		return fmt.Errorf("trend: %w", err)
	}
	if *output != "" {
		path := filepath.Join(*output, "index.html")
		if err := atomicfile.Write(path, 0o644, func(w io.Writer) error { return trendreport.HTML(w, rep) }); err != nil {
			return fmt.Errorf("trend: %w", err)
		}
		fmt.Fprintln(env.Stderr, "wrote", path)
	}
	if err := out.Render(env.Stdout, rep, report.Options{}); err != nil {
		return fmt.Errorf("trend: %w", err)
	}
	if *failOnChange {
		if n := worseRecent(rep); n > 0 {
			return &ChangeError{Changes: n}
		}
	}
	return nil
}

// worseRecent counts the recent change points for the worse.
func worseRecent(rep *trend.Report) int {
	n := 0
	for _, s := range rep.Benchmarks {
		for _, cp := range s.ChangePoints {
			if cp.Recent && cp.Worse {
				n++
			}
		}
	}
	return n
}
