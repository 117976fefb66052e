package gate

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// runWithSuite is harness.run with a suite runner.
func (h *harness) runWithSuite(s Settings, suite SuiteRunner) (*Outcome, error) {
	getenv := func(k string) string { return h.env[k] }
	action := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(&h.stdout))
	return Run(context.Background(), s, Deps{
		Action: action, Getenv: getenv, Stdout: &h.stdout, RunSuite: suite,
		NewGitHub: func(github.Options) (github.GitHub, error) { return h.gh, nil },
		FileCommit: func(context.Context, string) (string, time.Time) {
			return "cccccccc33333333333333333333333333333333", time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
		},
	})
}

// fakeSuite is a SuiteRunner that "measures" the built-in benchmarks its filters
// keep, writing a result with one made-up result each, and records the filters.
type fakeSuite struct{ filters [][]string }

func (f *fakeSuite) run(_ context.Context, r SuiteRun) error {
	dir, filters := r.OutputDir, r.Filters
	f.filters = append(f.filters, filters)
	flt, err := bench.ParseFilter(filters)
	if err != nil {
		return err
	}
	doc := bench.Document{SchemaVersion: bench.SchemaVersion, Version: "test", Timestamp: time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)}
	for _, b := range bench.Suite().All() {
		if flt.Match(b.Name) {
			doc.Results = append(doc.Results, bench.Result{Name: b.Name, Group: b.Group, BatchSize: 1, Iterations: 1,
				SamplesNs: []float64{10, 11, 12, 10, 11, 12}, MedianNs: 11, CILowNs: 10, CIHighNs: 12})
		}
	}
	return bench.WriteFile(filepath.Join(dir, "latest.json"), &doc)
}

func TestShardJobRunsItsPartAndPostsNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	base := filepath.Join(h.dir, "base.json")
	weights := map[string]float64{}
	doc := bench.Document{SchemaVersion: bench.SchemaVersion, Version: "test"}
	for i, n := range bench.Suite().Names() {
		weights[n] = float64(100 + 50*(i%4))
		doc.Results = append(doc.Results, bench.Result{Name: n, Iterations: 1, TotalDurationMs: weights[n], SamplesNs: []float64{1, 1, 1, 1, 1, 1}, MedianNs: 1, CILowNs: 1, CIHighNs: 1})
	}
	if err := bench.WriteFile(base, &doc); err != nil {
		t.Fatal(err)
	}
	var union []string
	for k := 1; k <= 3; k++ {
		s := h.settings(base, "")
		s.Shard = string(rune('0'+k)) + "/3"
		s.OutputDir = filepath.Join(h.dir, "shard", s.Shard[:1])
		suite := &fakeSuite{}
		out, err := h.runWithSuite(s, suite.run)
		if err != nil {
			t.Fatal(err)
		}
		var order []string // the suite's order
		for _, b := range bench.Suite().All() {
			order = append(order, b.Name)
		}
		want := bench.Shard{K: k, N: 3}.Pick(order, weights)
		if len(suite.filters) != 1 || !slices.Equal(suite.filters[0], []string{bench.NamesFilter(want)}) {
			t.Fatalf("shard %s ran with filters %q, want its part %q", s.Shard, suite.filters, want)
		}
		part, err := formats.LoadFile(out.ResultPath, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range part.Results {
			union = append(union, r.Name)
		}
		if out.Verdict != "" || out.Failed() || out.Comparison != nil {
			t.Errorf("shard %s: outcome %+v, want no verdict", s.Shard, out)
		}
		if _, err := os.Stat(filepath.Join(s.OutputDir, "report.md")); err == nil {
			t.Errorf("shard %s wrote a report", s.Shard)
		}
	}
	slices.Sort(union)
	if !slices.Equal(union, bench.Suite().Names()) {
		t.Errorf("the shards ran %q, want the suite once", union)
	}
	if len(h.gh.calls) != 0 || h.summary() != "" {
		t.Errorf("shard jobs called GitHub %v and wrote the summary %q; want neither", h.gh.calls, h.summary())
	}
	outputs := h.outputs()
	if _, ok := outputs["verdict"]; ok || outputs["result-path"] == "" {
		t.Errorf("outputs %v: want result-path only", outputs)
	}
	if !strings.Contains(h.stdout.String(), fmt.Sprintf("shard 1/3: %d of %d benchmark(s) (balanced by the costs in %s)", len(bench.Shard{K: 1, N: 3}.Pick(bench.Suite().Names(), weights)), len(union), base)) {
		t.Errorf("stdout:\n%s", h.stdout.String())
	}
}

// partZips splits testdata/<current> into n shard documents, as n matrix jobs
// would upload them, and returns them zipped.
func partZips(t *testing.T, current string, n int) [][]byte {
	t.Helper()
	full, err := formats.LoadFile(filepath.Join("testdata", current), "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range full.Results {
		names = append(names, r.Name)
	}
	var zips [][]byte
	for k := 1; k <= n; k++ {
		part := *full
		part.Results = nil
		for _, r := range full.Results {
			if slices.Contains(bench.Shard{K: k, N: n}.Pick(names, nil), r.Name) {
				part.Results = append(part.Results, r)
			}
		}
		data, err := json.Marshal(part)
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, zipOf(t, map[string][]byte{"latest.json": data}))
	}
	return zips
}

