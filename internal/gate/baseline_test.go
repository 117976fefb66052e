package gate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestLastCommit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	origin := t.TempDir()
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(origin, "init", "-q", "-b", "main")
	mustWrite(t, filepath.Join(origin, "baselines", "main.json"), "{}")
	git(origin, "add", "-A")
	git(origin, "commit", "-q", "-m", "baseline")
	mustWrite(t, filepath.Join(origin, "other.txt"), "x")
	git(origin, "add", "-A")
	git(origin, "commit", "-q", "-m", "later")

	sha, date := lastCommit(context.Background(), filepath.Join(origin, "baselines", "main.json"))
	if len(sha) != 40 || date.Format("2006-01-02") != "2026-01-02" {
		t.Errorf("full clone: got %q %v, want the baseline's commit and date", sha, date)
	}

	shallow := filepath.Join(t.TempDir(), "shallow")
	git(filepath.Dir(shallow), "clone", "-q", "--depth", "1", "file://"+origin, shallow)
	if sha, _ := lastCommit(context.Background(), filepath.Join(shallow, "baselines", "main.json")); sha != "" {
		t.Errorf("shallow clone: got %q, want no commit (the boundary proves nothing)", sha)
	}
	if sha, _ := lastCommit(context.Background(), filepath.Join(t.TempDir(), "x.json")); sha != "" {
		t.Errorf("outside a repository: got %q", sha)
	}
}
