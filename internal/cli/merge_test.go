package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// writeDoc writes doc as a result file in dir and returns its path.
func writeDoc(t *testing.T, dir, name string, doc *bench.Document) string {
	t.Helper()
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// splitDoc writes the results of doc as n shard files, split as run --shard splits
// the suite, and returns their paths.
func splitDoc(t *testing.T, dir string, doc *bench.Document, n int) []string {
	t.Helper()
	var names []string
	byName := map[string]bench.Result{}
	for _, r := range doc.Results {
		names = append(names, r.Name)
		byName[r.Name] = r
	}
	var paths []string
	for k := 1; k <= n; k++ {
		part := *doc
		part.Results = nil
		for _, name := range (bench.Shard{K: k, N: n}).Pick(names, nil) {
			part.Results = append(part.Results, byName[name])
		}
		part.Summary = bench.Summarize(part.Results, 0)
		paths = append(paths, writeDoc(t, dir, "shard-"+string(rune('0'+k))+".json", &part))
	}
	return paths
}

// TestMergeComparesAsTheFullRun splits a current result into three shards, merges
// them and checks that every report of the comparison with the baseline is the one
// the whole result gives: same benchmarks, same statuses, same verdict and exit code.
func TestMergeComparesAsTheFullRun(t *testing.T) {
	t.Parallel()
	for _, current := range []string{"current-regression.json", "current-pass.json"} {
		t.Run(current, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			full, _ := readDoc(t, fixture(current))
			parts := splitDoc(t, dir, full, 3)
			merged := filepath.Join(dir, "merged.json")
			if _, stderr, code := runCLI(t, append([]string{"merge", "--output", merged}, parts...)...); code != 0 {
				t.Fatalf("merge: exit %d\n%s", code, stderr)
			}
			for _, format := range []string{"json", "markdown", "console"} {
				want, _, wantCode := runCLI(t, "compare", "--baseline", fixture("base.json"), "--current", fixture(current), "--format", format)
				got, stderr, gotCode := runCLI(t, "compare", "--baseline", fixture("base.json"), "--current", merged, "--format", format)
				if gotCode != wantCode || got != want {
					t.Errorf("%s: the merged shards compare with exit %d as\n%s\n%s\nbut the whole result with exit %d as\n%s", format, gotCode, got, stderr, wantCode, want)
				}
			}
		})
	}
}

// TestRunShardsCoverTheSuite runs the built-in suite as three shards and merges them.
func TestRunShardsCoverTheSuite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var parts []string
	seen := map[string]int{}
	for k := 1; k <= 3; k++ {
		out := filepath.Join(dir, "shard"+string(rune('0'+k)))
		if _, stderr, err := runCmd(t, "--output", out, "--no-summary", "--samples", "6", "--shard", string(rune('0'+k))+"/3"); err != nil {
			t.Fatalf("shard %d/3: %v\n%s", k, err, stderr)
		}
		path := filepath.Join(out, "latest.json")
		doc, _ := readDoc(t, path)
		if n, all := len(doc.Results), len(bench.Suite().Names()); n < all/3 || n > (all+2)/3 {
			t.Errorf("shard %d/3 ran %d benchmarks, want %d or %d of %d", k, n, all/3, (all+2)/3, all)
		}
		for _, r := range doc.Results {
			if prev, dup := seen[r.Name]; dup {
				t.Errorf("%s ran in shard %d and shard %d", r.Name, prev, k)
			}
			seen[r.Name] = k
		}
		parts = append(parts, path)
	}
	merged := filepath.Join(dir, "merged.json")
	_, stderr, code := runCLI(t, append([]string{"merge", "--output", merged}, parts...)...)
	if code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	doc, _ := readDoc(t, merged)
	var got, want []string
	for _, r := range doc.Results {
		got = append(got, r.Name)
	}
	for _, b := range bench.Suite().All() {
		want = append(want, b.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("merged benchmarks\n%q\nwant the suite in its order\n%q", got, want)
	}
	if doc.Summary.TotalBenchmarks != len(want) || doc.Harness == nil || doc.Harness.Samples != 6 {
		t.Errorf("merged summary %+v, harness %+v", doc.Summary, doc.Harness)
	}
	// Two shards of three: the third's benchmarks are named as run by no part.
	_, stderr, code = runCLI(t, "merge", "--output", filepath.Join(dir, "two.json"), parts[0], parts[2])
	if code != 0 {
		t.Fatalf("merge of two parts: exit %d\n%s", code, stderr)
	}
	_, list, _ := strings.Cut(stderr, "expected benchmark(s): ")
	unrun := strings.Split(strings.TrimSpace(list), ", ")
	for name, k := range seen {
		if said := slices.Contains(unrun, name); said != (k == 2) {
			t.Errorf("stderr names %s: %v, but it ran in shard %d:\n%s", name, said, k, stderr)
		}
	}
	if !strings.Contains(stderr, "warning: no part ran") {
		t.Errorf("stderr does not warn:\n%s", stderr)
	}
}

func TestMergeRefusesBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	full, _ := readDoc(t, fixture("current-regression.json"))
	parts := splitDoc(t, dir, full, 3)
	otherCommit := *full
	otherCommit.Git = &bench.GitInfo{Commit: "0123456789abcdef0123456789abcdef01234567"}
	otherCommit.Results = full.Results[:1]
	other := writeDoc(t, dir, "other-commit.json", &otherCommit)
	dupDoc := *full
	dupDoc.Results = full.Results[len(full.Results)-1:]
	dup := writeDoc(t, dir, "dup.json", &dupDoc)
	names := filepath.Join(dir, "names.txt")
	if err := os.WriteFile(names, []byte("# expected\nsingle_cost_calculation\n\nnot_run_anywhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "merged.json")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr []string
	}{
		{"overlapping parts", []string{"--output", out, parts[0], parts[1], parts[2], dup}, 2,
			[]string{" and " + dup + " both hold benchmark ", "the parts of a merge must be disjoint"}},
		{"a part that does not exist", []string{"--output", out, parts[0], filepath.Join(dir, "shard-4.json")}, 2, []string{"merge: open " + filepath.Join(dir, "shard-4.json")}},
		{"different commit", []string{"--output", out, parts[1], other}, 2, []string{other + ": git.commit is 0123456789abcdef0123456789abcdef01234567, but (none) in " + parts[1]}},
		{"no output", []string{parts[0]}, 2, []string{"merge: --output is required"}},
		{"no parts", []string{"--output", out}, 2, []string{"merge: no parts given"}},
		{"a part twice", []string{"--output", out, parts[0], parts[0]}, 2, []string{"merge: part " + parts[0] + " is given twice"}},
		{"missing expect file", []string{"--output", out, "--expect", filepath.Join(dir, "nope.txt"), parts[0]}, 2, []string{"merge: --expect: open " + filepath.Join(dir, "nope.txt")}},
		{"expect names the unrun", []string{parts[0], parts[1], parts[2], "--expect", names, "--output", out}, 0, []string{"warning: no part ran 1 expected benchmark(s): not_run_anywhere"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, append([]string{"merge"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s", code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(out); (err == nil) != (tt.wantCode == 0) {
				t.Errorf("output written: %v, want %v", err == nil, tt.wantCode == 0)
			}
			os.Remove(out)
		})
	}
}
