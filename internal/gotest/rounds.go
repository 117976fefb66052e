package gotest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest/buildtags"
)

// exeSuffix is what an executable's name ends in on this system.
var exeSuffix = map[bool]string{true: ".exe"}[runtime.GOOS == "windows"]

// listFormat prints the import path and directory of each package with tests.
const listFormat = `{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{"\t"}}{{.Dir}}{{end}}`

// ListPackages returns the import paths of the packages with tests that the
// patterns match in dir with build tags, as `go list` orders them: the units a
// sharded go-test run splits.
func ListPackages(ctx context.Context, dir string, patterns, tags []string) ([]string, error) {
	listed, err := list(ctx, dir, patterns, tags)
	if err != nil {
		return nil, err
	}
	pkgs := make([]string, len(listed))
	for i, b := range listed {
		pkgs[i] = b.Package
	}
	if len(pkgs) == 0 {
		return nil, buildtags.NoPackagesError(ctx, dir, patterns, tags)
	}
	return pkgs, nil
}

// list lists the packages with tests that the patterns match in dir with build
// tags, with their directories (no binaries yet).
func list(ctx context.Context, dir string, patterns, tags []string) ([]Binary, error) {
	args := append(append([]string{"list", "-f", listFormat}, buildtags.Flag(tags)...), "--")
	out, err := goCommand(ctx, dir, append(args, patterns...)...)
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w", strings.Join(patterns, " "), err)
	}
	var bins []Binary
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if pkg, pkgDir, ok := strings.Cut(line, "\t"); ok {
			bins = append(bins, Binary{Package: pkg, Dir: pkgDir})
		}
	}
	return bins, nil
}

// build lists the packages with tests (of o.Only's packages, when given) and
// compiles each one's test binary into tmp.
func (o Options) build(ctx context.Context, tmp string) ([]Binary, error) {
	listed, err := list(ctx, o.Dir, o.Packages, o.Tags)
	if err != nil {
		return nil, err
	}
	only := map[string]bool{}
	for _, n := range o.Only {
		only[n.Package] = true
	}
	var bins []Binary
	for _, b := range listed {
		if len(only) > 0 && !only[b.Package] {
			continue
		}
		b.Path = filepath.Join(tmp, strconv.Itoa(len(bins))+".test"+exeSuffix)
		bins = append(bins, b)
	}
	if len(bins) == 0 {
		return nil, buildtags.NoPackagesError(ctx, o.Dir, o.Packages, o.Tags)
	}
	fmt.Fprintf(o.Progress, "go test: compiling the tests of %d package(s)\n", len(bins))
	var errs []error
	for _, b := range bins {
		args := append(append([]string{"test", "-c"}, buildtags.Flag(o.Tags)...), "-o", b.Path, b.Package)
		if _, err := goCommand(ctx, o.Dir, args...); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			errs = append(errs, fmt.Errorf("go test -c %s: the tests do not compile: %w", b.Package, err))
		}
	}
	return bins, errors.Join(errs...)
}

// round runs every package's binary once with -test.count count and reads their
// output together, as `go test` over the packages would print it: a benchmark
// name that two packages share is named by package (formats' gobench reader).
// It returns the results and how each one runs again.
func (o Options) round(ctx context.Context, bins []Binary, count, k int) ([]bench.Result, []Program, error) {
	var all bytes.Buffer
	own := make([]map[string]bool, len(bins)) // each package's benchmark names
	for i, b := range bins {
		args := []string{"-test.run=^$", "-test.bench=" + o.benchFor(b.Package), "-test.benchmem", "-test.count=" + strconv.Itoa(count)}
		if o.BenchTime != "" {
			args = append(args, "-test.benchtime="+o.BenchTime)
		}
		cmd := exec.CommandContext(ctx, b.Path, args...)
		cmd.Dir = b.Dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.WaitDelay = 5 * time.Second
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			return nil, nil, fmt.Errorf("go test -bench %s: %s: %v:\n%s", o.Bench, b.Package, err, tail(stdout.String()+stderr.String(), 20))
		}
		if !hasResultLine(stdout.Bytes()) {
			continue
		}
		doc, err := formats.Read(stdout.Bytes(), fmt.Sprintf("go test %s (round %d)", b.Package, k+1), "gobench")
		if err != nil {
			return nil, nil, err
		}
		own[i] = map[string]bool{}
		for _, r := range doc.Results {
			own[i][r.Name] = true
		}
		all.Write(stdout.Bytes())
		if !bytes.HasSuffix(stdout.Bytes(), []byte("\n")) {
			all.WriteByte('\n')
		}
	}
	if all.Len() == 0 {
		return nil, nil, fmt.Errorf("go test: no benchmark matches -bench %s in %s (%d package(s) with tests)%s", o.Bench, strings.Join(o.Packages, " "), len(bins), buildtags.Constrained(ctx, o.Dir, o.Packages, o.Tags))
	}
	doc, err := formats.Read(all.Bytes(), fmt.Sprintf("go test (round %d)", k+1), "gobench")
	if err != nil {
		return nil, nil, err
	}
	progs := make([]Program, len(doc.Results))
	for j, r := range doc.Results {
		p, ok := origin(r.Name, bins, own)
		if !ok {
			return nil, nil, fmt.Errorf("go test (round %d): cannot tell the package of benchmark %s", k+1, r.Name)
		}
		progs[j] = p
	}
	results := doc.Results[:0]
	kept := progs[:0]
	for j, r := range doc.Results {
		if name, ok := o.selected(progs[j]); ok {
			if name != "" {
				r.Name = name
			}
			results, kept = append(results, r), append(kept, progs[j])
		}
	}
	return results, kept, nil
}

