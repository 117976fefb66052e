package samerunner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest/buildtags"
)

// listFormat prints the import path and directory of each package with tests.
const listFormat = `{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{"\t"}}{{.Dir}}{{end}}`

// goTestSuite runs `go test -bench` benchmarks: each side's test binaries are built
// once (`go test -c`), then run one package at a time with -count 1 per round.
type goTestSuite struct {
	opts    Options
	bins    map[Side]map[string]testBinary // side -> import path -> binary, of the first round's layout
	seed    int                            // the layout of bins
	relinks map[string]string              // side, package and layout -> binary of another layout
}

// testBinary is one package's compiled tests.
type testBinary struct {
	path string // the executable
	dir  string // the package directory, where go test runs it
}

// build lists the packages with tests and compiles each one's test binary, with
// -trimpath so that the same code gives the same binary on both sides. A package
// that does not compile is a failed unit of the side; no package compiling is the
// side's build error.
func (g *goTestSuite) build(ctx context.Context, s *side, seed int) error {
	args := append(append([]string{"list", "-f", listFormat}, buildtags.Flag(g.opts.Tags)...), "--")
	args = append(args, g.opts.Packages...)
	out, err := command(ctx, s.tree, nil, "go", args...)
	if err != nil {
		return err
	}
	if g.bins == nil {
		g.bins = map[Side]map[string]testBinary{}
	}
	bins := map[string]testBinary{}
	g.bins[s.Side] = bins
	g.seed = seed
	var errs []error
	for i, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, dir, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		s.units = append(s.units, pkg)
		exe := filepath.Join(s.bin, strconv.Itoa(i)+".test")
		if err := compileTest(ctx, s.tree, pkg, exe, seed, g.opts.Tags); err != nil {
			s.dead[pkg] = err
			errs = append(errs, err)
			continue
		}
		bins[pkg] = testBinary{path: exe, dir: dir}
	}
	if len(bins) == 0 {
		if len(errs) == 0 {
			return buildtags.NoPackagesError(ctx, s.tree, g.opts.Packages, g.opts.Tags)
		}
		return errors.Join(errs...)
	}
	return nil
}

// compileTest compiles the test binary of pkg with build tags, linked with layout
// seed, into exe.
func compileTest(ctx context.Context, tree, pkg, exe string, seed int, tags []string) error {
	args := append(append([]string{"test", "-c", "-trimpath"}, buildtags.Flag(tags)...), ldflags(seed)...)
	_, err := command(ctx, tree, nil, "go", append(args, "-o", exe, pkg)...)
	return err
}

// binary returns the test binary of pkg linked with layout seed, linking it when
// first needed (the packages are compiled already: only the link runs).
func (g *goTestSuite) binary(ctx context.Context, s *side, pkg string, seed int) (testBinary, error) {
	bin := g.bins[s.Side][pkg]
	if seed == g.seed {
		return bin, nil
	}
	key := fmt.Sprintf("%s\x00%s\x00%d", s.Side, pkg, seed)
	if exe, ok := g.relinks[key]; ok {
		return testBinary{path: exe, dir: bin.dir}, nil
	}
	if g.relinks == nil {
		g.relinks = map[string]string{}
	}
	exe := fmt.Sprintf("%s.layout%d", bin.path, seed)
	if err := compileTest(ctx, s.tree, pkg, exe, seed, g.opts.Tags); err != nil {
		return testBinary{}, fmt.Errorf("linking layout %d: %w", seed, err)
	}
	g.relinks[key] = exe
	return testBinary{path: exe, dir: bin.dir}, nil
}

// run runs the benchmarks of one package once (-count 1): one sample each.
func (g *goTestSuite) run(ctx context.Context, s *side, pkg string, seed int) (*bench.Document, error) {
	return g.runPattern(ctx, s, pkg, g.opts.Bench, seed)
}