// withParts gives the fake GitHub the zips as artifacts prefix<k> of run 99 (this
// run), and decoys: the same name in another run, and another name in this one.
func withParts(h *harness, prefix string, zips [][]byte) {
	h.gh.zips = map[int64][]byte{}
	for k, z := range zips {
		id := int64(500 + k)
		h.gh.artifacts = append(h.gh.artifacts, github.Artifact{ID: id, Name: prefix + string(rune('1'+k)), RunID: 99})
		h.gh.zips[id] = z
	}
	h.gh.artifacts = append(h.gh.artifacts,
		github.Artifact{ID: 900, Name: prefix + "1", RunID: 98},
		github.Artifact{ID: 901, Name: "coverage", RunID: 99})
}

func TestMergeJobGatesTheMergedPartsAsOneRun(t *testing.T) {
	t.Parallel()
	for _, current := range []string{"current-regression.json", "current-pass.json"} {
		t.Run(current, func(t *testing.T) {
			t.Parallel()
			whole := newHarness(t, "pull_request", prEvent)
			wantOut, err := whole.run(whole.settings("testdata/base.json", filepath.Join("testdata", current)))
			if err != nil {
				t.Fatal(err)
			}
			h := newHarness(t, "pull_request", prEvent)
			withParts(h, "bench-part-", partZips(t, current, 3))
			s := h.settings("testdata/base.json", "artifacts:bench-part-")
			s.OutputDir = whole.settings("", "").OutputDir // the same paths in the report
			out, err := h.runWithSuite(s, nil)
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != wantOut.Verdict || out.Counts.Failing != wantOut.Counts.Failing || out.Counts.Improvements != wantOut.Counts.Improvements {
				t.Errorf("merged: %s, %d failing, %d improved; whole: %s, %d, %d", out.Verdict, out.Counts.Failing, out.Counts.Improvements, wantOut.Verdict, wantOut.Counts.Failing, wantOut.Counts.Improvements)
			}
			if len(h.gh.comments) != 1 || len(whole.gh.comments) != 1 {
				t.Fatalf("%d comments, want 1", len(h.gh.comments))
			}
			if got, want := h.gh.comments[0].Body, whole.gh.comments[0].Body; got != want {
				t.Errorf("the merged parts' comment\n%s\ndiffers from the whole result's\n%s", got, want)
			}
			if got := strings.Join(h.gh.calls, ","); !strings.HasPrefix(got, "run artifacts 99,download 500,download 501,download 502,") {
				t.Errorf("GitHub calls %s", got)
			}
			merged, err := formats.LoadFile(out.ResultPath, "")
			if err != nil || len(merged.Results) != len(wantOut.Comparison.Entries)-wantOut.Comparison.Counts().Missing {
				t.Errorf("merged result %s: %v", out.ResultPath, err)
			}
		})
	}
}

