package samerunner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo is a temporary git repository for end-to-end tests.
type gitRepo struct {
	t   *testing.T
	dir string
}

// missingInCI skips a test whose tool or input is missing on a developer's
// machine, and fails it in CI (CI=true), where .ci/run provides them: a skip there
// would hide a test that no longer runs.
func missingInCI(t *testing.T, why string) {
	t.Helper()
	if strings.EqualFold(os.Getenv("CI"), "true") {
		t.Fatalf("%s (CI=true: the test must run)", why)
	}
	t.Skip(why)
}

// newGitRepo makes an empty repository with a committer identity of its own.
func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		missingInCI(t, "git is not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "--quiet", "--initial-branch=main")
	r.git("config", "user.name", "abtest")
	r.git("config", "user.email", "abtest@example.com")
	r.git("config", "commit.gpgsign", "false")
	return r
}

// git runs a git command in the repository and returns its trimmed output.
func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write writes files (slash paths relative to the repository) into the work tree.
func (r *gitRepo) write(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		path := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// commit writes files, commits everything and returns the commit's hash.
func (r *gitRepo) commit(msg string, files map[string]string) string {
	r.t.Helper()
	r.write(files)
	r.git("add", "-A")
	r.git("commit", "--quiet", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// worktrees returns the number of worktrees the repository knows, the main one
// included.
func (r *gitRepo) worktrees() int {
	r.t.Helper()
	return strings.Count(r.git("worktree", "list", "--porcelain"), "worktree ")
}

// assertClean fails unless the repository is back to its one worktree and the run's
// temporary directory tmp holds nothing.
func (r *gitRepo) assertClean(tmp string) {
	r.t.Helper()
	if n := r.worktrees(); n != 1 {
		r.t.Errorf("repository has %d worktrees after the run, want 1:\n%s", n, r.git("worktree", "list"))
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		r.t.Fatal(err)
	}
	for _, e := range entries {
		r.t.Errorf("left behind in the temporary directory: %s", e.Name())
	}
}

// The fixture module: Work does size rounds of integer mixing, BenchmarkWork times it.
const (
	fixtureGoMod = "module example.com/abfixture\n\ngo 1.24\n"
	fixtureWork  = `package abfixture

// Work does n rounds of integer mixing.
func Work(n int) uint64 {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 29
	}
	return x
}
`
	fixtureBench = `package abfixture

import "testing"

var sink uint64

func BenchmarkWork(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Work(size)
	}
}
`
	fixtureNewBench = `package abfixture

import "testing"

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Work(10)
	}
}
`
	fixtureBroken = "package abfixture\n\nconst size int = \"not a number\"\n"
)

// fixtureSize is the file that sets the work size.
func fixtureSize(n string) string {
	return "package abfixture\n\nconst size = " + n + "\n"
}

// fixtureFiles is the fixture module with the given work size.
func fixtureFiles(size string) map[string]string {
	return map[string]string{
		"go.mod":       fixtureGoMod,
		"work.go":      fixtureWork,
		"size.go":      fixtureSize(size),
		"work_test.go": fixtureBench,
	}
}

// repository opens the repository as Run does.
func (r *gitRepo) repository(t *testing.T) repository {
	t.Helper()
	repo, err := openRepository(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	return repo
}
