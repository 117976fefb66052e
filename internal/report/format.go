package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// sideCell is a median with the half-width of its 95% interval: "1.23µs ± 2%".
func sideCell(s *compare.Side) string {
	switch {
	case s == nil:
		return "—"
	case s.N == 0:
		return "no samples"
	case s.PointEstimate:
		return pointCell(s)
	}
	cell := text.Duration(s.Median) + " ± " + rangePct(s)
	if s.Processes > 1 {
		cell += fmt.Sprintf(" (%d processes ± %.0f%%)", s.Processes, s.ProcessSpread)
	}
	return cell
}

// pointCell is a point estimate: "1.52µs (point estimate)", with the tool's own
// interval when it reported one: "1.52µs ± 3% (point estimate)".
func pointCell(s *compare.Side) string {
	if math.IsInf(s.Lo, 0) || math.IsInf(s.Hi, 0) {
		return text.Duration(s.Median) + " (point estimate)"
	}
	return text.Duration(s.Median) + " ± " + rangePct(s) + " (point estimate)"
}

// rangePct is the interval's larger distance from the median, as benchstat shows it.
func rangePct(s *compare.Side) string {
	switch {
	case math.IsInf(s.Lo, 0) || math.IsInf(s.Hi, 0):
		return "∞"
	case s.Median == 0:
		return "0%"
	}
	v := math.Max(s.Hi/s.Median-1, 1-s.Lo/s.Median)
	return fmt.Sprintf("%.0f%%", 100*v)
}

// deltaText is the median delta as benchstat writes it: "+12.34%" when significant,
// "~" when not, "?" when undefined; the delta of a point estimate, or of too few
// processes for a test, is always written, as no test called it noise.
func deltaText(t *compare.TimeDelta) string {
	switch {
	case t == nil:
		return ""
	case !t.Significant && t.Test != compare.TestNone && t.Test != compare.TestTooFewProcesses:
		return "~"
	case math.IsNaN(t.Percent) || math.IsInf(t.Percent, 0):
		return "?"
	}
	return fmt.Sprintf("%+.2f%%", t.Percent)
}

// testText is the test's p-value after the correction over the benchmarks and the
// sample counts: "p=0.000 n=10" or "p=0.12 n=10+8"; for the test between processes,
// with the processes and the smallest slowdown it could catch: "p=0.003 n=40
// processes=5 detects ≥+8.1%"; for a point estimate, that no test was possible;
// for too few processes, how many there were and that no test ran: "n=16
// processes=2, 5 needed: no test".
func testText(t *compare.TimeDelta) string {
	if t.Test == compare.TestNone {
		return compare.NoTestText
	}
	n := strconv.Itoa(t.N1)
	if t.N1 != t.N2 {
		n += "+" + strconv.Itoa(t.N2)
	}
	procs := strconv.Itoa(t.Processes1)
	if t.Processes1 != t.Processes2 {
		procs += "+" + strconv.Itoa(t.Processes2)
	}
	switch t.Test {
	case compare.TestTooFewProcesses:
		return fmt.Sprintf("n=%s processes=%s, %d needed: no test", n, procs, stats.MinProcesses)
	case compare.TestProcesses:
		return fmt.Sprintf("p=%.3f n=%s processes=%s detects %s", t.PAdjusted, n, procs, detectableText(t.Detectable))
	}
	return fmt.Sprintf("p=%.3f n=%s", t.PAdjusted, n)
}

// detectableText is the smallest slowdown a comparison could catch: "≥+8.1%".
func detectableText(d float64) string {
	if math.IsInf(d, 1) || math.IsNaN(d) {
		return "?"
	}
	return fmt.Sprintf("≥%+.1f%%", d)
}

// deltaCell is the delta with its test: "+12.34% (p=0.000 n=10)".
func deltaCell(e *compare.Entry) string {
	if e.Time == nil {
		return "—"
	}
	return deltaText(e.Time) + " (" + testText(e.Time) + ")"
}

// thresholdText is the threshold that applied and where it came from.
func thresholdText(e *compare.Entry) string {
	s := strconv.FormatFloat(e.ThresholdPercent, 'f', -1, 64) + "%"
	if e.ThresholdRule != "" {
		s += " (" + e.ThresholdRule + ")"
	}
	return s
}

// plural writes "1 regression" or "2 regressions".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Headline is the verdict in one line: "❌ 2 regressions, 1 unaccepted cost change"
// or "✅ No significant change".
func Headline(c *compare.Comparison) string {
	if c.Failed() {
		return "❌ " + headlineText(c)
	}
	return "✅ " + headlineText(c)
}

