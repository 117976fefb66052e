package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

const usageFixtures = "../../testdata/usage"

// loadUsage compares two usage logs of testdata/usage, priced by its catalog.
func loadUsage(t *testing.T, base, cur string, cfg compare.Config, by compare.GroupBy, unpriced compare.UnpricedPolicy) *compare.Comparison {
	t.Helper()
	catFile := filepath.Join(usageFixtures, "catalog.yaml")
	cat, err := engine.LoadCatalog(catFile)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) *compare.UsageLog {
		f, err := os.Open(filepath.Join(usageFixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		tag := by.Tag
		if tag == "" {
			tag = compare.DefaultGroupTag
		}
		l, err := compare.ReadUsageLog(f, name, compare.UsageLogOptions{Catalog: cat,
			Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Unpriced: unpriced, Tag: tag})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	c, err := compare.CompareUsage(read(base), read(cur), cfg, by,
		compare.CatalogInfo{Name: "testdata/usage/catalog.yaml", Digest: "c005afad7b3e0123456789", Entries: cat.Len()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var usageGoldenCases = []struct {
	name, base, cur string
	cfg             func(*compare.Config)
	by              string
	unpriced        compare.UnpricedPolicy
}{
	// The summarize prompt template got longer: that scenario regresses.
	{name: "cost-prompts", base: "baseline.jsonl", cur: "current.jsonl",
		cfg: func(c *compare.Config) { c.MonthlyRequests = 2_000_000 }},
	// classify moved to a pricier model; grouped by model, with a per-group threshold.
	{name: "cost-model", base: "baseline.jsonl", cur: "current-model.jsonl", by: "model",
		cfg: func(c *compare.Config) {
			c.CostThresholds = []compare.ThresholdRule{{Pattern: "o3-*", Percent: 25}}
		}},
	// The cost went down: an improvement, and records the catalog cannot price
	// left out and listed.
	{name: "cost-improvement", base: "current.jsonl", cur: "unpriced.jsonl", unpriced: compare.UnpricedReport},
}

func usageGoldenComparison(t *testing.T, i int) *compare.Comparison {
	tt := usageGoldenCases[i]
	cfg := compare.DefaultConfig()
	if tt.cfg != nil {
		tt.cfg(&cfg)
	}
	var by compare.GroupBy
	if tt.by != "" {
		var err error
		if by, err = compare.ParseGroupBy(tt.by); err != nil {
			t.Fatal(err)
		}
	}
	unpriced := tt.unpriced
	if unpriced == "" {
		unpriced = compare.UnpricedFail
	}
	return loadUsage(t, tt.base, tt.cur, cfg, by, unpriced)
}

// TestCostGolden renders cost comparisons in every format of the comparison
// report.
func TestCostGolden(t *testing.T) {
	t.Parallel()
	for i, tt := range usageGoldenCases {
		for _, f := range Formats {
			t.Run(tt.name+"/"+f.Name, func(t *testing.T) {
				t.Parallel()
				var buf bytes.Buffer
				if err := f.Render(&buf, &Report{Comparison: usageGoldenComparison(t, i)}, Options{}); err != nil {
					t.Fatal(err)
				}
				ext := map[string]string{"console": "console", "markdown": "md", "json": "json"}[f.Name]
				golden(t, tt.name+"."+ext+".golden", buf.Bytes())
			})
		}
	}
}

// TestCostMarkdownFits: cut to a size, the cost report keeps its headline and
// says what it left out.
func TestCostMarkdownFits(t *testing.T) {
	t.Parallel()
	c := usageGoldenComparison(t, 0)
	full := MarkdownString(c, MarkdownOptions{})
	for _, budget := range []int{len(full) - 1, 3000} {
		got := MarkdownString(c, MarkdownOptions{MaxBytes: budget})
		if len(got) > budget {
			t.Errorf("budget %d: %d bytes", budget, len(got))
		}
		if !strings.Contains(got, "**❌ 1 regression**") || !strings.Contains(got, "not shown") {
			t.Errorf("budget %d: headline or cut note missing:\n%s", budget, got)
		}
	}
}

// TestCostNoBaselineGolden: a cost gate's first run, before any baseline usage
// log exists, in every format.
func TestCostNoBaselineGolden(t *testing.T) {
	t.Parallel()
	for _, required := range []bool{false, true} {
		nb := NoBaselineUsage("the baseline usage log `usage/main.jsonl` does not exist", required, 200)
		if !required {
			nb = NoBaselineUsageFile("usage/main.jsonl", 200)
		}
		for _, f := range Formats {
			name := "cost-no-baseline"
			if required {
				name += "-required"
			}
			t.Run(name+"/"+f.Name, func(t *testing.T) {
				t.Parallel()
				var buf bytes.Buffer
				if err := f.Render(&buf, &Report{NoBaseline: nb}, Options{}); err != nil {
					t.Fatal(err)
				}
				ext := map[string]string{"console": "console", "markdown": "md", "json": "json"}[f.Name]
				golden(t, name+"."+ext+".golden", buf.Bytes())
			})
		}
	}
}
