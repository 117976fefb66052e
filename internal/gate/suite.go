package gate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// SuiteRun is one run of the suite that the gate asks for: its result goes to
// OutputDir/latest.json.
type SuiteRun struct {
	OutputDir string
	// Dir is the directory the suite runs in: the working-directory input, "."
	// without it (the go-test suite's module; the built-in suite is this
	// program's own and runs anywhere).
	Dir string
	// Suite is builtin (cost-ops-bench's own suite) or go-test (the go test
	// benchmarks of the Go module the gate runs in).
	Suite samerunner.Suite
	// Filters are the filter input: the built-in suite runs the benchmarks they
	// keep; the go-test suite keeps the results they match.
	Filters []string
	// Only, for go-test, is exactly the benchmarks to run (a re-measure).
	Only []gotest.Name
	// The go-test suite's settings: the inputs packages, bench, benchtime, count
	// and build-tags.
	Packages  []string
	Bench     string
	BenchTime string
	Count     int
	Tags      []string
}

// SuiteRunner runs the suite as r says, writing r.OutputDir/latest.json.
type SuiteRunner func(ctx context.Context, r SuiteRun) error

// resolveSuite decides the suite that runs here: the suite input, else the
// default of the module in dir (gotest.DefaultSuite): this repository's own
// suite in cost-ops-bench's module, the module's own go test benchmarks in any
// other. A gate that runs nothing here (a current input) needs no suite; one that
// does, outside any Go module and without a suite input, is told to give a result
// file instead of gating cost-ops-bench's own suite.
func (v *validated) resolveSuite(dir string) error {
	in := strings.TrimSpace(v.SameRunner.Suite)
	suite, err := samerunner.ParseSuite(in)
	if err != nil {
		return fmt.Errorf("input %w", err)
	}
	if in == "" && v.Current == "" {
		s, m, err := gotest.DefaultSuite(dir)
		switch {
		case errors.Is(err, gotest.ErrNoModule):
			return fmt.Errorf("input suite: not given, and there is no Go module here whose benchmarks the gate could run (%v): "+
				"give current: a file of your benchmarks' output (Go benchmark format, or another tool's: README, Input formats), "+
				"or suite: builtin for cost-ops-bench's own suite", err)
		case err != nil:
			return fmt.Errorf("input suite: not given, and the default cannot be told: %w", err)
		}
		suite, v.module = s, m.Path
	}
	v.SameRunner.Suite = string(suite)
	count := 0
	if c := strings.TrimSpace(v.Count); c != "" {
		if count, err = strconv.Atoi(c); err != nil || count < 1 {
			return fmt.Errorf("input count: %q: want a whole number of at least 1", v.Count)
		}
		if suite != samerunner.SuiteGoTest {
			return fmt.Errorf("input count: %q: an input of suite go-test, and the suite is %s", v.Count, suite)
		}
		if _, ref := samerunner.ParseRef(v.Baseline); ref {
			return fmt.Errorf("input count: %q: with a ref: baseline, rounds says how many samples each side takes", v.Count)
		}
	}
	tags, err := samerunner.ParseTags(v.SameRunner.Tags)
	if err != nil {
		return fmt.Errorf("input build-%w", err)
	}
	if len(tags) > 0 && suite != samerunner.SuiteGoTest {
		return fmt.Errorf("input build-tags: %q: an input of suite go-test, and the suite is %s", v.SameRunner.Tags, suite)
	}
	v.suite = SuiteRun{Suite: suite, Packages: strings.Fields(v.SameRunner.Packages), Bench: strings.TrimSpace(v.SameRunner.Bench),
		BenchTime: strings.TrimSpace(v.SameRunner.BenchTime), Count: count, Tags: tags}
	return nil
}

// suiteRun is the run of the suite into dir with filters.
func (v validated) suiteRun(dir string, filters []string) SuiteRun {
	r := v.suite
	r.OutputDir, r.Filters, r.Dir = dir, filters, v.workDir
	return r
}

// announceSuite says in the log which suite runs here and why.
func (v validated) announceSuite(d Deps) {
	if v.Current != "" || d.Stdout == nil {
		return
	}
	switch {
	case v.module != "" && v.suite.Suite == samerunner.SuiteGoTest:
		where, tags := "", ""
		if v.workDir != "." {
			where = " in " + filepath.ToSlash(v.workDir)
		}
		if len(v.suite.Tags) > 0 {
			tags = ", build tags " + strings.Join(v.suite.Tags, ",")
		}
		fmt.Fprintf(d.Stdout, "suite: go-test, the go test benchmarks of module %s%s (the default in a module that is not cost-ops-bench; packages %s, bench %s%s)\n",
			v.module, where, strings.Join(v.suite.packages(), " "), v.suite.bench(), tags)
	case v.module != "":
		fmt.Fprintf(d.Stdout, "suite: builtin, cost-ops-bench's own suite (the default in its own module %s)\n", v.module)
	}
}

func (r SuiteRun) packages() []string {
	if len(r.Packages) == 0 {
		return []string{"./..."}
	}
	return r.Packages
}

func (r SuiteRun) bench() string {
	if r.Bench == "" {
		return "."
	}
	return r.Bench
}
