package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

const (
	repoName = "octo/bench"
	prNumber = 7
	token    = "e2e-token-0123456789abcdef"
	runID    = "4242"
	headSHA  = "1234567890abcdef1234567890abcdef12345678"
)

// TestAction runs action.yml four times on one pull request: a passing result, a
// regression, the same regression with fail-on-regression false, and a pass under
// a read-only token with a new key (the comment is refused; the job still passes).
func TestAction(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	gh.seed(120) // other people's comments: the gate must read past the first page
	repo := newRepo(t)

	pass := runAct(t, act, repo, gh, "current-pass.json", "true")
	if pass.err != nil {
		t.Fatalf("run 1 (pass): job failed: %v\n%s", pass.err, pass.text())
	}
	comments := gh.gateComments()
	if len(comments) != 1 {
		t.Fatalf("after run 1: %d gate comments, want 1", len(comments))
	}
	if n := gh.count("GET "); n < 2 {
		t.Errorf("run 1 read %d page(s) of comments, want every page (2)", n)
	}
	wantOutputs(t, "run 1", pass.outputs, map[string]string{
		"verdict": "pass", "regressions": "0", "failing": "0", "improvements": "0",
		"comment-url": comments[0].HTMLURL, "result-path": "fixtures/current-pass.json",
		"report-path": "benchmarks/output/report.md",
	})

	if !strings.Contains(pass.text(), "cost-ops-bench: built ") {
		t.Errorf("run 1: the action did not build the program\n%s", pass.text())
	}

	reg := runAct(t, act, repo, gh, "current-regression.json", "true")
	if !strings.Contains(reg.text(), "cost-ops-bench: using the cached build ") || strings.Contains(reg.text(), "cost-ops-bench: built ") {
		t.Errorf("run 2: the action built the program again instead of using the tool cache\n%s", reg.text())
	}
	if reg.err == nil {
		t.Fatalf("run 2 (regression): the job succeeded, want it failed\n%s", reg.text())
	}
	comments = gh.gateComments()
	if len(comments) != 1 || gh.count("POST ") != 1 || gh.count("PATCH ") != 1 {
		t.Fatalf("after run 2: %d gate comments, %d POST, %d PATCH; want 1 comment created once and edited once",
			len(comments), gh.count("POST "), gh.count("PATCH "))
	}
	wantOutputs(t, "run 2", reg.outputs, map[string]string{
		"verdict": "regression", "regressions": "1", "failing": "1", "improvements": "1", "comment-url": comments[0].HTMLURL,
	})
	body := comments[0].Body
	if strings.Contains(body, "@octocat") || !strings.Contains(body, "tiered") {
		t.Errorf("comment: a benchmark name pings a person, or the new benchmark is missing:\n%s", body)
	}
	golden(t, "comment-regression.golden", normalize(body, gh))
	golden(t, "summary-regression.golden", normalize(reg.summary, gh))

	soft := runAct(t, act, repo, gh, "current-regression.json", "false")
	if soft.err != nil {
		t.Fatalf("run 3 (fail-on-regression false): job failed: %v\n%s", soft.err, soft.text())
	}
	wantOutputs(t, "run 3", soft.outputs, map[string]string{"verdict": "regression"})
	if n := len(gh.gateComments()); n != 1 {
		t.Errorf("after run 3: %d gate comments, want 1", n)
	}
	// A fork's read-only token: a new key would need a new comment, which is refused.
	gh.setReadOnly(true)
	fork := runActKey(t, act, repo, gh, "current-pass.json", "true", "fork")
	if fork.err != nil {
		t.Fatalf("run 4 (read-only token): the job failed, want the verdict (pass) to decide: %v\n%s", fork.err, fork.text())
	}
	if !strings.Contains(fork.text(), "cannot comment on pull request #7") || !strings.Contains(fork.summary, "No significant change") {
		t.Errorf("run 4: want a warning and the report in the job summary\n%s", fork.text())
	}
	wantOutputs(t, "run 4", fork.outputs, map[string]string{"verdict": "pass", "comment-url": ""})
	if n := len(gh.gateComments()); n != 1 {
		t.Errorf("after run 4: %d gate comments, want 1", n)
	}
	for _, r := range []*actRun{pass, reg, soft, fork} {
		if r.leaksToken() {
			t.Errorf("the token appears in the job log")
		}
	}
}

// newRepo makes a git repository holding a copy of this action and the fixtures.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	copyAction(t, repoRoot(t), dir)
	for _, f := range []string{"base.json", "current-pass.json", "current-regression.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "fixtures", f), data)
	}
	writeFile(t, filepath.Join(dir, ".github", "workflows", "gate.yml"), []byte(workflow("current-pass.json", "true", "")))
	gitIn(t, dir, "init", "-q", "-b", "feature")
	commitAll(t, dir, "e2e")
	return dir
}

// workflow is the workflow a user writes: check out, then use the action.
func workflow(current, failOn, key string) string {
	return `name: gate
on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: gate
        uses: ./
        with:
          baseline: fixtures/base.json
          current: fixtures/` + current + `
          fail-on-regression: "` + failOn + `"
          key: "` + key + `"
` + outputsStep("verdict", "regressions", "failing", "improvements", "report-path", "result-path", "comment-url")
}

