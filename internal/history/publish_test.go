package history

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// remoteAndClones makes a bare repository with one commit on main and n clones of it.
func remoteAndClones(t *testing.T, n int) (string, []string) {
	t.Helper()
	root := t.TempDir()
	bare := filepath.Join(root, "remote.git")
	runGit(t, root, "init", "--quiet", "--bare", "--initial-branch=main", bare)
	seed := filepath.Join(root, "seed")
	runGit(t, root, "clone", "--quiet", bare, seed)
	os.WriteFile(filepath.Join(seed, "main.go"), []byte("package main\n"), 0o644)
	runGit(t, seed, "add", "-A")
	runGit(t, seed, "commit", "--quiet", "--no-gpg-sign", "-m", "code")
	runGit(t, seed, "push", "--quiet", "origin", "main")
	var clones []string
	for i := range n {
		c := filepath.Join(root, "clone"+string(rune('a'+i)))
		runGit(t, root, "clone", "--quiet", bare, c)
		clones = append(clones, c)
	}
	return bare, clones
}

// appendRun is an update that appends run i to the store.
func appendRun(t *testing.T, i int) func(string) error {
	return func(store string) error {
		_, err := Append(store, mustRun(t, doc(i, 100)), Retention{})
		return err
	}
}

// storeRuns lists the run files on the remote's store branch.
func storeRuns(t *testing.T, bare string) []string {
	t.Helper()
	out := runGit(t, bare, "ls-tree", "--name-only", "-r", DefaultBranch)
	var runs []string
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, RunsDir+"/") {
			runs = append(runs, f)
		}
	}
	return runs
}

// TestPublishStartsAndExtends: the first publication starts the branch (with no
// history of main), the next adds a file; main is untouched.
func TestPublishStartsAndExtends(t *testing.T) {
	t.Parallel()
	bare, clones := remoteAndClones(t, 1)
	mainBefore := runGit(t, bare, "rev-parse", "main")
	for i := range 2 {
		var log bytes.Buffer
		_, cleanup, err := Publish(context.Background(), Publication{Dir: clones[0], Progress: &log}, appendRun(t, i))
		if err != nil {
			t.Fatalf("publish %d: %v\n%s", i, err, log.String())
		}
		cleanup()
	}
	if runs := storeRuns(t, bare); len(runs) != 2 {
		t.Errorf("store branch holds %v, want 2 runs", runs)
	}
	if n := runGit(t, bare, "rev-list", "--count", DefaultBranch); n != "2" {
		t.Errorf("store branch has %s commits, want 2 (none of main's)", n)
	}
	if runGit(t, bare, "rev-parse", "main") != mainBefore {
		t.Error("main moved")
	}
	if out := runGit(t, clones[0], "worktree", "list"); strings.Count(out, "\n") != 0 {
		t.Errorf("worktrees left behind:\n%s", out)
	}
}

// TestPublishRetriesNonFastForward: another job pushes while this one is between
// fetch and push; the push is refused, this job starts again from the new branch,
// and both runs are in the store.
func TestPublishRetriesNonFastForward(t *testing.T) {
	t.Parallel()
	bare, clones := remoteAndClones(t, 2)
	if _, cleanup, err := Publish(context.Background(), Publication{Dir: clones[0]}, appendRun(t, 0)); err != nil {
		t.Fatal(err)
	} else {
		cleanup()
	}
	attempts := 0
	var log bytes.Buffer
	race := func(store string) error {
		attempts++
		if attempts == 1 { // the other job wins the race
			if _, cleanup, err := Publish(context.Background(), Publication{Dir: clones[1]}, appendRun(t, 1)); err != nil {
				return err
			} else {
				cleanup()
			}
		}
		return appendRun(t, 2)(store)
	}
	_, cleanup, err := Publish(context.Background(), Publication{Dir: clones[0], Wait: time.Millisecond, Progress: &log}, race)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	cleanup()
	if attempts != 2 || !strings.Contains(log.String(), "another job pushed first") {
		t.Errorf("%d attempts, want 2 (one refused)\n%s", attempts, log.String())
	}
	if runs := storeRuns(t, bare); len(runs) != 3 {
		t.Errorf("store holds %v, want the 3 runs", runs)
	}
}

func TestPublishGivesUp(t *testing.T) {
	t.Parallel()
	bare, clones := remoteAndClones(t, 2)
	_ = bare
	n := 0
	always := func(store string) error {
		n++
		_, cleanup, err := Publish(context.Background(), Publication{Dir: clones[1]}, appendRun(t, 10+n))
		if err == nil {
			cleanup()
		}
		return appendRun(t, n)(store)
	}
	_, _, err := Publish(context.Background(), Publication{Dir: clones[0], Attempts: 3, Wait: time.Millisecond}, always)
	if err == nil || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("err = %v, want giving up after 3 attempts", err)
	}
	if _, _, err := Publish(context.Background(), Publication{Dir: clones[0], Branch: "--upload-pack=x"}, appendRun(t, 0)); err == nil {
		t.Error("a branch name starting with - was accepted")
	}
	if _, _, err := Publish(context.Background(), Publication{Dir: clones[0], Remote: "nowhere"}, appendRun(t, 0)); err == nil {
		t.Error("an unknown remote was accepted")
	}
}

func TestCheckout(t *testing.T) {
	t.Parallel()
	_, clones := remoteAndClones(t, 2)
	store, cleanup, err := Checkout(context.Background(), Publication{Dir: clones[1]})
	if err != nil {
		t.Fatal(err)
	}
	if runs, err := Load(store); err != nil || len(runs) != 0 {
		t.Errorf("no branch yet: %d runs, %v; want an empty store", len(runs), err)
	}
	cleanup()
	if _, c, err := Publish(context.Background(), Publication{Dir: clones[0]}, appendRun(t, 3)); err != nil {
		t.Fatal(err)
	} else {
		c()
	}
	store, cleanup, err = Checkout(context.Background(), Publication{Dir: clones[1]})
	if err != nil {
		t.Fatal(err)
	}
	runs, err := Load(store)
	cleanup()
	if err != nil || len(runs) != 1 || runs[0].Commit != fmt.Sprintf("%040x", 4) {
		t.Errorf("checkout: %d runs, %v", len(runs), err)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Errorf("cleanup left %s", store)
	}
	if _, _, err := Checkout(context.Background(), Publication{Dir: clones[1], Remote: "nowhere"}); err == nil {
		t.Error("unknown remote: no error")
	}
}
