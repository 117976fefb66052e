package e2e

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// toolFixtures are real outputs of other tools, made on this machine by the
// scripts beside them (internal/formats tests them).
const toolFixtures = "../testdata/formats"

// TestActionOtherTools runs action.yml on other tools' output, as a Python, Rust
// or JavaScript project's workflow gives it: pytest-benchmark JSON with a real
// slowdown (the job fails and the comment names it), Criterion's target/criterion
// directories of unchanged code (the job passes), and benchmark.js's text with the
// slowdown, whose point estimates the comment says were decided without a
// significance test.
func TestActionOtherTools(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	repo := newRepo(t)
	for _, dir := range []string{"pytest-benchmark", "benchmarkjs", "criterion/base", "criterion/same"} {
		copyTree(t, filepath.Join(toolFixtures, dir), filepath.Join(repo, "fixtures", dir))
	}
	commitAll(t, repo, "fixtures")

	pytest := runToolAct(t, act, repo, gh, "fixtures/pytest-benchmark/base.json", "fixtures/pytest-benchmark/slow.json", "")
	if pytest.err == nil {
		t.Fatalf("run 1 (pytest-benchmark, slower): the job succeeded, want it failed\n%s", pytest.text())
	}
	comments := gh.gateComments()
	if len(comments) != 1 {
		t.Fatalf("after run 1: %d gate comments, want 1\n%s", len(comments), pytest.text())
	}
	wantOutputs(t, "run 1", pytest.outputs, map[string]string{
		"verdict": "regression", "regressions": "1", "failing": "1", "result-path": "fixtures/pytest-benchmark/slow.json",
	})
	if body := comments[0].Body; !strings.Contains(body, "| test_work.py:\u200d:\u200dtest_sum | 99.8µs ± 3% | 215µs ± 7% | +115.14%") || !strings.Contains(body, "❌ regression") {
		t.Errorf("run 1: the comment does not flag test_work.py::test_sum\n%s", body)
	}

	crit := runToolAct(t, act, repo, gh, "fixtures/criterion/base", "fixtures/criterion/same", "")
	if crit.err != nil {
		t.Fatalf("run 2 (Criterion directories, unchanged code): the job failed: %v\n%s", crit.err, crit.text())
	}
	wantOutputs(t, "run 2", crit.outputs, map[string]string{"verdict": "pass", "regressions": "0", "failing": "0"})
	if body := gh.gateComments()[0].Body; !strings.Contains(body, "strings/copy/256") || !strings.Contains(body, "sum 4096") || strings.Contains(body, "point estimate") {
		t.Errorf("run 2: the comment is not Criterion's two benchmarks with their samples\n%s", body)
	}

	js := runToolAct(t, act, repo, gh, "fixtures/benchmarkjs/base.txt", "fixtures/benchmarkjs/slow.txt", "benchmarkjs")
	if js.err == nil {
		t.Fatalf("run 3 (benchmark.js, slower): the job succeeded, want it failed\n%s", js.text())
	}
	comments = gh.gateComments()
	if len(comments) != 1 || gh.count("POST ") != 1 {
		t.Fatalf("after run 3: %d gate comments, %d POST; want the one comment edited", len(comments), gh.count("POST "))
	}
	wantOutputs(t, "run 3", js.outputs, map[string]string{"verdict": "regression", "regressions": "1"})
	golden(t, "comment-benchmarkjs.golden", normalize(comments[0].Body, gh))
	if !strings.Contains(js.summary, "no significance test possible") {
		t.Errorf("run 3: the job summary does not say no significance test was possible\n%s", js.summary)
	}
	for _, r := range []*actRun{pytest, crit, js} {
		if r.leaksToken() {
			t.Errorf("the token appears in the job log")
		}
	}
}

// runToolAct runs the gate on baseline and current, with input-format format ("" detects).
func runToolAct(t *testing.T, act, repo string, gh *fakeGitHub, baseline, current, format string) *actRun {
	t.Helper()
	return runPR(t, act, repo, gh, toolWorkflow(baseline, current, format), "")
}

// toolWorkflow is the workflow of a project whose benchmarks another tool runs:
// its output is the current result, an earlier output the baseline.
func toolWorkflow(baseline, current, format string) string {
	return `name: gate
on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: gate
        uses: ./
        with:
          baseline: ` + baseline + `
          current: ` + current + `
          input-format: "` + format + `"
` + outputsStep("verdict", "regressions", "failing", "result-path")
}

// copyTree copies the files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCompareOtherToolsExitCodes runs the installed program as a user does on
// other tools' real files: a slowdown is exit 1, unchanged code exit 0, and a
// truncated file exit 2 with nothing on stdout and an error naming the file and
// its format.
func TestCompareOtherToolsExitCodes(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(buildProgram(t), "cost-ops-bench")
	fixture := func(p string) string { return filepath.Join(repoRoot(t), "testdata", "formats", filepath.FromSlash(p)) }
	cut := filepath.Join(t.TempDir(), "cut")
	tests := []struct {
		name, base, cur string
		cutAt           float64 // > 0: the current file is this fraction of cur
		code            int
		stderr          []string
	}{
		{"hyperfine slower", "hyperfine/base.json", "hyperfine/slow.json", 0, 1, nil},
		{"criterion unchanged", "criterion/base", "criterion/same", 0, 0, nil},
		{"catch2 slower", "catch2/base.xml", "catch2/slow.xml", 0, 1, nil},
		{"pytest-benchmark cut", "pytest-benchmark/base.json", "pytest-benchmark/same.json", 0.5, 2, []string{cut + ".json: pytest-benchmark: truncated JSON document"}},
		{"google-benchmark cut", "google-benchmark/base.json", "google-benchmark/same.json", 0.3, 2, []string{cut + ".json: google-benchmark: "}},
		{"catch2 cut", "catch2/base.xml", "catch2/same.xml", 0.5, 2, []string{cut + ".xml", "catch2"}},
		{"cargo bench cut", "criterion/base.txt", "criterion/same.txt", 0.6, 2, []string{cut + ".txt:", "cargo-bench", "truncated"}},
		{"vitest cut", "vitest/base.json", "vitest/same.json", 0.5, 2, []string{cut + ".json: vitest: truncated JSON document"}},
	}
	for _, tt := range tests {
		cur := fixture(tt.cur)
		if tt.cutAt > 0 {
			data, err := os.ReadFile(cur)
			if err != nil {
				t.Fatal(err)
			}
			cur = cut + filepath.Ext(cur)
			writeFile(t, cur, data[:int(tt.cutAt*float64(len(data)))])
		}
		cmd := exec.Command(bin, "compare", "--baseline", fixture(tt.base), "--current", cur)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if exitErr, ok := err.(*exec.ExitError); ok {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d\n%s%s", tt.name, code, tt.code, stdout.String(), stderr.String())
		}
		if tt.code == 2 && stdout.Len() != 0 {
			t.Errorf("%s: exit 2 with a report on stdout:\n%s", tt.name, stdout.String())
		}
		for _, want := range tt.stderr {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("%s: stderr %q, want it to contain %q", tt.name, stderr.String(), want)
			}
		}
	}
}
