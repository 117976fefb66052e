package gate

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// sameRunnerResult is what a ref: baseline measured.
type sameRunnerResult struct {
	base    Baseline
	cur     *bench.Document
	curPath string
	result  *samerunner.Result // what the same-runner run saw, for its section of the page
}

// sameRunner is the gate with `baseline: ref:REV`: the revision and the checked-out
// tree (GITHUB_WORKSPACE) are built and run alternately on this runner (package
// samerunner); with working-directory, that directory of both. The current result goes to output-dir/latest.json and the baseline's to
// output-dir/baseline.json, both measured here. Benchmarks inconclusive under cfg get
// extra rounds.
func sameRunner(ctx context.Context, v validated, d Deps, rev string, cfg compare.Config) (sameRunnerResult, error) {
	dir := v.workDir
	if ws := d.Getenv("GITHUB_WORKSPACE"); ws != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(ws, dir)
	}
	progress := d.Stdout
	if progress == nil {
		progress = io.Discard
	}
	o, err := v.SameRunner.Options(dir, rev, "", v.filters, progress)
	if err != nil {
		return sameRunnerResult{}, fmt.Errorf("input %w", err)
	}
	o.Measure = v.Measure
	o.Config = &cfg
	res, err := samerunner.Run(ctx, o)
	if err != nil {
		return sameRunnerResult{}, fmt.Errorf("input baseline: %s: %w", v.Baseline, err)
	}
	out := sameRunnerResult{
		base:    Baseline{Doc: res.Baseline.Doc, Source: v.Baseline, Commit: res.Baseline.Commit},
		cur:     res.Current.Doc,
		curPath: filepath.Join(v.OutputDir, "latest.json"),
		result:  res,
	}
	for path, doc := range map[string]*bench.Document{out.curPath: res.Current.Doc, filepath.Join(v.OutputDir, "baseline.json"): res.Baseline.Doc} {
		if err := bench.WriteFile(path, doc); err != nil {
			return out, err
		}
	}
	fmt.Fprintln(progress, report.SameRunnerSummary(res))
	return out, nil
}
