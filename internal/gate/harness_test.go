package gate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

const testToken = "ghs_gateTestToken42"

// prEvent is a pull_request payload for pull request 7 onto main.
const prEvent = `{"number":7,"pull_request":{"number":7,"base":{"ref":"main"},"head":{"ref":"feature","sha":"aaaaaaa1111111111111111111111111111111111"}},"repository":{"default_branch":"main"}}`

// harness runs the gate as the runner would: environment, event file, output and
// summary files, and an in-memory GitHub.
type harness struct {
	t      *testing.T
	dir    string
	env    map[string]string
	stdout bytes.Buffer
	gh     *fakeGitHub
}

func newHarness(t *testing.T, eventName, payload string) *harness {
	t.Helper()
	dir := t.TempDir()
	h := &harness{t: t, dir: dir, gh: &fakeGitHub{}, env: map[string]string{
		"GITHUB_EVENT_NAME":   eventName,
		"GITHUB_EVENT_PATH":   filepath.Join(dir, "event.json"),
		"GITHUB_OUTPUT":       filepath.Join(dir, "output.txt"),
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"),
		"GITHUB_REPOSITORY":   "octo/repo",
		"GITHUB_SERVER_URL":   "https://github.test",
		"GITHUB_API_URL":      "https://api.github.test",
		"GITHUB_RUN_ID":       "99",
		"GITHUB_SHA":          "bbbbbbb2222222222222222222222222222222222",
	}}
	for _, f := range []string{"output.txt", "summary.md"} {
		mustWrite(t, filepath.Join(dir, f), "")
	}
	mustWrite(t, h.env["GITHUB_EVENT_PATH"], payload)
	return h
}

// settings are the action's defaults with the token set and output in the temp dir.
func (h *harness) settings(baseline, current string) Settings {
	return Settings{GitHubToken: testToken, Baseline: baseline, Current: current, OutputDir: filepath.Join(h.dir, "out"),
		Comment: CommentAlways, FailOnRegression: "true"}
}

func (h *harness) run(s Settings) (*Outcome, error) {
	getenv := func(k string) string { return h.env[k] }
	action := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(&h.stdout))
	return Run(context.Background(), s, Deps{
		Action: action, Getenv: getenv, Stdout: &h.stdout,
		NewGitHub: func(o github.Options) (github.GitHub, error) {
			if o.Token != testToken || o.Repository != "octo/repo" || o.APIURL != "https://api.github.test" {
				h.t.Errorf("GitHub client options = %+v", o)
			}
			return h.gh, nil
		},
		FileCommit: func(context.Context, string) (string, time.Time) {
			return "cccccccc33333333333333333333333333333333", time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
		},
	})
}

// outputs parses the GITHUB_OUTPUT file (name<<delimiter, value, delimiter).
func (h *harness) outputs() map[string]string {
	h.t.Helper()
	data, err := os.ReadFile(h.env["GITHUB_OUTPUT"])
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]string{}
	lines := strings.Split(string(data), "\n")
	for i := 0; i+2 < len(lines); i++ {
		name, delim, ok := strings.Cut(lines[i], "<<")
		if !ok {
			continue
		}
		var val []string
		for i++; i < len(lines) && lines[i] != delim; i++ {
			val = append(val, lines[i])
		}
		out[name] = strings.Join(val, "\n")
	}
	return out
}

func (h *harness) summary() string {
	h.t.Helper()
	data, err := os.ReadFile(h.env["GITHUB_STEP_SUMMARY"])
	if err != nil {
		h.t.Fatal(err)
	}
	return string(data)
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// golden checks got against testdata/name (goldenfile.Check; -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}
