package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// Page is the gate's report: what the pull request comment, the job summary and the
// report file show. It holds either a comparison or a NoBaseline.
type Page struct {
	Comparison *compare.Comparison // nil without a baseline
	NoBaseline *NoBaseline         // what to say when Comparison is nil
	Baseline   Provenance          // where the baseline came from (when Comparison is set)
	Current    *bench.Document
	CurrentSHA string
	RunURL     string
	Key        string             // tells apart several gates on one pull request
	FailOn     bool               // fail-on-regression
	Comment    bool               // rendering the PR comment (the footer says it is edited in place)
	SameRunner *samerunner.Result // with a ref: baseline, what the same-runner run saw
	Trend      string             // with a history store, the flagged benchmarks' trend (markdown of package report/trend)
}

// Provenance says where a baseline came from.
type Provenance struct {
	Source string    // the input: a file path, artifact:<name> or ref:<rev>
	Commit string    // the commit it was measured at, "" when unknown
	Date   time.Time // when that commit was made or the artifact uploaded; zero when unknown
	RunURL string    // the run that uploaded an artifact baseline
}

// Verdict is the page's verdict: the comparison's, or no-baseline.
func (p *Page) Verdict() compare.Verdict { return p.Comparison.Verdict() }

// Markdown returns the page as markdown of at most budget bytes: the title, the
// comparison report (cut to fit) or the no-baseline body, the same-runner section,
// what was compared, and a footer.
func (p *Page) Markdown(budget int) (string, error) {
	var ab string
	if p.SameRunner != nil {
		var b strings.Builder
		if err := SameRunnerMarkdown(&b, p.SameRunner); err != nil {
			return "", err
		}
		ab = b.String() + "\n"
	}
	head, tail := p.header(), ab+p.Trend+p.provenance()+p.footer()
	room := budget - len(head) - len(tail)
	if room < 1024 {
		return "", fmt.Errorf("report budget %d bytes leaves no room for the table", budget)
	}
	var body string
	switch {
	case p.Comparison != nil:
		body = MarkdownString(p.Comparison, MarkdownOptions{NoTitle: true, MaxBytes: room})
	case p.NoBaseline != nil:
		body = p.NoBaseline.markdown(room)
	}
	return head + body + "\n" + tail, nil
}

func (p *Page) header() string {
	title := "## cost-ops-bench"
	if p.Key != "" {
		title += " · " + text.EscapeName(p.Key)
	}
	title += "\n\n"
	if p.Verdict() == compare.VerdictRegression && !p.FailOn {
		title += "> [!NOTE]\n> `fail-on-regression` is `false`: this job passes despite the regression.\n\n"
	}
	return title
}

// provenance says what was compared with what: the baseline's source, commit and
// date, and the current commit.
func (p *Page) provenance() string {
	var b strings.Builder
	b.WriteString("---\n\n")
	if p.Comparison != nil {
		fmt.Fprintf(&b, "**Baseline:** %s", text.Code(p.Baseline.Source))
		if p.Baseline.Commit != "" {
			fmt.Fprintf(&b, " at %s", text.Code(text.Commit(p.Baseline.Commit)))
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
		fmt.Fprintf(&b, " %s", text.Code(text.Commit(p.CurrentSHA)))
	}
	if p.Current != nil && !p.Current.Timestamp.IsZero() {
		fmt.Fprintf(&b, " measured %s", p.Current.Timestamp.UTC().Format(time.RFC3339))
	}
	if p.RunURL != "" {
		fmt.Fprintf(&b, " in [run %s](%s)", p.RunURL[strings.LastIndex(p.RunURL, "/")+1:], p.RunURL)
	}
	b.WriteString("\n\n")
	return b.String()
}

func (p *Page) footer() string {
	if p.Comment {
		return "<sub>Posted by cost-ops-bench gate. This comment is edited in place on every run.</sub>\n"
	}
	return "<sub>cost-ops-bench gate</sub>\n"
}
