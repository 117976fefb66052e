package e2e

import (
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
