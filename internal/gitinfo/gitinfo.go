// Package gitinfo tells which commit a checkout is at: the hash, the ref and the
// commit's time that `run` records in a result document's top-level git field, and
// that the history store orders runs by.
package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// ErrNotRepository is returned when dir is not inside a git checkout (or git is not
// installed).
var ErrNotRepository = errors.New("not a git checkout")

// Head describes the commit checked out in dir. The ref is the branch checked out;
// when HEAD is detached (as in GitHub Actions) it is GITHUB_REF from getenv, but only
// when GITHUB_SHA names the same commit. getenv may be nil.
func Head(ctx context.Context, dir string, getenv func(string) string) (*bench.GitInfo, error) {
	info, err := Lookup(ctx, dir, "HEAD")
	if err != nil {
		return nil, err
	}
	if ref, err := git(ctx, dir, "symbolic-ref", "--quiet", "HEAD"); err == nil {
		info.Ref = ref
	} else if getenv != nil && getenv("GITHUB_SHA") == info.Commit {
		info.Ref = getenv("GITHUB_REF")
	}
	return info, nil
}

// Lookup describes the commit rev names in the repository of dir: its full hash and
// its committer time (the ref is left empty).
func Lookup(ctx context.Context, dir, rev string) (*bench.GitInfo, error) {
	if _, err := git(ctx, dir, "rev-parse", "--git-dir"); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q: not a revision name", rev)
	}
	out, err := git(ctx, dir, "show", "--no-patch", "--no-show-signature", "--format=%H %cI", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("revision %q: not a commit of the repository at %s: %w", rev, dir, err)
	}
	hash, at, ok := strings.Cut(out, " ")
	t, perr := time.Parse(time.RFC3339, at)
	if !ok || perr != nil {
		return nil, fmt.Errorf("revision %q: git printed %q, not a hash and a time", rev, out)
	}
	return &bench.GitInfo{Commit: hash, CommittedAt: t.UTC().Format(time.RFC3339)}, nil
}

// git runs git in dir and returns its trimmed output; the error carries git's
// first line of complaint.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg != "" {
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return strings.TrimSpace(string(out)), nil
}
