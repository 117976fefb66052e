package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadmeSubdirectoryCommands runs the README's commands for a Go module in a
// subdirectory, as written, from the top of a scratch repository whose module is
// backend/ (with a benchmark behind //go:build bench) and a slower working tree:
// every command succeeds (compare and gate decide: 0 or 1), each writes where the
// README says, and the tagged benchmark is recorded.
func TestReadmeSubdirectoryCommands(t *testing.T) {
	if testing.Short() && !strings.EqualFold(os.Getenv("CI"), "true") {
		t.Skip("runs go test benchmarks and an A/B; skipped with -short")
	}
	if _, err := exec.LookPath("git"); err != nil {
		unavailable(t, "git: %v", err)
	}
	lines := readmeBlock(t, "`backend/`, from its top:")
	bin := buildProgram(t)
	top := t.TempDir()
	writeFile(t, filepath.Join(top, "README.md"), []byte("services\n"))
	writeFile(t, filepath.Join(top, "backend", "go.mod"), []byte("module example.com/backend\n\ngo 1.24\n"))
	writeFile(t, filepath.Join(top, "backend", "codec", "codec.go"), []byte("package codec\n\n// Encode doubles each byte.\nfunc Encode(b []byte) []byte {\n\tout := make([]byte, 0, 2*len(b))\n\tfor _, c := range b {\n\t\tout = append(out, c, c)\n\t}\n\treturn out\n}\n"))
	writeFile(t, filepath.Join(top, "backend", "codec", "codec_test.go"), []byte("package codec\n\nimport \"testing\"\n\nvar in = make([]byte, 512)\n\nfunc BenchmarkEncode(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tEncode(in)\n\t}\n}\n"))
	writeFile(t, filepath.Join(top, "backend", "codec", "decode_test.go"), []byte("//go:build bench\n\npackage codec\n\nimport \"testing\"\n\nfunc BenchmarkDecode(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\t_ = len(Encode(in[:64]))\n\t}\n}\n"))
	env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"GIT_AUTHOR_NAME=e2e", "GIT_AUTHOR_EMAIL=e2e@example.invalid", "GIT_COMMITTER_NAME=e2e", "GIT_COMMITTER_EMAIL=e2e@example.invalid"}
	for _, kv := range os.Environ() { // not this job's runner: the gate must not comment anywhere
		if !strings.HasPrefix(kv, "GITHUB_") && !strings.HasPrefix(kv, "INPUT_") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	sh := func(line string) (string, int) {
		cmd := exec.Command("bash", "-c", line)
		cmd.Dir, cmd.Env = top, env
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return string(out), exit.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return string(out), 0
	}
	for _, git := range []string{"git init -q -b main", "git add -A", "git commit -q -m backend"} {
		if out, code := sh(git); code != 0 {
			t.Fatalf("%s: exit %d\n%s", git, code, out)
		}
	}
	// The working tree encodes everything 16 times: compare and gate find it at once
	// (an A/A pair would take extra rounds on a loaded machine to be told unchanged).
	writeFile(t, filepath.Join(top, "backend", "codec", "codec.go"), []byte("package codec\n\n// Encode doubles each byte, 16 times over.\nfunc Encode(b []byte) []byte {\n\tvar out []byte\n\tfor range 16 {\n\t\tout = make([]byte, 0, 2*len(b))\n\t\tfor _, c := range b {\n\t\t\tout = append(out, c, c)\n\t\t}\n\t}\n\treturn out\n}\n"))
	for _, line := range lines {
		start := time.Now()
		out, code := sh(line)
		t.Logf("%s: exit %d in %v", line, code, time.Since(start).Round(time.Second))
		decides := strings.Contains(line, "cost-ops-bench compare ") || strings.Contains(line, "cost-ops-bench gate ")
		if code != 0 && !(decides && code == 1) {
			t.Fatalf("%s\nexit %d:\n%s", line, code, out)
		}
		if decides && !strings.Contains(out, "Encode") {
			t.Errorf("%s: the report does not list Encode:\n%s", line, out)
		}
	}
	data, err := os.ReadFile(filepath.Join(top, "backend", "benchmarks", "output", "latest.json"))
	if err != nil || !strings.Contains(string(data), `"name": "Decode`) {
		t.Errorf("backend/benchmarks/output/latest.json: %v; want the last run's Decode, behind the tag", err)
	}
	if _, err := os.Stat(filepath.Join(top, "backend", "benchmarks", "output", "report.md")); err != nil {
		t.Errorf("the gate's report: %v", err)
	}
	if _, err := os.Stat(filepath.Join(top, "benchmarks")); !os.IsNotExist(err) {
		t.Errorf("a command wrote benchmarks/ at the top: %v", err)
	}
}
