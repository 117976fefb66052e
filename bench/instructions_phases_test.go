package bench

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// phasesChildEnv makes this package's test binary the child process of a
// count by phases (TestMain): it runs phasesFixture for the counts of its
// arguments, as `cost-ops-bench __iterations` does for the suite.
const phasesChildEnv = "COST_OPS_BENCH_PHASES_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(phasesChildEnv) != "" {
		if err := runPhasesChild(os.Args[1:]); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		os.Exit(0)
	}
	code := m.Run()
	if testBin.dir != "" {
		os.RemoveAll(testBin.dir)
	}
	os.Exit(code)
}

// runPhasesChild runs RunGroup of the fixture registry: args are benchmark
// names, each followed by its counts (ParseIterationRuns).
func runPhasesChild(args []string) error {
	runs, err := ParseIterationRuns(args)
	if err != nil {
		return err
	}
	return phasesFixture().RunGroup(runs, func(line string) { os.Stdout.WriteString(line + "\n") })
}

// phasesFixture is a registry of one benchmark, "fixture", whose operation
// runs $COST_OPS_BENCH_FIXTURE_WORK (default 1000) xorshift steps (as
// BenchmarkInstructionFixture does), in batches of 4 operations.
func phasesFixture() *Registry {
	var r Registry
	r.Add(Benchmark{Name: "fixture", Group: "test", BatchSize: 4, Setup: func() (Workload, error) {
		work := 1000
		if s := os.Getenv(fixtureWorkEnv); s != "" {
			var err error
			if work, err = strconv.Atoi(s); err != nil {
				return Workload{}, err
			}
		}
		return Workload{Run: func(iters int) error {
			x := uint64(88172645463325252)
			for range iters * 4 {
				for range work {
					x ^= x << 13
					x ^= x >> 7
					x ^= x << 17
				}
			}
			fixtureSink = x
			return nil
		}}, nil
	}})
	return &r
}

// phasesProgram runs the fixture with work steps per operation in binary (this
// package's tests), as SuiteProgram runs the suite's child.
func phasesProgram(binary string, work int) Program {
	p := SuiteProgram([]string{binary}, "fixture")
	p.Env = append(os.Environ(), phasesChildEnv+"=1", fixtureWorkEnv+"="+strconv.Itoa(work))
	return p
}

// TestInstructionPhasesRepeatAndDetectTwoPercent counts the fixture's
// instructions by phase, one process each, at two settings of its hot path: the
// samples of one process and of two fresh processes agree within 0.5%, and 2%
// more work measures as 2% more instructions, far outside the spread.
func TestInstructionPhasesRepeatAndDetectTwoPercent(t *testing.T) {
	v := valgrindForTest(t)
	ctx := context.Background()
	bin := testBinary(t)
	// About 12000 instructions per operation, 4 operations per iteration: a
	// guess of 1500 ns per operation plans High-Low to run 5x10^7 instructions.
	plan := PlanPhases(1500, 0, 4)
	if plan.OpsPerIter != 4 || plan.Target != PhaseInstructionTarget {
		t.Fatalf("plan %+v", plan)
	}
	base, err := v.PerOp(ctx, phasesProgram(bin, 1000), plan)
	if err != nil {
		t.Fatal(err)
	}
	again, err := v.PerOp(ctx, phasesProgram(bin, 1000), plan)
	if err != nil {
		t.Fatal(err)
	}
	slower, err := v.PerOp(ctx, phasesProgram(bin, 1020), plan)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1000 steps: %.2f %v and %.2f %v; 1020 steps: %.2f %v", base.Median, base.Samples, again.Median, again.Samples, slower.Median, slower.Samples)
	for _, m := range []Metric{base, again, slower} {
		if m.Unit != UnitInstructions || len(m.Samples) != DefaultInstructionPairs {
			t.Fatalf("metric %+v: want %d samples of %s", m, DefaultInstructionPairs, UnitInstructions)
		}
		if s := spreadPct(m); s > 0.5 {
			t.Errorf("samples %v spread %.3f%%, want within 0.5%%", m.Samples, s)
		}
	}
	if base.Median < 3000 || base.Median > 20000 {
		t.Fatalf("1000 steps measured %.0f instructions/op, want thousands", base.Median)
	}
	if d := 100 * (again.Median/base.Median - 1); d < -0.5 || d > 0.5 {
		t.Errorf("two processes of the same work differ by %+.3f%%, want within 0.5%%", d)
	}
	delta := 100 * (slower.Median/base.Median - 1)
	if delta < 1.5 || delta > 2.5 {
		t.Errorf("2%% more steps measured %+.3f%% instructions, want about +2%%", delta)
	}
	gap := 100 * (slices.Min(slower.Samples)/max(slices.Max(base.Samples), slices.Max(again.Samples)) - 1)
	if noise := max(spreadPct(base), spreadPct(again), spreadPct(slower)); gap < 4*noise || gap < 1 {
		t.Errorf("delta %+.3f%% (gap between the sides %.3f%%) is not clearly outside the spread %.3f%%", delta, gap, noise)
	}
}

