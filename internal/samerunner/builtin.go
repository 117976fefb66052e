package samerunner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// mainPackage is the program's main package, relative to the module directory.
const mainPackage = "./cmd/cost-ops-bench"

// wholeSuite is the unit of the first built-in round: the whole filtered suite in one
// run, which also tells each side's benchmark names.
const wholeSuite = ""

// builtinSuite runs each side's own `cost-ops-bench run`: the whole filtered suite in
// the first round, then one benchmark per run.
type builtinSuite struct {
	opts Options
}

func (b *builtinSuite) binary(s *side, seed int) string {
	return filepath.Join(s.bin, "cost-ops-bench-"+strconv.Itoa(seed))
}

// link builds the side's program with layout seed, once.
func (b *builtinSuite) link(ctx context.Context, s *side, seed int) (string, error) {
	exe := b.binary(s, seed)
	if _, err := os.Stat(exe); err == nil {
		return exe, nil
	}
	args := append([]string{"build", "-trimpath", "-buildvcs=false"}, ldflags(seed)...)
	if _, err := command(ctx, s.tree, nil, "go", append(args, "-o", exe, mainPackage)...); err != nil {
		return "", err
	}
	return exe, nil
}

// build compiles the side's program. -trimpath makes the same code give the same
// binary whatever the tree's directory (a longer path shifts the code's layout and
// its speed by a few percent); VCS stamping is off, as a checkout owned by another
// user (CI containers) makes it fail.
func (b *builtinSuite) build(ctx context.Context, s *side, seed int) error {
	if _, err := os.Stat(filepath.Join(s.tree, filepath.FromSlash(mainPackage))); err != nil {
		return fmt.Errorf("no %s in this tree: the builtin suite measures cost-ops-bench itself; for another Go module use the go-test suite", mainPackage)
	}
	if _, err := b.link(ctx, s, seed); err != nil {
		return err
	}
	s.units = []string{wholeSuite}
	return nil
}

func (b *builtinSuite) run(ctx context.Context, s *side, unit string, seed int) (*bench.Document, error) {
	exe, err := b.link(ctx, s, seed)
	if err != nil {
		return nil, fmt.Errorf("linking layout %d: %w", seed, err)
	}
	out, err := os.MkdirTemp(s.bin, "run-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(out)
	args := []string{"run", "--output", out, "--no-summary"}
	if unit == wholeSuite {
		for _, f := range b.opts.Filters {
			args = append(args, "--filter", f)
		}
	} else {
		args = append(args, "--filter", "/^"+regexp.QuoteMeta(unit)+"$/")
	}
	args = append(args, b.opts.RunArgs...)
	// Each round is one process of the side: the run measures in itself (older
	// revisions, which always did, ignore the variable).
	env := append(os.Environ(), bench.ProcessEnv+"=1/1")
	if _, err := command(ctx, s.tree, env, exe, args...); err != nil {
		var cerr *CommandError
		if errors.As(err, &cerr) && strings.Contains(cerr.Stderr, "matches no benchmark") {
			return nil, fmt.Errorf("%w: %s", ErrMissing, brief(err))
		}
		return nil, err
	}
	doc, err := bench.ReadFile(filepath.Join(out, "latest.json"))
	if err != nil {
		return nil, fmt.Errorf("reading its result: %w", err)
	}
	return doc, nil
}

// runBenchmark runs benchmark name alone: it is a unit of its own after the first round.
func (b *builtinSuite) runBenchmark(ctx context.Context, s *side, name string, seed int) (*bench.Document, error) {
	return b.run(ctx, s, name, seed)
}

// afterRound turns the first round's whole-suite runs into one unit per benchmark.
// A side whose whole-suite run failed tries the other side's benchmarks one by one,
// so that one broken benchmark costs only itself.
func (b *builtinSuite) afterRound(round int, base, cur *side) error {
	if round != 1 {
		return nil
	}
	if _, failed := cur.dead[wholeSuite]; failed && len(base.names) == 0 {
		return fmt.Errorf("current: the suite does not run: %w", cur.dead[wholeSuite])
	}
	for _, pair := range [][2]*side{{base, cur}, {cur, base}} {
		s, other := pair[0], pair[1]
		s.units = slices.Clone(s.names)
		if _, failed := s.dead[wholeSuite]; failed {
			s.units = slices.Clone(other.names)
		}
	}
	return nil
}
