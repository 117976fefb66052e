package compare_test

import (
	"math"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// checkConfig checks what every config ParseConfig accepts (and each of its
// profiles) guarantees to the comparison.
func checkConfig(t *testing.T, c compare.Config, where string) {
	t.Helper()
	validGlob := func(p string) bool {
		_, err := path.Match(p, "")
		return p != "" && err == nil
	}
	switch {
	case !(c.Alpha > 0 && c.Alpha < 1):
		t.Fatalf("%s: alpha %v", where, c.Alpha)
	case math.IsNaN(c.ThresholdPercent) || math.IsInf(c.ThresholdPercent, 0) || c.ThresholdPercent < 0:
		t.Fatalf("%s: threshold %v", where, c.ThresholdPercent)
	case c.CostChanges != compare.CostFail && c.CostChanges != compare.CostAccept:
		t.Fatalf("%s: cost_changes %q", where, c.CostChanges)
	case c.Missing != compare.MissingReport && c.Missing != compare.MissingFail:
		t.Fatalf("%s: missing %q", where, c.Missing)
	}
	for _, r := range c.Thresholds {
		if !validGlob(r.Pattern) || math.IsNaN(r.Percent) || math.IsInf(r.Percent, 0) || r.Percent < 0 || r.Line < 1 {
			t.Fatalf("%s: threshold rule %+v", where, r)
		}
	}
	for _, g := range append(append([]string(nil), c.Ignore...), c.AcceptCost...) {
		if !validGlob(g) {
			t.Fatalf("%s: glob %q", where, g)
		}
	}
	for _, m := range c.Metrics {
		if m != compare.MetricTime && m != compare.MetricAllocations && m != compare.MetricBytes {
			t.Fatalf("%s: metric %q", where, m)
		}
	}
}

// FuzzParseConfig parses any text as the gate config: every error line names the
// file; an accepted config and each of its profiles hold the invariants above and
// decide a real comparison without trouble.
func FuzzParseConfig(f *testing.F) {
	for _, file := range []string{"gate.yml", "readme-config.yml", "bad-config.yml"} {
		data, err := os.ReadFile(fuzzFixtures + "/" + file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("alpha: 0x1p-3\nthreshold: '  7.5 %'\nthresholds: {'[a-': 3}\n"))
	f.Add([]byte("profiles: {'': {}}\n"))
	f.Add([]byte("profiles: {pull_request: ~, push: {metrics: []}}\nignore: ['\\\\']\n"))
	f.Add([]byte("thresholds: &a {x: 1}\nprofiles: {p: {thresholds: *a}}\n"))
	base, cur := mustLoad(f, "base.json"), mustLoad(f, "current-regression.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.yml"
		var cfg compare.Config
		var err error
		noHang(t, data, func() { cfg, err = compare.ParseConfig(data, name) })
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, name) {
					t.Fatalf("error line %q does not name the file", line)
				}
			}
			return
		}
		checkConfig(t, cfg, "top level")
		for _, p := range cfg.Profiles() {
			pc, err := cfg.ForProfile(p)
			if err != nil {
				t.Fatalf("profile %q listed but refused: %v", p, err)
			}
			checkConfig(t, pc, "profile "+p)
			noHang(t, data, func() { compare.Compare(base, cur, pc) })
		}
		noHang(t, data, func() { compare.Compare(base, cur, cfg) })
	})
}
