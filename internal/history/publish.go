package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// DefaultBranch is the branch a store lives on unless told otherwise.
const DefaultBranch = "cost-ops-bench-data"

// Publication is where a store lives: a branch of a git remote, reached from the
// repository at Dir.
type Publication struct {
	Dir    string // a directory of the local repository (its remote is used)
	Remote string // the remote's name; "" is origin
	Branch string // the store's branch; "" is DefaultBranch
	// Attempts bounds the tries when another job pushed first (non-fast-forward); 0
	// is 5. Wait is the pause before the second try, doubled each time; 0 is 2s.
	Attempts int
	Wait     time.Duration
	// Message is the commit message.
	Message string
	// Progress receives a line per step; nil discards them.
	Progress io.Writer
}

func (p Publication) withDefaults() Publication {
	if p.Remote == "" {
		p.Remote = "origin"
	}
	if p.Branch == "" {
		p.Branch = DefaultBranch
	}
	if p.Attempts == 0 {
		p.Attempts = 5
	}
	if p.Wait == 0 {
		p.Wait = 2 * time.Second
	}
	if p.Message == "" {
		p.Message = "cost-ops-bench: add a run"
	}
	if p.Progress == nil {
		p.Progress = io.Discard
	}
	return p
}

// ErrRejected is a push the remote refused although the store was fresh: another
// job kept winning the race for every attempt.
var ErrRejected = errors.New("the remote kept rejecting the push (non-fast-forward)")

