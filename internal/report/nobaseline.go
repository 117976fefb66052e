package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// NoBaseline is what a report shows when there is nothing to compare with yet: the
// first run of a gate, before anyone recorded a baseline. Its verdict is
// compare.VerdictNoBaseline.
type NoBaseline struct {
	Why     string          // why there is no baseline, in markdown: "the baseline file `x.json` does not exist"
	HowTo   []string        // the ways to create one, in markdown, one a line
	Current *bench.Document // the current result, listed so that the first run is useful on its own
	// Required: a baseline is required (missing_baseline: fail), so no baseline fails
	// the gate.
	Required bool
	// Title is the heading of the markdown report of `compare`; "" for "Benchmark
	// comparison".
	Title string
}

// NoBaselineFile is NoBaseline for a baseline file that does not exist, as `compare`
// meets it.
func NoBaselineFile(path string, cur *bench.Document) *NoBaseline {
	return &NoBaseline{
		Why: "the baseline file " + text.Code(path) + " does not exist",
		HowTo: []string{"run `cost-ops-bench run`, then copy `benchmarks/output/latest.json` to " + text.Code(path) +
			" (on the default branch, and commit it)."},
		Current: cur,
	}
}

// NoBaselineGate is NoBaseline for the gate: why says what was missing (a file, an
// artifact, the input), and the ways are the two kinds of baseline input.
func NoBaselineGate(why string, required bool, cur *bench.Document) *NoBaseline {
	return &NoBaseline{
		Required: required,
		Why:      why,
		HowTo: []string{
			"commit a result as a file: run `cost-ops-bench run` on the default branch, " +
				"copy `benchmarks/output/latest.json` to `baselines/main.json`, commit it, and set `baseline: baselines/main.json`; or",
			"upload `benchmarks/output/latest.json` with `actions/upload-artifact` from a workflow on pushes to the default branch, " +
				"and set `baseline: artifact:<name>` with that artifact's name.",
		},
		Current: cur,
	}
}

// headline is the verdict in one line.
func (nb *NoBaseline) headline() string {
	return "No baseline yet: there is nothing to compare with (" + nb.Why + "). The verdict is no-baseline, " + nb.outcome() + "."
}

// outcome says what the no-baseline verdict does to the gate.
func (nb *NoBaseline) outcome() string {
	if nb.Required {
		return "and the gate fails: a baseline is required (`missing_baseline: fail` in the config, or the input `missing-baseline: fail`)"
	}
	return "which passes"
}

// markdown says how to create a baseline, then lists the current medians, cut to
// fit room bytes (0: no limit).
func (nb *NoBaseline) markdown(room int) string {
	if room <= 0 {
		room = math.MaxInt
	}
	var s strings.Builder
	if nb.Required {
		s.WriteString("**❌ No baseline, and one is required**\n\n")
		fmt.Fprintf(&s, "There is nothing to compare with: %s. The verdict is `no-baseline`, %s. Check the `baseline` input for a typo.\n\n",
			nb.Why, nb.outcome())
	} else {
		s.WriteString("**ℹ️ No baseline yet**\n\n")
		fmt.Fprintf(&s, "There is nothing to compare with: %s. The verdict is `no-baseline`, %s.\n\n", nb.Why, nb.outcome())
	}
	if len(nb.HowTo) == 1 {
		fmt.Fprintf(&s, "To create a baseline, %s\n\n", nb.HowTo[0])
	} else if len(nb.HowTo) > 1 {
		s.WriteString("To create a baseline, either\n\n")
		for _, h := range nb.HowTo {
			s.WriteString("- " + h + "\n")
		}
		s.WriteString("\n")
	}
	if nb.Current != nil {
		s.WriteString(currentTable(nb.Current, room-s.Len()))
	}
	return s.String()
}

// console is the no-baseline report for a terminal.
func (nb *NoBaseline) console() string {
	var s strings.Builder
	fmt.Fprintf(&s, "NO BASELINE: %s: nothing to compare with; the verdict is no-baseline, %s.\n", nb.Why, nb.outcome())
	for _, h := range nb.HowTo {
		s.WriteString("To create a baseline: " + h + "\n")
	}
	if nb.Current != nil {
		fmt.Fprintf(&s, "%s in the current result.\n", plural(len(nb.Current.Results), "benchmark", "benchmarks"))
	}
	return s.String()
}

// currentTable lists the current result's medians, cut to fit room.
func currentTable(cur *bench.Document, room int) string {
	var s strings.Builder
	s.WriteString("<details><summary>Current results</summary>\n\n| Benchmark | Median | Allocs/op |\n|---|--:|--:|\n")
	end := "\n</details>\n"
	for i, r := range cur.Results {
		row := fmt.Sprintf("| %s | %s | %s |\n", text.EscapeName(r.Name), text.Duration(r.MedianNs), num(r.AllocsPerOp))
		if s.Len()+len(row)+len(end)+100 > room {
			fmt.Fprintf(&s, "\n%s not shown (GitHub's size limit); the full list is in the report file.\n",
				plural(len(cur.Results)-i, "more benchmark", "more benchmarks"))
			break
		}
		s.WriteString(row)
	}
	s.WriteString(end)
	return s.String()
}
