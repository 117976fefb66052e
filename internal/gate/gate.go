package gate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// Deps are the gate's connections to the world, injected so tests run in memory.
type Deps struct {
	Action    *githubactions.Action // annotations, outputs, summary, masking
	Getenv    func(string) string
	Stdout    io.Writer // the console lines
	RunSuite  SuiteRunner
	NewGitHub func(github.Options) (github.GitHub, error) // nil means github.NewClient
	Limits    github.Limits                               // zero means github.DefaultLimits
	// FileCommit names the last commit of a baseline file and its date; nil asks git.
	FileCommit func(ctx context.Context, path string) (string, time.Time)
}

// Outcome is what the gate decided and where it put things.
type Outcome struct {
	Verdict          compare.Verdict     // pass, regression or no-baseline
	Comparison       *compare.Comparison // nil without a baseline
	Counts           compare.Counts      // the comparison's counts; zero without a baseline
	ReportPath       string
	ResultPath       string
	CommentURL       string
	FailOnRegression bool
	// BaselineRequired: the verdict no-baseline fails the gate (missing_baseline: fail).
	BaselineRequired bool
}

// Failed reports whether the gate must exit 1: a regression, or no baseline when one
// is required; and fail-on-regression is true.
func (o *Outcome) Failed() bool {
	return o.FailOnRegression && (o.Verdict == compare.VerdictRegression || o.missingRequiredBaseline())
}

// missingRequiredBaseline reports a gate without the baseline it requires.
func (o *Outcome) missingRequiredBaseline() bool {
	return o.Verdict == compare.VerdictNoBaseline && o.BaselineRequired
}

// Run is the gate. Its error is bad input, bad config or an internal failure (exit
// 2); a regression is not an error but Outcome.Failed. Comment failures never fail
// the gate: they become warnings, and the job summary carries the report.
func Run(ctx context.Context, s Settings, d Deps) (*Outcome, error) {
	v, err := s.validate()
	if err != nil {
		return nil, err
	}
	v.announceSuite(d)
	if v.GitHubToken != "" {
		d.Action.AddMask(v.GitHubToken)
	}
	ev, err := readEvent(d.Getenv, v.pr)
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(v.configPath(), ev)
	if err != nil {
		return nil, err
	}
	if !v.shard.IsZero() { // a matrix job: its part only; the merging job gates
		return runShardPart(ctx, v, d, cfg)
	}
	g := &gh{deps: d, settings: v, ev: ev}
	if isUsageGate(v) { // the current input is a usage log: the cost gate
		return runUsage(ctx, g, cfg)
	} else if v.Usage.given() {
		return nil, fmt.Errorf("inputs group-by, catalog and unpriced apply to a usage log, and the current input %q is none", v.Current)
	}
	var (
		base    Baseline
		cur     *bench.Document
		curPath string
		ab      *samerunner.Result
	)
	if rev, ok := samerunner.ParseRef(v.Baseline); ok { // both sides measured here, alternately
		r, err := sameRunner(ctx, v, d, rev, cfg)
		if err != nil {
			return nil, err
		}
		base, cur, curPath, ab = r.base, r.cur, r.curPath, r.result
	} else {
		if cur, curPath, err = g.current(ctx); err != nil {
			return nil, err
		}
		if base, err = g.baseline(ctx); err != nil {
			return nil, err
		}
		base.Required = v.missingBaseline(cfg) == compare.MissingFail
	}
	p := &report.Page{
		Baseline:   report.Provenance{Source: base.Source, Commit: base.Commit, Date: base.Date, RunURL: base.RunURL},
		Current:    cur,
		CurrentSHA: currentSHA(d.Getenv, ev), RunURL: ev.RunURL, Key: v.Key, FailOn: v.failOnRegression, SameRunner: ab,
	}
	out := &Outcome{ResultPath: curPath, FailOnRegression: v.failOnRegression, BaselineRequired: base.Required}
	if base.Doc != nil {
		if err := compare.CheckMatch(base.Doc, cur); err != nil {
			return nil, err
		}
		out.Comparison = compare.Compare(base.Doc, cur, cfg)
		if v.Current == "" && ab == nil { // the suite ran here: confirm time regressions
			if out.Comparison, cur, err = confirm(ctx, d.RunSuite, v, curPath, base.Doc, cur, cfg, out.Comparison); err != nil {
				return nil, err
			}
			p.Current = cur
		}
		out.Counts = out.Comparison.Counts()
		p.Trend = trendSection(ctx, v, d, out.Comparison, cur)
		if err := console(d, out.Comparison); err != nil {
			return nil, fmt.Errorf("writing the console report: %w", err)
		}
	} else {
		p.NoBaseline = report.NoBaselineGate(base.Missing, base.Required, cur)
	}
	return g.publish(ctx, p, out)
}

// loadConfig reads the config file at path (validated.configPath: the config input,
// or the default config file when it exists; "" is the built-in defaults) and
// applies the profile of the event: the "tag" profile for a tag push when the
// config has one, else the profile named as the event.
func loadConfig(path string, ev event) (compare.Config, error) {
	cfg := compare.DefaultConfig()
	if path != "" {
		var err error
		if cfg, err = compare.LoadConfig(path); err != nil {
			return cfg, fmt.Errorf("input config: %w", err)
		}
	}
	if ev.RefType == "tag" && cfg.HasProfile("tag") {
		return cfg.ForProfile("tag")
	}
	return cfg.ForEvent(ev.Name), nil
}

