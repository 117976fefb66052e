package gate

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// Settings are the gate's inputs, named as in action.yml.
type Settings struct {
	GitHubToken      string // github-token
	Baseline         string // baseline: a file, artifact:<name>, ref:<rev>, or artifacts:<prefix>
	MissingBaseline  string // missing-baseline: report or fail; "" leaves it to the config
	Current          string // current: a result file used instead of running the suite, or artifacts:<prefix>
	Config           string // config: the YAML gate config
	Filter           string // filter: benchmark filters, one per line
	OutputDir        string // output-dir
	Comment          string // comment: always, on-regression, never
	FailOnRegression string // fail-on-regression: true or false
	Key              string // key: tells apart several gates on one pull request
	PRNumber         string // pr-number: the pull request of a workflow_run gate
	Shard            string // shard: K/N, this job's part of the suite (a matrix job: no comparison)
	History          string // history: off, on-push, always; not off: the report charts flagged benchmarks from the store
	HistoryBranch    string // history-branch: the store's branch
	InputFormat      string // input-format: the format of the baseline and current files; "" detects it
	Measure          string // measure: time, or instructions (also counted under valgrind; Linux)
	Count            string // count: with suite go-test, samples per benchmark of a run here ("" = gotest.DefaultCount)
	WorkingDirectory string // working-directory: the Go module's directory, relative to the repository's top (workdir.go)
	// SameRunner are the inputs of the suite and of a ref:REV baseline: suite,
	// bench, packages, benchtime, build-tags, rounds, budget, run-args.
	SameRunner samerunner.Settings
	// Usage are the inputs of a cost gate (current is a usage log): group-by,
	// catalog, unpriced (usage.go).
	Usage UsageSettings
}

// Comment policies.
const (
	CommentAlways       = "always"
	CommentOnRegression = "on-regression"
	CommentNever        = "never"
)

// DefaultOutputDir is where the suite's results and the report go by default.
const DefaultOutputDir = "benchmarks/output"

// FromInputs reads the settings from the action's inputs (INPUT_<NAME>, as the
// runner and go-githubactions spell them), with the defaults of action.yml.
func FromInputs(a *githubactions.Action) Settings {
	in := func(name, def string) string {
		if v := a.GetInput(name); v != "" {
			return v
		}
		return def
	}
	return Settings{
		GitHubToken:      in("github-token", ""),
		Baseline:         in("baseline", ""),
		MissingBaseline:  in("missing-baseline", ""),
		Current:          in("current", ""),
		Config:           in("config", ""),
		Filter:           in("filter", ""),
		OutputDir:        in("output-dir", ""),
		Comment:          in("comment", CommentAlways),
		FailOnRegression: in("fail-on-regression", "true"),
		Key:              in("key", ""),
		PRNumber:         in("pr-number", ""),
		Measure:          in("measure", bench.MeasureTime),
		Shard:            in("shard", ""),
		History:          in("history", "off"),
		HistoryBranch:    in("history-branch", ""),
		InputFormat:      in("input-format", ""),
		Count:            in("count", ""),
		WorkingDirectory: in("working-directory", ""),
		SameRunner:       samerunner.SettingsFromInputs(a.GetInput),
		Usage:            usageSettingsFromInputs(a.GetInput),
	}
}

// Bind registers one flag per setting, named as the input, whose default is the
// setting's current value: flags override inputs.
func (s *Settings) Bind(fs *flag.FlagSet) {
	fs.Var(secret{&s.GitHubToken}, "github-token", "token for comments and artifacts (default: input github-token)")
	fs.StringVar(&s.Baseline, "baseline", s.Baseline, "baseline result `file`, or artifact:NAME")
	fs.StringVar(&s.MissingBaseline, "missing-baseline", s.MissingBaseline, "no baseline: report (passes) or fail (exit 1); default: the config's missing_baseline")
	fs.StringVar(&s.Current, "current", s.Current, "current result `file` (default: run the suite)")
	fs.StringVar(&s.Config, "config", s.Config, "gate config `file` (YAML)")
	fs.StringVar(&s.Filter, "filter", s.Filter, "benchmark filters when running the suite, one per line")
	fs.StringVar(&s.OutputDir, "output-dir", s.OutputDir, "`dir`ectory for results and the report (default benchmarks/output, in --working-directory when given)")
	fs.StringVar(&s.WorkingDirectory, "working-directory", s.WorkingDirectory, "the `directory` of the Go module whose benchmarks run (its go.mod's), relative to the repository's top; other paths stay relative to the current directory")
	fs.StringVar(&s.Comment, "comment", s.Comment, "PR comment: always, on-regression or never")
	fs.StringVar(&s.FailOnRegression, "fail-on-regression", s.FailOnRegression, "exit 1 on regression: true or false")
	fs.StringVar(&s.Key, "key", s.Key, "tells apart several gates on one pull request")
	fs.StringVar(&s.PRNumber, "pr-number", s.PRNumber, "pull request to comment on (workflow_run gates)")
	fs.StringVar(&s.History, "history", s.History, "off, on-push or always: with a history store, chart the flagged benchmarks' trend")
	fs.StringVar(&s.HistoryBranch, "history-branch", s.HistoryBranch, "the history store's `branch` (default cost-ops-bench-data)")
	fs.StringVar(&s.Shard, "shard", s.Shard, "run only part `K/N` of the suite and write it, for a matrix job; the job with current: artifacts:PREFIX gates the merged parts")
	fs.StringVar(&s.InputFormat, "input-format", s.InputFormat, "read the baseline and current files as input format `name` (default: detected from each file's content)")
	fs.StringVar(&s.Measure, "measure", s.Measure, "time, or instructions (also counted under valgrind: Linux only)")
	fs.StringVar(&s.Count, "count", s.Count, fmt.Sprintf("suite go-test: samples per benchmark of the run here, each from a fresh process (default %d)", gotest.DefaultCount))
	s.SameRunner.Bind(fs)
	fs.StringVar(&s.SameRunner.Tags, "build-tags", s.SameRunner.Tags, "the input build-tags: "+samerunner.TagsUsage+" (the same as --tags)")
	s.Usage.Bind(fs)
}

