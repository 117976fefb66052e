package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// The tests of this file hold the documentation to what it documents: the README's
// tables to action.yml, its commands to an install step, its Go version to go.mod,
// and the example workflows to what they promise.

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var tableInput = regexp.MustCompile("^\\| `([a-z-]+)` \\|")

// inputTables returns the names in the first column of every table of doc whose
// header's first cell is "Input".
func inputTables(doc string) []string {
	var names []string
	inTable := false
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "| Input |"):
			inTable = true
		case !strings.HasPrefix(line, "|"):
			inTable = false
		case inTable:
			if m := tableInput.FindStringSubmatch(line); m != nil {
				names = append(names, m[1])
			}
		}
	}
	return names
}

// TestReadmeInputTables: the input tables of README.md and examples/README.md list
// every input of action.yml, once, and nothing else.
func TestReadmeInputTables(t *testing.T) {
	t.Parallel()
	var want []string
	for in := range readAction(t).Inputs {
		want = append(want, in)
	}
	sort.Strings(want)
	for _, doc := range []string{"README.md", "examples/README.md"} {
		got := inputTables(readRepoFile(t, doc))
		sorted := slices.Clone(got)
		sort.Strings(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("%s: the input tables list %v\naction.yml has %v", doc, sorted, want)
		}
	}
}

// readmeHead is the README's opening: the main job and the tests, exactly.
const readmeHead = "# cost-ops-bench\n\n```sh\n" +
	"go run ./cmd/cost-ops-bench run     # the main job: run the benchmark suite, write benchmarks/output/\n" +
	"go test -race ./...                 # the tests (CI runs bash .ci/run: gofmt, go vet, act, then this)\n```\n"

// bareUse matches a use of the installed program: a shell line that runs it, or a
// row of the commands table.
var bareUse = regexp.MustCompile("(?m)^(?:[^#\\n]*\\| *)?cost-ops-bench (?:run|compare|cost|gate|version|history|trend|bisect|catalog|merge)\\b|^\\| `cost-ops-bench ")

// TestReadmeInstallsBeforeBareUse: the README says how to install the program
// before it first runs the bare `cost-ops-bench`, and keeps its first two commands.
func TestReadmeInstallsBeforeBareUse(t *testing.T) {
	t.Parallel()
	readme := readRepoFile(t, "README.md")
	if !strings.HasPrefix(readme, readmeHead) {
		t.Errorf("README.md does not open with the main job and the tests, exactly:\n%s", readmeHead)
	}
	install := strings.Index(readme, "\ngo install ./cmd/cost-ops-bench")
	build := strings.Index(readme, "\ngo build -o ")
	first := bareUse.FindStringIndex(readme)
	switch {
	case install < 0 || build < 0:
		t.Errorf("README.md: no `go install ./cmd/cost-ops-bench` or `go build -o` line (install %d, build %d)", install, build)
	case first == nil:
		t.Errorf("README.md never uses the installed cost-ops-bench; the test's pattern is stale")
	case first[0] < install || first[0] < build:
		t.Errorf("README.md uses the bare cost-ops-bench (%q) before saying how to install it",
			readme[first[0]:first[0]+strings.IndexByte(readme[first[0]:], '\n')])
	}
	if !strings.Contains(readme, "exit status 1") || !strings.Contains(readme, "--version") {
		t.Errorf("README.md does not say that go run hides the exit codes, or how to print the version")
	}
}

var goVersion = regexp.MustCompile(`(?m)^go (\d+\.\d+)`)
var statedVersion = regexp.MustCompile(`Go (\d+\.\d+) or newer`)

// TestGoVersionAgrees: README.md, examples/README.md and action.yml state the Go
// version go.mod asks for, and no other.
func TestGoVersionAgrees(t *testing.T) {
	t.Parallel()
	m := goVersion.FindStringSubmatch(readRepoFile(t, "go.mod"))
	if m == nil {
		t.Fatal("go.mod: no go line")
	}
	for _, doc := range []string{"README.md", "examples/README.md", "action.yml"} {
		stated := statedVersion.FindAllStringSubmatch(readRepoFile(t, doc), -1)
		if len(stated) == 0 {
			t.Errorf("%s does not state the Go version (Go %s or newer)", doc, m[1])
		}
		for _, s := range stated {
			if s[1] != m[1] {
				t.Errorf("%s says %q; go.mod says %s", doc, s[0], m[1])
			}
		}
	}
}

func TestLicense(t *testing.T) {
	t.Parallel()
	license := readRepoFile(t, "LICENSE")
	for _, want := range []string{"Apache License", "Version 2.0, January 2004", "Copyright 2026 The cost-ops-bench authors"} {
		if !strings.Contains(license, want) {
			t.Errorf("LICENSE lacks %q", want)
		}
	}
}

