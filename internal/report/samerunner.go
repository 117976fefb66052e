package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// SameRunnerMarkdown writes the same-runner section of a report: what ran where, the
// noise seen, whether the budget cut the run short, and what is missing on either
// side. It complements the comparison table.
func SameRunnerMarkdown(w io.Writer, r *samerunner.Result) error {
	var b strings.Builder
	b.WriteString("### Same-runner comparison\n\n")
	fmt.Fprintf(&b, "Both sides were built and run on this machine, alternately (A B, then B A, ...): "+
		"the baseline %s and %s, suite `%s`, %d of %d rounds in %s.\n\n",
		sideMarkdown(r.Baseline), sideMarkdown(r.Current), r.Suite, r.RoundsDone, r.Rounds, roundDuration(r.Elapsed))
	if len(r.Noise) > 0 {
		mid, worst := samerunner.NoiseSummary(r.Noise)
		fmt.Fprintf(&b, "Noise seen (A/A: each side's odd rounds against its even rounds): "+
			"median %s, largest %s (%s). A difference of this size is not evidence of a change.\n\n",
			fraction(mid), fraction(worst.Spread()), text.Code(worst.Benchmark))
	}
	if r.CutShort {
		fmt.Fprintf(&b, "> [!WARNING]\n> The time budget (%s) ran out after %d of %d rounds: "+
			"the comparison uses the rounds that finished on both sides.\n\n", roundDuration(r.Budget), r.RoundsDone, r.Rounds)
	}
	if r.Baseline.BuildErr != nil {
		fmt.Fprintf(&b, "> [!WARNING]\n> The baseline does not build, so every benchmark is new in this comparison.\n\n"+
			"<details><summary>Build error</summary>\n\n%s\n\n</details>\n\n", fenced(errorText(r.Baseline.BuildErr)))
	}
	writeProblems(&b, r.Problems)
	writeNoiseTable(&b, r.Noise)
	_, err := io.WriteString(w, b.String())
	return err
}

// SameRunnerSummary is the one-line console form of the same-runner facts.
func SameRunnerSummary(r *samerunner.Result) string {
	s := fmt.Sprintf("same-runner A/B (%s): baseline %s vs current %s, %d/%d rounds",
		r.Suite, sideText(r.Baseline), sideText(r.Current), r.RoundsDone, r.Rounds)
	if len(r.Noise) > 0 {
		mid, worst := samerunner.NoiseSummary(r.Noise)
		s += fmt.Sprintf(", noise median %s (largest %s %s)", fraction(mid), fraction(worst.Spread()), worst.Benchmark)
	}
	if r.CutShort {
		s += fmt.Sprintf(", cut short by the %s budget", roundDuration(r.Budget))
	}
	if r.Baseline.BuildErr != nil {
		s += ", baseline does not build"
	}
	if len(r.Problems) > 0 {
		s += fmt.Sprintf(", %d problem(s)", len(r.Problems))
	}
	return s
}

func writeProblems(b *strings.Builder, problems []samerunner.Problem) {
	if len(problems) == 0 {
		return
	}
	b.WriteString("**Not measured on both sides**\n\n")
	for _, p := range problems {
		unit := p.Unit
		if unit == "" {
			unit = "whole suite"
		}
		if errors.Is(p.Err, samerunner.ErrMissing) {
			fmt.Fprintf(b, "- %s: missing on the %s side (not in its suite)\n", text.Code(unit), p.Side)
			continue
		}
		fmt.Fprintf(b, "- %s: failed on the %s side: %s\n", text.Code(unit), p.Side, strings.ReplaceAll(p.Brief(), "`", "'"))
	}
	b.WriteString("\n")
}

func writeNoiseTable(b *strings.Builder, ns []samerunner.Noise) {
	if len(ns) == 0 {
		return
	}
	b.WriteString("<details><summary>Noise per benchmark</summary>\n\n")
	b.WriteString("| Benchmark | Rounds | Baseline A/A | Current A/A |\n|---|---:|---:|---:|\n")
	for _, n := range ns {
		fmt.Fprintf(b, "| %s | %d | %s | %s |\n", text.CodeCell(n.Benchmark), n.Rounds, fraction(n.Baseline), fraction(n.Current))
	}
	b.WriteString("\n</details>\n")
}

// fenced puts text in a code block whose fence is longer than any run of backticks
// in it, so that no output can close the block early.
func fenced(text string) string {
	longest, run := 0, 0
	for _, c := range text {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "text\n" + strings.TrimSpace(text) + "\n" + fence
}

// sideMarkdown names a side's code: "`main` (`1f2e3d4c5b6a`)" for the baseline,
// "the working tree (...)" or "the current `feature` (...)" for the current side.
func sideMarkdown(s samerunner.SideResult) string {
	if s.Rev == "" {
		text := "the working tree (" + text.Code(text.Commit(s.Commit))
		if s.Dirty {
			text += " with uncommitted changes"
		}
		return text + ")"
	}
	text := text.Code(s.Rev) + " (" + text.Code(text.Commit(s.Commit)) + ")"
	if s.Side == samerunner.Current {
		text = "the current " + text
	}
	return text
}

func sideText(s samerunner.SideResult) string {
	if s.Rev == "" {
		return "working tree " + text.Commit(s.Commit)
	}
	return s.Rev + " " + text.Commit(s.Commit)
}

// fraction formats a fraction as a percentage: 0.034 is "3.4%".
func fraction(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

func roundDuration(d time.Duration) string {
	if d >= time.Second {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Millisecond).String()
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
