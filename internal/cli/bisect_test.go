package cli

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// TestBisectFindsSlowdown: in a temporary repository whose benchmark does eight times
// the work from a known commit on, bisect with the same-runner A/B at each step names
// that commit, printing each step.
func TestBisectFindsSlowdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a module's benchmarks at several commits")
	}
	// Eight times the work from change e on: a change far above what a busy
	// machine's noise makes of one revision against itself (up to 2x seen), in
	// samples of 30 ms and more, which one preemption of the process cannot make
	// several times longer (samples of 3 ms measured +988% for unchanged code at
	// load 25).
	commits := bisectFixture(t, 7, 4, "1000", "8000")
	stdout, stderr, err := cmd(t, "bisect", "--good", commits[0], "--bad", commits[6], "--benchmark", "BenchmarkWork",
		"--suite", "go-test", "--benchtime", "30000x", "--rounds", "6")
	if err != nil {
		t.Fatalf("bisect: %v\n%s", err, stderr)
	}
	t.Logf("%s%s", stderr, stdout)
	if !strings.Contains(stdout, "at "+commits[4]+" change e") {
		t.Errorf("culprit: %q, want %s (change e)", stdout, commits[4])
	}
	if !strings.Contains(stderr, "step 1:") || !strings.Contains(stderr, "step 2:") {
		t.Errorf("steps not printed:\n%s", stderr)
	}
}

// TestBisectOnInstructions: a 5% change of the work, which time on a busy
// machine cannot tell from noise, is found by instruction counts, each step
// counting both sides under valgrind.
func TestBisectOnInstructions(t *testing.T) {
	needValgrind(t)
	commits := bisectFixture(t, 4, 2, "1000", "1050")
	stdout, stderr, err := cmd(t, "bisect", "--measure", "instructions", "--good", commits[0], "--bad", commits[3],
		"--benchmark", "BenchmarkWork", "--suite", "go-test", "--benchtime", "2000x", "--rounds", "1")
	if err != nil {
		t.Fatalf("bisect --measure instructions: %v\n%s", err, stderr)
	}
	t.Logf("%s%s", stderr, stdout)
	// 5% more rounds of Work, and a little less of the whole benchmark loop: 4.9%
	// and 5.0% both seen.
	if !regexp.MustCompile(`BenchmarkWork changed \+(4\.[5-9]|5\.[0-2])% in instructions/op at ` + commits[2] + " change c").MatchString(stdout) {
		t.Errorf("culprit: %q, want about +5%% in instructions/op at %s (change c)", stdout, commits[2])
	}
	if !strings.Contains(stderr, "step 2:") {
		t.Errorf("steps not printed:\n%s", stderr)
	}
}

// bisectFixture makes, in a temporary directory that becomes the working
// directory, a module of n commits ("change a", "change b", ...) whose
// BenchmarkWork does before rounds of work, and from commit from on, after
// rounds; it returns the commits' hashes.
func bisectFixture(t *testing.T, n, from int, before, after string) []string {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		c := exec.Command("git", args...)
		c.Dir = dir
		c.Env = append(c.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "--quiet", "--initial-branch=main")
	write("go.mod", "module example.com/bisectfixture\n\ngo 1.24\n")
	write("work.go", "package fixture\n\n// Work does n rounds of integer mixing.\nfunc Work(n int) uint64 {\n\tx := uint64(1)\n\tfor i := 0; i < n; i++ {\n\t\tx = x*6364136223846793005 + 1442695040888963407\n\t\tx ^= x >> 29\n\t}\n\treturn x\n}\n")
	write("work_test.go", "package fixture\n\nimport \"testing\"\n\nvar sink uint64\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work(size)\n\t}\n}\n")
	var commits []string
	for i := range n {
		size := before
		if i >= from {
			size = after
		}
		write("size.go", "package fixture\n\nconst size = "+size+"\n")
		write("notes.txt", strings.Repeat("x", i+1))
		git("add", "-A")
		git("commit", "--quiet", "--no-gpg-sign", "-m", "change "+string(rune('a'+i)))
		commits = append(commits, git("rev-parse", "HEAD"))
	}
	t.Chdir(dir)
	return commits
}

// TestBisectChange: a step's measurement is the time's change and significance,
// or with --measure instructions the instruction count's change, which counts
// when every sample is apart beyond the 1% threshold.
func TestBisectChange(t *testing.T) {
	t.Parallel()
	res := func(name string, ns float64, instr ...float64) bench.Result {
		r := bench.ResultFromSamples(name, []float64{ns, ns * 1.01, ns * 0.99, ns, ns * 1.02, ns * 0.98, ns, ns})
		if len(instr) > 0 {
			r.Metrics = map[string]bench.Metric{bench.MetricInstructions: bench.NewMetric(bench.UnitInstructions, instr)}
		}
		return r
	}
	doc := func(rs ...bench.Result) *bench.Document {
		d := bench.NewDocument("test", time.Unix(0, 0), bench.Environment{}, rs, time.Second)
		return &d
	}
	base := doc(res("a", 100, 1000, 1000.2, 999.9), res("b", 100, 500, 500.1, 500), res("c", 100))
	cur := doc(res("a", 100, 1020, 1020.3, 1019.8), res("b", 300, 500.1, 500, 500.2), res("c", 300))
	c := compare.Compare(base, cur, compare.DefaultConfig())
	for _, tc := range []struct {
		name, measure string
		wantPct       float64
		wantCounts    bool
	}{
		{"a", bench.MeasureInstructions, 2, true},  // +2% instructions, every sample apart
		{"b", bench.MeasureInstructions, 0, false}, // 3x the time, the same instructions
		{"b", bench.MeasureTime, 200, true},        // which time sees
		{"a", bench.MeasureTime, 0, false},         // and a's time did not move
	} {
		pct, counts, err := bisectChange(c, tc.name, tc.measure)
		if err != nil || counts != tc.wantCounts || math.Abs(pct-tc.wantPct) > 0.05 {
			t.Errorf("%s by %s: %+.2f%%, counts %v, %v; want %+.0f%%, %v", tc.name, tc.measure, pct, counts, err, tc.wantPct, tc.wantCounts)
		}
	}
	if _, _, err := bisectChange(c, "c", bench.MeasureInstructions); err == nil || !strings.Contains(err.Error(), `"c": no instruction counts on both sides`) {
		t.Errorf("c without instructions: %v", err)
	}
	if _, _, err := bisectChange(c, "d", bench.MeasureTime); err == nil || !strings.Contains(err.Error(), `"d": not measured on both sides`) {
		t.Errorf("d: %v", err)
	}
}

func TestBisectBadInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bisect", "--bad", "HEAD", "--benchmark", "x"}, "--good"},
		{[]string{"bisect", "--good", "HEAD~1", "--benchmark", "x"}, "--bad"},
		{[]string{"bisect", "--good", "HEAD~1", "--bad", "HEAD"}, "--benchmark"},
		{[]string{"bisect", "--good", "HEAD~1", "--bad", "HEAD", "--benchmark", "x", "--rounds", "0"}, "rounds"},
		{[]string{"bisect", "--good", "no-such-rev", "--bad", "HEAD", "--benchmark", "x"}, `--good: "no-such-rev"`},
		{[]string{"bisect", "--good", "HEAD~1", "--bad", "HEAD", "--benchmark", "x", "--measure", "cycles"}, `--measure: "cycles"`},
	} {
		_, _, err := cmd(t, tc.args...)
		if ExitCode(err) != ExitBadInput || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want exit 2 naming %q", tc.args, err, tc.want)
		}
	}
}
