package gate

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// TestShardSameRunnerKeepsPairsTogether runs one shard job of a same-runner A/B
// matrix on a clone of this repository: both sides of exactly the shard's part are
// measured on this runner, and nothing is compared or posted. It builds the program
// twice, so it does not run in parallel.
func TestShardSameRunnerKeepsPairsTogether(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program twice; -short skips it")
	}
	repo := filepath.Join(t.TempDir(), "repo")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = filepath.Dir(repo)
		if args[0] != "clone" {
			cmd.Dir = repo
		}
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=gate test", "GIT_AUTHOR_EMAIL=gate@example.com",
			"GIT_COMMITTER_NAME=gate test", "GIT_COMMITTER_EMAIL=gate@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatalf("not in a git checkout: %v", err)
	}
	git("clone", "--quiet", strings.TrimSpace(string(top)), repo)
	mustWrite(t, filepath.Join(repo, "note.txt"), "the current side\n")
	git("add", "note.txt")
	git("commit", "--quiet", "-m", "the current side")

	h := newHarness(t, "pull_request", prEvent)
	h.env["GITHUB_WORKSPACE"] = repo
	s := h.settings("ref:HEAD~1", "")
	s.Shard, s.Filter = "2/3", "multi_provider"
	s.SameRunner = samerunner.Settings{Suite: "builtin", Rounds: "2", RunArgs: "--quick"}
	suite := &fakeSuite{}
	out, err := h.runWithSuite(s, suite.run)
	if err != nil {
		t.Fatalf("%v\n%s", err, h.stdout.String())
	}
	var order []string
	for _, b := range bench.Suite().All() {
		if strings.Contains(b.Name, "multi_provider") {
			order = append(order, b.Name)
		}
	}
	want := bench.Shard{K: 2, N: 3}.Pick(order, nil)
	for _, path := range []string{out.ResultPath, filepath.Join(s.OutputDir, "baseline.json")} {
		doc, err := formats.LoadFile(path, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range doc.Results {
			got = append(got, r.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s holds %q, want shard 2/3 of the filtered suite, %q", path, got, want)
		}
	}
	if len(suite.filters) != 0 || len(h.gh.calls) != 0 || h.summary() != "" || out.Verdict != "" {
		t.Errorf("the shard job ran the plain suite %v, called GitHub %v, wrote a summary or decided %q", suite.filters, h.gh.calls, out.Verdict)
	}
	if !strings.Contains(h.stdout.String(), "shard 2/3: 2 of 7 benchmark(s) (balanced by name) written to "+out.ResultPath+" and, for ref:HEAD~1, ") {
		t.Errorf("stdout:\n%s", h.stdout.String())
	}
}