// TestInstructionPhasesReplan: a guess far too high (a tenth of the target
// run) makes the first process's difference too short to keep; a second one,
// planned from the first's count, gives the samples.
func TestInstructionPhasesReplan(t *testing.T) {
	v := valgrindForTest(t)
	plan := InstructionPlan{Low: 10, High: 110, OpsPerIter: 4, Target: PhaseInstructionTarget}
	m, err := v.PerOp(context.Background(), phasesProgram(testBinary(t), 1000), plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Samples) != DefaultInstructionPairs || spreadPct(m) > 0.5 {
		t.Errorf("re-planned count %v: want %d samples within 0.5%%", m.Samples, DefaultInstructionPairs)
	}
}

// TestCountPhasesNeedsItsMark: a program whose mark valgrind does not find (a
// stripped binary, a renamed function) is an error saying so, not a count.
func TestCountPhasesNeedsItsMark(t *testing.T) {
	v := valgrindForTest(t)
	p := phasesProgram(testBinary(t), 10)
	p.Mark = "example.com/nowhere.Mark"
	_, err := v.CountPhases(context.Background(), p, []int64{1, 2})
	if err == nil || !strings.Contains(err.Error(), "split the run at 0 entries into example.com/nowhere.Mark, want 3") {
		t.Errorf("CountPhases without its mark: %v", err)
	}
	p = phasesProgram(testBinary(t), 10)
	p.Env = append(p.Env, fixtureWorkEnv+"=ten")
	_, err = v.CountPhases(context.Background(), p, []int64{1, 2})
	if err == nil || !strings.Contains(err.Error(), `"ten"`) || !strings.Contains(err.Error(), "1 and 2 iterations") {
		t.Errorf("CountPhases of a failing child: %v, want its error", err)
	}
}

func TestPlanPhases(t *testing.T) {
	t.Parallel()
	// 25 ns at 8 instructions per ns: 200 instructions per operation, 2.5x10^5
	// operations for 5x10^7 instructions.
	if p := PlanPhases(25, 0, 1); p.Low != 25_000 || p.High != 275_000 || p.Target != PhaseInstructionTarget {
		t.Errorf("PlanPhases(25 ns) = %+v", p)
	}
	// 1 KiB per operation: the process runs 3.7 times High-Low (the warm-up
	// and three pairs) and allocates at most 256 MiB.
	p := PlanPhases(25, 1024, 1)
	if p.High-p.Low != 64_408 {
		t.Errorf("PlanPhases(25 ns, 1 KiB) = %+v, want High-Low 64408", p)
	}
	if total := float64(p.Low+DefaultInstructionPairs*(p.Low+p.High)) * 1024; total > instructionAllocCap {
		t.Errorf("the process allocates %.0f bytes, over the cap", total)
	}
}

func TestMarkSymbol(t *testing.T) {
	t.Parallel()
	if want := "github.com/cost-ops-bench/cost-ops-bench/bench.InstructionMark"; MarkSymbol != want {
		t.Errorf("MarkSymbol = %q, want %q", MarkSymbol, want)
	}
}