// Publish checks out the store's branch (or starts it, as a branch with no history,
// when the remote has none) in a temporary worktree, lets update change the store
// there, commits and pushes. When the push is refused because another job pushed
// first, it starts again from the new branch: update runs once per attempt, on a
// fresh store, so concurrent jobs each add their run. It returns the store
// directory of the successful attempt, which the caller must remove with cleanup.
func Publish(ctx context.Context, p Publication, update func(store string) error) (store string, cleanup func(), err error) {
	p = p.withDefaults()
	if strings.HasPrefix(p.Branch, "-") || strings.ContainsAny(p.Branch, " \t\n~^:?*[\\") {
		return "", nil, fmt.Errorf("branch %q: not a branch name", p.Branch)
	}
	wait := p.Wait
	for attempt := 1; ; attempt++ {
		tmp, err := os.MkdirTemp("", "cost-ops-bench-store-*")
		if err != nil {
			return "", nil, err
		}
		dir := filepath.Join(tmp, "store")
		cleanup = func() {
			git(context.Background(), p.Dir, "worktree", "remove", "--force", dir)
			os.RemoveAll(tmp)
			git(context.Background(), p.Dir, "worktree", "prune")
		}
		pushed, err := p.attempt(ctx, dir, update)
		if err == nil && pushed {
			return dir, cleanup, nil
		}
		cleanup()
		if err != nil {
			return "", nil, err
		}
		if attempt >= p.Attempts {
			return "", nil, fmt.Errorf("push to %s %s after %d attempts: %w", p.Remote, p.Branch, attempt, ErrRejected)
		}
		fmt.Fprintf(p.Progress, "history: %s moved on %s (another job pushed first); trying again in %v\n", p.Branch, p.Remote, wait)
		select {
		case <-ctx.Done():
			return "", nil, ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// attempt makes one try: fetch, check out, update, commit, push. pushed is false
// when the push was refused as not a fast-forward.
func (p Publication) attempt(ctx context.Context, dir string, update func(string) error) (pushed bool, err error) {
	ref := "refs/heads/" + p.Branch
	exists := true
	if _, err := git(ctx, p.Dir, "fetch", "--quiet", "--no-tags", p.Remote, "+"+ref+":refs/cost-ops-bench/store"); err != nil {
		out, lsErr := git(ctx, p.Dir, "ls-remote", "--heads", p.Remote, ref)
		if lsErr != nil {
			return false, fmt.Errorf("fetch %s from %s: %w", p.Branch, p.Remote, err)
		}
		if strings.TrimSpace(out) != "" {
			return false, fmt.Errorf("fetch %s from %s: %w", p.Branch, p.Remote, err)
		}
		exists = false
	}
	if exists {
		if _, err := git(ctx, p.Dir, "worktree", "add", "--quiet", "--detach", dir, "refs/cost-ops-bench/store"); err != nil {
			return false, err
		}
	} else {
		fmt.Fprintf(p.Progress, "history: %s has no branch %s yet; starting it\n", p.Remote, p.Branch)
		if _, err := git(ctx, p.Dir, "worktree", "add", "--quiet", "--detach", dir); err != nil {
			return false, err
		}
		if _, err := git(ctx, dir, "checkout", "--quiet", "--orphan", "cost-ops-bench-store-new"); err != nil {
			return false, err
		}
		if _, err := git(ctx, dir, "rm", "-r", "-q", "--force", "--ignore-unmatch", "."); err != nil {
			return false, err
		}
	}
	if err := update(dir); err != nil {
		return false, err
	}
	if _, err := git(ctx, dir, "add", "-A", "."); err != nil {
		return false, err
	}
	if _, err := gitCommit(ctx, dir, p.Message); err != nil {
		return false, err
	}
	_, err = git(ctx, dir, "push", "--quiet", p.Remote, "HEAD:"+ref)
	if err == nil {
		fmt.Fprintf(p.Progress, "history: pushed to %s %s\n", p.Remote, p.Branch)
		return true, nil
	}
	if rejected(err) {
		return false, nil
	}
	return false, fmt.Errorf("push to %s %s: %w", p.Remote, p.Branch, err)
}

// rejected reports whether git refused a push because the branch moved.
func rejected(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "non-fast-forward") || strings.Contains(msg, "fetch first") ||
		strings.Contains(msg, "[rejected]") || strings.Contains(msg, "stale info") ||
		strings.Contains(msg, "cannot lock ref") || strings.Contains(msg, "failed to update ref")
}

// gitCommit commits in dir as the configured user, or as github-actions[bot] when
// none is configured (a fresh runner).
func gitCommit(ctx context.Context, dir, msg string) (string, error) {
	args := []string{"commit", "--quiet", "--no-gpg-sign", "--allow-empty", "-m", msg}
	if name, _ := git(ctx, dir, "config", "user.name"); name == "" {
		args = append([]string{"-c", "user.name=github-actions[bot]", "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com"}, args...)
	}
	return git(ctx, dir, args...)
}

// git runs git in dir; its error carries git's output.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// Checkout fetches the store's branch from the remote into a temporary worktree of
// the repository at dir, to read. It returns the store directory and its cleanup;
// a remote without the branch is an empty store (a directory with no runs).
func Checkout(ctx context.Context, p Publication) (store string, cleanup func(), err error) {
	p = p.withDefaults()
	if strings.HasPrefix(p.Branch, "-") || strings.ContainsAny(p.Branch, " \t\n~^:?*[\\") {
		return "", nil, fmt.Errorf("branch %q: not a branch name", p.Branch)
	}
	tmp, err := os.MkdirTemp("", "cost-ops-bench-store-*")
	if err != nil {
		return "", nil, err
	}
	store = filepath.Join(tmp, "store")
	cleanup = func() {
		git(context.Background(), p.Dir, "worktree", "remove", "--force", store)
		os.RemoveAll(tmp)
		git(context.Background(), p.Dir, "worktree", "prune")
	}
	ref := "refs/heads/" + p.Branch
	if _, err := git(ctx, p.Dir, "fetch", "--quiet", "--no-tags", p.Remote, "+"+ref+":refs/cost-ops-bench/store"); err != nil {
		out, lsErr := git(ctx, p.Dir, "ls-remote", "--heads", p.Remote, ref)
		if lsErr != nil || strings.TrimSpace(out) != "" {
			cleanup()
			return "", nil, fmt.Errorf("fetch %s from %s: %w", p.Branch, p.Remote, err)
		}
		return store, cleanup, os.MkdirAll(store, 0o755)
	}
	if _, err := git(ctx, p.Dir, "worktree", "add", "--quiet", "--detach", store, "refs/cost-ops-bench/store"); err != nil {
		cleanup()
		return "", nil, err
	}
	return store, cleanup, nil
}
