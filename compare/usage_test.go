package compare

import (
	"fmt"
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

// logOf reads a usage log given as text, priced by catalog (YAML).
func logOf(t *testing.T, catalog, text string, tag string) (*UsageLog, error) {
	t.Helper()
	cat, err := engine.ParseCatalog("catalog.yaml", []byte(catalog))
	if err != nil {
		t.Fatal(err)
	}
	if tag == "" {
		tag = DefaultGroupTag
	}
	return ReadUsageLog(strings.NewReader(text), "log.jsonl", UsageLogOptions{Catalog: cat, Now: usageNow, Unpriced: UnpricedFail, Tag: tag})
}

const twoCurrencies = `
- provider: openai
  model: a
  effective_date: 2025-01-01
  per_token: {input_per_million: 1, output_per_million: 2}
- provider: mistral
  model: b
  effective_date: 2025-01-01
  currency: EUR
  per_token: {input_per_million: 1, output_per_million: 2}
`

// requests are n JSON Lines records of model (openai a, or mistral b) in scenario,
// each with prompt tokens.
func requests(n int, provider, model, scenario string, prompt int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id":"%s-%d","timestamp":"2026-11-20T09:00:00Z","provider":"%s","model":"%s","prompt_tokens":%d,"completion_tokens":10,"total_tokens":%d,"tags":{"scenario":"%s"}}`+"\n",
			scenario, i, provider, model, prompt, prompt+10, scenario)
	}
	return b.String()
}

