package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBisectFindsSlowdown: in a temporary repository whose benchmark does eight times
// the work from a known commit on, bisect with the same-runner A/B at each step names
// that commit, printing each step.
func TestBisectFindsSlowdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a module's benchmarks at several commits")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		c := exec.Command("git", args...)
		c.Dir = dir
		c.Env = append(c.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "--quiet", "--initial-branch=main")
	write("go.mod", "module example.com/bisectfixture\n\ngo 1.24\n")
	write("work.go", "package fixture\n\n// Work does n rounds of integer mixing.\nfunc Work(n int) uint64 {\n\tx := uint64(1)\n\tfor i := 0; i < n; i++ {\n\t\tx = x*6364136223846793005 + 1442695040888963407\n\t\tx ^= x >> 29\n\t}\n\treturn x\n}\n")
	write("work_test.go", "package fixture\n\nimport \"testing\"\n\nvar sink uint64\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work(size)\n\t}\n}\n")
	var commits []string
	for i := range 7 {
		// Eight times the work from change e on: a change far above what a busy
		// machine's noise makes of one revision against itself (up to 2x seen).
		size := "1000"
		if i >= 4 {
			size = "8000"
		}
		write("size.go", "package fixture\n\nconst size = "+size+"\n")
		write("notes.txt", strings.Repeat("x", i+1))
		git("add", "-A")
		git("commit", "--quiet", "--no-gpg-sign", "-m", "change "+string(rune('a'+i)))
		commits = append(commits, git("rev-parse", "HEAD"))
	}
	t.Chdir(dir)
	stdout, stderr, err := cmd(t, "bisect", "--good", commits[0], "--bad", commits[6], "--benchmark", "BenchmarkWork",
		"--suite", "go-test", "--benchtime", "3000x", "--rounds", "6")
	if err != nil {
		t.Fatalf("bisect: %v\n%s", err, stderr)
	}
	t.Logf("%s%s", stderr, stdout)
	if !strings.Contains(stdout, "at "+commits[4]+" change e") {
		t.Errorf("culprit: %q, want %s (change e)", stdout, commits[4])
	}
	if !strings.Contains(stderr, "step 1:") || !strings.Contains(stderr, "step 2:") {
		t.Errorf("steps not printed:\n%s", stderr)
	}
}

func TestBisectBadInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bisect", "--bad", "HEAD", "--benchmark", "x"}, "--good"},
		{[]string{"bisect", "--good", "HEAD~1", "--benchmark", "x"}, "--bad"},
		{[]string{"bisect", "--good", "HEAD~1", "--bad", "HEAD"}, "--benchmark"},
		{[]string{"bisect", "--good", "HEAD~1", "--bad", "HEAD", "--benchmark", "x", "--rounds", "0"}, "rounds"},
		{[]string{"bisect", "--good", "no-such-rev", "--bad", "HEAD", "--benchmark", "x"}, `--good: "no-such-rev"`},
	} {
		_, _, err := cmd(t, tc.args...)
		if ExitCode(err) != ExitBadInput || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want exit 2 naming %q", tc.args, err, tc.want)
		}
	}
}
