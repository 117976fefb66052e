package trend

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// DefaultMermaidPoints is how many of the newest points Mermaid draws by default.
const DefaultMermaidPoints = 30

// Mermaid writes a fenced mermaid xychart-beta of the newest maxPoints values of s
// (all when maxPoints <= 0), a line of medians over short commits, which GitHub
// draws in comments and job summaries. Text from the series is reduced to letters,
// digits and _.-/: so that nothing can end the block or the chart's strings.
func Mermaid(w io.Writer, s *analysis.Series, maxPoints int) error {
	vs := s.Values
	if maxPoints > 0 && len(vs) > maxPoints {
		vs = vs[len(vs)-maxPoints:]
	}
	if len(vs) == 0 {
		return nil
	}
	scale, unit := mermaidScale(s, vs)
	xs := make([]string, len(vs))
	ys := make([]string, len(vs))
	lo, hi := vs[0].Median, vs[0].Median
	for i, v := range vs {
		xs[i] = `"` + ShortCommit(v.Commit)[:min(7, len(ShortCommit(v.Commit)))] + `"`
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