// headlineText is Headline without its icon.
func headlineText(c *compare.Comparison) string {
	n := c.Counts()
	if c.Failed() {
		return strings.Join(failures(n), ", ")
	}
	var good []string
	if n.Improvements > 0 {
		good = append(good, plural(n.Improvements, "improvement", "improvements"))
	}
	if n.CostChanges > 0 {
		good = append(good, plural(n.CostChanges, "accepted cost change", "accepted cost changes"))
	}
	if n.Inconclusive > 0 {
		if c.Usage != nil {
			good = append(good, plural(n.Inconclusive, "inconclusive cost rise", "inconclusive cost rises"))
		} else {
			good = append(good, plural(n.Inconclusive, "inconclusive slowdown", "inconclusive slowdowns"))
		}
	}
	if len(good) == 0 {
		return "No significant change"
	}
	return "No regressions; " + strings.Join(good, ", ")
}

// failures lists what fails the gate.
func failures(n compare.Counts) []string {
	var out []string
	if n.Regressed > 0 {
		out = append(out, plural(n.Regressed, "regression", "regressions"))
	}
	if n.FailingCostChanges > 0 {
		out = append(out, plural(n.FailingCostChanges, "unaccepted cost change", "unaccepted cost changes"))
	}
	if n.FailingMissing > 0 {
		out = append(out, plural(n.FailingMissing, "missing benchmark", "missing benchmarks"))
	}
	return out
}

// notes joins an entry's reasons and warnings.
func notes(e *compare.Entry) string {
	return strings.Join(append(append([]string(nil), e.Reasons...), e.Warnings...), "; ")
}

// changed returns the entries whose status is not unchanged or ignored, failing ones
// first, then by severity, in comparison order within each.
func changed(c *compare.Comparison) []*compare.Entry {
	var out []*compare.Entry
	for i := range c.Entries {
		e := &c.Entries[i]
		if e.Contended || e.Status != compare.StatusUnchanged && e.Status != compare.StatusIgnored {
			out = append(out, e)
		}
	}
	rank := func(e *compare.Entry) int {
		r := statuses[e.Status].rank
		if !e.Fails {
			r += 10
		}
		return r
	}
	slices.SortStableFunc(out, func(a, b *compare.Entry) int { return rank(a) - rank(b) })
	return out
}

// familyText says how significance was corrected and what false alarms to expect.
func familyText(c *compare.Comparison) string {
	f := c.Family
	if f.Tests == 0 {
		return ""
	}
	one, many := entryNouns(c)
	return fmt.Sprintf("p-values corrected over %s (Benjamini-Hochberg): with unchanged code, at most a %s chance of any false alarm (uncorrected, about %.1f false alarms would be expected), and at most %s of flagged %s false alarms",
		plural(f.Tests, one, many), num(100*f.Alpha)+"%", f.ExpectedUncorrected(), num(100*f.Alpha)+"%", many)
}

// metricValue formats a metric's median with its unit: "486.1 instructions/op".
func metricValue(v float64, unit string) string {
	if math.IsNaN(v) {
		return "?"
	}
	return strconv.FormatFloat(v, 'g', 6, 64) + " " + unit
}

// metricVerdict is a metric delta's outcome in words.
func metricVerdict(md *compare.MetricDelta) string {
	switch {
	case md.Worse && md.Gated:
		return "regression"
	case md.Worse:
		return "worse (not gated)"
	case md.Inconclusive:
		return "inconclusive"
	case md.Better:
		return "better"
	}
	return "~"
}

// metricTest is how a metric delta was judged: "p=0.012 n=5+5" or "separation +1.93%".
func metricTest(md *compare.MetricDelta) string {
	if md.Rule == compare.RuleThreshold {
		return compare.NoTestText
	}
	if md.Rule == compare.RuleSeparation {
		return fmt.Sprintf("separation %+.2f%% n=%d+%d", md.SeparationPercent, md.Base.N, md.Current.N)
	}
	return fmt.Sprintf("p=%.3f n=%d+%d", md.PAdjusted, md.Base.N, md.Current.N)
}

// remeasuredText says which time regressions were measured again before deciding.
func remeasuredText(c *compare.Comparison) string {
	return fmt.Sprintf("Re-measured in fresh processes before deciding (a time regression against the recorded baseline), decided on both measurements: %s",
		strings.Join(c.Remeasured, ", "))
}
