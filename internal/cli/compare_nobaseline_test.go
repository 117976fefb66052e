package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareNoBaselineYet(t *testing.T) {
	t.Parallel()
	absent := filepath.Join(t.TempDir(), "baselines", "main.json")
	tests := []struct {
		format string
		want   string
	}{
		{"console", "NO BASELINE: the baseline file `" + absent + "` does not exist"},
		{"markdown", "**ℹ️ No baseline yet**"},
		{"json", `"verdict": "no-baseline"`},
		{"json", `"current_benchmarks": 9`},
	}
	for _, tt := range tests {
		t.Run(tt.format+"/"+tt.want, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := runCLI(t, "compare", "--baseline", absent, "--current", fixture("base.json"), "--format", tt.format)
			if code != ExitPass {
				t.Fatalf("exit %d, want %d (stderr %q)", code, ExitPass, stderr)
			}
			if !strings.Contains(stdout, tt.want) {
				t.Errorf("stdout = %q, want it to contain %q", stdout, tt.want)
			}
			if tt.format == "json" && !json.Valid([]byte(stdout)) {
				t.Errorf("stdout is not valid JSON: %q", stdout)
			}
		})
	}
}

func TestCompareNoBaselineStillChecksCurrent(t *testing.T) {
	t.Parallel()
	absent := filepath.Join(t.TempDir(), "main.json")
	stdout, stderr, code := runCLI(t, "compare", "--baseline", absent, "--current", fixture("bad-negative-sample.json"))
	if code != ExitBadInput {
		t.Fatalf("exit %d, want %d", code, ExitBadInput)
	}
	if stdout != "" || !strings.Contains(stderr, "bad-negative-sample.json") {
		t.Errorf("stdout = %q, stderr = %q: want nothing on stdout and the bad file named", stdout, stderr)
	}
}

func TestCompareUnreadableBaselineIsBadInput(t *testing.T) {
	t.Parallel()
	// A baseline that exists but is not a result is bad input, not "no baseline yet".
	_, _, code := runCLI(t, "compare", "--baseline", fixture("bad-config.yml"), "--current", fixture("base.json"))
	if code != ExitBadInput {
		t.Fatalf("exit %d, want %d", code, ExitBadInput)
	}
}
