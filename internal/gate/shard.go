package gate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// ArtifactsPrefix marks a current input that names the artifacts of this workflow
// run holding a matrix's shard results: artifacts:<name prefix>.
const ArtifactsPrefix = "artifacts:"

// parseShard reads the shard input; "" is the whole suite.
func parseShard(s string) (bench.Shard, error) {
	if strings.TrimSpace(s) == "" {
		return bench.Shard{}, nil
	}
	sh, err := bench.ParseShard(s)
	if err != nil {
		return sh, fmt.Errorf("input shard: %w", err)
	}
	return sh, nil
}

// validateShard checks the inputs that go with shard and artifacts:<prefix>.
func validateShard(v validated) error {
	for _, in := range []struct{ name, value string }{{"current", v.Current}, {"baseline", v.Baseline}} {
		if strings.HasPrefix(in.value, ArtifactsPrefix) && artifactsPrefix(in.value) == "" {
			return fmt.Errorf("input %s: %q: artifacts: needs a name prefix, e.g. artifacts:bench-part-", in.name, in.value)
		}
	}
	cur, base := artifactsPrefix(v.Current), artifactsPrefix(v.Baseline)
	if cur != "" && base != "" && (strings.HasPrefix(cur, base) || strings.HasPrefix(base, cur)) {
		return fmt.Errorf("input baseline: %q: its prefix and current's (%q) must not start one another, or the parts of one side would be taken for the other's", v.Baseline, v.Current)
	}
	if v.shard.IsZero() {
		return nil
	}
	switch {
	case v.Current != "":
		return fmt.Errorf("input current: %q: a shard job runs its part of the suite; give current only to the job that merges the parts", v.Current)
	case base != "":
		return fmt.Errorf("input baseline: %q: artifacts: is for the job that merges the parts, not for a shard job", v.Baseline)
	}
	if _, ref := samerunner.ParseRef(v.Baseline); ref && v.suite.Suite != samerunner.SuiteBuiltin {
		return fmt.Errorf("input shard: %s: with a ref: baseline, only suite builtin can be sharded yet (the suite here is %s)", v.shard, v.suite.Suite)
	}
	return nil
}

// artifactsPrefix returns the name prefix of an artifacts:<prefix> input, or "".
func artifactsPrefix(in string) string {
	if !strings.HasPrefix(in, ArtifactsPrefix) {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(in, ArtifactsPrefix))
}

// runShardPart is the gate of one job of a matrix (input shard K/N): it runs its part
// of the suite into output-dir/latest.json and stops there. With a ref: baseline
// both sides of the part are measured here, alternately, and the baseline's side
// goes to output-dir/baseline.json: a pair never spans two runners. The job that
// merges the parts (current: artifacts:<prefix>) compares, reports and comments, once.
func runShardPart(ctx context.Context, v validated, d Deps, cfg compare.Config) (*Outcome, error) {
	if v.suite.Suite == samerunner.SuiteGoTest {
		return runGoTestShard(ctx, v, d)
	}
	names, err := suiteNames(v.filters)
	if err != nil {
		return nil, err
	}
	weights, from := shardWeights(v.Baseline)
	picked := v.shard.Pick(names, weights)
	if len(picked) == 0 {
		return nil, fmt.Errorf("input shard: %s: part %d of %d benchmark(s) is empty; use at most %d shards", v.shard, v.shard.K, len(names), len(names))
	}
	part := v
	part.filters = []string{bench.NamesFilter(picked)}
	out := &Outcome{ResultPath: filepath.Join(v.OutputDir, "latest.json"), FailOnRegression: v.failOnRegression}
	written := out.ResultPath
	if rev, ok := samerunner.ParseRef(v.Baseline); ok {
		ab, err := sameRunner(ctx, part, d, rev, cfg)
		if err != nil {
			return nil, err
		}
		out.ResultPath = ab.curPath
		written = fmt.Sprintf("%s and, for %s, %s", ab.curPath, v.Baseline, filepath.Join(v.OutputDir, "baseline.json"))
	} else {
		if d.RunSuite == nil {
			return nil, errors.New("input shard: this build cannot run the suite")
		}
		if err := d.RunSuite(ctx, part.suiteRun(v.OutputDir, part.filters)); err != nil {
			return nil, fmt.Errorf("running shard %s: %w", v.shard, err)
		}
	}
	fmt.Fprintf(d.Stdout, "shard %s: %d of %d benchmark(s) (balanced by %s) written to %s; the job that merges the parts gates them\n",
		v.shard, len(picked), len(names), from, written)
	return out, shardOutputs(d, out)
}

