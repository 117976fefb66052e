package trend

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// Markdown writes the report as GitHub markdown: a headline, a table of every
// series with its latest value and change points, and the change points in detail.
func Markdown(w io.Writer, r *analysis.Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "## Benchmark trends")
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, headline(r))
	if len(r.Benchmarks) == 0 {
		return bw.Flush()
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "| Benchmark | Metric | Points | Latest | Change points |")
	fmt.Fprintln(bw, "|---|---|--:|--:|---|")
	for i := range r.Benchmarks {
		s := &r.Benchmarks[i]
		latest := s.Values[len(s.Values)-1]
		fmt.Fprintf(bw, "| %s | %s | %d | %s | %s |\n", text.EscapeName(s.Name), text.EscapeName(s.Metric),
			s.Points, Value(s, latest.Median), changeCell(s))
	}
	if n := countChanges(r); n > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "### Change points")
		fmt.Fprintln(bw)
		for i := range r.Benchmarks {
			s := &r.Benchmarks[i]
			for _, cp := range s.ChangePoints {
				fmt.Fprintf(bw, "- %s%s %s: %s at `%s` (%s → %s, %s)\n", icon(cp), text.EscapeName(s.Name),
					text.EscapeName(s.Metric), Delta(s, cp), ShortCommit(cp.Commit),
					Value(s, cp.Before), Value(s, cp.After), PValue(cp.PValue))
			}
		}
	}
	return bw.Flush()
}

// headline counts runs, series and change points, and the recent ones.
func headline(r *analysis.Report) string {
	parts := []string{
		plural(r.Runs, "run", "runs"),
		plural(len(r.Benchmarks), "series", "series"),
		plural(countChanges(r), "change point", "change points"),
	}
	line := strings.Join(parts, " · ")
	if r.Recent > 0 {
		worse, better := countRecent(r)
		line += fmt.Sprintf(" · in the last %s: %s, %s", plural(r.Recent, "point", "points"),
			plural(worse, "change for the worse", "changes for the worse"),
			plural(better, "change for the better", "changes for the better"))
	}
	if r.Runs == 0 {
		line += " · the store is empty: `history append` adds runs"
	}
	return line
}

// changeCell lists a series' change points in a table cell: "⚠️ +20.1% at `abc`".
func changeCell(s *analysis.Series) string {
	if len(s.ChangePoints) == 0 {
		return "—"
	}
	cells := make([]string, len(s.ChangePoints))
	for i, cp := range s.ChangePoints {
		cells[i] = icon(cp) + Delta(s, cp) + " at `" + ShortCommit(cp.Commit) + "`"
	}
	return strings.Join(cells, "<br>")
}

// icon marks a change for the worse ⚠️ and for the better ✅; a recent one for the
// worse 🔺.
func icon(cp analysis.ChangePoint) string {
	switch {
	case cp.Worse && cp.Recent:
		return "🔺 "
	case cp.Worse:
		return "⚠️ "
	}
	return "✅ "
}

func countChanges(r *analysis.Report) int {
	n := 0
	for _, s := range r.Benchmarks {
		n += len(s.ChangePoints)
	}
	return n
}

// countRecent counts the recent change points for the worse and for the better.
func countRecent(r *analysis.Report) (worse, better int) {
	for _, s := range r.Benchmarks {
		for _, cp := range s.ChangePoints {
			switch {
			case !cp.Recent:
			case cp.Worse:
				worse++
			default:
				better++
			}
		}
	}
	return worse, better
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
