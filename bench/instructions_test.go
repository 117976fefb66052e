package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fixtureWorkEnv sets the work of BenchmarkInstructionFixture: the steps of its
// loop per operation.
const fixtureWorkEnv = "COST_OPS_BENCH_FIXTURE_WORK"

var fixtureSink uint64

// BenchmarkInstructionFixture is the tests' benchmark with a tunable hot path:
// each operation runs $COST_OPS_BENCH_FIXTURE_WORK (default 1000) steps of an
// xorshift generator, so that 1020 steps are 2% more instructions than 1000.
func BenchmarkInstructionFixture(b *testing.B) {
	work := 1000
	if s := os.Getenv(fixtureWorkEnv); s != "" {
		var err error
		if work, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	x := uint64(88172645463325252)
	for range b.N {
		for range work {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
		}
	}
	fixtureSink = x
}

// valgrindForTest returns the valgrind to count with; without one the test is
// skipped, except in CI, which installs it (.ci/run) and where a skip would hide
// a missing tool.
func valgrindForTest(t *testing.T) Valgrind {
	t.Helper()
	v, err := FindValgrind(runtime.GOOS, exec.LookPath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have valgrind (.ci/run installs it): %v", err)
		}
		t.Skip(err)
	}
	return v.WithJobs(0)
}

// testBinary returns a build of this package's tests by `go test -c` (cached by
// go, so only a link), made once: the binary that `go test` runs has no symbol
// table, which a count by phases needs to find its mark, and under -race the
// race runtime's own threads add some 10^5 instructions of noise to every
// process, so the build is without -race.
func testBinary(t *testing.T) string {
	t.Helper()
	testBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "cost-ops-bench-bench-test-*")
		if err != nil {
			testBin.err = err
			return
		}
		testBin.dir = dir
		path := filepath.Join(dir, "bench.test")
		if out, err := exec.Command("go", "test", "-c", "-o", path, ".").CombinedOutput(); err != nil {
			testBin.err = fmt.Errorf("go test -c: %v\n%s", err, out)
			return
		}
		testBin.path = path
	})
	if testBin.err != nil {
		t.Fatal(testBin.err)
	}
	return testBin.path
}

// testBin is testBinary's build; TestMain removes its directory.
var testBin struct {
	once      sync.Once
	dir, path string
	err       error
}

// fixtureProgram runs BenchmarkInstructionFixture of this package's tests with
// work steps per operation.
func fixtureProgram(binary string, work int) Program {
	p := GoTestProgram(binary, "", "BenchmarkInstructionFixture")
	p.Env = append(os.Environ(), fixtureWorkEnv+"="+strconv.Itoa(work))
	return p
}

// spreadPct is the distance between the smallest and largest sample in percent
// of the median.
func spreadPct(m Metric) float64 {
	return 100 * (slices.Max(m.Samples) - slices.Min(m.Samples)) / m.Median
}

