package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The security review of issue 6, as tests of the files a user copies: the
// action's own steps are covered by TestActionYAML (no expression in a script,
// every input through env); these check the example workflows and the documented
// permissions.

type exampleWorkflow struct {
	On          yaml.Node         `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Steps       []step            `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflows(t *testing.T) map[string]exampleWorkflow {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "examples", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]exampleWorkflow{}
	for _, f := range files {
		if filepath.Base(f) == "cost-ops-bench.yml" { // the gate config, not a workflow
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var wf exampleWorkflow
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = wf
	}
	if len(out) == 0 {
		t.Fatal("no example workflows")
	}
	return out
}

// TestExamplesSpliceNothingIntoScripts checks that no example workflow puts an
// expression (a pull request title, a branch name, an input) into a run: script,
// where its text would be executed: values reach scripts through env.
func TestExamplesSpliceNothingIntoScripts(t *testing.T) {
	t.Parallel()
	for name, wf := range readWorkflows(t) {
		for job, j := range wf.Jobs {
			for i, s := range j.Steps {
				if strings.Contains(s.Run, "${{") {
					t.Errorf("%s: job %s step %d splices an expression into its script:\n%s", name, job, i, s.Run)
				}
			}
		}
	}
}

// leastPermissions is what the gate needs: read the code, read artifacts, write the
// pull request comment. Only the baseline refresh and the trend store write contents
// (each pushes a branch).
var leastPermissions = map[string]string{"contents": "read", "actions": "read", "pull-requests": "write"}

// TestExamplesAskLeastPermissions checks that every example declares its token's
// permissions (the repository default may be write-all) and asks for no more than
// the gate needs.
func TestExamplesAskLeastPermissions(t *testing.T) {
	t.Parallel()
	for name, wf := range readWorkflows(t) {
		if wf.Permissions == nil {
			t.Errorf("%s: no top-level permissions: the token gets the repository default", name)
		}
		perms := []map[string]string{wf.Permissions}
		for _, j := range wf.Jobs {
			perms = append(perms, j.Permissions)
		}
		for _, p := range perms {
			for scope, level := range p {
				want, ok := leastPermissions[scope]
				switch {
				case (name == "refresh-baseline.yml" || name == "trend.yml") && scope == "contents" && level == "write":
				case !ok || level == "write" && want == "read":
					t.Errorf("%s: permission %s: %s is more than the gate needs", name, scope, level)
				}
			}
		}
	}
}

// TestTokenPermissionsDocumented checks that the github-token input tells the user
// which permissions the gate needs and what happens with a read-only token.
func TestTokenPermissionsDocumented(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Inputs map[string]struct{ Description string } `yaml:"inputs"`
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	desc := a.Inputs["github-token"].Description
	for _, want := range []string{"pull-requests: write", "actions: read", "read-only token", "Masked"} {
		if !strings.Contains(desc, want) {
			t.Errorf("the github-token input does not document %q:\n%s", want, desc)
		}
	}
}
