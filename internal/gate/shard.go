package gate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
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
	arts := strings.HasPrefix(v.Current, ArtifactsPrefix)
	switch {
	case arts && strings.TrimSpace(strings.TrimPrefix(v.Current, ArtifactsPrefix)) == "":
		return fmt.Errorf("input current: %q: artifacts: needs a name prefix, e.g. artifacts:bench-part-", v.Current)
	case v.shard.IsZero():
		return nil
	case arts || v.Current != "":
		return fmt.Errorf("input current: %q: a shard job runs its part of the suite; give current only to the job that merges the parts", v.Current)
	}
	if _, ok := samerunner.ParseRef(v.Baseline); ok {
		return fmt.Errorf("input shard: %s: not supported with a ref: baseline yet; shard a baseline file or artifact", v.shard)
	}
	return nil
}

// runShardPart is the gate of one job of a matrix (input shard K/N): it runs its part
// of the suite into output-dir/latest.json and stops there. The job that merges the
// parts (current: artifacts:<prefix>) compares, reports and comments, once.
func runShardPart(ctx context.Context, v validated, d Deps) (*Outcome, error) {
	if d.RunSuite == nil {
		return nil, errors.New("input shard: this build cannot run the suite")
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
	if err := d.RunSuite(ctx, v.OutputDir, []string{bench.NamesFilter(picked)}); err != nil {
		return nil, fmt.Errorf("running shard %s: %w", v.shard, err)
	}
	out := &Outcome{ResultPath: filepath.Join(v.OutputDir, "latest.json"), FailOnRegression: v.failOnRegression}
	fmt.Fprintf(d.Stdout, "shard %s: %d of %d benchmark(s) (balanced by %s) written to %s; the job that merges the parts gates them\n",
		v.shard, len(picked), len(names), from, out.ResultPath)
	if d.Getenv("GITHUB_OUTPUT") != "" {
		if err := recovered("setting the outputs", func() { d.Action.SetOutput("result-path", out.ResultPath) }); err != nil {
			return nil, err
		}
	}
	return out, nil
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

// mergeArtifacts is the current result of the job that merges a matrix: the
// artifacts of this workflow run whose names start with the prefix, one result
// file each, merged into output-dir/latest.json. Parts that overlap or do not
// match are bad input; benchmarks that no part ran are warned about.
func (g *gh) mergeArtifacts(ctx context.Context) (*bench.Document, string, error) {
	v, d := g.settings, g.deps
	prefix := strings.TrimSpace(strings.TrimPrefix(v.Current, ArtifactsPrefix))
	runID, err := strconv.ParseInt(d.Getenv("GITHUB_RUN_ID"), 10, 64)
	if err != nil || runID <= 0 {
		return nil, "", fmt.Errorf("input current: %s: GITHUB_RUN_ID %q is not a workflow run id", v.Current, d.Getenv("GITHUB_RUN_ID"))
	}
	client, err := g.client()
	if err != nil {
		return nil, "", fmt.Errorf("input current: %s: %w", v.Current, err)
	}
	arts, err := github.FindRunArtifacts(ctx, client, runID, prefix)
	if err != nil {
		return nil, "", fmt.Errorf("input current: %s: %w", v.Current, err)
	}
	lim := d.limits()
	parts := make([]bench.Part, 0, len(arts))
	for _, a := range arts {
		source := "artifact " + a.Name
		data, err := client.DownloadArtifact(ctx, a.ID, lim.MaxZipBytes)
		if err != nil {
			return nil, "", fmt.Errorf("input current: %s: %w", source, err)
		}
		member, content, err := github.ExtractResult(data, lim)
		if err != nil {
			return nil, "", fmt.Errorf("input current: %s: %w", source, err)
		}
		doc, err := formats.Read(content, source+"/"+member, "")
		if err != nil {
			return nil, "", fmt.Errorf("current: %w", err)
		}
		parts = append(parts, bench.Part{Source: source, Doc: doc})
	}
	m, err := bench.Merge(parts, bench.MergeOptions{Expect: bench.SuiteExpect(parts), MixedCPU: true})
	if err != nil {
		return nil, "", fmt.Errorf("input current: %s: %w", v.Current, err)
	}
	if len(m.Unrun) > 0 {
		d.Action.Warningf("cost-ops-bench: no shard ran %d benchmark(s): %s (did a matrix job fail or not upload its part?)", len(m.Unrun), strings.Join(m.Unrun, ", "))
	}
	if m.MixedCPU {
		d.Action.Warningf("cost-ops-bench: the shards ran on different CPUs (%s); each benchmark is still compared as measured on one", m.Doc.Environment.CPUModel)
	}
	path := filepath.Join(v.OutputDir, "latest.json")
	if err := bench.WriteFile(path, m.Doc); err != nil {
		return nil, "", err
	}
	fmt.Fprintf(d.Stdout, "merged %d part(s) (%s*), %d benchmark(s), into %s\n", len(parts), prefix, len(m.Doc.Results), path)
	return m.Doc, path, nil
}

// current is the current result: the merged artifacts of a matrix for
// artifacts:<prefix>, else the current input or the suite run here.
func (g *gh) current(ctx context.Context) (*bench.Document, string, error) {
	if strings.HasPrefix(g.settings.Current, ArtifactsPrefix) {
		return g.mergeArtifacts(ctx)
	}
	return loadCurrent(ctx, g.settings, g.deps.RunSuite)
}
