package engine

import (
	"testing"
	"time"
)

// fuzzDeadline is how long one fuzz input may take before it counts as a hang. Go's
// fuzzing does not report an input that never returns; this makes it a failure,
// which the fuzzer then saves under testdata/fuzz.
const fuzzDeadline = 10 * time.Second

// noHang runs f and fails t when it does not return within fuzzDeadline.
func noHang(t *testing.T, input any, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(fuzzDeadline):
		t.Fatalf("no answer within %s for input %q", fuzzDeadline, input)
	}
}