// runBenchmark runs benchmark name alone, once, from the package that measured it.
func (g *goTestSuite) runBenchmark(ctx context.Context, s *side, name string, seed int) (*bench.Document, error) {
	return g.runPattern(ctx, s, s.origin[name], benchPattern(name), seed)
}

// benchPattern is the -test.bench pattern that selects exactly the benchmark that
// the Go benchmark format names name: one anchored expression per level of
// sub-benchmarks (go test matches each level separately); the -GOMAXPROCS suffix
// is not part of the name.
func benchPattern(name string) string {
	base, parts := benchfmt.Name(name).Parts()
	levels := []string{"^Benchmark" + regexp.QuoteMeta(string(base)) + "$"}
	for _, p := range parts {
		if p[0] == '/' {
			levels = append(levels, "^"+regexp.QuoteMeta(string(p[1:]))+"$")
		}
	}
	return strings.Join(levels, "/")
}

// runPattern runs the benchmarks of pkg that match pattern once (-count 1).
func (g *goTestSuite) runPattern(ctx context.Context, s *side, pkg, pattern string, seed int) (*bench.Document, error) {
	bin, err := g.binary(ctx, s, pkg, seed)
	if err != nil {
		return nil, err
	}
	args := []string{"-test.run=^$", "-test.bench=" + pattern, "-test.count=1", "-test.benchmem"}
	if g.opts.BenchTime != "" {
		args = append(args, "-test.benchtime="+g.opts.BenchTime)
	}
	out, err := command(ctx, bin.dir, nil, bin.path, args...)
	if err != nil {
		var cerr *CommandError
		if errors.As(err, &cerr) && cerr.Stderr == "" { // a failing benchmark reports on stdout
			cerr.Stderr = tail(string(out), 20)
		}
		return nil, err
	}
	if !hasBenchmarkLine(out) {
		return &bench.Document{}, nil
	}
	return formats.Read(out, fmt.Sprintf("%s %s", s.Side, pkg), "gobench")
}

// hasBenchmarkLine reports whether out holds a result line of Go benchmark format.
func hasBenchmarkLine(out []byte) bool {
	for _, line := range bytes.Split(out, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("Benchmark")) {
			return true
		}
	}
	return false
}

func (g *goTestSuite) afterRound(int, *side, *side) error { return nil }

// ModuleDirError is a side whose revision lacks the module's directory, or its
// go.mod, that the working tree has (a module in a subdirectory of the
// repository, added or moved since that revision): there is nothing there to build
// as the same module, so the run stops instead of reporting every benchmark new.
type ModuleDirError struct {
	Side   Side
	Rev    string // the revision as given
	Commit string
	Dir    string // the module directory, relative to the repository's top, ending in "/"
	GoMod  bool   // the directory exists, without the go.mod the working tree has there
}

func (e *ModuleDirError) Error() string {
	missing := "has no directory " + e.Dir
	if e.GoMod {
		missing = "has no go.mod in " + e.Dir
	}
	return fmt.Sprintf("%s: revision %s (%.12s) %s, where the working tree's module is: "+
		"compare with a revision that has the module there, or with a baseline file or artifact until then", e.Side, e.Rev, e.Commit, missing)
}

// checkModuleDir checks that the tree of side s (a checked-out revision) has the
// module directory of dir, the working tree's, with a go.mod when dir has one.
func checkModuleDir(dir, prefix string, s *side) error {
	if prefix == "" {
		return nil // the repository's top: the tree exists, and a missing go.mod is a build error
	}
	merr := &ModuleDirError{Side: s.Side, Rev: s.Rev, Commit: s.Commit, Dir: prefix}
	if st, err := os.Stat(s.tree); err != nil || !st.IsDir() {
		return merr
	}
	if fileExists(filepath.Join(dir, "go.mod")) && !fileExists(filepath.Join(s.tree, "go.mod")) {
		merr.GoMod = true
		return merr
	}
	return nil
}

// fileExists reports whether path names a file that is not a directory.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
