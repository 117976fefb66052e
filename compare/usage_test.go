package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// usageNow is after every record of testdata/usage.
var usageNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func testCatalog(t *testing.T) *engine.Catalog {
	t.Helper()
	cat, err := engine.LoadCatalog(filepath.Join("..", "testdata", "usage", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func readLog(t *testing.T, cat *engine.Catalog, name string, by GroupBy) *UsageLog {
	t.Helper()
	path := filepath.Join("..", "testdata", "usage", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tag := by.Tag
	if tag == "" {
		tag = DefaultGroupTag
	}
	l, err := ReadUsageLog(f, name, UsageLogOptions{Catalog: cat, Now: usageNow, Unpriced: UnpricedFail, Tag: tag})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func compareLogs(t *testing.T, cat *engine.Catalog, base, cur string, cfg Config, by GroupBy) *Comparison {
	t.Helper()
	c, err := CompareUsage(readLog(t, cat, base, by), readLog(t, cat, cur, by), cfg, by, CatalogInfo{Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func statusesOf(c *Comparison) map[string]Status {
	out := map[string]Status{}
	for _, e := range c.Entries {
		out[e.Name] = e.Status
	}
	return out
}

// TestCompareUsageFlagsTheScenario is the cost gate's promise: of an eval suite's
// five scenarios, the one that got more expensive regresses and no other does,
// whether the cause is longer prompts or a pricier model, with the test catalog and
// with the built-in one.
func TestCompareUsageFlagsTheScenario(t *testing.T) {
	builtin, err := engine.BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, cur, want string
		cat             *engine.Catalog
	}{
		{"longer prompts", "current.jsonl", "summarize", testCatalog(t)},
		{"pricier model", "current-model.jsonl", "classify", testCatalog(t)},
		{"longer prompts, built-in catalog", "current.jsonl", "summarize", builtin},
		{"pricier model, built-in catalog", "current-model.jsonl", "classify", builtin},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := compareLogs(t, tc.cat, "baseline.jsonl", tc.cur, DefaultConfig(), GroupBy{})
			if got := c.Usage.GroupBy.String(); got != "tag:scenario" || !c.Usage.GroupByDefault {
				t.Errorf("group by %s (default %v), want tag:scenario by default", got, c.Usage.GroupByDefault)
			}
			got := statusesOf(c)
			if len(got) != 5 {
				t.Fatalf("groups %v, want the 5 scenarios", got)
			}
			for name, s := range got {
				want := StatusUnchanged
				if name == tc.want {
					want = StatusRegression
				}
				if s != want {
					t.Errorf("%s: %s, want %s (statuses %v)", name, s, want, got)
				}
			}
			if c.Verdict() != VerdictRegression {
				t.Errorf("verdict %s, want regression", c.Verdict())
			}
		})
	}
}

// TestCompareUsageExplains: the regression says why, in tokens or models.
func TestCompareUsageExplains(t *testing.T) {
	cat := testCatalog(t)
	c := compareLogs(t, cat, "baseline.jsonl", "current.jsonl", DefaultConfig(), GroupBy{})
	e := entryNamed(t, c, "summarize")
	why := strings.Join(e.Reasons, "; ")
	for _, want := range []string{"cost +", "exceeds the 10% threshold", "tokens per request: prompt "} {
		if !strings.Contains(why, want) {
			t.Errorf("summarize reasons %q lack %q", why, want)
		}
	}
	c = compareLogs(t, cat, "baseline.jsonl", "current-model.jsonl", DefaultConfig(), GroupBy{})
	why = strings.Join(entryNamed(t, c, "classify").Reasons, "; ")
	if !strings.Contains(why, "models: claude-3-5-haiku-20241022 ×40 → claude-sonnet-4-20250514 ×40") {
		t.Errorf("classify reasons %q do not name the model change", why)
	}
}

func entryNamed(t *testing.T, c *Comparison, name string) *Entry {
	t.Helper()
	for i := range c.Entries {
		if c.Entries[i].Name == name {
			return &c.Entries[i]
		}
	}
	t.Fatalf("no entry %q", name)
	return nil
}

// TestCostConfig: the cost gate's keys of the config, as the README's example has
// them, and their errors.
func TestCostConfig(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig(filepath.Join(fixtures, "readme-config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.CostThresholdPercent != 10 || len(cfg.CostThresholds) != 1 || cfg.CostThresholds[0].Pattern != "chat" ||
		cfg.CostThresholds[0].Percent != 20 || cfg.MonthlyRequests != 2_000_000 {
		t.Errorf("cost keys = %v %+v %d", cfg.CostThresholdPercent, cfg.CostThresholds, cfg.MonthlyRequests)
	}
	if d := DefaultConfig(); d.CostThresholdPercent != DefaultCostThreshold || d.MonthlyRequests != 0 {
		t.Errorf("defaults %v %d", d.CostThresholdPercent, d.MonthlyRequests)
	}
	for _, tc := range []struct{ yaml, want string }{
		{"monthly_requests: 0\n", `x.yml:1: monthly_requests: "0" must be a whole number of requests > 0`},
		{"monthly_requests: 1.5e6\n", `x.yml:1: monthly_requests: "1.5e6" must be a whole number`},
		{"monthly_requests: lots\n", `x.yml:1: monthly_requests: "lots"`},
		{"cost_threshold: -5\n", `x.yml:1: threshold: "-5" must be a percentage >= 0`},
		{"cost_thresholds:\n  \"[\": 5\n", `x.yml:2: "[" is not a valid glob`},
		{"cost_treshold: 5\n", `x.yml:1: unknown key "cost_treshold"`},
	} {
		if _, err := ParseConfig([]byte(tc.yaml), "x.yml"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.yaml, err, tc.want)
		}
	}
	p, err := ParseConfig([]byte("profiles:\n  pull_request:\n    cost_threshold: 25\n    monthly_requests: 1_000\n"), "x.yml")
	if err != nil {
		t.Fatal(err)
	}
	if pr, _ := p.ForProfile("pull_request"); pr.CostThresholdPercent != 25 || pr.MonthlyRequests != 1000 {
		t.Errorf("profile: %v %d", pr.CostThresholdPercent, pr.MonthlyRequests)
	}
}
