package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// MarkdownOptions shape the markdown report. The zero value gives a "## Benchmark
// comparison" report with no size limit.
type MarkdownOptions struct {
	Title        string // heading text; "" means "Benchmark comparison"
	NoTitle      bool   // omit the heading (the caller writes its own)
	HeadingLevel int    // 1 to 6 for the title; sections use one level deeper; 0 means 2
	// MaxBytes, when > 0, bounds the report's size: rows are cut from the full table,
	// then from the table of changes, and the report says how many. Use a little less
	// than text.CommentLimit when the caller adds text around the report.
	MaxBytes int
}

// Markdown writes the comparison as GitHub-flavoured markdown: the verdict headline,
// counts, an environment warning, a table of what changed first, the full table folded
// in <details>, and the settings and thresholds that applied.
func Markdown(w io.Writer, c *compare.Comparison, opts MarkdownOptions) error {
	_, err := io.WriteString(w, MarkdownString(c, opts))
	return err
}

// MarkdownString is Markdown into a string.
func MarkdownString(c *compare.Comparison, opts MarkdownOptions) string {
	changes := changed(c)
	all := len(c.Entries)
	out := renderMarkdown(c, opts, changes, len(changes), all)
	if opts.MaxBytes <= 0 || len(out) <= opts.MaxBytes {
		return out
	}
	// Cut the full table first, then the changes, keeping as many rows as fit.
	if fit := renderMarkdown(c, opts, changes, len(changes), 0); len(fit) <= opts.MaxBytes {
		k := largest(all, func(k int) bool { return len(renderMarkdown(c, opts, changes, len(changes), k)) <= opts.MaxBytes })
		return renderMarkdown(c, opts, changes, len(changes), k)
	}
	k := largest(len(changes), func(k int) bool { return len(renderMarkdown(c, opts, changes, k, 0)) <= opts.MaxBytes })
	return renderMarkdown(c, opts, changes, k, 0)
}

