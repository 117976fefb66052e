package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// synthetic compares n benchmarks with hostile names; every seventh regresses.
func synthetic(n int) *compare.Comparison {
	var base, cur []bench.Result
	for i := range n {
		name := fmt.Sprintf("bench_%04d|@team #%d *x* <b>", i, i)
		s := []float64{1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1090}
		c := make([]float64, len(s))
		for k, v := range s {
			c[k] = v
			if i%7 == 0 {
				c[k] = v * 1.3
			}
		}
		base = append(base, bench.Result{Name: name, SamplesNs: s, AllocsPerOp: 2})
		cur = append(cur, bench.Result{Name: name, SamplesNs: c, AllocsPerOp: 2})
	}
	return compare.Compare(&bench.Document{SchemaVersion: 1, Results: base}, &bench.Document{SchemaVersion: 1, Results: cur}, compare.DefaultConfig())
}

// cells counts the cells of a markdown table row, splitting on unescaped pipes.
func cells(row string) int {
	n := 0
	for i := 1; i < len(row); i++ {
		if row[i] == '|' && row[i-1] != '\\' {
			n++
		}
	}
	return n
}

// checkTables fails when a table row has a different number of cells than its header.
func checkTables(t *testing.T, md string) {
	t.Helper()
	want := -1
	for i, line := range strings.Split(md, "\n") {
		switch {
		case !strings.HasPrefix(line, "|"):
			want = -1
		case want < 0:
			want = cells(line)
		case cells(line) != want:
			t.Errorf("line %d has %d cells, its table %d: %s", i+1, cells(line), want, line)
		}
	}
}

func TestMarkdownBudget(t *testing.T) {
	t.Parallel()
	c := synthetic(1500)
	full := MarkdownString(c, MarkdownOptions{})
	checkTables(t, full)
	if len(full) <= text.CommentLimit {
		t.Fatalf("the uncut report is %d bytes; the test needs one over the limit", len(full))
	}
	tests := []struct {
		budget     int
		wantCut    string
		wantChange bool // the table of changes is whole
	}{
		{text.CommentLimit - 1000, "more rows not shown", true},
		{20000, "more rows not shown", false},
		{2000, "more rows not shown", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.budget), func(t *testing.T) {
			t.Parallel()
			got := MarkdownString(c, MarkdownOptions{MaxBytes: tt.budget})
			if len(got) > tt.budget {
				t.Errorf("report is %d bytes, budget %d", len(got), tt.budget)
			}
			if !strings.Contains(got, tt.wantCut) || !strings.Contains(got, "❌ 215 regressions") {
				t.Errorf("report lacks the cut note or the headline:\n%.600s", got)
			}
			last := "bench_1498" // the last regression, at the end of the table of changes
			if has := strings.Contains(got, last); has != tt.wantChange {
				t.Errorf("table of changes whole = %v, want %v", has, tt.wantChange)
			}
			checkTables(t, got)
			if strings.Contains(got, "@team") {
				t.Error("an @mention survived escaping")
			}
		})
	}
}

func TestMarkdownBudgetUnneeded(t *testing.T) {
	t.Parallel()
	c := synthetic(5)
	if a, b := MarkdownString(c, MarkdownOptions{}), MarkdownString(c, MarkdownOptions{MaxBytes: text.CommentLimit}); a != b {
		t.Error("a budget the report fits in changed it")
	}
}

func TestMarkdownHeadings(t *testing.T) {
	t.Parallel()
	c := synthetic(8)
	tests := []struct {
		opts      MarkdownOptions
		wantStart string
		wantSub   string
	}{
		{MarkdownOptions{}, "## Benchmark comparison\n", "\n### What changed\n"},
		{MarkdownOptions{Title: "Perf gate (release)", HeadingLevel: 3}, "### Perf gate (release)\n", "\n#### What changed\n"},
		{MarkdownOptions{HeadingLevel: 6}, "###### Benchmark comparison\n", "\n###### What changed\n"},
		{MarkdownOptions{NoTitle: true, HeadingLevel: 1}, "**❌", "\n## What changed\n"},
	}
	for _, tt := range tests {
		t.Run(tt.wantStart, func(t *testing.T) {
			t.Parallel()
			got := MarkdownString(c, tt.opts)
			if !strings.HasPrefix(got, tt.wantStart) || !strings.Contains(got, tt.wantSub) {
				t.Errorf("got:\n%.300s\nwant start %q and section %q", got, tt.wantStart, tt.wantSub)
			}
		})
	}
}

func TestMarkdownGoldenTablesWellFormed(t *testing.T) {
	t.Parallel()
	for _, tt := range goldenCases {
		checkTables(t, MarkdownString(load(t, tt.base, tt.cur, tt.cfg, tt.profile), MarkdownOptions{}))
	}
}

func TestMarkdownCutGolden(t *testing.T) {
	t.Parallel()
	golden(t, "cut.md.golden", []byte(MarkdownString(synthetic(30), MarkdownOptions{MaxBytes: 3500, Title: "Gate"})))
}

// TestRenderUnvalidated renders a comparison of documents that skipped validation (a
// result without samples): every renderer must still produce its output.
func TestRenderUnvalidated(t *testing.T) {
	t.Parallel()
	base := &bench.Document{SchemaVersion: 1, Results: []bench.Result{{Name: "a"}}}
	cur := &bench.Document{SchemaVersion: 1, Results: []bench.Result{{Name: "a", SamplesNs: []float64{1, 2, 3}}}}
	c := compare.Compare(base, cur, compare.DefaultConfig())
	var md, js, con strings.Builder
	if err := Markdown(&md, c, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&js, c); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if err := Console(&con, c); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{md.String(), con.String()} {
		if !strings.Contains(out, "no samples") {
			t.Errorf("output does not say there are no samples:\n%s", out)
		}
	}
	if !strings.Contains(js.String(), `"median_ns": null`) {
		t.Errorf("JSON: want a null median:\n%s", js.String())
	}
}