// workflowSteps returns the steps of the example workflow's job name.
func workflowSteps(t *testing.T, file, job string) []step {
	t.Helper()
	var wf struct {
		Jobs map[string]struct{ Steps []step } `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readRepoFile(t, "examples/"+file)), &wf); err != nil {
		t.Fatal(err)
	}
	steps := wf.Jobs[job].Steps
	if len(steps) == 0 {
		t.Fatalf("%s: no steps in job %s", file, job)
	}
	return steps
}

// TestForkCommentReadsBaseConfig: the privileged workflow_run half of the fork
// pattern reads the base repository's .cost-ops-bench.yml, from its default branch,
// alone and without credentials, before the gate runs; nothing names the fork's
// commit, branch or repository as what to check out.
func TestForkCommentReadsBaseConfig(t *testing.T) {
	t.Parallel()
	steps := workflowSteps(t, "fork-pr-comment.yml", "gate")
	checkout, gate := -1, -1
	for i, s := range steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/checkout@"):
			checkout = i
			if s.With["ref"] != "${{ github.event.repository.default_branch }}" || s.With["repository"] != "" {
				t.Errorf("checkout of ref %q repository %q; want the default branch of this repository", s.With["ref"], s.With["repository"])
			}
			if s.With["sparse-checkout"] != compare.DefaultConfigFile || s.With["sparse-checkout-cone-mode"] != "false" {
				t.Errorf("checkout of %q (cone mode %q); want %s alone", s.With["sparse-checkout"], s.With["sparse-checkout-cone-mode"], compare.DefaultConfigFile)
			}
			if s.With["persist-credentials"] != "false" {
				t.Errorf("persist-credentials = %q, want false", s.With["persist-credentials"])
			}
		case strings.HasPrefix(s.Uses, "cost-ops-bench/cost-ops-bench@"):
			gate = i
			if c := s.With["config"]; c != "" && c != compare.DefaultConfigFile {
				t.Errorf("the gate reads config %q, not the checked-out %s", c, compare.DefaultConfigFile)
			}
		}
	}
	if checkout < 0 || gate < checkout {
		t.Errorf("checkout step %d, gate step %d: the config must be checked out before the gate", checkout, gate)
	}
	if text := readRepoFile(t, "examples/fork-pr-comment.yml"); regexp.MustCompile(`workflow_run\.head_(sha|branch|repository)`).MatchString(text) {
		t.Error("fork-pr-comment.yml refers to the fork's head: it must never check it out")
	}
}

// TestTagProfilesRequireABaseline: the release profiles of the example config and of
// this repository's config fail without a baseline.
func TestTagProfilesRequireABaseline(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"examples/cost-ops-bench.yml", compare.DefaultConfigFile} {
		cfg, err := compare.LoadConfig(filepath.Join(repoRoot(t), file))
		if err != nil {
			t.Fatal(err)
		}
		tag, err := cfg.ForProfile("tag")
		if err != nil {
			t.Fatal(err)
		}
		if tag.MissingBaseline != compare.MissingFail || cfg.MissingBaseline != compare.MissingReport {
			t.Errorf("%s: missing_baseline %q, tag profile %q; want report, and fail on tags", file, cfg.MissingBaseline, tag.MissingBaseline)
		}
	}
}

// prose is text with its line breaks, comment markers and runs of spaces made one
// space, so that a phrase wrapped across lines is found.
func prose(text string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(text, "\n#", " ")), " ")
}

// TestRefreshBaselineFirstUse runs the script of refresh-baseline.yml in a
// repository that has no baselines/ folder yet, against a local remote and a fake
// gh: it must push a branch with the new baselines/main.json and ask for a pull
// request. The example and the README name the repository setting it needs.
func TestRefreshBaselineFirstUse(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		unavailable(t, "git is not installed")
	}
	steps := workflowSteps(t, "refresh-baseline.yml", "refresh")
	script := steps[len(steps)-1].Run
	if !strings.Contains(script, "gh pr create") {
		t.Fatalf("the last step is not the one that opens the pull request:\n%s", script)
	}
	const setting = "Allow GitHub Actions to create and approve pull requests"
	for _, doc := range []string{"examples/refresh-baseline.yml", "README.md", "examples/README.md"} {
		if !strings.Contains(prose(readRepoFile(t, doc)), setting) {
			t.Errorf("%s does not name the setting %q", doc, setting)
		}
	}

	dir := t.TempDir()
	remote, work, bin := filepath.Join(dir, "remote.git"), filepath.Join(dir, "work"), filepath.Join(dir, "bin")
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	run := func(wd string, args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Env = wd, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run(dir, "git", "init", "-q", "--bare", "-b", "main", remote)
	run(dir, "git", "clone", "-q", remote, work)
	writeFile(t, filepath.Join(work, "go.mod"), []byte("module example\n"))
	run(work, "git", "add", "-A")
	run(work, "git", "commit", "-q", "-m", "first")
	run(work, "git", "push", "-q", "origin", "HEAD:main")
	result := filepath.Join(dir, "latest.json")
	writeFile(t, result, []byte(`{"schema_version":1}`+"\n"))
	writeFile(t, filepath.Join(bin, "gh"), []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$GH_ARGS\"\n"))
	if err := os.Chmod(filepath.Join(bin, "gh"), 0o755); err != nil {
		t.Fatal(err)
	}
	ghArgs := filepath.Join(dir, "gh-args")
	env = append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GH_ARGS="+ghArgs,
		"RESULT="+result, "BRANCH=bench/refresh-baseline-1", "GITHUB_RUN_ID=1", "GH_TOKEN=unused")
	run(work, "bash", "-euo", "pipefail", "-c", script)

	if got := run(remote, "git", "show", "bench/refresh-baseline-1:baselines/main.json"); got != `{"schema_version":1}`+"\n" {
		t.Errorf("pushed baselines/main.json = %q, want the result", got)
	}
	args, err := os.ReadFile(ghArgs)
	if err != nil || !strings.HasPrefix(string(args), "pr\ncreate\n") {
		t.Errorf("gh was called with %q (%v), want pr create", args, err)
	}
}
