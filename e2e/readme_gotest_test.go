package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeBlock returns the lines of the first ```sh block after the line marker
// of README.md.
func readmeBlock(t *testing.T, marker string) []string {
	t.Helper()
	readme := readRepoFile(t, "README.md")
	i := strings.Index(readme, "\n"+marker+"\n")
	if i < 0 {
		t.Fatalf("README.md has no line %q", marker)
	}
	rest := readme[i:]
	start := strings.Index(rest, "```sh\n")
	end := strings.Index(rest[start+6:], "```")
	if start < 0 || end < 0 {
		t.Fatalf("README.md: no ```sh block after %q", marker)
	}
	return strings.Split(strings.TrimSpace(rest[start+6:start+6+end]), "\n")
}

// TestReadmeGoTestCommands runs the README's commands for gating your own Go
// benchmarks, as written, in a scratch module with a codec package: every command
// succeeds, and compare decides (0 or 1; 2 would be bad input).
func TestReadmeGoTestCommands(t *testing.T) {
	if testing.Short() && !strings.EqualFold(os.Getenv("CI"), "true") {
		t.Skip("runs go test benchmarks several times; skipped with -short")
	}
	lines := readmeBlock(t, "On your machine, in your module:")
	bin := buildProgram(t)
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), []byte("module example.com/yours\n\ngo 1.24\n"))
	writeFile(t, filepath.Join(mod, "codec", "codec.go"), []byte("package codec\n\n// Encode doubles each byte.\nfunc Encode(b []byte) []byte {\n\tout := make([]byte, 0, 2*len(b))\n\tfor _, c := range b {\n\t\tout = append(out, c, c)\n\t}\n\treturn out\n}\n"))
	writeFile(t, filepath.Join(mod, "codec", "codec_test.go"), []byte("package codec\n\nimport \"testing\"\n\nvar in = make([]byte, 512)\n\nfunc BenchmarkEncode(b *testing.B) {\n\tb.SetBytes(int64(len(in)))\n\tfor i := 0; i < b.N; i++ {\n\t\tEncode(in)\n\t}\n}\n\nfunc BenchmarkParse(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\t_ = len(Encode(in[:64]))\n\t}\n}\n"))
	for _, line := range lines {
		cmd := exec.Command("bash", "-c", line)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		code := 0
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		decides := strings.HasPrefix(line, "cost-ops-bench compare ")
		if code != 0 && !(decides && code == 1) {
			t.Fatalf("%s\nexit %d:\n%s", line, code, out)
		}
		if decides && !strings.Contains(string(out), "Encode") {
			t.Errorf("%s: the report does not list Encode:\n%s", line, out)
		}
	}
	for _, f := range []string{"baselines/bench.json", "benchmarks/output/latest.json", "new.txt"} {
		if _, err := os.Stat(filepath.Join(mod, f)); err != nil {
			t.Error(err)
		}
	}
}