// actRun is one act run: its error (nil when the job succeeded), JSON log,
// outputs and job summary.
type actRun struct {
	err     error
	log     []byte
	outputs map[string]string
	summary string
}

func runAct(t *testing.T, act, repo string, gh *fakeGitHub, current, failOn string) *actRun {
	t.Helper()
	return runActKey(t, act, repo, gh, current, failOn, "")
}

func runActKey(t *testing.T, act, repo string, gh *fakeGitHub, current, failOn, key string) *actRun {
	t.Helper()
	return runPR(t, act, repo, gh, workflow(current, failOn, key), "")
}

// execAct runs act on repo's gate.yml for the pull_request event in the file event
// (execActEvent).
func execAct(t *testing.T, act, repo, tmp, event string, gh *fakeGitHub) *actRun {
	t.Helper()
	return execActEvent(t, act, repo, tmp, "pull_request", event, gh)
}

// execActEvent runs act on repo's gate.yml for the event eventName described in
// the file event, in host mode and offline, against gh, with env (NAME=value) added
// to the job's environment; tmp receives the outputs and act's configuration. A run
// that does not finish, or act that does not start, fails t; a failed job does not.
func execActEvent(t *testing.T, act, repo, tmp, eventName, event string, gh *fakeGitHub, env ...string) *actRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute) // the first run builds the action cold
	defer cancel()
	args := []string{eventName, "--json",
		"-W", ".github/workflows/gate.yml", "-e", event,
		"-P", "ubuntu-latest=-self-hosted", "--action-offline-mode", "--pull=false", "--no-cache-server",
		"--env", "GITHUB_API_URL=" + gh.APIURL(), "--env", "GITHUB_SERVER_URL=" + gh.srv.URL,
		"--env", "GITHUB_REPOSITORY=" + repoName, "--env", "GITHUB_RUN_ID=" + runID,
		"--env", "E2E_OUT=" + tmp, "-s", "GITHUB_TOKEN=" + token}
	for _, e := range env {
		args = append(args, "--env", e)
	}
	cmd := exec.CommandContext(ctx, act, args...)
	cmd.Dir = repo
	// act's caches, the runner's tool cache among them, last as long as the test's
	// repository: the action's build is kept there from one run to the next.
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(filepath.Dir(repo), "act-cache"), "XDG_CONFIG_HOME="+filepath.Join(tmp, "config"),
		"GOCACHE="+goEnv(t, "GOCACHE"), "GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOFLAGS=-mod=readonly")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	r := &actRun{err: cmd.Run(), log: stdout.Bytes()}
	if ctx.Err() != nil {
		t.Fatalf("act did not finish in time\n%s", r.text())
	}
	var exitErr *exec.ExitError
	if r.err != nil && !errors.As(r.err, &exitErr) {
		t.Fatalf("running act %s: %v", act, r.err)
	}
	return r
}

func readOutputs(t *testing.T, path string, r *actRun) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the outputs step did not run: %v\n%s", err, r.text())
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}

// logLine is the part of act's JSON log lines the test reads.
type logLine struct {
	Msg     string   `json:"msg"`
	Command string   `json:"command"`
	Content string   `json:"content"`
	StepID  []string `json:"stepID"`
}

func (r *actRun) lines() []logLine {
	var out []logLine
	sc := bufio.NewScanner(bytes.NewReader(r.log))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var l logLine
		if json.Unmarshal(sc.Bytes(), &l) == nil {
			out = append(out, l)
		}
	}
	return out
}

// findSummary returns the job summary the gate step wrote.
func (r *actRun) findSummary() string {
	for _, l := range r.lines() {
		if l.Command == "summary" && strings.Join(l.StepID, "/") == "gate/gate" {
			return l.Content
		}
	}
	return ""
}

// text is the human log, for failure messages: the msg of JSON lines, and the
// other lines as they are.
func (r *actRun) text() string {
	var b strings.Builder
	for _, line := range strings.Split(string(r.log), "\n") {
		var l logLine
		if json.Unmarshal([]byte(line), &l) == nil {
			line = l.Msg
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// leaksToken reports whether the token shows in what the job log displays.
func (r *actRun) leaksToken() bool {
	for _, l := range r.lines() {
		if strings.Contains(l.Msg, token) || strings.Contains(l.Content, token) {
			return true
		}
	}
	return false
}

func wantOutputs(t *testing.T, run string, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: output %s = %q, want %q", run, k, got[k], v)
		}
	}
}

var shortSHA = regexp.MustCompile("at `[0-9a-f]{12}`")

// normalize replaces what changes from run to run: the fake server's address and
// the temporary repository's commit.
func normalize(s string, gh *fakeGitHub) string {
	s = strings.ReplaceAll(s, gh.srv.URL, "http://fake-github")
	return shortSHA.ReplaceAllString(s, "at `<sha>`")
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// golden checks got against testdata/name (goldenfile.Check; -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}
