package report

import (
	"errors"
	"fmt"
	"io"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// Report is what a comparison report shows: a comparison, or, before any baseline
// exists, a NoBaseline; and what a same-runner run saw, when it measured both sides.
type Report struct {
	Comparison *compare.Comparison // nil when there is no baseline
	NoBaseline *NoBaseline         // what to say when Comparison is nil
	SameRunner *samerunner.Result  // nil unless both sides were measured here
}

// Verdict is the report's verdict: the comparison's, or no-baseline.
func (r *Report) Verdict() compare.Verdict { return r.Comparison.Verdict() }

// Options shape a rendered report.
type Options struct {
	// MaxBytes, when > 0, bounds the report's size (see Format.Bounded); a format
	// that cannot be cut refuses it.
	MaxBytes int
	// Notes receives what a format's document cannot hold (the JSON report: the
	// same-runner summary line); nil drops it.
	Notes io.Writer
}

// Formats is the registry of the comparison report's formats, the one place to add
// one: `compare --format` and its help list these names.
var Formats = Registry[*Report]{
	NewFormat("console", false, consoleFormat),
	NewFormat("markdown", true, markdownFormat),
	NewFormat("json", false, jsonFormat),
}

// check refuses a Report with nothing in it.
func (r *Report) check() error {
	if r.Comparison == nil && r.NoBaseline == nil {
		return errors.New("report: nothing to render (no comparison and no no-baseline)")
	}
	return nil
}

// consoleFormat is the terminal report, then the same-runner line.
func consoleFormat(w io.Writer, r *Report, _ Options) error {
	if err := r.check(); err != nil {
		return err
	}
	if r.Comparison == nil {
		if _, err := io.WriteString(w, r.NoBaseline.console()); err != nil {
			return err
		}
	} else if err := Console(w, r.Comparison); err != nil {
		return err
	}
	if r.SameRunner == nil {
		return nil
	}
	_, err := fmt.Fprintln(w, "\n"+SameRunnerSummary(r.SameRunner))
	return err
}

// markdownFormat is the markdown report, then the same-runner section.
func markdownFormat(w io.Writer, r *Report, o Options) error {
	if err := r.check(); err != nil {
		return err
	}
	if r.Comparison == nil {
		title := r.NoBaseline.Title
		if title == "" {
			title = "Benchmark comparison"
		}
		md := "## " + title + "\n\n" + r.NoBaseline.markdown(o.MaxBytes)
		if _, err := io.WriteString(w, md); err != nil {
			return err
		}
	} else if err := Markdown(w, r.Comparison, MarkdownOptions{MaxBytes: o.MaxBytes}); err != nil {
		return err
	}
	if r.SameRunner == nil {
		return nil
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return SameRunnerMarkdown(w, r.SameRunner)
}

// jsonFormat is the JSON report; with a same-runner run, its same_runner section
// and warnings (the one-line summary also goes to Options.Notes).
func jsonFormat(w io.Writer, r *Report, o Options) error {
	if err := r.check(); err != nil {
		return err
	}
	var doc jsonReport
	if r.Comparison == nil {
		doc = jsonOfNoBaseline(r.NoBaseline)
	} else {
		doc = jsonOf(r.Comparison)
	}
	if r.SameRunner != nil {
		doc.SameRunner = jsonOfSameRunner(r.SameRunner)
		doc.Warnings = append(nonNil(doc.Warnings), sameRunnerWarnings(r.SameRunner)...)
	}
	if err := writeJSON(w, doc); err != nil || r.SameRunner == nil || o.Notes == nil {
		return err
	}
	_, err := fmt.Fprintln(o.Notes, SameRunnerSummary(r.SameRunner))
	return err
}
