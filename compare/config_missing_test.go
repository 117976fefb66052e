package compare

import (
	"testing"
)

func TestMissingBaselinePolicy(t *testing.T) {
	t.Parallel()
	if got := DefaultConfig().MissingBaseline; got != MissingReport {
		t.Errorf("default missing_baseline = %q, want report", got)
	}
	cfg, err := ParseConfig([]byte("missing_baseline: report\nprofiles:\n  tag:\n    missing_baseline: fail\n  push: {}\n"), "c.yml")
	if err != nil {
		t.Fatal(err)
	}
	for profile, want := range map[string]MissingPolicy{"": MissingReport, "tag": MissingFail, "push": MissingReport} {
		got, err := cfg.ForProfile(profile)
		if err != nil {
			t.Fatal(err)
		}
		if got.MissingBaseline != want {
			t.Errorf("profile %q: missing_baseline = %q, want %q", profile, got.MissingBaseline, want)
		}
	}
	top, err := ParseConfig([]byte("missing_baseline: fail\n"), "c.yml")
	if err != nil || top.MissingBaseline != MissingFail || top.Missing != MissingReport {
		t.Errorf("top level fail: %+v, %v; want missing_baseline fail and missing still report", top, err)
	}
}

// TestThresholdSpelling: a threshold is a percentage, with or without the % sign;
// a bare number below 1 is refused (TestParseConfigErrors) rather than read as a
// tiny percentage, and written with % it is what it says.
func TestThresholdSpelling(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]float64{"10": 10, "10%": 10, "0": 0, "1": 1, "1.5": 1.5, "0.1%": 0.1, "0%": 0, "\"2.5 %\"": 2.5} {
		cfg, err := ParseConfig([]byte("threshold: "+in+"\nthresholds:\n  a: "+in+"\n"), "c.yml")
		if err != nil {
			t.Errorf("threshold %s: %v", in, err)
			continue
		}
		if cfg.ThresholdPercent != want || cfg.Thresholds[0].Percent != want {
			t.Errorf("threshold %s = %v and %v, want %v", in, cfg.ThresholdPercent, cfg.Thresholds[0].Percent, want)
		}
	}
}
