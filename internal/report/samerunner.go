package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// SameRunnerMarkdown writes the same-runner section of a report: what ran where, the
// noise seen, the extra rounds given to inconclusive benchmarks, whether the budget
// cut the run short, and what is missing on either side. It complements the
// comparison table.
func SameRunnerMarkdown(w io.Writer, r *samerunner.Result) error {
	var b strings.Builder
	b.WriteString("### Same-runner comparison\n\n")
	fmt.Fprintf(&b, "Both sides were built and run on this machine, alternately (A B, then B A, ...): "+
		"the baseline %s and %s, suite `%s`, %d of %d rounds in %s.\n\n",
		sideMarkdown(r.Baseline), sideMarkdown(r.Current), r.Suite, r.RoundsDone, r.Rounds, roundDuration(r.Elapsed))
	b.WriteString(layoutSentence(r) + "\n\n")
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
	writeExtra(&b, r)
	if r.Baseline.BuildErr != nil {
		fmt.Fprintf(&b, "> [!WARNING]\n> The baseline does not build, so every benchmark is new in this comparison.\n\n"+
			"<details><summary>Build error</summary>\n\n%s\n\n</details>\n\n", fenced(errorText(r.Baseline.BuildErr)))
	}
	writeProblems(&b, r.Problems)
	writeNoiseTable(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

// layoutSentence says how the rounds' binaries were laid out.
func layoutSentence(r *samerunner.Result) string {
	if r.Layouts == 0 {
		return "Every round ran the linker's own code layout (this Go cannot randomize it; Go 1.23 can): " +
			"a change that moves other code can move benchmarks that never run it."
	}
	return fmt.Sprintf("Each round linked both sides with a random code layout of its own (%d layouts, `-randlayout`), "+
		"so that where the linker happens to place unchanged code cannot pass for a change.", r.Layouts)
}

// writeExtra says which benchmarks got extra rounds, how many, and how they ended.
func writeExtra(b *strings.Builder, r *samerunner.Result) {
	if len(r.Extra) == 0 {
		return
	}
	fmt.Fprintf(b, "**Extra rounds.** %s inconclusive after the %d planned rounds, so each ran alone for more: "+
		"its rounds doubled, then doubled again while still inconclusive (at most %d extra)%s.\n\n",
		plural(len(r.Extra), "benchmark was", "benchmarks were"), r.Rounds, r.MaxExtraRounds, budgetClause(r))
	for _, x := range r.Extra {
		end := "then decided"
		if x.Inconclusive {
			end = "still inconclusive"
		}
		fmt.Fprintf(b, "- %s: %s, %s\n", text.Code(x.Benchmark), plural(x.Rounds, "extra round", "extra rounds"), end)
	}
	b.WriteString("\n")
	if r.ExtraCutShort {
		fmt.Fprintf(b, "> [!WARNING]\n> The time budget (%s) ran out during the extra rounds: "+
			"the comparison uses those that finished on both sides.\n\n", roundDuration(r.Budget))
	}
}

// budgetClause names the budget that bounds the extra rounds, if any.
func budgetClause(r *samerunner.Result) string {
	if r.Budget <= 0 {
		return ""
	}
	return ", within the " + roundDuration(r.Budget) + " budget"
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
	if len(r.Extra) > 0 {
		s += fmt.Sprintf(", extra rounds for %s", plural(len(r.Extra), "inconclusive benchmark", "inconclusive benchmarks"))
		if n := stillInconclusive(r); n > 0 {
			s += fmt.Sprintf(" (%d still inconclusive)", n)
		}
		if r.ExtraCutShort {
			s += fmt.Sprintf(" cut short by the %s budget", roundDuration(r.Budget))
		}
	}
	if r.Baseline.BuildErr != nil {
		s += ", baseline does not build"
	}
	if len(r.Problems) > 0 {
		s += fmt.Sprintf(", %d problem(s)", len(r.Problems))
	}
	return s
}

// stillInconclusive counts the benchmarks inconclusive when their extra rounds ended.
func stillInconclusive(r *samerunner.Result) int {
	n := 0
	for _, x := range r.Extra {
		if x.Inconclusive {
			n++
		}
	}
	return n
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

func writeNoiseTable(b *strings.Builder, r *samerunner.Result) {
	if len(r.Noise) == 0 {
		return
	}
	extra := map[string]int{}
	for _, x := range r.Extra {
		extra[x.Benchmark] = x.Rounds
	}
	b.WriteString("<details><summary>Rounds and noise per benchmark</summary>\n\n")
	b.WriteString("| Benchmark | Rounds | Baseline A/A | Current A/A |\n|---|---:|---:|---:|\n")
	for _, n := range r.Noise {
		rounds := strconv.Itoa(n.Rounds)
		if x := extra[n.Benchmark]; x > 0 {
			rounds += fmt.Sprintf(" (%d extra)", x)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", text.CodeCell(n.Benchmark), rounds, fraction(n.Baseline), fraction(n.Current))
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

// jsonSameRunner is the same_runner section of the JSON report: what a same-runner
// run (--baseline ref:REV) did, so that no part of it is a silent pass. Its
// warnings are also in the report's top-level warnings.
type jsonSameRunner struct {
	Suite    string             `json:"suite"`
	Baseline jsonSameRunnerSide `json:"baseline"`
	Current  jsonSameRunnerSide `json:"current"`
	// RoundsPlanned were asked for; RoundsDone finished on both sides; CutShort: the
	// budget ended the planned rounds (rounds_done of rounds_planned ran).
	RoundsPlanned  int                   `json:"rounds_planned"`
	RoundsDone     int                   `json:"rounds_done"`
	CutShort       bool                  `json:"cut_short"`
	BudgetSeconds  *float64              `json:"budget_s"`       // null: no budget
	RandomLayouts  int                   `json:"random_layouts"` // random code layouts of the rounds; 0: the linker's own in every round
	ElapsedSeconds float64               `json:"elapsed_s"`
	Extra          jsonExtraRounds       `json:"extra_rounds"`
	Benchmarks     []jsonSameRunnerBench `json:"benchmarks"` // every benchmark measured on both sides
	Problems       []jsonSameRunnerIssue `json:"problems"`
}

type jsonSameRunnerSide struct {
	Rev        string `json:"rev"` // as given; "" for the working tree
	Commit     string `json:"commit"`
	Dirty      bool   `json:"dirty"`
	Builds     bool   `json:"builds"`
	BuildError string `json:"build_error,omitempty"`
}

// jsonExtraRounds are the extra rounds given to benchmarks inconclusive after the
// planned rounds (samerunner.ExtraSteps).
type jsonExtraRounds struct {
	Rule            string      `json:"rule"`
	MaxPerBenchmark int         `json:"max_per_benchmark"`
	CutShort        bool        `json:"cut_short"` // the budget ended them before the rule did
	Benchmarks      []jsonExtra `json:"benchmarks"`
}

type jsonExtra struct {
	Name              string `json:"name"`
	Rounds            int    `json:"rounds"`
	StillInconclusive bool   `json:"still_inconclusive"`
}

type jsonSameRunnerBench struct {
	Name          string  `json:"name"`
	Rounds        int     `json:"rounds"` // on both sides, extra rounds included
	ExtraRounds   int     `json:"extra_rounds"`
	NoiseBaseline float64 `json:"noise_baseline_pct"` // A/A: odd rounds against even rounds
	NoiseCurrent  float64 `json:"noise_current_pct"`
}

type jsonSameRunnerIssue struct {
	Side  string `json:"side"`
	Unit  string `json:"unit"` // benchmark or package; "" for the whole suite
	Kind  string `json:"kind"` // "missing" (not in the side's suite) or "failed"
	Error string `json:"error"`
}

// extraRule is the rule of the extra rounds, in words, for the JSON report.
func extraRule(planned int) string {
	return fmt.Sprintf("a benchmark inconclusive after the %d planned rounds runs alone for %d more, then %d more if still inconclusive "+
		"(at most %d extra), stopping once decided or when the budget runs out; not with instruction counts",
		planned, planned, 2*planned, samerunner.MaxExtraRounds(planned))
}

func jsonOfSameRunner(r *samerunner.Result) *jsonSameRunner {
	out := &jsonSameRunner{
		Suite: string(r.Suite), Baseline: jsonSameRunnerSideOf(r.Baseline), Current: jsonSameRunnerSideOf(r.Current),
		RoundsPlanned: r.Rounds, RoundsDone: r.RoundsDone, CutShort: r.CutShort, ElapsedSeconds: r.Elapsed.Seconds(),
		RandomLayouts: r.Layouts,
		Extra: jsonExtraRounds{Rule: extraRule(r.Rounds), MaxPerBenchmark: samerunner.MaxExtraRounds(r.Rounds),
			CutShort: r.ExtraCutShort, Benchmarks: []jsonExtra{}},
		Benchmarks: []jsonSameRunnerBench{}, Problems: []jsonSameRunnerIssue{},
	}
	if r.Budget > 0 {
		out.BudgetSeconds = finite(r.Budget.Seconds())
	}
	extra := map[string]int{}
	for _, x := range r.Extra {
		extra[x.Benchmark] = x.Rounds
		out.Extra.Benchmarks = append(out.Extra.Benchmarks, jsonExtra{Name: x.Benchmark, Rounds: x.Rounds, StillInconclusive: x.Inconclusive})
	}
	for _, n := range r.Noise {
		out.Benchmarks = append(out.Benchmarks, jsonSameRunnerBench{Name: n.Benchmark, Rounds: n.Rounds, ExtraRounds: extra[n.Benchmark],
			NoiseBaseline: percent2(n.Baseline), NoiseCurrent: percent2(n.Current)})
	}
	for _, p := range r.Problems {
		kind := "failed"
		if errors.Is(p.Err, samerunner.ErrMissing) {
			kind = "missing"
		}
		out.Problems = append(out.Problems, jsonSameRunnerIssue{Side: string(p.Side), Unit: p.Unit, Kind: kind, Error: p.Brief()})
	}
	return out
}

func jsonSameRunnerSideOf(s samerunner.SideResult) jsonSameRunnerSide {
	return jsonSameRunnerSide{Rev: s.Rev, Commit: s.Commit, Dirty: s.Dirty, Builds: s.BuildErr == nil, BuildError: errorText(s.BuildErr)}
}

// sameRunnerWarnings are the facts of a same-runner run that a reader of a passing
// verdict must not miss, one sentence each: a baseline that does not build, a
// budget that cut rounds short, benchmarks still inconclusive after their extra
// rounds, and benchmarks that failed on a side.
func sameRunnerWarnings(r *samerunner.Result) []string {
	var out []string
	if r.Baseline.BuildErr != nil {
		out = append(out, fmt.Sprintf("same-runner: the baseline %s does not build, so every benchmark is new and nothing was compared: %s",
			sideText(r.Baseline), samerunner.Problem{Err: r.Baseline.BuildErr}.Brief()))
	}
	if r.CutShort {
		out = append(out, fmt.Sprintf("same-runner: the time budget %s ran out after %d of %d planned rounds; the comparison uses the rounds that finished on both sides",
			roundDuration(r.Budget), r.RoundsDone, r.Rounds))
	}
	if r.ExtraCutShort {
		out = append(out, fmt.Sprintf("same-runner: the time budget %s ran out during the extra rounds of inconclusive benchmarks", roundDuration(r.Budget)))
	}
	var still []string
	for _, x := range r.Extra {
		if x.Inconclusive {
			still = append(still, fmt.Sprintf("%s (%d extra rounds)", x.Benchmark, x.Rounds))
		}
	}
	if len(still) > 0 {
		out = append(out, fmt.Sprintf("same-runner: still inconclusive after extra rounds: %s", strings.Join(still, ", ")))
	}
	for _, p := range r.Problems {
		if errors.Is(p.Err, samerunner.ErrMissing) {
			continue // a benchmark of one side only: listed as new or missing
		}
		unit := p.Unit
		if unit == "" {
			unit = "the whole suite"
		}
		out = append(out, fmt.Sprintf("same-runner: %s failed on the %s side: %s", unit, p.Side, p.Brief()))
	}
	return out
}

// percent2 is a fraction as a percentage with two decimals.
func percent2(f float64) float64 { return math.Round(f*1e4) / 1e2 }
