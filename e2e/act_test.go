package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the checkout this test belongs to.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// actBinary returns act: $ACT, else .ci/bin/act, else built from tools/go.mod.
// In CI (CI=true) a missing act fails the test; elsewhere it skips.
func actBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ACT"); p != "" {
		return p
	}
	root := repoRoot(t)
	if p := filepath.Join(root, ".ci", "bin", "act"); isExecutable(p) {
		return p
	}
	out := filepath.Join(t.TempDir(), "act")
	cmd := exec.Command("go", "build", "-o", out, "github.com/nektos/act")
	cmd.Dir = filepath.Join(root, "tools")
	if msg, err := cmd.CombinedOutput(); err != nil {
		unavailable(t, "building act from tools/go.mod: %v\n%s", err, msg)
	}
	return out
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// unavailable fails in CI and skips elsewhere: CI must run this test.
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	if strings.EqualFold(os.Getenv("CI"), "true") {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// goEnv returns `go env name`.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// requireEndToEnd skips a test that builds and runs act under -short, except in CI,
// which must run it.
func requireEndToEnd(t *testing.T) {
	t.Helper()
	if testing.Short() && !strings.EqualFold(os.Getenv("CI"), "true") {
		t.Skip("the end-to-end test builds and runs act; skipped with -short")
	}
}

// gitIn runs git in dir as the tests' author, at a fixed date, and returns its
// output without surrounding space; a failing git fails t.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z",
		"GIT_AUTHOR_NAME=e2e", "GIT_AUTHOR_EMAIL=e2e@example.invalid", "GIT_COMMITTER_NAME=e2e", "GIT_COMMITTER_EMAIL=e2e@example.invalid")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// commitAll commits everything in repo's working tree with message msg.
func commitAll(t *testing.T, repo, msg string) {
	t.Helper()
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "-m", msg)
}

// outputsStep is the workflow step, after the gate step (id: gate), that writes the
// named outputs of the gate to $E2E_OUT/outputs.txt, one name=value a line, for
// readOutputs; it runs whether the gate failed or not.
func outputsStep(names ...string) string {
	var env, echo strings.Builder
	for _, n := range names {
		v := strings.ToUpper(strings.ReplaceAll(n, "-", "_"))
		fmt.Fprintf(&env, "          %s: ${{ steps.gate.outputs.%s }}\n", v, n)
		fmt.Fprintf(&echo, "            echo \"%s=$%s\"\n", n, v)
	}
	return "      - if: always()\n        shell: bash\n        env:\n" + env.String() +
		"        run: |\n          {\n" + echo.String() + "          } > \"$E2E_OUT/outputs.txt\"\n"
}

// prEvent writes into dir the pull_request event of the tests' pull request, with
// baseSHA as the base commit when it is not empty, and returns the file's path.
func prEvent(t *testing.T, dir, baseSHA string) string {
	t.Helper()
	base := `{"ref":"main"}`
	if baseSHA != "" {
		base = fmt.Sprintf(`{"ref":"main","sha":%q}`, baseSHA)
	}
	path := filepath.Join(dir, "event.json")
	writeFile(t, path, []byte(fmt.Sprintf(`{"number":%d,"pull_request":{"number":%d,"base":%s,"head":{"ref":"feature","sha":%q}},"repository":{"default_branch":"main","full_name":%q}}`,
		prNumber, prNumber, base, headSHA, repoName)))
	return path
}

// runPR writes workflow as repo's gate.yml, runs it under act on the tests' pull
// request (base commit baseSHA, if any) and reads the outputs its outputsStep wrote
// and the job summary.
func runPR(t *testing.T, act, repo string, gh *fakeGitHub, workflow, baseSHA string) *actRun {
	t.Helper()
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(workflow))
	tmp := t.TempDir()
	r := execAct(t, act, repo, tmp, prEvent(t, tmp, baseSHA), gh)
	r.outputs = readOutputs(t, filepath.Join(tmp, "outputs.txt"), r)
	r.summary = r.findSummary()
	return r
}

// buildProgram builds this repository's cost-ops-bench into a directory of its own,
// as a user installs it, and returns that directory (for PATH).
func buildProgram(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "cost-ops-bench"), "./cmd/cost-ops-bench")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building cost-ops-bench: %v\n%s", err, out)
	}
	return dir
}