// largest returns the largest k in [0, n] with fits(k), assuming fits is monotone
// (true up to some k); 0 when none fits.
func largest(n int, fits func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// renderMarkdown writes the report with the first changeRows rows of changes and the
// first allRows rows of the full table.
func renderMarkdown(c *compare.Comparison, opts MarkdownOptions, changes []*compare.Entry, changeRows, allRows int) string {
	level := opts.HeadingLevel
	if level < 1 || level > 6 {
		level = 2
	}
	sub := strings.Repeat("#", min(level+1, 6)) + " "
	var b strings.Builder
	if !opts.NoTitle {
		title := opts.Title
		if title == "" {
			title = "Benchmark comparison"
			if c.Usage != nil {
				title = "Cost comparison"
			}
		}
		fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", level), title)
	}
	fmt.Fprintf(&b, "**%s**\n\n", Headline(c))
	fmt.Fprintf(&b, "%s\n\n", countsLine(c, " · "))
	writeEnvWarning(&b, c)
	if c.Usage != nil {
		fmt.Fprintf(&b, "%s\n\n", usageTotals(c.Usage))
		for _, n := range usageNotes(c.Usage, text.EscapeName) {
			fmt.Fprintf(&b, "> [!NOTE]\n> %s\n\n", n)
		}
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(&b, "> [!NOTE]\n> %s\n\n", text.EscapeName(w))
	}
	if len(c.Remeasured) > 0 {
		fmt.Fprintf(&b, "> [!NOTE]\n> %s\n\n", text.EscapeName(remeasuredText(c)))
	}
	one, many := entryNouns(c)
	if len(changes) == 0 {
		fmt.Fprintf(&b, "No %s changed beyond its threshold.\n\n", one)
	} else {
		b.WriteString(sub + "What changed\n\n")
		if c.Usage != nil {
			writeUsageChanges(&b, c, changes[:changeRows])
		} else {
			writeChangesTable(&b, changes[:changeRows])
		}
		writeCut(&b, len(changes)-changeRows, opts.MaxBytes)
	}
	fmt.Fprintf(&b, "<details>\n<summary>All %s</summary>\n\n", plural(len(c.Entries), one, many))
	if c.Usage != nil {
		writeUsageFull(&b, c, c.Entries[:allRows])
	} else {
		writeFullTable(&b, c.Entries[:allRows])
	}
	writeCut(&b, len(c.Entries)-allRows, opts.MaxBytes)
	b.WriteString("</details>\n\n")
	switch {
	case c.Usage != nil:
		if allRows == len(c.Entries) {
			writeUsageModels(&b, c.Usage)
		}
		writeUsageSettings(&b, c)
	default:
		if allRows == len(c.Entries) {
			writeMetricsTable(&b, c.Entries)
		}
		writeSettings(&b, c)
	}
	return b.String()
}

func writeEnvWarning(b *strings.Builder, c *compare.Comparison) {
	if len(c.EnvDiffs) == 0 {
		return
	}
	diffs := make([]string, len(c.EnvDiffs))
	for i, d := range c.EnvDiffs {
		diffs[i] = fmt.Sprintf("%s %s → %s", d.Field, text.EscapeName(d.Baseline), text.EscapeName(d.Current))
	}
	fmt.Fprintf(b, "> [!WARNING]\n> Baseline and current ran on different environments (%s): timing deltas may reflect the machine, not the code.\n\n",
		strings.Join(diffs, "; "))
}

// writeMetricsTable lists the metrics beyond time (instructions, custom units,
// allocations that vary), folded, when any benchmark has one.
func writeMetricsTable(b *strings.Builder, entries []compare.Entry) {
	var rows []string
	var units []string
	for i := range entries {
		e := &entries[i]
		for j := range e.Metrics {
			md := &e.Metrics[j]
			if !slices.Contains(units, md.Unit) {
				units = append(units, md.Unit)
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s |\n", text.EscapeName(e.Name), text.EscapeName(md.Name),
				metricValue(md.Base.Median, text.EscapeName(md.Unit)), metricValue(md.Current.Median, text.EscapeName(md.Unit)),
				fmt.Sprintf("%+.2f%% (%s)", md.Percent, metricTest(md)), num(md.ThresholdPercent)+"%", metricVerdict(md)))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "<details>\n<summary>Other metrics (%s)</summary>\n\n", text.EscapeName(strings.Join(units, ", ")))
	b.WriteString("| Benchmark | Metric | Baseline | Current | Delta | Threshold | Verdict |\n")
	b.WriteString("|:--|:--|--:|--:|--:|--:|:--|\n")
	b.WriteString(strings.Join(rows, ""))
	b.WriteString("\n</details>\n\n")
}

func writeChangesTable(b *strings.Builder, rows []*compare.Entry) {
	b.WriteString("| Benchmark | Baseline | Current | Delta | Verdict | Why |\n")
	b.WriteString("|:--|--:|--:|--:|:--|:--|\n")
	for _, e := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", text.EscapeName(e.Name), sideCell(e.Base), sideCell(e.Current),
			deltaCell(e), verdictCell(e), text.EscapeName(notes(e)))
	}
	b.WriteString("\n")
}

func writeFullTable(b *strings.Builder, rows []compare.Entry) {
	if len(rows) == 0 {
		return
	}
	b.WriteString("| Benchmark | Baseline | Current | Delta | Threshold | allocs/op | Verdict | Notes |\n")
	b.WriteString("|:--|--:|--:|--:|--:|--:|:--|:--|\n")
	for i := range rows {
		e := &rows[i]
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", text.EscapeName(e.Name), sideCell(e.Base), sideCell(e.Current),
			deltaCell(e), text.EscapeName(thresholdText(e)), allocsCell(e), verdictCell(e), text.EscapeName(notes(e)))
	}
	b.WriteString("\n")
}

// verdictCell is the status with its icon.
func verdictCell(e *compare.Entry) string {
	if icon := statusIcon(e); icon != "" {
		return icon + " " + statusText(e)
	}
	return statusText(e)
}

