package report

import (
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// statusView is how every report shows one status: the words, the icon, where it
// sorts among "what changed", and how the counts line names it. A new status is one
// row of statuses; nothing else in the package switches on a status.
type statusView struct {
	text      string                   // in words; "~" for unchanged, as benchstat writes it
	icon      string                   // what the status means for the reader: ✅ better, ⚠️ look at it, ℹ️ for information
	rank      int                      // "what changed" order, most severe first
	count     func(compare.Counts) int // its count
	one, many string                   // the counts line: "1 regression", "2 regressions"
}

// statuses are the views of the statuses, in the order of the counts line.
var statuses = map[compare.Status]statusView{
	compare.StatusRegression:    {"regression", "⚠️", 1, func(n compare.Counts) int { return n.Regressions }, "regression", "regressions"},
	compare.StatusCostChanged:   {"cost changed", "⚠️", 0, func(n compare.Counts) int { return n.CostChanges }, "cost change", "cost changes"},
	compare.StatusMissing:       {"missing", "⚠️", 2, func(n compare.Counts) int { return n.Missing }, "missing", "missing"},
	compare.StatusImprovement:   {"improvement", "✅", 4, func(n compare.Counts) int { return n.Improvements }, "improvement", "improvements"},
	compare.StatusAllocsChanged: {"allocations changed", "ℹ️", 5, func(n compare.Counts) int { return n.AllocsChanged }, "allocation change", "allocation changes"},
	compare.StatusNew:           {"new", "ℹ️", 6, func(n compare.Counts) int { return n.New }, "new", "new"},
	compare.StatusInconclusive:  {"inconclusive", "❔", 3, func(n compare.Counts) int { return n.Inconclusive }, "inconclusive", "inconclusive"},
	compare.StatusUnchanged:     {"~", "", 7, func(n compare.Counts) int { return n.Unchanged }, "unchanged", "unchanged"},
	compare.StatusIgnored:       {"ignored", "", 8, func(n compare.Counts) int { return n.Ignored }, "ignored", "ignored"},
}

// countsOrder is the order of the counts line.
var countsOrder = []compare.Status{
	compare.StatusRegression, compare.StatusCostChanged, compare.StatusMissing, compare.StatusInconclusive,
	compare.StatusImprovement, compare.StatusAllocsChanged, compare.StatusNew, compare.StatusUnchanged, compare.StatusIgnored,
}

// statusText names an entry's status in words, with what its flags add.
func statusText(e *compare.Entry) string {
	v, ok := statuses[e.Status]
	if !ok {
		return string(e.Status)
	}
	switch {
	case e.Status == compare.StatusCostChanged && e.CostAccepted:
		return v.text + " (accepted)"
	case e.Status == compare.StatusUnchanged && e.Contended:
		return v.text + " (interference?)"
	}
	return v.text
}

// statusIcon marks what decides the verdict: ❌ fails the gate; otherwise the
// status's icon, and ⚠️ for a slowdown held back as interference.
func statusIcon(e *compare.Entry) string {
	switch {
	case e.Fails:
		return "❌"
	case e.Contended || e.Regressed:
		return "⚠️"
	}
	return statuses[e.Status].icon
}

// countsLine lists every non-zero count: "1 regression · 2 improvements · 5 unchanged".
func countsLine(c *compare.Comparison, sep string) string {
	n := c.Counts()
	parts := []string{}
	for _, s := range countsOrder {
		v := statuses[s]
		k := v.count(n)
		if k == 0 {
			continue
		}
		part := plural(k, v.one, v.many)
		if s == compare.StatusUnchanged && n.Contended > 0 {
			part += " (" + plural(n.Contended, "slowdown", "slowdowns") + " held back as interference)"
		}
		parts = append(parts, part)
	}
	one, many := entryNouns(c)
	return plural(n.Total, one, many) + ": " + strings.Join(parts, sep)
}
