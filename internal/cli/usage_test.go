package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runArgs runs the command line args in memory and returns what main would print:
// stdout, stderr (with main's last line, "cost-ops-bench: " and Message), and the
// exit code.
func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), args, Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	if msg := Message(err); msg != "" {
		errOut.WriteString(programName + ": " + msg + "\n")
	}
	return out.String(), errOut.String(), ExitCode(err)
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"version", "--version", "-version"} {
		stdout, stderr, code := runArgs(t, arg)
		if want := "cost-ops-bench " + Version + "\n"; stdout != want || stderr != "" || code != ExitPass {
			t.Errorf("%s: stdout %q, stderr %q, exit %d; want %q, nothing, 0", arg, stdout, stderr, code, want)
		}
	}
}

// TestUsageErrorsSaidOnce: a mistake on the command line is said once, as the last
// line, with the program's name once; the command's usage comes before it.
func TestUsageErrorsSaidOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantLast string
		usage    string // printed before the error, "" for none
	}{
		{"positional file", []string{"cost", "file.jsonl"},
			`cost-ops-bench: cost: unexpected argument "file.jsonl" (every input is a flag; see cost-ops-bench cost -h)`, ""},
		{"unknown flag", []string{"cost", "--bogus"},
			"cost-ops-bench: cost: flag provided but not defined: -bogus", "usage: cost-ops-bench cost"},
		{"bad flag value", []string{"run", "--samples", "many"},
			`cost-ops-bench: run: invalid value "many" for flag -samples: parse error`, "-sample-time"},
		{"unknown flag of compare", []string{"compare", "--curent", "x"},
			"cost-ops-bench: compare: flag provided but not defined: -curent", "usage: cost-ops-bench compare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := runArgs(t, tt.args...)
			if code != ExitBadInput || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if last := lines[len(lines)-1]; last != tt.wantLast {
				t.Errorf("last line of stderr = %q, want %q", last, tt.wantLast)
			}
			core := tt.wantLast[strings.LastIndex(tt.wantLast, ": ")+2:]
			if n := strings.Count(stderr, core); n != 1 {
				t.Errorf("stderr says %q %d times, want once:\n%s", core, n, stderr)
			}
			if n := strings.Count(stderr, "cost-ops-bench: cost-ops-bench"); n != 0 {
				t.Errorf("the program's name is doubled:\n%s", stderr)
			}
			if tt.usage != "" && !strings.Contains(stderr, tt.usage) {
				t.Errorf("stderr has no usage (%q):\n%s", tt.usage, stderr)
			}
		})
	}
}

// TestHelpIsNotAnError: -h prints the command's usage and exits 0 without an
// error line.
func TestHelpIsNotAnError(t *testing.T) {
	t.Parallel()
	_, stderr, code := runArgs(t, "cost", "-h")
	if code != ExitPass || !strings.HasPrefix(stderr, "usage: cost-ops-bench cost") || strings.Contains(stderr, "cost-ops-bench: ") {
		t.Errorf("cost -h: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestRunOutputCheckedFirst: an --output that cannot hold the results is refused
// before the suite runs (no progress line), not after.
func TestRunOutputCheckedFirst(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "results.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, want string
	}{
		{"a regular file", file, "run: --output: " + file + " is not a directory"},
		{"under a regular file", filepath.Join(file, "out"), "run: --output: " + filepath.Join(file, "out") + ": " + file + " is not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, err := runCmd(t, "--output", tt.dir, "--filter", "single_cost_calculation")
			if ExitCode(err) != ExitBadInput || err.Error() != tt.want {
				t.Fatalf("error %v (exit %d), want %q", err, ExitCode(err), tt.want)
			}
			if stdout != "" || stderr != "" {
				t.Errorf("the suite ran before the output was checked: stdout %q, stderr %q", stdout, stderr)
			}
		})
	}
	// A directory that does not exist yet is fine, and the check leaves nothing behind.
	dir := filepath.Join(t.TempDir(), "new", "out")
	if err := checkOutputDir(dir); err != nil {
		t.Errorf("checkOutputDir(%s) = %v, want nil", dir, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(filepath.Dir(dir))); len(entries) != 0 {
		t.Errorf("the check left %v behind", entries)
	}
}