func TestUsageCurrencies(t *testing.T) {
	t.Parallel()
	_, err := logOf(t, twoCurrencies, requests(2, "openai", "a", "s", 100)+requests(1, "mistral", "b", "s", 100), "")
	if err == nil || !strings.Contains(err.Error(), "log.jsonl:3: model: priced in EUR, the earlier records in USD") {
		t.Errorf("err = %v", err)
	}
	base, err := logOf(t, twoCurrencies, requests(2, "openai", "a", "s", 100), "")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := logOf(t, twoCurrencies, requests(2, "mistral", "b", "s", 100), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CompareUsage(base, cur, DefaultConfig(), GroupBy{}, CatalogInfo{}); err == nil || !strings.Contains(err.Error(), "one comparison prices one currency") {
		t.Errorf("err = %v", err)
	}
}

// TestUsageDeterministic: an eval suite whose requests cost the same every time
// (same prompts, temperature 0): identical logs are unchanged, and a prompt 50%
// longer in one scenario regresses it alone, however few its ties leave to rank.
func TestUsageDeterministic(t *testing.T) {
	t.Parallel()
	read := func(text string) *UsageLog {
		l, err := logOf(t, twoCurrencies, text, "")
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	base := requests(20, "openai", "a", "summarize", 1000) + requests(20, "openai", "a", "chat", 400)
	same, err := CompareUsage(read(base), read(base), DefaultConfig(), GroupBy{}, CatalogInfo{})
	if err != nil {
		t.Fatal(err)
	}
	if got := statusesOf(same); got["summarize"] != StatusUnchanged || got["chat"] != StatusUnchanged || same.Failed() {
		t.Errorf("identical logs: %v", got)
	}
	cur := requests(20, "openai", "a", "summarize", 1500) + requests(20, "openai", "a", "chat", 400)
	c, err := CompareUsage(read(base), read(cur), DefaultConfig(), GroupBy{}, CatalogInfo{})
	if err != nil {
		t.Fatal(err)
	}
	if got := statusesOf(c); got["summarize"] != StatusRegression || got["chat"] != StatusUnchanged {
		t.Errorf("longer summarize prompts: %v", got)
	}
	if g := c.Usage.Group("summarize"); g.Delta.String() != "0.01" || g.Base.Total.String() != "0.0204" {
		t.Errorf("summarize: delta %s, baseline total %s (want 0.01, 0.0204: 20 x (1000 x 1 + 10 x 2) / 1e6)", g.Delta, g.Base.Total)
	}
}

// TestUsageGroupings: tag, model, provider and project groupings, the default and
// its fallback, a tag no record carries, and the monthly projection's arithmetic.
func TestUsageGroupings(t *testing.T) {
	t.Parallel()
	text := requests(5, "openai", "a", "x", 100)
	read := func(tag string) *UsageLog {
		l, err := logOf(t, twoCurrencies, text, tag)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	cfg := DefaultConfig()
	cfg.MonthlyRequests = 3
	for _, tc := range []struct {
		by, want, group, warning string
	}{
		{"", "tag:scenario", "x", ""},
		{"tag:scenario", "tag:scenario", "x", ""},
		{"tag:team", "tag:team", "(no team)", `no record of either log carries the tag "team"`},
		{"model", "model", "a", ""},
		{"provider", "provider", "openai", ""},
		{"project", "project", "(no project)", ""},
	} {
		by, err := ParseGroupBy(tc.by)
		if tc.by == "" {
			by, err = GroupBy{}, nil
		}
		if err != nil {
			t.Fatal(err)
		}
		c, err := CompareUsage(read(by.Tag), read(by.Tag), cfg, by, CatalogInfo{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Usage.GroupBy.String() != tc.want || len(c.Entries) != 1 || c.Entries[0].Name != tc.group {
			t.Errorf("--group-by %q: %s, entries %v", tc.by, c.Usage.GroupBy, statusesOf(c))
		}
		if w := strings.Join(c.Warnings, "; "); !strings.Contains(w, tc.warning) || (tc.warning == "" && strings.Contains(w, "carries the tag")) {
			t.Errorf("--group-by %q: warnings %q, want %q", tc.by, w, tc.warning)
		}
		// 5 requests of 100 x 1 + 10 x 2 per million: 0.00012 each; 3 a month.
		if m := c.Usage.Monthly; m == nil || m.Base.String() != "0.00036" || !m.Delta.IsZero() {
			t.Errorf("monthly %+v", m)
		}
	}
	noTag := strings.ReplaceAll(text, `,"tags":{"scenario":"x"}`, "")
	l, err := logOf(t, twoCurrencies, noTag, "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := CompareUsage(l, l, cfg, GroupBy{}, CatalogInfo{})
	if err != nil || c.Usage.GroupBy.String() != "model" || !c.Usage.GroupByDefault {
		t.Errorf("without the scenario tag: %v, %v", c.Usage.GroupBy, err)
	}
	for _, bad := range []string{"tag:", "tag", "user", "", "Model"} {
		if _, err := ParseGroupBy(bad); err == nil {
			t.Errorf("ParseGroupBy(%q): no error", bad)
		}
	}
}

// TestUsageFewRequests: a group too small for significance says so, and a rise
// beyond the threshold there is inconclusive, never a regression.
func TestUsageFewRequests(t *testing.T) {
	t.Parallel()
	base, err := logOf(t, twoCurrencies, requests(3, "openai", "a", "s", 100), "")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := logOf(t, twoCurrencies, requests(3, "openai", "a", "s", 300), "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := CompareUsage(base, cur, DefaultConfig(), GroupBy{}, CatalogInfo{})
	if err != nil {
		t.Fatal(err)
	}
	e := c.Entries[0]
	if e.Status != StatusInconclusive || c.Failed() || !strings.Contains(strings.Join(e.Warnings, ";"), "with 3 and 3 requests the U test's smallest p-value") {
		t.Errorf("status %s, warnings %q", e.Status, e.Warnings)
	}
}

func TestReadUsageLogEmpty(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "\n\n", "[]"} {
		if _, err := logOf(t, twoCurrencies, text, ""); err == nil || !strings.Contains(err.Error(), "log.jsonl: no usage records") {
			t.Errorf("%q: err = %v", text, err)
		}
	}
}
