package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// Console writes the comparison for a terminal: the verdict, the counts, an
// environment warning, one aligned row per benchmark, and the reasons behind every
// status that is not "~".
func Console(w io.Writer, c *compare.Comparison) error {
	var b strings.Builder
	verdict := "PASS"
	if c.Failed() {
		verdict = "FAIL"
	}
	fmt.Fprintf(&b, "%s: %s\n", verdict, headlineText(c))
	fmt.Fprintf(&b, "%s\n", countsLine(c, ", "))
	for _, d := range c.EnvDiffs {
		fmt.Fprintf(&b, "warning: environments differ: %s %q → %q\n", d.Field, d.Baseline, d.Current)
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(&b, "note: %s\n", w)
	}
	if len(c.Remeasured) > 0 {
		fmt.Fprintf(&b, "note: %s\n", remeasuredText(c))
	}
	if f := familyText(c); f != "" {
		fmt.Fprintf(&b, "%s\n", f)
	}
	if c.Usage != nil {
		writeUsageConsole(&b, c) // a cost comparison of usage logs
	} else {
		b.WriteString("\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "benchmark\tbaseline\tcurrent\tdelta\tthreshold\tverdict")
		for i := range c.Entries {
			e := &c.Entries[i]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", consoleName(e.Name), sideCell(e.Base), sideCell(e.Current), deltaCell(e), thresholdText(e), statusText(e))
		}
		tw.Flush()
		writeConsoleMetrics(&b, c)
	}
	var details []string
	for _, e := range changed(c) {
		if n := notes(e); n != "" {
			details = append(details, fmt.Sprintf("  %s: %s", consoleName(e.Name), n))
		}
	}
	if len(details) > 0 {
		b.WriteString("\n" + strings.Join(details, "\n") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// consoleName is a benchmark name as the console shows it: quoted when it holds an
// unprintable character or starts with "::", so that no name (from a fork's result
// file, say) can start a line the Actions runner executes as a workflow command.
func consoleName(name string) string {
	if strings.HasPrefix(strings.TrimLeft(name, " \t"), "::") ||
		strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(name)
	}
	return name
}

// writeConsoleMetrics is an aligned table of the metrics beyond time, when any.
func writeConsoleMetrics(b *strings.Builder, c *compare.Comparison) {
	header := false
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for i := range c.Entries {
		e := &c.Entries[i]
		for j := range e.Metrics {
			md := &e.Metrics[j]
			if !header {
				b.WriteString("\n")
				fmt.Fprintln(tw, "benchmark\tmetric\tbaseline\tcurrent\tdelta\tthreshold\tverdict")
				header = true
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", consoleName(e.Name), consoleName(md.Name),
				metricValue(md.Base.Median, md.Unit), metricValue(md.Current.Median, md.Unit),
				fmt.Sprintf("%+.2f%% (%s)", md.Percent, metricTest(md)), num(md.ThresholdPercent)+"%", metricVerdict(md))
		}
	}
	tw.Flush()
}
