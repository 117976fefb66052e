package gate

import (
	"fmt"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// reportMarkdown renders the comparison table within budget bytes.
// INTERIM until package report lands.
func reportMarkdown(c *compare.Comparison, budget int) (string, error) {
	var s strings.Builder
	s.WriteString("| Benchmark | Status | Δ median |\n|---|---|--:|\n")
	for _, e := range c.Entries {
		d := ""
		if e.Time != nil {
			d = fmt.Sprintf("%+.1f%%", e.Time.Percent)
		}
		fmt.Fprintf(&s, "| %s | %s | %s |\n", escapeName(e.Name), e.Status, d)
	}
	return s.String(), nil
}

// escapeName INTERIM until package report lands.
func escapeName(s string) string {
	r := strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "@", "@\u200b", "#", `\#`)
	return r.Replace(s)
}
