package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

type actionFile struct {
	Inputs  map[string]struct{ Default string } `yaml:"inputs"`
	Outputs map[string]struct{ Value string }   `yaml:"outputs"`
	Runs    struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

type step struct {
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// contractInputs and contractOutputs are the design contract's names.
var (
	contractInputs  = []string{"github-token", "baseline", "current", "config", "filter", "output-dir", "comment", "fail-on-regression", "key"}
	contractOutputs = []string{"verdict", "regressions", "failing", "improvements", "report-path", "result-path", "comment-url"}
)

func TestActionYAML(t *testing.T) {
	t.Parallel()
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, in := range contractInputs {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("input %s of the contract is missing", in)
		}
	}
	for _, out := range contractOutputs {
		if a.Outputs[out].Value != "${{ steps.gate.outputs."+out+" }}" {
			t.Errorf("output %s = %q, want the gate step's output", out, a.Outputs[out].Value)
		}
	}
	if a.Inputs["github-token"].Default != "${{ github.token }}" {
		t.Errorf("github-token defaults to %q, want github.token", a.Inputs["github-token"].Default)
	}
	var gate *step
	for i, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %s splices an expression into its script: pass it through env", s.ID)
		}
		if s.ID == "gate" {
			gate = &a.Runs.Steps[i]
		}
	}
	if gate == nil {
		t.Fatal("no step with id gate")
	}
	for in := range a.Inputs {
		// go-githubactions reads INPUT_ + the name upper-cased, spaces as _, hyphens kept.
		env := "INPUT_" + strings.ToUpper(strings.ReplaceAll(in, " ", "_"))
		if gate.Env[env] != "${{ inputs."+in+" }}" {
			t.Errorf("input %s is not mapped to env %s in the gate step (got %q)", in, env, gate.Env[env])
		}
	}
}

var outputRef = regexp.MustCompile(`steps\.gate\.outputs\.([a-z-]+)`)

func TestExamples(t *testing.T) {
	t.Parallel()
	a := readAction(t)
	dir := filepath.Join(repoRoot(t), "examples")
	files, err := filepath.Glob(filepath.Join(dir, "*.yml"))
	if err != nil || len(files) < 5 {
		t.Fatalf("examples: %d files, %v", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			if filepath.Base(f) == "cost-ops-bench.yml" {
				if _, err := compare.LoadConfig(f); err != nil {
					t.Errorf("example config: %v", err)
				}
				return
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var wf struct {
				Jobs map[string]struct{ Steps []step } `yaml:"jobs"`
			}
			if err := yaml.Unmarshal(data, &wf); err != nil {
				t.Fatal(err)
			}
			uses := 0
			for _, job := range wf.Jobs {
				for _, s := range job.Steps {
					if !strings.HasPrefix(s.Uses, "cost-ops-bench/cost-ops-bench@") {
						continue
					}
					uses++
					for k := range s.With {
						if _, ok := a.Inputs[k]; !ok {
							t.Errorf("with: %s is not an input of action.yml", k)
						}
					}
				}
			}
			if uses == 0 {
				t.Errorf("the example does not use the action")
			}
			for _, m := range outputRef.FindAllStringSubmatch(string(data), -1) {
				if _, ok := a.Outputs[m[1]]; !ok {
					t.Errorf("steps.gate.outputs.%s is not an output of action.yml", m[1])
				}
			}
		})
	}
}
