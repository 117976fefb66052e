package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareRequiredBaseline: under missing_baseline: fail, a --baseline file that
// does not exist (a typo, or no baseline recorded yet) fails compare with exit 1,
// naming the file; the current result is still checked first (exit 2); a profile
// can require it alone.
func TestCompareRequiredBaseline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	config := filepath.Join(dir, "gate.yml")
	if err := os.WriteFile(config, []byte("profiles:\n  release:\n    missing_baseline: fail\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	typo := filepath.Join(dir, "baselines", "mian.json")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
		wantOut  string
	}{
		{"required by the profile", []string{"--profile", "release", "--current", fixture("base.json")}, ExitRegression,
			"gate failed: no baseline (--baseline " + typo + " does not exist), and one is required (missing_baseline: fail)", ""},
		{"the current result is still checked", []string{"--profile", "release", "--current", fixture("bad-negative-sample.json")},
			ExitBadInput, "bad-negative-sample.json", ""},
		{"reported without the profile", []string{"--current", fixture("base.json")}, ExitPass, "", "the verdict is no-baseline, which passes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"compare", "--config", config, "--baseline", typo}, tt.args...)
			stdout, stderr, code := runCLI(t, args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) || !strings.Contains(stdout, tt.wantOut) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, %q on stdout, %q on stderr", code, stdout, stderr, tt.wantCode, tt.wantOut, tt.wantErr)
			}
			if tt.wantOut == "" && stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
		})
	}
}

// TestGateRequiredBaseline: the gate's missing-baseline input makes no baseline exit 1.
func TestGateRequiredBaseline(t *testing.T) {
	t.Parallel()
	pass := filepath.Join(gateFixtures, "current-pass.json")
	out, code := runGateCLI(t, map[string]string{"INPUT_BASELINE": "testdata/none.json", "INPUT_CURRENT": pass, "INPUT_MISSING-BASELINE": "fail"})
	if code != ExitRegression || !strings.Contains(out, "verdict: no-baseline") || !strings.Contains(out, "gate failed: no baseline") {
		t.Errorf("exit %d, want %d:\n%s", code, ExitRegression, out)
	}
	out, code = runGateCLI(t, map[string]string{"INPUT_BASELINE": "testdata/none.json", "INPUT_CURRENT": pass}, "--missing-baseline", "maybe")
	if code != ExitBadInput || !strings.Contains(out, `input missing-baseline: "maybe"`) {
		t.Errorf("exit %d, want %d:\n%s", code, ExitBadInput, out)
	}
}