// shardOutputs sets a shard job's one output, result-path.
func shardOutputs(d Deps, out *Outcome) error {
	if d.Getenv("GITHUB_OUTPUT") == "" {
		return nil
	}
	return recovered("setting the outputs", func() { d.Action.SetOutput("result-path", out.ResultPath) })
}

// runGoTestShard is a shard job of the go-test suite: the packages with tests
// are split into disjoint parts, balanced by the baseline file's cost of each
// package, and this job records the benchmarks of its part. A name that packages
// of different parts share is named by package when the parts merge (gotest.Qualify).
func runGoTestShard(ctx context.Context, v validated, d Deps) (*Outcome, error) {
	pkgs, err := gotest.ListPackages(ctx, v.workDir, v.suite.packages(), v.suite.Tags)
	if err != nil {
		return nil, fmt.Errorf("input shard: %s: %w", v.shard, err)
	}
	weights, from := packageWeights(v.Baseline)
	picked := v.shard.Pick(pkgs, weights)
	if len(picked) == 0 {
		return nil, fmt.Errorf("input shard: %s: part %d of %d package(s) with tests is empty; use at most %d shards", v.shard, v.shard.K, len(pkgs), len(pkgs))
	}
	if d.RunSuite == nil {
		return nil, errors.New("input shard: this build cannot run the suite")
	}
	run := v.suiteRun(v.OutputDir, v.filters)
	run.Packages = picked
	if err := d.RunSuite(ctx, run); err != nil {
		return nil, fmt.Errorf("running shard %s: %w", v.shard, err)
	}
	out := &Outcome{ResultPath: filepath.Join(v.OutputDir, "latest.json"), FailOnRegression: v.failOnRegression}
	fmt.Fprintf(d.Stdout, "shard %s: %d of %d package(s) (balanced by %s) written to %s; the job that merges the parts gates them\n",
		v.shard, len(picked), len(pkgs), from, out.ResultPath)
	return out, shardOutputs(d, out)
}

// packageWeights is the cost of each package in the baseline file (the sum of its
// results' costs, Result.Group naming the package), as shardWeights reads costs.
func packageWeights(baseline string) (map[string]float64, string) {
	w, from := shardWeights(baseline)
	if w == nil {
		return nil, from
	}
	doc, err := formats.LoadFile(baseline, "")
	if err != nil {
		return nil, "name"
	}
	byPkg := map[string]float64{}
	for _, r := range doc.Results {
		byPkg[r.Group] += w[r.Name]
	}
	return byPkg, from
}

// suiteNames lists the built-in suite's benchmarks that filters keep.
func suiteNames(filters []string) ([]string, error) {
	f, err := bench.ParseFilter(filters)
	if err != nil {
		return nil, fmt.Errorf("input filter: %w", err)
	}
	selected, err := bench.Suite().Select(f)
	if err != nil {
		return nil, fmt.Errorf("input filter: %w", err)
	}
	names := make([]string, len(selected))
	for i, b := range selected {
		names[i] = b.Name
	}
	return names, nil
}

// shardWeights reads the costs that balance the shards from a baseline file, which
// every job of the matrix sees alike (it is in the checkout). An artifact baseline
// is not used: a newer one could appear while the jobs start, and jobs that split
// the suite differently would overlap. Without weights every benchmark costs the same.
func shardWeights(baseline string) (map[string]float64, string) {
	if baseline == "" || strings.HasPrefix(baseline, ArtifactPrefix) || !fileExists(baseline) {
		return nil, "name"
	}
	doc, err := formats.LoadFile(baseline, "")
	if err != nil {
		return nil, "name" // the merging job reports a baseline that does not load
	}
	return bench.Weights(doc), "the costs in " + baseline
}