// origin finds the package of a result of the combined output: the one package
// whose own output has that name, or the package whose path prefixes it (the
// reader names a shared name "<package>.<name>").
func origin(name string, bins []Binary, own []map[string]bool) (Program, bool) {
	var found []Program
	for i, b := range bins {
		if own[i][name] {
			found = append(found, Program{Binary: b, Name: name})
		}
		if rest, ok := strings.CutPrefix(name, b.Package+"."); ok && own[i][rest] {
			return Program{Binary: b, Name: rest}, true
		}
	}
	if len(found) != 1 {
		return Program{}, false
	}
	return found[0], true
}

// benchFor is the -bench pattern of pkg: o.Bench, or with Only the top-level
// benchmarks of that package that Only names.
func (o Options) benchFor(pkg string) string {
	if len(o.Only) == 0 {
		return o.Bench
	}
	var tops []string
	for _, n := range o.Only {
		if n.Package == pkg {
			tops = append(tops, regexp.QuoteMeta(topLevel(strings.TrimPrefix(n.Name, pkg+"."))))
		}
	}
	slices.Sort(tops)
	return "^Benchmark(" + strings.Join(slices.Compact(tops), "|") + ")$"
}

// selected reports whether the result that p runs is to be kept, and its name:
// every one as read, or with Only, the ones it names, named as Only names them
// (a name that two packages share keeps its package prefix even when the other
// package does not run now).
func (o Options) selected(p Program) (string, bool) {
	if len(o.Only) == 0 {
		return "", true
	}
	for _, n := range o.Only {
		if n.Package == p.Binary.Package && (n.Name == p.Name || n.Name == p.Binary.Package+"."+p.Name) {
			return n.Name, true
		}
	}
	return "", false
}

// topLevel is the top-level benchmark of a name as Go benchmark format writes it
// (no "Benchmark" prefix): before its first '/' and its -GOMAXPROCS suffix. A Go
// function name holds no '-'.
func topLevel(name string) string {
	name, _, _ = strings.Cut(name, "/")
	name, _, _ = strings.Cut(name, "-")
	return name
}

// splitBench splits a -bench pattern at the slashes outside brackets and
// parentheses, as the testing package does, into the patterns of each level.
func splitBench(re string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(re); i++ {
		switch re[i] {
		case '\\':
			i++
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '/':
			if depth == 0 {
				out = append(out, re[start:i])
				start = i + 1
			}
		}
	}
	return append(out, re[start:])
}

// combine makes one result of a benchmark's rounds (bench.Combine), with the
// package as its group and the direction of each metric kept.
func combine(parts []bench.Result, pkg string) bench.Result {
	for i := range parts {
		p := &parts[i]
		if p.TotalDurationMs == 0 && len(p.SamplesNs) > 0 {
			p.TotalDurationMs = float64(p.Iterations) * p.AvgDurationUs / 1e3
		}
	}
	r := bench.Combine(parts)
	r.Group = pkg
	if r.SamplesNs == nil {
		r.SamplesNs = []float64{}
	}
	for key, m := range r.Metrics {
		if first, ok := parts[0].Metrics[key]; ok && first.Better != "" {
			m.Better = first.Better
			r.Metrics[key] = m
		}
	}
	return r
}

// share is the samples of round k (0-based) of n when total are spread over them.
func share(total, k, n int) int {
	s := total / n
	if k < total%n {
		s++
	}
	return s
}

// hasResultLine reports whether out holds a Go benchmark result line.
func hasResultLine(out []byte) bool {
	for line := range bytes.Lines(out) {
		if bytes.HasPrefix(line, []byte("Benchmark")) {
			return true
		}
	}
	return false
}
