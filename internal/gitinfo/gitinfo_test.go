package gitinfo

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func gitCmd(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// newRepo makes a repository with two commits at known times and returns it with
// the commits' hashes.
func newRepo(t *testing.T) (dir, first, second string) {
	t.Helper()
	dir = t.TempDir()
	gitCmd(t, dir, nil, "init", "--quiet", "--initial-branch=main")
	for i, when := range []string{"2026-11-01T10:00:00+02:00", "2026-11-02T09:30:00Z"} {
		env := []string{"GIT_COMMITTER_DATE=" + when, "GIT_AUTHOR_DATE=" + when, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"}
		gitCmd(t, dir, env, "commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", "c")
		h := gitCmd(t, dir, nil, "rev-parse", "HEAD")
		if i == 0 {
			first = h
		} else {
			second = h
		}
	}
	return dir, first, second
}

func TestHead(t *testing.T) {
	dir, first, second := newRepo(t)
	ctx := context.Background()
	got, err := Head(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Commit != second || got.Ref != "refs/heads/main" || got.CommittedAt != "2026-11-02T09:30:00Z" {
		t.Errorf("Head = %+v, want %s on refs/heads/main at 2026-11-02T09:30:00Z", got, second)
	}

	// Detached, as in GitHub Actions: the ref comes from GITHUB_REF when GITHUB_SHA
	// is this commit, and not otherwise.
	gitCmd(t, dir, nil, "checkout", "--quiet", "--detach", first)
	env := map[string]string{"GITHUB_SHA": first, "GITHUB_REF": "refs/pull/7/merge"}
	got, err = Head(ctx, dir, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got.Commit != first || got.Ref != "refs/pull/7/merge" || got.CommittedAt != "2026-11-01T08:00:00Z" {
		t.Errorf("detached Head = %+v, want %s on refs/pull/7/merge at 2026-11-01T08:00:00Z (UTC)", got, first)
	}
	env["GITHUB_SHA"] = second
	if got, _ = Head(ctx, dir, func(k string) string { return env[k] }); got.Ref != "" {
		t.Errorf("GITHUB_SHA of another commit: ref %q, want none", got.Ref)
	}
}

func TestLookupErrors(t *testing.T) {
	dir, _, _ := newRepo(t)
	ctx := context.Background()
	if _, err := Lookup(ctx, t.TempDir(), "HEAD"); !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: %v, want ErrNotRepository", err)
	}
	for _, rev := range []string{"nosuchbranch", "--help", "", "0000000000000000000000000000000000000000"} {
		if _, err := Lookup(ctx, dir, rev); err == nil || !strings.Contains(err.Error(), "revision") {
			t.Errorf("Lookup(%q) = %v, want an error naming the revision", rev, err)
		}
	}
}
