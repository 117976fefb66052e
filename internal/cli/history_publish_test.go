package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func publishEnv(vars map[string]string) (Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return vars[k] }}, &out, &errOut
}

// TestHistoryPublish: on a push to the default branch the run goes to the store
// branch of the remote and the trend to the job summary; on other events nothing
// is pushed and the log says why.
func TestHistoryPublish(t *testing.T) {
	root := t.TempDir()
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(cmd.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	bare, clone := filepath.Join(root, "remote.git"), filepath.Join(root, "clone")
	git(root, "init", "--quiet", "--bare", "--initial-branch=main", bare)
	git(root, "clone", "--quiet", bare, clone)
	git(clone, "commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", "code")
	git(clone, "push", "--quiet", "origin", "main")
	head := git(clone, "rev-parse", "HEAD")
	result, _ := filepath.Abs("testdata/trend-result.json")
	event := filepath.Join(root, "event.json")
	os.WriteFile(event, []byte(`{"repository":{"default_branch":"main"}}`), 0o644)
	summary := filepath.Join(root, "summary.md")
	vars := map[string]string{
		"GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/main", "GITHUB_EVENT_PATH": event,
		"GITHUB_SHA": head, "GITHUB_STEP_SUMMARY": summary, "COST_OPS_BENCH_RESULT": result,
		"INPUT_HISTORY": "on-push", "INPUT_HISTORY-RECENT": "3",
	}
	t.Chdir(clone)

	env, out, errOut := publishEnv(vars)
	if err := Run(context.Background(), []string{"history", "publish"}, env); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	files := strings.Fields(git(bare, "ls-tree", "-r", "--name-only", "cost-ops-bench-data"))
	if len(files) != 2 || files[0] != "index.html" || !strings.Contains(files[1], "-"+head[:12]+"-") {
		t.Errorf("store branch holds %v, want index.html and the run of %s", files, head[:12])
	}
	if s, _ := os.ReadFile(summary); !strings.Contains(string(s), "## Benchmark trends") || !strings.Contains(out.String(), "1 run ·") {
		t.Errorf("summary:\n%s\nstdout:\n%s", s, out.String())
	}

	// A pull request, or a push elsewhere: nothing is added.
	for name, v := range map[string]map[string]string{
		"pull_request":   {"GITHUB_EVENT_NAME": "pull_request"},
		"feature branch": {"GITHUB_REF": "refs/heads/feature"},
		"off":            {"INPUT_HISTORY": "off"},
	} {
		vs := map[string]string{}
		for k, x := range vars {
			vs[k] = x
		}
		for k, x := range v {
			vs[k] = x
		}
		env, _, errOut := publishEnv(vs)
		if err := Run(context.Background(), []string{"history", "publish"}, env); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name != "off" && !strings.Contains(errOut.String(), "not adding the run") {
			t.Errorf("%s: log does not say why nothing was added: %q", name, errOut.String())
		}
	}
	if n := git(bare, "rev-list", "--count", "cost-ops-bench-data"); n != "1" {
		t.Errorf("store branch has %s commits, want 1", n)
	}

	for _, tc := range []struct {
		set  map[string]string
		want string
	}{
		{map[string]string{"INPUT_HISTORY-RECENT": "zero"}, "history-recent"},
		{map[string]string{"INPUT_HISTORY-FAIL-ON-CHANGE": "maybe"}, "history-fail-on-change"},
		{map[string]string{"INPUT_HISTORY": "sometimes"}, `history: "sometimes"`},
		{map[string]string{"COST_OPS_BENCH_RESULT": ""}, "--result"},
		{map[string]string{"COST_OPS_BENCH_RESULT": filepath.Join(root, "nope.json")}, "nope.json"},
	} {
		vs := map[string]string{}
		for k, x := range vars {
			vs[k] = x
		}
		for k, x := range tc.set {
			vs[k] = x
		}
		env, _, _ := publishEnv(vs)
		err := Run(context.Background(), []string{"history", "publish"}, env)
		if ExitCode(err) != ExitBadInput || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want exit 2 naming %q", tc.set, err, tc.want)
		}
	}
}
