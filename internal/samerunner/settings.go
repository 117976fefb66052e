package samerunner

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Settings are the same-runner inputs as text, as the action's inputs and the command
// line give them; Options parses and checks them. The names are the inputs' and the
// flags' names.
type Settings struct {
	Suite     string // suite: builtin (the default) or go-test
	Bench     string // bench: the go-test benchmark regexp (default ".")
	Packages  string // packages: go-test package patterns, separated by spaces or lines (default ./...)
	BenchTime string // benchtime: go-test -benchtime of each round ("" = go test's default, 1s)
	Tags      string // build-tags (flag --tags): go-test build tags, separated by commas or spaces
	Rounds    string // rounds: rounds per side ("" = the suite's default)
	Budget    string // budget: a Go duration bounding the whole A/B run, e.g. 20m ("" or 0 = none)
	RunArgs   string // run-args: extra flags for the built-in suite's run, e.g. "--samples 10"
}

// SettingsFromInputs reads the settings with input, which returns an input's value by
// name (githubactions.Action.GetInput).
func SettingsFromInputs(input func(name string) string) Settings {
	return Settings{
		Suite:     input("suite"),
		Bench:     input("bench"),
		Packages:  input("packages"),
		BenchTime: input("benchtime"),
		Tags:      input("build-tags"),
		Rounds:    input("rounds"),
		Budget:    input("budget"),
		RunArgs:   input("run-args"),
	}
}

// Bind registers one flag per setting, named as the input, whose default is the
// setting's current value: flags override inputs.
func (s *Settings) Bind(fs *flag.FlagSet) {
	fs.StringVar(&s.Suite, "suite", s.Suite, "with a ref: baseline, what runs on both sides: builtin or go-test")
	fs.StringVar(&s.Bench, "bench", s.Bench, "go-test suite: benchmark `regexp` (go test -bench; default .)")
	fs.StringVar(&s.Packages, "packages", s.Packages, "go-test suite: package `patterns`, space separated (default ./...)")
	fs.StringVar(&s.BenchTime, "benchtime", s.BenchTime, "go-test suite: -benchtime of each round, e.g. 200ms or 1000x (default 1s)")
	fs.StringVar(&s.Tags, "tags", s.Tags, TagsUsage)
	fs.StringVar(&s.Rounds, "rounds", s.Rounds, fmt.Sprintf("with a ref: baseline, rounds per side (default %d builtin, %d go-test)", DefaultRoundsBuiltin, DefaultRoundsGoTest))
	fs.StringVar(&s.Budget, "budget", s.Budget, "with a ref: baseline, time `budget` of the whole A/B run, e.g. 20m (default none)")
	fs.StringVar(&s.RunArgs, "run-args", s.RunArgs, "builtin suite: extra `flags` for run on both sides, e.g. \"--samples 10\"")
}

// Options checks the settings and returns the options of a run of the repository in
// dir against the baseline revision (without "ref:"), with the built-in suite's
// filters and progress lines to progress. Errors name the setting at fault.
func (s Settings) Options(dir, baseline, current string, filters []string, progress io.Writer) (Options, error) {
	o := Options{Dir: dir, Baseline: baseline, Current: current, Filters: filters, Progress: progress,
		Bench: strings.TrimSpace(s.Bench), Packages: strings.Fields(s.Packages), RunArgs: strings.Fields(s.RunArgs),
		BenchTime: strings.TrimSpace(s.BenchTime)}
	suite, err := ParseSuite(strings.TrimSpace(s.Suite))
	if err != nil {
		return o, err
	}
	o.Suite = suite
	if o.Tags, err = ParseTags(s.Tags); err != nil {
		return o, err
	}
	if len(o.Tags) > 0 && o.Suite != SuiteGoTest {
		return o, fmt.Errorf("tags: %q: a setting of suite %s, and the suite is %s", s.Tags, SuiteGoTest, o.Suite)
	}
	if r := strings.TrimSpace(s.Rounds); r != "" {
		if o.Rounds, err = strconv.Atoi(r); err != nil || o.Rounds < 1 {
			return o, fmt.Errorf("rounds: %q: want a whole number of at least 1", s.Rounds)
		}
	}
	if b := strings.TrimSpace(s.Budget); b != "" && b != "0" {
		if o.Budget, err = time.ParseDuration(b); err != nil || o.Budget <= 0 {
			return o, fmt.Errorf("budget: %q: want a positive Go duration such as 20m or 1h30m", s.Budget)
		}
	}
	return o.withDefaults()
}

// TagsUsage is the help of the go-test suite's --tags flag, the same in every
// command that has it.
const TagsUsage = "go-test suite: build `tags` of the test binaries (go test -tags), separated by commas, e.g. bench,integration"

// ParseTags reads go build tags as go's -tags flag takes them, separated by
// commas (or spaces, as older go releases took them); "" is none. A tag is
// letters, digits, underscores and dots, as a //go:build line names it; anything
// else (a flag, a quote, a build expression) is an error naming the tag.
func ParseTags(s string) ([]string, error) {
	var tags []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if strings.TrimFunc(t, isTagRune) != "" {
			return nil, fmt.Errorf("tags: %q: want build tags separated by commas (letters, digits, _ and .), e.g. bench,integration", t)
		}
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags, nil
}

func isTagRune(r rune) bool {
	return r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