// allocsCell is "3" or "3 → 4".
func allocsCell(e *compare.Entry) string {
	switch {
	case e.Base != nil && e.Current != nil && e.Base.AllocsPerOp != e.Current.AllocsPerOp:
		return num(e.Base.AllocsPerOp) + " → " + num(e.Current.AllocsPerOp)
	case e.Current != nil:
		return num(e.Current.AllocsPerOp)
	case e.Base != nil:
		return num(e.Base.AllocsPerOp)
	}
	return ""
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func writeCut(b *strings.Builder, cut, budget int) {
	if cut <= 0 {
		return
	}
	fmt.Fprintf(b, "_%s not shown: the report is cut to fit %d bytes. The JSON report (`--format json`) has every benchmark._\n\n",
		plural(cut, "more row", "more rows"), budget)
}

func writeSettings(b *strings.Builder, c *compare.Comparison) {
	cfg := c.Config
	b.WriteString("<details>\n<summary>Settings and thresholds</summary>\n\n")
	fmt.Fprintf(b, "- Regression: significant (p < %s after the correction) **and** median slowdown above the threshold (default %s); 95%% confidence intervals. "+
		"Time is tested between processes (Welch's t on each process's median) when both sides ran %d processes or more, by the Mann-Whitney U test over the samples when a side ran one, and not at all with 2 to %d; "+
		"worse beyond the threshold but not significant (or not tested) is inconclusive, not a regression.\n",
		num(cfg.Alpha), num(cfg.ThresholdPercent)+"%", stats.MinProcesses, stats.MinProcesses-1)
	if f := familyText(c); f != "" {
		fmt.Fprintf(b, "- Significance: %s.\n", f)
	}
	if hasPointEstimates(c) {
		fmt.Fprintf(b, "- Point estimates (a tool that reports one value per benchmark, not its samples): %s, so the threshold alone decides.\n", compare.NoTestText)
	}
	if len(cfg.Thresholds) > 0 {
		rules := make([]string, 0, len(cfg.Thresholds))
		for _, r := range cfg.Thresholds {
			rules = append(rules, text.EscapeName(r.Pattern)+" "+num(r.Percent)+"%")
		}
		fmt.Fprintf(b, "- Per-benchmark thresholds (first match wins): %s\n", strings.Join(rules, ", "))
	}
	metrics := make([]string, len(cfg.Metrics))
	for i, m := range cfg.Metrics {
		metrics[i] = string(m)
	}
	if len(metrics) == 0 {
		metrics = []string{"none"}
	}
	fmt.Fprintf(b, "- Gated metrics: %s · cost changes: %s · missing benchmarks: %s\n", strings.Join(metrics, ", "), costPolicy(cfg), cfg.Missing)
	if cfg.ContentionGuard {
		b.WriteString("- Contention guard: a time regression also needs the fastest 2% of the samples (their 2nd percentile) to slow by more than half the threshold\n")
	}
	if len(cfg.Ignore) > 0 {
		fmt.Fprintf(b, "- Ignored: %s\n", escapeAll(cfg.Ignore))
	}
	fmt.Fprintf(b, "- Config: %s", text.EscapeName(source(cfg)))
	if cfg.Profile != "" {
		fmt.Fprintf(b, ", profile %s", text.EscapeName(cfg.Profile))
	}
	b.WriteString("\n")
	if c.BaseTime != "" || c.CurTime != "" {
		fmt.Fprintf(b, "- Baseline %s · current %s\n", orDash(c.BaseTime), orDash(c.CurTime)) // RFC 3339, ours
	}
	b.WriteString("\n</details>\n")
}

// hasPointEstimates reports whether a benchmark's time was decided without a test.
func hasPointEstimates(c *compare.Comparison) bool {
	return slices.ContainsFunc(c.Entries, func(e compare.Entry) bool { return e.Time != nil && e.Time.Test == compare.TestNone })
}

func costPolicy(cfg compare.Config) string {
	s := string(cfg.CostChanges)
	if cfg.CostChanges == compare.CostFail && len(cfg.AcceptCost) > 0 {
		s += " (accepted: " + escapeAll(cfg.AcceptCost) + ")"
	}
	return s
}

func escapeAll(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = text.EscapeName(x)
	}
	return strings.Join(out, ", ")
}

func source(cfg compare.Config) string {
	if cfg.Source == "" {
		return "defaults"
	}
	return cfg.Source
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
