package compare

import (
	"testing"
)

// TestContentionGuardIgnoresOneLuckySample is the same-runner case that made the guard
// compare the 2nd percentile instead of the single fastest sample: with 120 samples a
// side, one current sample as fast as the baseline's best must not hide a slowdown
// that moved every other sample.
func TestContentionGuardIgnoresOneLuckySample(t *testing.T) {
	t.Parallel()
	base := steady(100, 120)
	cur := steady(108, 120)
	cur[0] = 93 // one lucky sample, 7% faster than the baseline's fastest
	cfg := withConfig(func(c *Config) { c.ThresholdPercent = 5 })
	got := Compare(doc(res("a", base)), doc(res("a", cur)), cfg).Entries[0]
	if got.Status != StatusRegression {
		t.Fatalf("status = %s, want %s (warnings %q)", got.Status, StatusRegression, got.Warnings)
	}

	// Interference that slows most samples but leaves a few fast ones is still held back.
	interfered := contended(steady(100, 120), 110, 1.08)
	got = Compare(doc(res("a", base)), doc(res("a", interfered)), cfg).Entries[0]
	if got.Status != StatusUnchanged || !got.Contended {
		t.Fatalf("status = %s contended = %v, want unchanged and contended", got.Status, got.Contended)
	}
}
