package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const gateFixtures = "../gate/testdata"

// runGateCLI runs `gate` with the action inputs in env and the flags in args.
func runGateCLI(t *testing.T, inputs map[string]string, args ...string) (string, int) {
	t.Helper()
	env := map[string]string{"GITHUB_EVENT_NAME": "push"}
	for k, v := range inputs {
		env[k] = v
	}
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), append([]string{"gate", "--output-dir", t.TempDir()}, args...),
		Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }})
	return stdout.String() + stderr.String() + Message(err), ExitCode(err)
}

func TestGateExitCodes(t *testing.T) {
	t.Parallel()
	base := filepath.Join(gateFixtures, "base.json")
	regression := filepath.Join(gateFixtures, "current-regression.json")
	pass := filepath.Join(gateFixtures, "current-pass.json")
	tests := []struct {
		name     string
		inputs   map[string]string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"regression from inputs", map[string]string{"INPUT_BASELINE": base, "INPUT_CURRENT": regression}, nil,
			ExitRegression, "verdict: regression"},
		{"pass", map[string]string{"INPUT_BASELINE": base, "INPUT_CURRENT": pass}, nil, ExitPass, "verdict: pass"},
		{"fail-on-regression false reports and passes",
			map[string]string{"INPUT_BASELINE": base, "INPUT_CURRENT": regression, "INPUT_FAIL-ON-REGRESSION": "false"}, nil,
			ExitPass, "fail-on-regression is false"},
		{"a flag overrides its input",
			map[string]string{"INPUT_BASELINE": base, "INPUT_CURRENT": regression, "INPUT_FAIL-ON-REGRESSION": "false"},
			[]string{"--fail-on-regression", "true"}, ExitRegression, "verdict: regression"},
		{"flags alone", nil, []string{"--baseline", base, "--current", regression}, ExitRegression, "verdict: regression"},
		{"no baseline yet passes", map[string]string{"INPUT_BASELINE": "testdata/none.json", "INPUT_CURRENT": pass}, nil,
			ExitPass, "verdict: no-baseline"},
		{"bad input", map[string]string{"INPUT_BASELINE": base, "INPUT_CURRENT": pass, "INPUT_COMMENT": "sometimes"}, nil,
			ExitBadInput, `input comment: "sometimes"`},
		{"unknown flag", nil, []string{"--bogus"}, ExitBadInput, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, code := runGateCLI(t, tt.inputs, tt.args...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
				t.Errorf("exit %d, want %d; output lacks %q:\n%s", code, tt.wantCode, tt.wantOut, out)
			}
		})
	}
}

func TestGateMasksToken(t *testing.T) {
	t.Parallel()
	const token = "ghs_cliSecret99"
	out, code := runGateCLI(t, map[string]string{
		"INPUT_GITHUB-TOKEN": token, "INPUT_BASELINE": filepath.Join(gateFixtures, "base.json"),
		"INPUT_CURRENT": filepath.Join(gateFixtures, "current-pass.json"),
	})
	if code != ExitPass || !strings.HasPrefix(out, "::add-mask::"+token+"\n") || strings.Count(out, token) != 1 {
		t.Errorf("exit %d; want the token masked first and never printed again:\n%s", code, out)
	}
}

func TestGateRunsTheSuite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	env := map[string]string{"GITHUB_EVENT_NAME": "push", "INPUT_FILTER": "single_cost_calculation\n\n", "INPUT_OUTPUT-DIR": dir}
	err := Run(context.Background(), []string{"gate"},
		Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }})
	if code := ExitCode(err); code != ExitPass {
		t.Fatalf("exit %d (%v); stderr:\n%s", code, err, stderr.String())
	}
	doc, err := os.ReadFile(filepath.Join(dir, "latest.json"))
	if err != nil {
		t.Fatalf("the suite did not write latest.json: %v", err)
	}
	if !strings.Contains(string(doc), `"single_cost_calculation"`) || strings.Contains(string(doc), `"usage_validation"`) {
		t.Errorf("latest.json does not hold exactly the filtered benchmark")
	}
	if !strings.Contains(stdout.String(), "verdict: no-baseline") {
		t.Errorf("stdout lacks the no-baseline verdict:\n%s", stdout.String())
	}
}

func TestGateHelpHidesToken(t *testing.T) {
	t.Parallel()
	const token = "ghs_helpSecret77"
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"gate", "-h"}, Env{Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return map[string]string{"INPUT_GITHUB-TOKEN": token}[k] }})
	if ExitCode(err) != ExitPass || !strings.Contains(stderr.String(), "-github-token") {
		t.Fatalf("exit %d, usage:\n%s", ExitCode(err), stderr.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), token) {
		t.Errorf("gate -h prints the token:\n%s", stderr.String())
	}
}

func TestGateTokenFlagOverridesInput(t *testing.T) {
	t.Parallel()
	out, code := runGateCLI(t, map[string]string{"INPUT_GITHUB-TOKEN": "ghs_fromInput",
		"INPUT_BASELINE": filepath.Join(gateFixtures, "base.json"), "INPUT_CURRENT": filepath.Join(gateFixtures, "current-pass.json")},
		"--github-token", "ghs_fromFlag")
	if code != ExitPass || !strings.Contains(out, "::add-mask::ghs_fromFlag") || strings.Contains(out, "ghs_fromInput") {
		t.Errorf("exit %d; want the flag's token masked and the input's unused:\n%s", code, out)
	}
}
