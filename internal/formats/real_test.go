package formats

import (
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
}

// loadReal reads a fixture of the pair, checking that detection picks the format.
func loadReal(t *testing.T, p realPair, file string) *bench.Document {
	t.Helper()
	path := filepath.Join(realFixtures, p.dir, file)
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

// checkRealPair compares the real files: the slowdown is flagged as a regression
// of the slowed benchmarks, and the unchanged pair passes.
func checkRealPair(t *testing.T, p realPair) {
	t.Helper()
	base := loadReal(t, p, p.base)
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
	if p.same != "" {
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
