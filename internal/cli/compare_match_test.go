package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareMatchesAcrossGOMAXPROCS is issue 15's first hole: a baseline recorded
// with 8 cores (Calculate-8) and a run on 2 (Calculate-2) share no name, so the
// gate said "3 missing, 3 new" and passed. They match as benchstat matches them.
func TestCompareMatchesAcrossGOMAXPROCS(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runCLI(t, "compare", "--baseline", fixture("issue-15-gomaxprocs-8.txt"), "--current", fixture("gotest-current.txt"), "--format", "json")
	if code != 1 {
		t.Fatalf("exit code %d, want 1 (the regression of gotest-current.txt)\n%s", code, stderr)
	}
	for _, want := range []string{`"name": "Calculate"`, `"gomaxprocs"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the report lacks %s:\n%s", want, stdout)
		}
	}
	for _, unwanted := range []string{`"missing"`, `"new"`} {
		if strings.Contains(stdout, `"status": `+unwanted) {
			t.Errorf("the report still has a %s benchmark:\n%s", unwanted, stdout)
		}
	}
}

// TestCompareNothingMatches is issue 15's second hole: a gate whose benchmarks
// match nothing at all checks nothing; it is bad input, exit 2, naming both sides.
func TestCompareNothingMatches(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runCLI(t, "compare", "--baseline", fixture("base.json"), "--current", fixture("gotest-current.txt"))
	if code != 2 {
		t.Fatalf("exit code %d, want 2\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, want := range []string{"no benchmark matches", "the baseline has single_cost_calculation", "the current result has Calculate-2"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("a report was written: %s", stdout)
	}
}

func TestCompareInputFormat(t *testing.T) {
	t.Parallel()
	_, stderr, code := runCLI(t, "compare", "--baseline", fixture("gotest-base.txt"), "--current", fixture("gotest-current.txt"), "--input-format", "gobench")
	if code != 1 {
		t.Errorf("--input-format gobench: exit code %d, want 1\n%s", code, stderr)
	}
	_, stderr, code = runCLI(t, "compare", "--baseline", fixture("base.json"), "--current", fixture("base.json"), "--input-format", "gobench")
	if code != 2 || !strings.Contains(stderr, "base.json") {
		t.Errorf("JSON forced as gobench: exit code %d, stderr %s", code, stderr)
	}
	_, stderr, code = runCLI(t, "compare", "--baseline", fixture("base.json"), "--current", fixture("base.json"), "--input-format", "benchstat")
	if code != 2 || !strings.Contains(stderr, `compare: --input-format: unknown input format "benchstat" (known: json, gobench`) {
		t.Errorf("unknown format: exit code %d, stderr %s", code, stderr)
	}
}

// TestCompareOtherToolsFiles: compare reads other tools' output, detected from
// the content; a truncated file is exit 2 naming the file and the format.
func TestCompareOtherToolsFiles(t *testing.T) {
	t.Parallel()
	dir := "../../testdata/formats/hyperfine/"
	stdout, stderr, code := runCLI(t, "compare", "--baseline", dir+"base.json", "--current", dir+"slow.json")
	if code != 1 || !strings.Contains(stdout, "count") {
		t.Errorf("hyperfine slowdown: exit code %d, stdout %s, stderr %s", code, stdout, stderr)
	}
	cut := filepath.Join(t.TempDir(), "cut.json")
	data, err := os.ReadFile(dir + "base.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cut, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, "compare", "--baseline", dir+"base.json", "--current", cut)
	if code != 2 || !strings.Contains(stderr, cut+": hyperfine: truncated JSON document") {
		t.Errorf("truncated hyperfine file: exit code %d, stderr %s", code, stderr)
	}
}
