package gate

import (
	"fmt"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
)

// Size limits of what GitHub shows.
const (
	// CommentLimit is GitHub's limit on a comment body, in characters; the gate
	// counts bytes, which are never fewer.
	CommentLimit = 65536
	// SummaryLimit is GitHub's limit on one step's job summary.
	SummaryLimit = 1 << 20
)

// Verdicts, the values of the verdict output.
const (
	VerdictPass       = "pass"
	VerdictRegression = "regression"
	VerdictNoBaseline = "no-baseline"
)

// page is what the comment, the job summary and the report file show.
type page struct {
	Verdict    string
	Comparison *compare.Comparison // nil without a baseline
	Baseline   Baseline
	Current    *bench.Document
	CurrentSHA string
	RunURL     string
	Key        string
	Failing    int
	FailOn     bool   // fail-on-regression
	Comment    bool   // rendering the PR comment (the footer says it is edited in place)
	SameRunner string // with a ref: baseline, the same-runner section (package samerunner)
	Trend      string // with a history store, the flagged benchmarks' trend (package report/trend)
}

// render returns the page as markdown of at most budget bytes: the title, the
// comparison report (package report, cut to fit), what was compared, and a footer.
func (p page) render(budget int) (string, error) {
	head, tail := p.header(), p.SameRunner+p.Trend+p.provenance()+p.footer()
	room := budget - len(head) - len(tail)
	if room < 1024 {
		return "", fmt.Errorf("report budget %d bytes leaves no room for the table", budget)
	}
	var body string
	if p.Comparison == nil {
		body = noBaselineBody(p.Baseline, p.Current, room)
	} else {
		body = report.MarkdownString(p.Comparison, report.MarkdownOptions{NoTitle: true, MaxBytes: room})
	}
	return head + body + "\n" + tail, nil
}

func (p page) header() string {
	title := "## cost-ops-bench"
	if p.Key != "" {
		title += " · " + report.EscapeName(p.Key)
	}
	title += "\n\n"
	if p.Verdict == VerdictRegression && !p.FailOn {
		title += "> [!NOTE]\n> `fail-on-regression` is `false`: this job passes despite the regression.\n\n"
	}
	return title
}

// provenance says what was compared with what: the baseline's source, commit and
// date, and the current commit.
func (p page) provenance() string {
	var b strings.Builder
	b.WriteString("---\n\n")
	if p.Baseline.Doc != nil {
		fmt.Fprintf(&b, "**Baseline:** `%s`", strings.ReplaceAll(p.Baseline.Source, "`", "'"))
		if p.Baseline.Commit != "" {
			fmt.Fprintf(&b, " at %s", shortSHA(p.Baseline.Commit))
		}
		if !p.Baseline.Date.IsZero() {
			fmt.Fprintf(&b, " (%s)", p.Baseline.Date.UTC().Format("2006-01-02 15:04 MST"))
		}
		if p.Baseline.RunURL != "" {
			fmt.Fprintf(&b, ", uploaded by [this run](%s)", p.Baseline.RunURL)
		}
		b.WriteString("  \n")
	}
	b.WriteString("**Current:**")
	if p.CurrentSHA != "" {
		fmt.Fprintf(&b, " %s", shortSHA(p.CurrentSHA))
	}
	if !p.Current.Timestamp.IsZero() {
		fmt.Fprintf(&b, " measured %s", p.Current.Timestamp.UTC().Format(time.RFC3339))
	}
	if p.RunURL != "" {
		fmt.Fprintf(&b, " in [run %s](%s)", p.RunURL[strings.LastIndex(p.RunURL, "/")+1:], p.RunURL)
	}
	b.WriteString("\n\n")
	return b.String()
}

func (p page) footer() string {
	if p.Comment {
		return "<sub>Posted by cost-ops-bench gate. This comment is edited in place on every run.</sub>\n"
	}
	return "<sub>cost-ops-bench gate</sub>\n"
}

// noBaselineBody says how to create a baseline, then lists the current medians so
// the first run is useful on its own.
func noBaselineBody(b Baseline, cur *bench.Document, room int) string {
	var s strings.Builder
	if b.Required {
		s.WriteString("**:x: No baseline, and one is required**\n\n")
		fmt.Fprintf(&s, "There is nothing to compare with: %s. The verdict is `no-baseline`, and the gate fails: "+
			"a baseline is required (`missing_baseline: fail` in the config, or the input `missing-baseline: fail`). "+
			"Check the `baseline` input for a typo.\n\n", b.Missing)
	} else {
		s.WriteString("**:information_source: No baseline yet**\n\n")
		fmt.Fprintf(&s, "There is nothing to compare with: %s. The verdict is `no-baseline` and the gate passes.\n\n", b.Missing)
	}
	s.WriteString("To create a baseline, either\n\n")
	s.WriteString("- commit a result as a file: run `go run ./cmd/cost-ops-bench run` on the default branch, " +
		"copy `benchmarks/output/latest.json` to `baselines/main.json`, commit it, and set `baseline: baselines/main.json`; or\n")
	s.WriteString("- upload `benchmarks/output/latest.json` with `actions/upload-artifact` from a workflow on pushes to the default branch, " +
		"and set `baseline: artifact:<name>` with that artifact's name.\n\n")
	table := currentTable(cur, room-s.Len())
	s.WriteString(table)
	return s.String()
}

// currentTable lists the current result's medians, cut to fit room.
func currentTable(cur *bench.Document, room int) string {
	var s strings.Builder
	s.WriteString("<details><summary>Current results</summary>\n\n| Benchmark | Median | Allocs/op |\n|---|--:|--:|\n")
	end := "\n</details>\n"
	for i, r := range cur.Results {
		row := fmt.Sprintf("| %s | %s | %g |\n", report.EscapeName(r.Name), report.Duration(r.MedianNs), r.AllocsPerOp)
		if s.Len()+len(row)+len(end)+100 > room {
			fmt.Fprintf(&s, "\n%d more benchmarks not shown (GitHub's size limit); the full list is in the report file.\n", len(cur.Results)-i)
			break
		}
		s.WriteString(row)
	}
	s.WriteString(end)
	return s.String()
}

func shortSHA(s string) string {
	if len(s) > 7 {
		return "`" + s[:7] + "`"
	}
	return "`" + s + "`"
}