// TestInstructionsRepeatAndDetectTwoPercent counts the fixture's instructions in
// fresh processes at two settings of its hot path: the same code agrees within
// 0.5% from pair to pair, and 2% more work measures as 2% more instructions,
// far outside the run-to-run spread.
func TestInstructionsRepeatAndDetectTwoPercent(t *testing.T) {
	v := valgrindForTest(t)
	ctx := context.Background()
	bin := testBinary(t)
	// A plan from a guess 30 times too low: the first pair runs 100 operations,
	// far under the target, and the other pairs are planned from its count.
	guess := InstructionPlan{Low: 10, High: 110, Pairs: 3, Target: 200_000_000}
	base, err := v.PerOp(ctx, fixtureProgram(bin, 1000), guess)
	if err != nil {
		t.Fatal(err)
	}
	plan := InstructionPlan{Low: 1500, High: 16500, Pairs: 2} // 15000 ops of ~13000 instructions: 2x10^8, as run plans
	slower, err := v.PerOp(ctx, fixtureProgram(bin, 1020), plan)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1000 steps: %.1f instructions/op %v; 1020 steps: %.1f %v", base.Median, base.Samples, slower.Median, slower.Samples)
	if base.Unit != UnitInstructions || len(base.Samples) != 3 || len(slower.Samples) != 2 {
		t.Fatalf("metric %+v: want 3 and 2 samples of %s", base, UnitInstructions)
	}
	// Each step is a handful of instructions: the count must say so.
	if base.Median < 3000 || base.Median > 20000 {
		t.Fatalf("1000 steps measured %.0f instructions/op, want thousands", base.Median)
	}
	for _, m := range []Metric{base, slower} {
		if s := spreadPct(m); s > 0.5 {
			t.Errorf("samples %v spread %.3f%%, want within 0.5%%", m.Samples, s)
		}
	}
	delta := 100 * (slower.Median/base.Median - 1)
	if delta < 1.5 || delta > 2.5 {
		t.Errorf("2%% more steps measured %+.3f%% instructions, want about +2%%", delta)
	}
	// Clearly outside the noise: the slowest base sample is below the fastest
	// slower one by far more than either side's own spread.
	gap := 100 * (slices.Min(slower.Samples)/slices.Max(base.Samples) - 1)
	if noise := max(spreadPct(base), spreadPct(slower)); gap < 4*noise || gap < 1 {
		t.Errorf("delta %+.3f%% (gap between the sides %.3f%%) is not clearly outside the spread %.3f%%", delta, gap, noise)
	}
}

func TestPlanInstructions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name              string
		ns, bytes         float64
		ops               int
		wantDelta         int64 // High-Low
		wantLow, wantHigh int64 // 0: not checked
	}{
		{"fast op", 25, 0, 1, 1_000_000, 100_000, 1_100_000},
		{"batch of 1000", 25, 0, 1000, 1000, 100, 1100},
		{"slow op", 1e9, 0, 1, 9, 1, 10}, // at least 9 more iterations
		{"allocating", 25, 1024, 1, 238_312, 0, 0},
		{"zero time", 0, 0, 1, 250_000_000, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := PlanInstructions(tt.ns, tt.bytes, tt.ops)
			if p.Low <= 0 || p.High <= p.Low || p.OpsPerIter != tt.ops {
				t.Fatalf("plan %+v: want 0 < Low < High and %d ops", p, tt.ops)
			}
			if got := p.High - p.Low; got != tt.wantDelta {
				t.Errorf("High-Low = %d, want %d (plan %+v)", got, tt.wantDelta, p)
			}
			if tt.wantLow != 0 && (p.Low != tt.wantLow || p.High != tt.wantHigh) {
				t.Errorf("plan %d..%d, want %d..%d", p.Low, p.High, tt.wantLow, tt.wantHigh)
			}
			if tt.bytes > 0 && float64(p.High)*tt.bytes*float64(tt.ops) > instructionAllocCap {
				t.Errorf("High %d allocates %.0f bytes, over the cap", p.High, float64(p.High)*tt.bytes)
			}
		})
	}
}

func TestInstructionEnv(t *testing.T) {
	t.Parallel()
	got := InstructionEnv([]string{"HOME=/root", "GOGC=50", "GOMAXPROCS=8", "GODEBUG=madvdontneed=1,asyncpreemptoff=0", "GOMEMLIMIT=1MiB"})
	want := []string{"HOME=/root", "GOGC=off", "GOMEMLIMIT=4GiB", "GOMAXPROCS=1", "GODEBUG=madvdontneed=1,asyncpreemptoff=1,cpu.rdtscp=off"}
	if !slices.Equal(got, want) {
		t.Errorf("InstructionEnv = %q, want %q", got, want)
	}
	if got := InstructionEnv(nil); got[len(got)-1] != "GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off" {
		t.Errorf("InstructionEnv(nil) = %q", got)
	}
}

