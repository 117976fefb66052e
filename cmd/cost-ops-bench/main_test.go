package main

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMainExitCodes builds the program and runs it as a user does: the documented
// exit codes reach the shell (go run would turn 2 into 1), and an error is one line
// on stderr with the program's name once.
func TestMainExitCodes(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "cost-ops-bench")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		args       []string
		code       int
		stdout     string // prefix
		stderrLast string
	}{
		{[]string{"--version"}, 0, "cost-ops-bench ", ""},
		{[]string{"version"}, 0, "cost-ops-bench ", ""},
		{[]string{"cost", "file.jsonl"}, 2, "", `cost-ops-bench: cost: unexpected argument "file.jsonl" (every input is a flag; see cost-ops-bench cost -h)`},
		{[]string{"compare", "--baseline", "nope.json"}, 2, "", "cost-ops-bench: compare: --current is required (it may be omitted only with --baseline ref:REV)"},
		{[]string{"frobnicate"}, 2, "", `cost-ops-bench: unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, tt.args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		if code != tt.code || !strings.HasPrefix(stdout.String(), tt.stdout) || lines[len(lines)-1] != tt.stderrLast {
			t.Errorf("cost-ops-bench %s: exit %d, stdout %q, stderr %q; want exit %d, stdout %q..., last stderr line %q",
				strings.Join(tt.args, " "), code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderrLast)
		}
	}
}