// currentSHA is the commit under test: a pull request's head, else GITHUB_SHA.
func currentSHA(getenv func(string) string, ev event) string {
	if ev.HeadSHA != "" {
		return ev.HeadSHA
	}
	return getenv("GITHUB_SHA")
}

func (d Deps) fileCommit() func(context.Context, string) (string, time.Time) {
	if d.FileCommit == nil {
		return lastCommit
	}
	return d.FileCommit
}

func (d Deps) limits() github.Limits {
	if d.Limits == (github.Limits{}) {
		return github.DefaultLimits
	}
	return d.Limits
}

// writeReport writes the full report (no size limit) to dir/report.md.
// publish gives out its verdict and tells it: the report file, the job
// summary, the sticky comment, the console line and the step's outputs, the same
// for a comparison of benchmarks and one of usage logs.
func (g *gh) publish(ctx context.Context, p *report.Page, out *Outcome) (*Outcome, error) {
	var err error
	out.Verdict = out.Comparison.Verdict()
	p.Comparison = out.Comparison
	if out.ReportPath, err = writeReport(g.settings.OutputDir, p); err != nil {
		return nil, err
	}
	if err := writeSummary(g.deps, p); err != nil {
		return nil, err
	}
	out.CommentURL = g.comment(ctx, p)
	announce(g.deps, out)
	if err := setOutputs(g.deps, out); err != nil {
		return nil, err
	}
	return out, nil
}

func writeReport(dir string, p *report.Page) (string, error) {
	md, err := p.Markdown(1 << 30)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("input output-dir: %w", err)
	}
	path := filepath.Join(dir, "report.md")
	if err := atomicfile.WriteFile(path, []byte(md), 0o644); err != nil {
		return "", fmt.Errorf("writing the report: %w", err)
	}
	return path, nil
}

// writeSummary appends the report to the job summary, when the runner gives one.
func writeSummary(d Deps, p *report.Page) error {
	if d.Getenv("GITHUB_STEP_SUMMARY") == "" {
		return nil
	}
	md, err := p.Markdown(text.SummaryLimit)
	if err != nil {
		return err
	}
	return recovered("writing the job summary", func() { d.Action.AddStepSummary(md) })
}

// setOutputs sets the step outputs, when the runner gives an output file.
func setOutputs(d Deps, o *Outcome) error {
	if d.Getenv("GITHUB_OUTPUT") == "" {
		return nil
	}
	return recovered("setting the outputs", func() {
		d.Action.SetOutput("verdict", string(o.Verdict))
		d.Action.SetOutput("regressions", strconv.Itoa(o.Counts.Regressions))
		d.Action.SetOutput("failing", strconv.Itoa(o.Counts.Failing))
		d.Action.SetOutput("improvements", strconv.Itoa(o.Counts.Improvements))
		d.Action.SetOutput("report-path", o.ReportPath)
		d.Action.SetOutput("result-path", o.ResultPath)
		d.Action.SetOutput("comment-url", o.CommentURL)
	})
}

// recovered runs f, turning go-githubactions' panics on unwritable files into an error.
func recovered(what string, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %v", what, r)
		}
	}()
	f()
	return nil
}

// announce prints the verdict line and, for a failing gate, an error annotation.
func announce(d Deps, o *Outcome) {
	switch {
	case o.missingRequiredBaseline() && o.FailOnRegression:
		d.Action.Errorf("cost-ops-bench: no baseline, and one is required (missing-baseline: fail); see %s", o.ReportPath)
	case o.missingRequiredBaseline():
		d.Action.Warningf("cost-ops-bench: no baseline, and one is required (missing-baseline: fail), but fail-on-regression is false")
	case o.Verdict == compare.VerdictNoBaseline:
		d.Action.Noticef("cost-ops-bench: no baseline yet; the gate passes. The report says how to create one.")
	case o.Verdict == compare.VerdictRegression && o.FailOnRegression:
		d.Action.Errorf("cost-ops-bench: %d benchmark(s) fail the gate; see %s", o.Counts.Failing, o.ReportPath)
	case o.Verdict == compare.VerdictRegression:
		d.Action.Warningf("cost-ops-bench: %d benchmark(s) fail the gate, but fail-on-regression is false", o.Counts.Failing)
	}
	fmt.Fprintf(d.Stdout, "verdict: %s (%d failing, %d improved); report: %s\n", o.Verdict, o.Counts.Failing, o.Counts.Improvements, o.ReportPath)
}

var errNoToken = errors.New("no github-token")

// console prints the comparison for the job log. Benchmark names are untrusted
// text (a fork's result file, in the workflow_run pattern): on a runner the table
// is fenced with stop-commands, so that no name can issue a workflow command.
func console(d Deps, c *compare.Comparison) error {
	if d.Getenv("GITHUB_ACTIONS") != "true" {
		return report.Console(d.Stdout, c)
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	fence := hex.EncodeToString(b[:])
	d.Action.IssueCommand(&githubactions.Command{Name: "stop-commands", Message: fence})
	err := report.Console(d.Stdout, c)
	fmt.Fprintf(d.Stdout, "::%s::\n", fence)
	return err
}
