package samerunner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// suiteRunner is what differs between the suites: how a side is built, what one
// round runs, and how one unit runs.
type suiteRunner interface {
	// build compiles the side's binaries, linked with layout seed, into s.bin and
	// sets s.units.
	build(ctx context.Context, s *side, seed int) error
	// run runs one unit of s with its binaries of layout seed (linked when first
	// needed) and returns what it measured.
	run(ctx context.Context, s *side, unit string, seed int) (*bench.Document, error)
	// runBenchmark runs benchmark name of s alone (an extra round), as run does.
	runBenchmark(ctx context.Context, s *side, name string, seed int) (*bench.Document, error)
	// afterRound lets the suite change the units once a round is done.
	afterRound(round int, base, cur *side) error
}

// Run builds the baseline revision and the current tree, runs their benchmarks
// alternately for opts.Rounds rounds within opts.Budget, gives extra rounds to the
// benchmarks that are inconclusive under opts.Config (see extend), and returns each side's
// merged document with the order, noise and problems seen. The baseline's worktree
// and every temporary file are removed before Run returns.
//
// Errors: a *RevisionError for a revision the repository lacks; a *ModuleDirError
// for one that lacks the module's directory (a module in a subdirectory); a *BuildError when
// the current tree does not build (a baseline that does not build is reported in the
// Result instead); the context's error when ctx is cancelled.
func Run(ctx context.Context, opts Options) (res *Result, err error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	var valgrind bench.Valgrind
	if o.Measure == bench.MeasureInstructions { // before anything is built: say at once that it cannot be
		if valgrind, err = findValgrind(); err != nil {
			return nil, fmt.Errorf("measure: %w", err)
		}
		valgrind = valgrind.WithJobs(0)
	}
	start := time.Now()
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if o.Budget > 0 {
		timer := time.AfterFunc(o.Budget, func() { cancel(errBudget) })
		defer timer.Stop()
	}
	ab := &abRun{opts: o, base: newSide(Baseline), cur: newSide(Current), expire: func() { cancel(errBudget) }}
	ab.res = &Result{Suite: o.Suite, Rounds: o.Rounds, Budget: o.Budget}

	tmp, err := os.MkdirTemp(o.tempDir, "cost-ops-bench-ab-*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()

	ab.tmp = tmp
	if randLayoutSupported(runCtx, o.Dir) {
		ab.layouts = layouts(o.Rounds)
		ab.res.Layouts = o.Rounds
	}
	if o.Suite == SuiteGoTest {
		ab.suite = &goTestSuite{opts: o}
	} else {
		ab.suite = &builtinSuite{opts: o}
	}
	cleanup, err := ab.prepare(runCtx)
	defer func() {
		if cerr := cleanup(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if err != nil {
		return nil, ab.budgetErr(runCtx, "preparing the worktrees", err)
	}
	if err := ab.build(runCtx); err != nil {
		return nil, ab.budgetErr(runCtx, "building", err)
	}
	if err := ab.measure(runCtx); err != nil {
		return nil, err
	}
	if o.Measure == bench.MeasureInstructions && !ab.res.CutShort {
		if err := ab.countInstructions(runCtx, valgrind); err != nil {
			if !errors.Is(context.Cause(runCtx), errBudget) {
				return nil, err
			}
			ab.res.CutShort = true
		}
	}
	ab.res.Elapsed = time.Since(start)
	return ab.res, nil
}

// abRun is the state of one Run.
type abRun struct {
	opts      Options
	tmp       string
	base, cur *side
	suite     suiteRunner
	layouts   layouts // the code layouts of the rounds (layout.go)
	res       *Result
	expire    func() // ends the budget now (tests)
}

// errBudget is the cause of the run's context ending when the time budget runs out.
var errBudget = errors.New("time budget ran out")

// measure runs the planned rounds, then the extra rounds of inconclusive benchmarks,
// and merges what finished. The budget running out (ctx's cause errBudget) is
// recorded, not an error.
func (ab *abRun) measure(ctx context.Context) error {
	if err := ab.rounds(ctx); err != nil {
		if !errors.Is(context.Cause(ctx), errBudget) {
			return err
		}
		ab.res.CutShort = true
	}
	if !ab.res.CutShort {
		if err := ab.extend(ctx); err != nil {
			if !errors.Is(context.Cause(ctx), errBudget) {
				return err
			}
			ab.res.ExtraCutShort = true
		}
	}
	return ab.finish()
}

// budgetErr explains an error caused by the time budget running out in a phase
// that must finish for there to be any result.
func (ab *abRun) budgetErr(runCtx context.Context, phase string, err error) error {
	if errors.Is(context.Cause(runCtx), errBudget) {
		return fmt.Errorf("time budget %v ran out while %s: %w", ab.opts.Budget, phase, err)
	}
	return err
}

// prepare resolves the revisions and makes the worktrees. The returned cleanup
// removes them; it is never nil and must be called even when err is not nil.
func (ab *abRun) prepare(ctx context.Context) (cleanup func() error, err error) {
	var trees []*worktree
	cleanup = func() error {
		var errs []error
		for _, w := range trees {
			errs = append(errs, w.remove())
		}
		return errors.Join(errs...)
	}
	dir, err := filepath.Abs(ab.opts.Dir)
	if err != nil {
		return cleanup, err
	}
	repo, err := openRepository(ctx, dir)
	if err != nil {
		return cleanup, err
	}
	for _, s := range []*side{ab.base, ab.cur} {
		s.Rev = ab.opts.Baseline
		if s.Side == Current {
			s.Rev = ab.opts.Current
		}
		s.bin = filepath.Join(ab.tmp, "bin-"+string(s.Side))
		if err := os.Mkdir(s.bin, 0o755); err != nil {
			return cleanup, err
		}
		if s.Rev == "" { // the working tree as it is
			s.tree = dir
			if s.Commit, s.Dirty, err = repo.head(ctx); err != nil {
				return cleanup, err
			}
			continue
		}
		if s.Commit, err = repo.resolve(ctx, s.Rev); err != nil {
			return cleanup, fmt.Errorf("%s: %w", s.Side, err)
		}
		w, err := repo.addWorktree(ctx, s.Commit, ab.tmp, string(s.Side))
		if err != nil {
			return cleanup, fmt.Errorf("%s: %w", s.Side, err)
		}
		trees = append(trees, w)
		s.tree = w.moduleDir()
		if err := checkModuleDir(dir, repo.prefix, s); err != nil {
			return cleanup, err
		}
	}
	return cleanup, nil
}

// BuildError is a side whose code does not build.
type BuildError struct {
	Side   Side
	Rev    string // the revision, "" for the working tree
	Commit string
	Err    error
}

func (e *BuildError) Error() string {
	what := "the working tree"
	if e.Rev != "" {
		what = fmt.Sprintf("revision %s (%.12s)", e.Rev, e.Commit)
	}
	return fmt.Sprintf("%s: %s does not build: %v", e.Side, what, e.Err)
}

func (e *BuildError) Unwrap() error { return e.Err }

// build compiles both sides, the baseline first. A baseline that does not build is
// recorded; a current tree that does not build is the error.
func (ab *abRun) build(ctx context.Context) error {
	for _, s := range []*side{ab.base, ab.cur} {
		t0 := time.Now()
		fmt.Fprintf(ab.opts.Progress, "ab: building %s %s\n", s.Side, s.label())
		err := ab.suite.build(ctx, s, ab.layouts.seed(1))
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			berr := &BuildError{Side: s.Side, Rev: s.Rev, Commit: s.Commit, Err: err}
			if s.Side == Current {
				return berr
			}
			s.BuildErr = berr
			fmt.Fprintf(ab.opts.Progress, "ab: %s %s does not build: %s\n", s.Side, s.label(), brief(err))
			continue
		}
		s.built = true
		for _, unit := range s.units {
			if err, failed := s.dead[unit]; failed {
				ab.res.Problems = append(ab.res.Problems, Problem{Side: s.Side, Unit: unit, Err: &BuildError{Side: s.Side, Rev: s.Rev, Commit: s.Commit, Err: err}})
			}
		}
		fmt.Fprintf(ab.opts.Progress, "ab: built %s in %v\n", s.Side, time.Since(t0).Round(time.Millisecond))
	}
	return nil
}

// label names the side's code for people: the revision and short commit.
func (s *side) label() string {
	c := text.Commit(s.Commit)
	if s.Rev == "" {
		if s.Dirty {
			return "working tree (" + c + " with uncommitted changes)"
		}
		return "working tree (" + c + ")"
	}
	return s.Rev + " (" + c + ")"
}
