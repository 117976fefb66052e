package samerunner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// waitDelay bounds how long a killed command may hold its output pipes open.
const waitDelay = 5 * time.Second

// command runs name with args in dir and returns its standard output. On failure the
// error carries the command line and the tail of its standard error.
func command(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	cmd.WaitDelay = waitDelay
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err != nil {
		if ctx.Err() != nil {
			return stdout.Bytes(), ctx.Err()
		}
		return stdout.Bytes(), &CommandError{Args: append([]string{name}, args...), Dir: dir, Err: err, Stderr: tail(stderr.String(), 20)}
	}
	return stdout.Bytes(), nil
}

// CommandError is a command that ran and failed: a build that does not compile, a
// benchmark that panicked, a git command refused.
type CommandError struct {
	Args   []string // the command line
	Dir    string   // the directory it ran in
	Err    error    // the exit status
	Stderr string   // the last lines of its standard error
}

func (e *CommandError) Error() string {
	msg := fmt.Sprintf("%s: %v", e.name(), e.Err)
	if e.Stderr != "" {
		msg += ":\n" + e.Stderr
	}
	return msg
}

// name is the command and its subcommand, without the temporary paths of the full
// command line: "go test", "git worktree", "cost-ops-bench run".
func (e *CommandError) name() string {
	name := filepath.Base(e.Args[0])
	if len(e.Args) > 1 && !strings.HasPrefix(e.Args[1], "-") {
		name += " " + e.Args[1]
	}
	return name
}

// brief is the one line that tells what went wrong: the exit status and the first
// line of the command's error output that is not a package header.
func brief(err error) string {
	var cerr *CommandError
	if !errors.As(err, &cerr) {
		line, _, _ := strings.Cut(err.Error(), "\n")
		return line
	}
	lines := strings.Split(cerr.Stderr, "\n")
	for _, line := range lines { // a failing test binary: its FAIL or panic line
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "panic:") {
			return fmt.Sprintf("%s: %v: %s", cerr.name(), cerr.Err, line)
		}
	}
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line != "" && line != "..." && !strings.HasPrefix(line, "#") {
			return fmt.Sprintf("%s: %v: %s", cerr.name(), cerr.Err, line)
		}
	}
	return fmt.Sprintf("%s: %v", cerr.name(), cerr.Err)
}

func (e *CommandError) Unwrap() error { return e.Err }

// tail returns the last n lines of s, trimmed.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