func TestParseInstructions(t *testing.T) {
	t.Parallel()
	log := "==20033== Cachegrind, a cache and branch-prediction profiler\n==20033== \n==20033== I   refs:      122,265,734\n"
	n, err := parseInstructions([]byte(log))
	if err != nil || n != 122265734 {
		t.Errorf("parseInstructions = %d, %v; want 122265734", n, err)
	}
	for _, bad := range []string{"", "==1== I   refs: 12\n==2== I   refs: 13\n", "I refs: 12"} {
		if _, err := parseInstructions([]byte(bad)); err == nil {
			t.Errorf("parseInstructions(%q): no error", bad)
		}
	}
}

func TestBenchPattern(t *testing.T) {
	t.Parallel()
	if got, want := BenchPattern("BenchmarkSuite/single_cost_calculation"), "^BenchmarkSuite$/^single_cost_calculation$"; got != want {
		t.Errorf("BenchPattern = %q, want %q", got, want)
	}
	if got, want := BenchPattern("BenchmarkX/a+b(1)"), `^BenchmarkX$/^a\+b\(1\)$`; got != want {
		t.Errorf("BenchPattern = %q, want %q", got, want)
	}
}

func TestCheckGoTestOutput(t *testing.T) {
	t.Parallel()
	ok := "goos: linux\nBenchmarkSuite/x \t 200\t 5.0 ns/op\nPASS\n"
	if err := checkGoTestOutput([]byte(ok), "BenchmarkSuite/x", 200); err != nil {
		t.Errorf("good output: %v", err)
	}
	tests := map[string]string{
		"no result":      "PASS\n",
		"wrong count":    "BenchmarkSuite/x 201 5.0 ns/op\n",
		"other name":     "BenchmarkSuite/y 200 5.0 ns/op\n",
		"two benchmarks": ok + "BenchmarkSuite/x/sub 200 5.0 ns/op\n",
	}
	for name, out := range tests {
		if err := checkGoTestOutput([]byte(out), "BenchmarkSuite/x", 200); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseMeasure(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": MeasureTime, "time": MeasureTime, "instructions": MeasureInstructions} {
		if got, err := ParseMeasure(in); err != nil || got != want {
			t.Errorf("ParseMeasure(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseMeasure("cycles"); err == nil || !strings.Contains(err.Error(), `"cycles"`) {
		t.Errorf("ParseMeasure(cycles): %v, want an error naming it", err)
	}
}

func TestFindValgrindSaysHowToGetIt(t *testing.T) {
	t.Parallel()
	missing := func(string) (string, error) { return "", exec.ErrNotFound }
	_, err := FindValgrind("linux", missing)
	if !errors.Is(err, ErrNoValgrind) || !strings.Contains(err.Error(), "apt-get install -y valgrind") {
		t.Errorf("linux without valgrind: %v", err)
	}
	for _, goos := range []string{"darwin", "windows"} {
		_, err := FindValgrind(goos, func(string) (string, error) { return "/usr/bin/valgrind", nil })
		if !errors.Is(err, ErrNoValgrind) || !strings.Contains(err.Error(), "need Linux") {
			t.Errorf("%s: %v", goos, err)
		}
	}
	v, err := FindValgrind("linux", func(string) (string, error) { return "/opt/vg", nil })
	if err != nil || v.Path != "/opt/vg" {
		t.Errorf("found: %+v, %v", v, err)
	}
}

func TestCountReportsAFailingProgram(t *testing.T) {
	v := valgrindForTest(t)
	p := GoTestProgram(testBinary(t), "", "BenchmarkNoSuchBenchmark")
	_, err := v.Count(context.Background(), p, 10)
	if err == nil || !strings.Contains(err.Error(), "BenchmarkNoSuchBenchmark did not run") {
		t.Errorf("Count of a benchmark that does not exist: %v", err)
	}
	p = Program{Command: func(int64) []string { return []string{"/bin/sh", "-c", "echo broken >&2; exit 3"} }}
	_, err = v.Count(context.Background(), p, 10)
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("Count of a failing program: %v, want its stderr", err)
	}
}
