package formats

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// realFixtures is where the output of real tools, made on this machine by the
// script or README beside each, is kept: testdata/formats/<tool>/.
const realFixtures = "../../testdata/formats"

// realPair is a tool's real output: base and same measured the same code (an
// unchanged pair), slow the code with a slowdown made for the test in the
// benchmarks named slowed.
type realPair struct {
	dir, format      string // format forced, or "" to detect (and check it is detected as want)
	want             string // the format detection must pick
	base, same, slow string
	slowed           []string
	// point: the tool reports one value per benchmark, so every benchmark is
	// decided by the threshold alone (compare.TestNone); else by a test.
	point bool
	// noisy, when set, says why the unchanged pair is not required to pass: a
	// point estimate's one value a side moved beyond the threshold between two
	// runs of the same code on the busy machine that made the files. The
	// threshold alone decides a point estimate, so that is a false alarm the
	// report warns of (no significance test possible); it is not asserted away.
	noisy string
}

// loadReal reads a fixture of the pair, checking that detection picks the format;
// a directory (Criterion's) is read as LoadFile reads it.
func loadReal(t *testing.T, p realPair, file string) *bench.Document {
	t.Helper()
	path := filepath.Join(realFixtures, p.dir, file)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		doc, err := LoadFile(path, p.format)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	data, err := bench.ReadFileCapped(path)
	if err != nil {
		t.Fatal(err)
	}
	if f := Detect(NewInput(path, data)); f == nil || f.Name() != p.want {
		t.Fatalf("%s: detected as %v, want %s", path, f, p.want)
	}
	doc, err := Read(data, path, p.format)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkRealPair compares the real files: every benchmark is in the comparison with
// the median read (which each format's test checks against the tool's own
// numbers), decided by a test or, for a point estimate, by the threshold alone;
// the slowdown is flagged as a regression of the slowed benchmarks, and the
// unchanged pair passes.
func checkRealPair(t *testing.T, p realPair) {
	t.Helper()
	base := loadReal(t, p, p.base)
	for _, file := range []string{p.same, p.slow} {
		if file != "" {
			checkEntries(t, p, file, base, loadReal(t, p, file))
		}
	}
	if p.slow != "" {
		c := compare.Compare(base, loadReal(t, p, p.slow), compare.DefaultConfig())
		var regressed []string
		for _, e := range c.Entries {
			if e.Status == compare.StatusRegression {
				regressed = append(regressed, e.Name)
			}
		}
		// The slowed benchmarks must regress; another may too when the busy machine
		// that made the files disturbed it (the files are what they are).
		for _, name := range p.slowed {
			if !slices.Contains(regressed, name) {
				t.Errorf("%s vs %s: regressions %q, want %s among them", p.base, p.slow, regressed, name)
			}
		}
	}
	if p.same != "" && p.noisy == "" {
		c := compare.Compare(base, loadReal(t, p, p.same), compare.DefaultConfig())
		if c.Failed() {
			var why []string
			for _, e := range c.Entries {
				if e.Fails {
					why = append(why, e.Name+": "+strings.Join(e.Reasons, "; "))
				}
			}
			t.Errorf("%s vs %s (unchanged code) failed: %s", p.base, p.same, why)
		}
	}
}

// checkEntries checks that the comparison of base and cur has every benchmark of
// both, with the medians read, decided the way the pair's tool allows.
func checkEntries(t *testing.T, p realPair, file string, base, cur *bench.Document) {
	t.Helper()
	c := compare.Compare(base, cur, compare.DefaultConfig())
	bs, cs := resultsByName(base), resultsByName(cur)
	if len(c.Entries) != len(bs) || len(bs) != len(cs) {
		t.Fatalf("%s vs %s: %d entries for %d and %d benchmarks", p.base, file, len(c.Entries), len(bs), len(cs))
	}
	for _, e := range c.Entries {
		b, okb := bs[e.Name]
		r, okc := cs[e.Name]
		switch {
		case !okb || !okc:
			t.Errorf("%s vs %s: %s is not on both sides (%+v)", p.base, file, e.Name, e)
		case len(b.SamplesNs) == 0 && len(r.SamplesNs) == 0: // metrics only (BMF's file-size)
			if len(e.Metrics) == 0 {
				t.Errorf("%s vs %s: %s has no time and no metric compared", p.base, file, e.Name)
			}
		case e.Time == nil:
			t.Errorf("%s vs %s: %s: time not compared (%+v)", p.base, file, e.Name, e)
		case !near(e.Base.Median, b.MedianNs) || !near(e.Current.Median, r.MedianNs):
			t.Errorf("%s vs %s: %s medians %v, %v; read %v, %v", p.base, file, e.Name, e.Base.Median, e.Current.Median, b.MedianNs, r.MedianNs)
		case p.point != (e.Time.Test == compare.TestNone):
			t.Errorf("%s vs %s: %s decided by test %q; point estimate %v", p.base, file, e.Name, e.Time.Test, p.point)
		}
	}
}

// resultsByName indexes a document's results.
func resultsByName(doc *bench.Document) map[string]bench.Result {
	m := map[string]bench.Result{}
	for _, r := range doc.Results {
		m[r.Name] = r
	}
	return m
}

// near reports whether a and b agree to 1e-9 relative.
func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*max(abs(a), abs(b))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