// mergeArtifacts reads the artifacts:<prefix> input named input (current or
// baseline): the artifacts of this workflow run whose names start with the prefix,
// one result file each, merged and written to output-dir/file. Parts that overlap or
// do not match are bad input; benchmarks that no part ran are warned about.
func (g *gh) mergeArtifacts(ctx context.Context, input, value, file string) (*bench.Document, string, error) {
	v, d := g.settings, g.deps
	fail := func(err error) (*bench.Document, string, error) {
		return nil, "", fmt.Errorf("input %s: %s: %w", input, value, err)
	}
	prefix := artifactsPrefix(value)
	runID, err := strconv.ParseInt(d.Getenv("GITHUB_RUN_ID"), 10, 64)
	if err != nil || runID <= 0 {
		return fail(fmt.Errorf("GITHUB_RUN_ID %q is not a workflow run id", d.Getenv("GITHUB_RUN_ID")))
	}
	client, err := g.client()
	if err != nil {
		return fail(err)
	}
	arts, err := github.FindRunArtifacts(ctx, client, runID, prefix)
	if err != nil {
		return fail(err)
	}
	lim := d.limits()
	parts := make([]bench.Part, 0, len(arts))
	for _, a := range arts {
		source := "artifact " + a.Name
		data, err := client.DownloadArtifact(ctx, a.ID, lim.MaxZipBytes)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", source, err))
		}
		member, content, err := github.ExtractResult(data, lim)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", source, err))
		}
		doc, err := formats.Read(content, source+"/"+member, "")
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", input, err)
		}
		parts = append(parts, bench.Part{Source: source, Doc: doc})
	}
	// A name that packages of different go-test parts share is named by package, as
	// one run names it (a benchmark of the same name and group in two parts stays an
	// overlap, which Merge refuses).
	docs := make([]*bench.Document, len(parts))
	for i := range parts {
		docs[i] = parts[i].Doc
	}
	gotest.Qualify(docs)
	m, err := bench.Merge(parts, bench.MergeOptions{Expect: expectFiltered(bench.SuiteExpect(parts), v.filters), MixedCPU: true})
	if err != nil {
		return fail(err)
	}
	if len(m.Unrun) > 0 {
		d.Action.Warningf("cost-ops-bench: %s: no shard ran %d benchmark(s): %s (did a matrix job fail or not upload its part?)", input, len(m.Unrun), strings.Join(m.Unrun, ", "))
	}
	if m.MixedCPU {
		d.Action.Warningf("cost-ops-bench: %s: the shards ran on different CPUs (%s); each benchmark is still compared as measured on one", input, m.Doc.Environment.CPUModel)
	}
	path := filepath.Join(v.OutputDir, file)
	if err := bench.WriteFile(path, m.Doc); err != nil {
		return nil, "", err
	}
	fmt.Fprintf(d.Stdout, "%s: merged %d part(s) (%s*), %d benchmark(s), into %s\n", input, len(parts), prefix, len(m.Doc.Results), path)
	return m.Doc, path, nil
}

// expectFiltered keeps the expected names that the filter input keeps: the shard
// jobs ran the filtered suite, given the same filter.
func expectFiltered(expect, filters []string) []string {
	f, err := bench.ParseFilter(filters)
	if err != nil || len(filters) == 0 {
		return expect
	}
	var out []string
	for _, n := range expect {
		if f.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// current is the current result: the merged artifacts of a matrix for
// artifacts:<prefix>, else the current input or the suite run here.
func (g *gh) current(ctx context.Context) (*bench.Document, string, error) {
	if artifactsPrefix(g.settings.Current) != "" {
		return g.mergeArtifacts(ctx, "current", g.settings.Current, "latest.json")
	}
	return loadCurrent(ctx, g.settings, g.deps.RunSuite)
}

// baseline is the baseline: the merged artifacts of a matrix for artifacts:<prefix>
// (the baseline sides that same-runner shard jobs measured), else as loadBaseline
// resolves the input.
func (g *gh) baseline(ctx context.Context) (Baseline, error) {
	v := g.settings
	if artifactsPrefix(v.Baseline) == "" {
		return loadBaseline(ctx, v.Baseline, v.InputFormat, g.ev, g.client, g.deps.limits(), g.deps.fileCommit())
	}
	doc, _, err := g.mergeArtifacts(ctx, "baseline", v.Baseline, "baseline.json")
	if err != nil {
		return Baseline{}, err
	}
	b := Baseline{Doc: doc, Source: v.Baseline, RunURL: g.ev.RunURL}
	if doc.Git != nil {
		b.Commit = doc.Git.Commit
	}
	return b, nil
}
