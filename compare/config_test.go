package compare

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const fullConfig = `# every key
alpha: 0.01
threshold: 15%
thresholds:
  batch_cost_calculation_*: 25
  single_cost_calculation: 5%
  "*": 30
ignore:
  - multi_provider_*
metrics: [time, allocations, bytes]
cost_changes: fail
accept_cost_changes: [tiered_pricing]
missing: fail
contention_guard: false
profiles:
  pull_request:
    threshold: 20
    missing: report
  release:
    alpha: 0.05
    thresholds:
      "*": 3
    metrics: [time]
`

func TestParseConfigFull(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig([]byte(fullConfig), ".cost-ops-bench.yml")
	if err != nil {
		t.Fatal(err)
	}
	want := []ThresholdRule{
		{"batch_cost_calculation_*", 25, 5},
		{"single_cost_calculation", 5, 6},
		{"*", 30, 7},
	}
	if !reflect.DeepEqual(cfg.Thresholds, want) {
		t.Errorf("thresholds = %+v, want %+v (file order, with lines)", cfg.Thresholds, want)
	}
	if cfg.Alpha != 0.01 || cfg.ThresholdPercent != 15 || cfg.Missing != MissingFail || cfg.CostChanges != CostFail || cfg.ContentionGuard {
		t.Errorf("scalars = %+v", cfg)
	}
	if !cfg.Gates(MetricBytes) || !reflect.DeepEqual(cfg.AcceptCost, []string{"tiered_pricing"}) || !reflect.DeepEqual(cfg.Ignore, []string{"multi_provider_*"}) {
		t.Errorf("lists = %+v", cfg)
	}
	if got := cfg.Profiles(); !reflect.DeepEqual(got, []string{"pull_request", "release"}) {
		t.Errorf("profiles = %v", got)
	}
}

func TestForProfileOverlays(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig([]byte(fullConfig), "c.yml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		profile   string
		alpha     float64
		threshold float64
		missing   MissingPolicy
		rules     int
		bytes     bool
	}{
		{"", 0.01, 15, MissingFail, 3, true},
		{"pull_request", 0.01, 20, MissingReport, 3, true},
		{"release", 0.05, 15, MissingFail, 1, false},
	}
	for _, tt := range tests {
		t.Run("profile="+tt.profile, func(t *testing.T) {
			t.Parallel()
			got, err := cfg.ForProfile(tt.profile)
			if err != nil {
				t.Fatal(err)
			}
			if got.Alpha != tt.alpha || got.ThresholdPercent != tt.threshold || got.Missing != tt.missing ||
				len(got.Thresholds) != tt.rules || got.Gates(MetricBytes) != tt.bytes || got.Profile != tt.profile {
				t.Errorf("got %+v", got)
			}
		})
	}
	rel, _ := cfg.ForProfile("release")
	if _, err := rel.ForProfile("pull_request"); err == nil || !strings.Contains(err.Error(), `c.yml: profile "release" already applied`) {
		t.Errorf("stacking profiles: err = %v", err)
	}
	if same, err := rel.ForProfile(""); err != nil || same.Profile != "release" {
		t.Errorf(`ForProfile("") = %+v, %v; want the config unchanged`, same, err)
	}
	if _, err := cfg.ForProfile("nightly"); err == nil || !strings.Contains(err.Error(), `c.yml: profile "nightly" is not defined (have [pull_request release])`) {
		t.Errorf("unknown profile: err = %v", err)
	}
	if got := cfg.ForEvent("push"); got.Profile != "" || got.ThresholdPercent != 15 {
		t.Errorf("ForEvent(push) = %+v, want the top level", got)
	}
	if got := cfg.ForEvent("release"); got.Profile != "release" {
		t.Errorf("ForEvent(release) chose %q", got.Profile)
	}
}

func TestParseConfigEmptyIsDefault(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "# nothing\n", "---\n"} {
		cfg, err := ParseConfig([]byte(in), "c.yml")
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		def := DefaultConfig()
		if cfg.Alpha != def.Alpha || cfg.ThresholdPercent != def.ThresholdPercent || !reflect.DeepEqual(cfg.Metrics, def.Metrics) ||
			cfg.CostChanges != CostFail || cfg.Missing != MissingReport {
			t.Errorf("%q: got %+v, want defaults", in, cfg)
		}
	}
}

func TestParseConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"unknown key", "alpha: 0.05\nthreshhold: 10\n", `c.yml:2: unknown key "threshhold"`},
		{"unknown key in profile", "profiles:\n  release:\n    alpha: 0.01\n    missin: fail\n", `c.yml:4: unknown key "missin"`},
		{"alpha zero", "alpha: 0\n", `c.yml:1: alpha: "0" must be a number between 0 and 1`},
		{"alpha one", "alpha: 1\n", `c.yml:1: alpha: "1" must be`},
		{"alpha text", "alpha: low\n", `c.yml:1: alpha: "low" must be`},
		{"negative threshold", "threshold: -5\n", `c.yml:1: threshold: "-5" must be a percentage >= 0`},
		{"threshold text", "threshold: ten\n", `c.yml:1: threshold: "ten" must be`},
		{"bad glob", "thresholds:\n  ok: 5\n  \"bad[\": 5\n", `c.yml:3: "bad[" is not a valid glob`},
		{"bad rule threshold", "thresholds:\n  a: -1\n", `c.yml:2: threshold: "-1" must be`},
		{"thresholds as list", "thresholds: [a]\n", "c.yml:1: thresholds: want a mapping"},
		{"bad ignore glob", "ignore:\n  - \"[x\"\n", `c.yml:2: "[x" is not a valid glob`},
		{"ignore as string", "ignore: x\n", "c.yml:1: want a list of benchmark names or globs"},
		{"bad metric", "metrics: [time, \"heap size\"]\n", `c.yml:1: metrics: "heap size" is not a metric name (time, allocations, bytes, instructions, or a key of results[].metrics)`},
		{"bad cost policy", "cost_changes: maybe\n", `c.yml:1: cost_changes: "maybe" is not one of fail, accept`},
		{"bad missing policy", "missing: ignore\n", `c.yml:1: missing: "ignore" is not one of report, fail`},
		{"bad missing_baseline policy", "missing_baseline: maybe\n", `c.yml:1: missing_baseline: "maybe" is not one of report, fail`},
		{"missing_baseline in a profile", "profiles:\n  tag:\n    missing_baseline: yes\n", `c.yml:3: missing_baseline: "yes" is not one of report, fail`},
		{"bare fraction threshold", "threshold: 0.1\n", `c.yml:1: threshold: 0.1 is a percentage, not a fraction: it would mean 0.1%; write 0.1% if that is meant, or 10 for 10%`},
		{"bare fraction rule", "thresholds:\n  a: 0.05\n", `c.yml:2: threshold: 0.05 is a percentage, not a fraction: it would mean 0.05%; write 0.05% if that is meant, or 5 for 5%`},
		{"bad guard", "contention_guard: maybe\n", `c.yml:1: contention_guard: "maybe" is not true or false`},
		{"duplicate key", "alpha: 0.1\nalpha: 0.2\n", `c.yml:2: mapping key "alpha" already defined at line 1`},
		{"syntax", "alpha: [\n", "c.yml:"},
		{"not a mapping", "- a\n", "c.yml:1: want a mapping of config keys, got a seq"},
		{"profiles as list", "profiles: [a]\n", "c.yml:1: want a mapping of profile names to config keys, got a seq"},
		{"profile as string", "profiles:\n  release: strict\n", "c.yml:2: want a mapping of config keys, got a str"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseConfig([]byte(tt.in), "c.yml")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseConfigReportsEveryBadLine(t *testing.T) {
	t.Parallel()
	_, err := ParseConfig([]byte("alpha: 2\nthreshold: -1\nbogus: 1\n"), "c.yml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"c.yml:1: alpha", "c.yml:2: threshold", `c.yml:3: unknown key "bogus"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestLoadConfigFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "gate.yml")
	if err := os.WriteFile(path, []byte("threshold: 7.5%\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil || cfg.ThresholdPercent != 7.5 || cfg.Source != path {
		t.Errorf("LoadConfig = %+v, %v", cfg, err)
	}
	if _, err := LoadConfig(path + ".missing"); err == nil {
		t.Error("missing file: no error")
	}
}

// TestReadmeConfig parses the README's config example (kept in testdata) so that the
// documentation cannot drift from what the parser accepts.
func TestReadmeConfig(t *testing.T) {
	t.Parallel()
	path := filepath.Join(fixtures, "readme-config.yml")
	example, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, example) {
		t.Errorf("README.md does not contain %s verbatim: copy the README's config example there", path)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Thresholds) != 3 || cfg.Thresholds[2].Pattern != "*_10000" || !cfg.ContentionGuard || cfg.Gates(MetricBytes) {
		t.Errorf("top level = %+v", cfg)
	}
	rel, err := cfg.ForProfile("release")
	if err != nil {
		t.Fatal(err)
	}
	if rel.ThresholdPercent != 5 || !rel.Gates(MetricBytes) || rel.Missing != MissingFail || len(rel.Thresholds) != 3 {
		t.Errorf("release = %+v", rel)
	}
	r := newRules(rel)
	for name, want := range map[string]float64{"single_cost_calculation": 5, "batch_cost_calculation_10000": 20, "cost_aggregation_10000": 15, "usage_validation": 5} {
		if got, _ := r.threshold(name); got != want {
			t.Errorf("release threshold(%s) = %v, want %v", name, got, want)
		}
	}
}