func TestReadPhases(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := filepath.Join(dir, "callgrind.out")
	write := func(name, summary string) {
		t.Helper()
		data := "# callgrind format\nversion: 1\nevents: Ir\n" + summary + "\nfn=(1) main\n3 7\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("callgrind.out.1", "summary: 19288993") // start-up and setup
	write("callgrind.out.2", "summary: 24087669")
	write("callgrind.out.3", "summary: 264947875")
	write("callgrind.out", "summary: 30645") // after the last mark
	got, err := readPhases(base, 2, "mark")
	if err != nil || !slices.Equal(got, []uint64{24087669, 264947875}) {
		t.Errorf("readPhases = %v, %v", got, err)
	}
	if _, err := readPhases(base, 3, "mark"); err == nil || !strings.Contains(err.Error(), "at 3 entries into mark, want 4") {
		t.Errorf("one phase missing: %v", err)
	}
	write("callgrind.out.3", "totals: 264947875")
	if _, err := readPhases(base, 2, "mark"); err == nil || !strings.Contains(err.Error(), `callgrind.out.3: no single "summary:" line`) {
		t.Errorf("no summary: %v", err)
	}
}

// TestCountJobs counts several benchmarks at once: each count lands in its own
// result, a job that fails is its own error and leaves its result alone, and
// done hears of every job once, one call at a time, with its error.
func TestCountJobs(t *testing.T) {
	v := valgrindForTest(t).WithJobs(2)
	bin := testBinary(t)
	plan := InstructionPlan{Low: 10, High: 110, OpsPerIter: 4, Pairs: 1}
	results := []Result{{Name: "light"}, {Name: "heavy", Metrics: map[string]Metric{"MB/s": {Unit: "MB/s", Samples: []float64{1}}}}, {Name: "broken"}}
	broken := Program{Command: func(int64) []string { return []string{"/bin/sh", "-c", "echo broken >&2; exit 3"} }}
	jobs := []InstructionJob{
		{Result: &results[0], Program: phasesProgram(bin, 1000), Plan: plan},
		{Result: &results[1], Program: phasesProgram(bin, 2000), Plan: plan},
		{Result: &results[2], Program: broken, Plan: plan},
	}
	var calls []int
	var doneErrs []error
	busy := false
	errs := v.CountJobs(context.Background(), jobs, func(i int, err error) {
		if busy {
			t.Error("done called while another call ran")
		}
		busy = true
		calls, doneErrs = append(calls, i), append(doneErrs, err)
		busy = false
	})
	if len(errs) != 3 || errs[0] != nil || errs[1] != nil || errs[2] == nil || !strings.Contains(errs[2].Error(), "broken") {
		t.Fatalf("errors %v: want the broken job's alone, saying why", errs)
	}
	slices.Sort(calls)
	if !slices.Equal(calls, []int{0, 1, 2}) {
		t.Errorf("done called for %v, want each job once", calls)
	}
	if n := len(slices.DeleteFunc(doneErrs, func(err error) bool { return err == nil })); n != 1 {
		t.Errorf("done heard of %d failures, want 1", n)
	}
	light, heavy := results[0].Metrics[MetricInstructions], results[1].Metrics[MetricInstructions]
	if light.Unit != UnitInstructions || len(light.Samples) != 1 || len(heavy.Samples) != 1 {
		t.Fatalf("light %+v, heavy %+v: want one sample each", light, heavy)
	}
	if r := heavy.Median / light.Median; r < 1.9 || r > 2.1 {
		t.Errorf("twice the work counted %.3fx the instructions (%.0f and %.0f): the counts landed in the wrong results?", r, light.Median, heavy.Median)
	}
	if _, ok := results[1].Metrics["MB/s"]; !ok {
		t.Error("the heavy result lost its other metric")
	}
	if results[2].Metrics != nil {
		t.Errorf("the broken job's result got metrics %v", results[2].Metrics)
	}
}

// TestPerOpGroup counts the fixture three times in one process (a group): each
// member's count agrees within 0.5% with a count of the fixture alone in a
// process of its own (the setup between two members is no member's phase), and
// a plan far off its target is made again in a second process of the group.
func TestPerOpGroup(t *testing.T) {
	v := valgrindForTest(t)
	ctx := context.Background()
	bin := testBinary(t)
	plan := PlanPhases(1500, 0, 4)
	alone, err := v.PerOp(ctx, phasesProgram(bin, 1000), plan)
	if err != nil {
		t.Fatal(err)
	}
	g := SuiteGroup{Args: []string{bin}, Names: []string{"fixture", "fixture", "fixture"},
		Env: append(os.Environ(), phasesChildEnv+"=1", fixtureWorkEnv+"=1000")}
	short := PlanPhases(1500*50, 0, 4) // a guess 50 times too slow: under half the target
	plans := []InstructionPlan{plan, short, plan}
	metrics, errs := v.PerOpGroup(ctx, g, plans)
	if errs[0] != nil || errs[1] != nil || errs[2] != nil {
		t.Fatalf("errors %v", errs)
	}
	if plans[1] != short {
		t.Errorf("the caller's plan changed: %+v", plans[1])
	}
	for i, m := range metrics {
		t.Logf("member %d: %.1f %v (alone: %.1f %v)", i, m.Median, m.Samples, alone.Median, alone.Samples)
		if len(m.Samples) != DefaultInstructionPairs || m.Unit != UnitInstructions {
			t.Errorf("member %d: %+v, want %d samples of %s", i, m, DefaultInstructionPairs, UnitInstructions)
		}
		if d := 100 * math.Abs(m.Median/alone.Median-1); d > 0.5 {
			t.Errorf("member %d: %.1f instructions/op, alone %.1f: %.3f%% apart, want within 0.5%%", i, m.Median, alone.Median, d)
		}
	}
	// A member that cannot run fails its process: every member of it says so.
	bad := g
	bad.Names = []string{"fixture", "no_such_benchmark"}
	_, errs = v.PerOpGroup(ctx, bad, []InstructionPlan{plan, plan})
	for i, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "no_such_benchmark") {
			t.Errorf("member %d of a group that cannot run: %v", i, err)
		}
	}
}

func TestParseIterationRuns(t *testing.T) {
	t.Parallel()
	got, err := ParseIterationRuns([]string{"a", "10", "110", "b", "5"})
	want := []IterationRun{{"a", []int64{10, 110}}, {"b", []int64{5}}}
	if err != nil || len(got) != 2 || got[0].Name != "a" || !slices.Equal(got[0].Iters, want[0].Iters) || got[1].Name != "b" || !slices.Equal(got[1].Iters, want[1].Iters) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
	for _, args := range [][]string{nil, {"10", "a", "1"}, {"a"}, {"a", "1", "b"}, {"a", "99999999999999999999"}} {
		if _, err := ParseIterationRuns(args); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
