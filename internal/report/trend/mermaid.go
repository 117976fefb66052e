package trend

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// DefaultMermaidPoints is how many of the newest points Mermaid draws by default.
const DefaultMermaidPoints = 30

// Mermaid writes a fenced mermaid xychart-beta of the newest maxPoints values of s
// (all when maxPoints <= 0), a line of medians over short commits, which GitHub
// draws in comments and job summaries. Text from the series is reduced to letters,
// digits and _.-/: so that nothing can end the block or the chart's strings.
func Mermaid(w io.Writer, s *analysis.Series, maxPoints int) error {
	return mermaid(w, s, maxPoints, nil)
}

// mermaid is Mermaid with an optional last point, the value under test, labelled
// "current".
func mermaid(w io.Writer, s *analysis.Series, maxPoints int, current *float64) error {
	vs := s.Values
	if maxPoints > 0 && len(vs) > maxPoints {
		vs = vs[len(vs)-maxPoints:]
	}
	if current != nil {
		vs = append(vs[:len(vs):len(vs)], analysis.Value{Commit: "current", Median: *current})
	}
	if len(vs) == 0 {
		return nil
	}
	scale, unit := mermaidScale(s, vs)
	xs := make([]string, len(vs))
	ys := make([]string, len(vs))
	lo, hi := vs[0].Median, vs[0].Median
	for i, v := range vs {
		xs[i] = `"` + safe(shortLabel(v.Commit)) + `"`
		ys[i] = strconv.FormatFloat(v.Median/scale, 'g', 4, 64)
		lo, hi = min(lo, v.Median), max(hi, v.Median)
	}
	var b strings.Builder
	b.WriteString("```mermaid\nxychart-beta\n")
	fmt.Fprintf(&b, "    title \"%s (%s)\"\n", safe(s.Name), safe(s.Metric))
	fmt.Fprintf(&b, "    x-axis [%s]\n", strings.Join(xs, ", "))
	pad := (hi - lo) * 0.1
	if pad == 0 {
		pad = hi * 0.1
	}
	fmt.Fprintf(&b, "    y-axis \"%s\" %s --> %s\n", safe(unit),
		strconv.FormatFloat(max(0, lo-pad)/scale, 'g', 4, 64), strconv.FormatFloat((hi+pad)/scale, 'g', 4, 64))
	fmt.Fprintf(&b, "    line [%s]\n", strings.Join(ys, ", "))
	b.WriteString("```\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidScale picks a time unit that keeps the numbers short; other metrics stay
// in their unit.
func mermaidScale(s *analysis.Series, vs []analysis.Value) (float64, string) {
	if s.Metric != "time" {
		return 1, s.Unit
	}
	m := 0.0
	for _, v := range vs {
		m = max(m, v.Median)
	}
	switch {
	case m >= 1e9:
		return 1e9, "s/op"
	case m >= 1e6:
		return 1e6, "ms/op"
	case m >= 1e3:
		return 1e3, "µs/op"
	}
	return 1, "ns/op"
}

// safe keeps the characters of s that cannot end a mermaid string or code block.
func safe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("_.-/:µ ", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Flag is a benchmark the gate flagged, with its current median time (ns/op).
type Flag struct {
	Name      string
	CurrentNs float64
}

// MaxFlaggedCharts bounds the charts of FlaggedSection: a comment stays short.
const MaxFlaggedCharts = 5

// FlaggedSection is the markdown section the gate adds to its PR comment and job
// summary when a history store is configured: for each flagged benchmark in the
// store (at most MaxFlaggedCharts), a mermaid chart of its time over the newest
// maxPoints commits with the current value last, and its change points. "" when no
// flagged benchmark has a history.
func FlaggedSection(rep *analysis.Report, flagged []Flag, maxPoints int) string {
	var b strings.Builder
	charts := 0
	for _, f := range flagged {
		s := findSeries(rep, f.Name, "time")
		if s == nil || len(s.Values) == 0 || charts == MaxFlaggedCharts {
			continue
		}
		if charts == 0 {
			fmt.Fprintf(&b, "### Trend of flagged benchmarks\n\nMedian time per commit from the history store (%s), and this run's last.\n\n", plural(rep.Runs, "run", "runs"))
		}
		charts++
		cur := f.CurrentNs
		var curp *float64
		if cur > 0 {
			curp = &cur
		}
		mermaid(&b, s, maxPoints, curp)
		if len(s.ChangePoints) > 0 {
			fmt.Fprintf(&b, "\nChange points of %s: %s\n", text.EscapeName(s.Name), changeCell(s))
		}
		b.WriteString("\n")
	}
	if n := len(flagged) - charts; charts > 0 && n > 0 {
		fmt.Fprintf(&b, "_%s without a chart (no history, or past the first %d)._\n\n", plural(n, "flagged benchmark", "flagged benchmarks"), MaxFlaggedCharts)
	}
	return b.String()
}

// findSeries returns the series of benchmark name and metric, or nil.
func findSeries(rep *analysis.Report, name, metric string) *analysis.Series {
	for i := range rep.Benchmarks {
		if s := &rep.Benchmarks[i]; s.Name == name && s.Metric == metric {
			return s
		}
	}
	return nil
}