// validated is Settings checked and parsed.
type validated struct {
	Settings
	failOnRegression bool
	filters          []string
	pr               int         // 0 when not given
	shard            bench.Shard // zero: the whole suite
	suite            SuiteRun    // what runs here, when the suite runs here (no current input)
	module           string      // the module path whose default suite runs; "" when the suite input says
	workDir          string      // the directory the suite runs in: working-directory, "." without it
}

// validate checks every setting and names the input at fault. The directory the
// suite runs in (working-directory) decides the default suite by its module.
func (s Settings) validate() (validated, error) {
	v := validated{Settings: s}
	if err := v.resolveWorkDir(); err != nil {
		return v, err
	}
	switch s.Comment {
	case CommentAlways, CommentOnRegression, CommentNever:
	default:
		return v, fmt.Errorf("input comment: %q: want always, on-regression or never", s.Comment)
	}
	switch compare.MissingPolicy(s.MissingBaseline) {
	case "", compare.MissingReport, compare.MissingFail:
	default:
		return v, fmt.Errorf("input missing-baseline: %q: want report or fail", s.MissingBaseline)
	}
	b, err := strconv.ParseBool(s.FailOnRegression)
	if err != nil {
		return v, fmt.Errorf("input fail-on-regression: %q: want true or false", s.FailOnRegression)
	}
	v.failOnRegression = b
	if s.PRNumber != "" {
		n, err := strconv.Atoi(s.PRNumber)
		if err != nil || n <= 0 {
			return v, fmt.Errorf("input pr-number: %q: want a positive number", s.PRNumber)
		}
		v.pr = n
	}
	if strings.HasPrefix(s.Baseline, ArtifactPrefix) && strings.TrimSpace(strings.TrimPrefix(s.Baseline, ArtifactPrefix)) == "" {
		return v, fmt.Errorf("input baseline: %q: artifact: needs a name", s.Baseline)
	}
	if err := v.resolveSuite(v.workDir); err != nil {
		return v, err
	}
	if rev, ok := samerunner.ParseRef(s.Baseline); ok {
		if err := validateSameRunner(v.Settings, rev); err != nil {
			return v, err
		}
	}
	if err := formats.Check(s.InputFormat); err != nil {
		return v, fmt.Errorf("input input-format: %w", err)
	}
	if v.Measure, err = bench.ParseMeasure(s.Measure); err != nil {
		return v, fmt.Errorf("input measure: %w", err)
	}
	if v.shard, err = parseShard(s.Shard); err != nil {
		return v, err
	}
	if err := validateShard(v); err != nil {
		return v, err
	}
	for _, line := range strings.Split(s.Filter, "\n") {
		if f := strings.TrimSpace(line); f != "" {
			v.filters = append(v.filters, f)
		}
	}
	return v, nil
}

// missingBaseline is the policy for a missing baseline: the input when given, else
// the config's missing_baseline (after its profile).
func (v validated) missingBaseline(cfg compare.Config) compare.MissingPolicy {
	if v.MissingBaseline != "" {
		return compare.MissingPolicy(v.MissingBaseline)
	}
	return cfg.MissingBaseline
}

// secret is a flag.Value that never shows its value, so that `gate -h` cannot
// print the token that the github-token input set as the default.
type secret struct{ p *string }

func (s secret) String() string { return "" }

func (s secret) Set(v string) error {
	*s.p = v
	return nil
}

// validateSameRunner checks the inputs of a ref:REV baseline.
func validateSameRunner(s Settings, rev string) error {
	switch {
	case rev == "":
		return fmt.Errorf("input baseline: %q: ref: needs a git revision, e.g. ref:main", s.Baseline)
	case s.Current != "":
		return fmt.Errorf("input current: %q: with a ref: baseline both sides are measured here; leave current empty", s.Current)
	}
	if _, err := s.SameRunner.Options(".", rev, "", nil, nil); err != nil {
		return fmt.Errorf("input %w", err)
	}
	return nil
}