func TestMergeJobRefuses(t *testing.T) {
	t.Parallel()
	zips := partZips(t, "current-pass.json", 2)
	tests := []struct {
		name  string
		zips  [][]byte
		runID string
		want  string
	}{
		{name: "overlapping parts", zips: [][]byte{zips[0], zips[1], zips[0]}, want: "artifact bench-part-1 and artifact bench-part-3 both hold benchmark"},
		{name: "no parts", zips: nil, want: "input current: artifacts:bench-part-: artifacts of workflow run 99 named bench-part-*: no artifact found"},
		{name: "a part with two results", zips: [][]byte{zipOf(t, map[string][]byte{"a.json": []byte("{}"), "b.json": []byte("{}")})}, want: "artifact bench-part-1: artifact archive: several JSON files"},
		{name: "no run id", zips: zips, runID: "x", want: `GITHUB_RUN_ID "x" is not a workflow run id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			if tt.runID != "" {
				h.env["GITHUB_RUN_ID"] = tt.runID
			}
			withParts(h, "bench-part-", tt.zips)
			_, err := h.runWithSuite(h.settings("testdata/base.json", "artifacts:bench-part-"), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if len(h.gh.comments) != 0 {
				t.Errorf("commented on bad input")
			}
		})
	}
}

func TestMergeJobWarnsOfUnrunBenchmarks(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	suite := &fakeSuite{}
	dir := t.TempDir()
	var zips [][]byte
	for _, k := range []string{"1/3", "3/3"} { // shard 2/3 failed to upload
		sh, _ := bench.ParseShard(k)
		if err := suite.run(context.Background(), SuiteRun{OutputDir: dir, Filters: []string{bench.NamesFilter(sh.Pick(bench.Suite().Names(), nil))}}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "latest.json"))
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, zipOf(t, map[string][]byte{"latest.json": data}))
	}
	withParts(h, "p", zips)
	if _, err := h.runWithSuite(h.settings("", "artifacts:p"), nil); err != nil {
		t.Fatal(err)
	}
	var order []string // the suite's order
	for _, b := range bench.Suite().All() {
		order = append(order, b.Name)
	}
	unrun := bench.Shard{K: 2, N: 3}.Pick(order, nil)
	if !strings.Contains(h.stdout.String(), fmt.Sprintf("::warning::cost-ops-bench: current: no shard ran %d benchmark(s): ", len(unrun))+strings.Join(unrun, ", ")) {
		t.Errorf("no warning of the unrun benchmarks:\n%s", h.stdout.String())
	}
	// With the filter the shard jobs were given, only the filtered benchmarks are expected.
	h = newHarness(t, "pull_request", prEvent)
	withParts(h, "p", zips)
	s := h.settings("", "artifacts:p")
	s.Filter = unrun[0] + "\n" + unrun[1]
	if _, err := h.runWithSuite(s, nil); err != nil {
		t.Fatal(err)
	}
	if want := "no shard ran 2 benchmark(s): " + unrun[0] + ", " + unrun[1] + " "; !strings.Contains(h.stdout.String(), want) {
		t.Errorf("with a filter, stdout does not say %q:\n%s", want, h.stdout.String())
	}
}

func TestShardSettingsRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		shard    string
		current  string
		baseline string
		suite    string
		want     string
	}{
		{name: "zero K", shard: "0/3", want: `input shard: "0/3": K must be between 1 and N (3)`},
		{name: "K over N", shard: "4/3", want: `input shard: "4/3": K must be between 1 and N (3)`},
		{name: "not K/N", shard: "x", want: `input shard: "x": want K/N`},
		{name: "shard with current", shard: "1/3", current: "testdata/current-pass.json", want: "a shard job runs its part of the suite"},
		{name: "shard with artifacts", shard: "1/3", current: "artifacts:p", want: "give current only to the job that merges the parts"},
		{name: "artifacts without prefix", current: "artifacts: ", want: "artifacts: needs a name prefix"},
		{name: "shard of go-test with a ref baseline", shard: "1/2", baseline: "ref:main", suite: "go-test", want: "input shard: 1/2: with a ref: baseline, only suite builtin can be sharded yet (the suite here is go-test)"},
		{name: "shard with artifacts baseline", shard: "1/2", baseline: "artifacts:base-", want: "input baseline: \"artifacts:base-\": artifacts: is for the job that merges the parts"},
		{name: "baseline artifacts without prefix", current: "artifacts:p", baseline: "artifacts:", want: "input baseline: \"artifacts:\": artifacts: needs a name prefix"},
		{name: "prefixes that start one another", current: "artifacts:part-", baseline: "artifacts:part-base-", want: "must not start one another"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			s := h.settings(tt.baseline, tt.current)
			s.Shard = tt.shard
			s.SameRunner.Suite = tt.suite
			suite := &fakeSuite{}
			_, err := h.runWithSuite(s, suite.run)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if len(suite.filters) != 0 || len(h.gh.calls) != 0 {
				t.Errorf("ran the suite %v or called GitHub %v on bad input", suite.filters, h.gh.calls)
			}
		})
	}
}

// TestMergeJobWithBaselineParts gates current parts against baseline parts, as the
// merging job of same-runner shards does (each shard job measured both sides of its
// part): the verdict is the one of the whole results.
func TestMergeJobWithBaselineParts(t *testing.T) {
	t.Parallel()
	whole := newHarness(t, "pull_request", prEvent)
	want, err := whole.run(whole.settings("testdata/base.json", "testdata/current-regression.json"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, "pull_request", prEvent)
	withParts(h, "cur-", partZips(t, "current-regression.json", 3))
	baseZips := partZips(t, "base.json", 2)
	for k, z := range baseZips {
		id := int64(700 + k)
		h.gh.artifacts = append(h.gh.artifacts, github.Artifact{ID: id, Name: "base-" + string(rune('1'+k)), RunID: 99})
		h.gh.zips[id] = z
	}
	out, err := h.runWithSuite(h.settings("artifacts:base-", "artifacts:cur-"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Verdict != want.Verdict || out.Counts.Failing != want.Counts.Failing || out.Counts.Improvements != want.Counts.Improvements || len(out.Comparison.Entries) != len(want.Comparison.Entries) {
		t.Errorf("merged parts: %s, %d failing, %d improved; whole: %s, %d, %d", out.Verdict, out.Counts.Failing, out.Counts.Improvements, want.Verdict, want.Counts.Failing, want.Counts.Improvements)
	}
	if len(h.gh.comments) != 1 || !strings.Contains(h.gh.comments[0].Body, "**Baseline:** `artifacts:base-`") {
		t.Errorf("comments: %+v", h.gh.comments)
	}
	if _, err := os.Stat(filepath.Join(h.settings("", "").OutputDir, "baseline.json")); err != nil {
		t.Errorf("the merged baseline was not written: %v", err)
	}
}
