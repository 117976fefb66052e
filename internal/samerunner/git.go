package samerunner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// RefPrefix marks a baseline (or current) that is a git revision to build and run,
// rather than a result file: "ref:main", "ref:3f2a9c1".
const RefPrefix = "ref:"

// ParseRef reports whether s names a git revision ("ref:<revision>") and returns the
// revision.
func ParseRef(s string) (rev string, ok bool) {
	rev, ok = strings.CutPrefix(s, RefPrefix)
	return strings.TrimSpace(rev), ok
}

// RevisionError is a revision that the repository does not have: a typo, or, in CI,
// a shallow clone that lacks the history.
type RevisionError struct {
	Rev     string // the revision as given
	Repo    string // the repository's top directory
	Shallow bool   // the clone is shallow
	Err     error  // what git said
}

func (e *RevisionError) Error() string {
	msg := fmt.Sprintf("revision %q: not a commit in the git repository %s", e.Rev, e.Repo)
	if e.Shallow {
		msg += " (a shallow clone)"
	}
	return msg + "; the history must include it: with actions/checkout set `fetch-depth: 0`, or `git fetch` the revision first"
}

func (e *RevisionError) Unwrap() error { return e.Err }

// repository is the git repository that holds the module under test.
type repository struct {
	top    string // the repository's top directory
	prefix string // the module directory relative to top, "" or ending in "/"
}

// openRepository finds the git repository that holds dir.
func openRepository(ctx context.Context, dir string) (repository, error) {
	out, err := command(ctx, dir, nil, "git", "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		return repository{}, fmt.Errorf("%s: not in a git repository: %w", dir, err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	r := repository{top: lines[0]}
	if len(lines) > 1 {
		r.prefix = lines[1]
	}
	return r, nil
}

// resolve returns the full commit hash that rev names.
func (r repository) resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", &RevisionError{Rev: rev, Repo: r.top, Err: errors.New("not a revision name")}
	}
	out, err := command(ctx, r.top, nil, "git", "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		shallow, _ := command(ctx, r.top, nil, "git", "rev-parse", "--is-shallow-repository")
		return "", &RevisionError{Rev: rev, Repo: r.top, Shallow: strings.TrimSpace(string(shallow)) == "true", Err: err}
	}
	return strings.TrimSpace(string(out)), nil
}

// head describes the working tree's checked-out commit, and whether it has
// uncommitted changes to tracked files.
func (r repository) head(ctx context.Context) (commit string, dirty bool, err error) {
	out, err := command(ctx, r.top, nil, "git", "rev-parse", "--verify", "HEAD")
	if err != nil {
		return "", false, fmt.Errorf("%s: current commit: %w", r.top, err)
	}
	status, err := command(ctx, r.top, nil, "git", "status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return "", false, fmt.Errorf("%s: git status: %w", r.top, err)
	}
	return strings.TrimSpace(string(out)), len(strings.TrimSpace(string(status))) > 0, nil
}

// worktree is a detached git worktree of one commit in a temporary directory.
type worktree struct {
	repo repository
	path string
}

// addWorktree checks out commit into a new directory under parent.
func (r repository) addWorktree(ctx context.Context, commit, parent, name string) (*worktree, error) {
	path := filepath.Join(parent, name)
	if _, err := command(ctx, r.top, nil, "git", "worktree", "add", "--detach", "--quiet", path, commit); err != nil {
		// A half-made worktree is still registered: take it away too.
		(&worktree{repo: r, path: path}).remove()
		return nil, fmt.Errorf("git worktree of %.12s: %w", commit, err)
	}
	return &worktree{repo: r, path: path}, nil
}

// moduleDir is the module's directory inside the worktree.
func (w *worktree) moduleDir() string {
	return filepath.Join(w.path, filepath.FromSlash(w.repo.prefix))
}

// cleanupTimeout bounds the removal of a worktree, which runs even after the run's
// context was cancelled.
const cleanupTimeout = time.Minute

// remove deletes the worktree's directory and its registration in the repository. It
// does not depend on any caller's context: it must run after cancellation too.
func (w *worktree) remove() error {
	ctx, cancel := context.WithTimeout(context.Background(), cleanupTimeout)
	defer cancel()
	_, errRemove := command(ctx, w.repo.top, nil, "git", "worktree", "remove", "--force", w.path)
	errDir := os.RemoveAll(w.path)
	_, errPrune := command(ctx, w.repo.top, nil, "git", "worktree", "prune")
	if errDir != nil || errPrune != nil {
		return fmt.Errorf("removing git worktree %s: %w", w.path, errors.Join(errRemove, errDir, errPrune))
	}
	return nil
}
