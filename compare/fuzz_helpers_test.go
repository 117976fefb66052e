package compare_test

import (
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

const fuzzFixtures = "../testdata/compare"

// fuzzDeadline is how long one fuzz input may take before it counts as a hang: Go's
// fuzzing does not report an input that never returns, so noHang makes it a failure
// that the fuzzer saves under testdata/fuzz.
const fuzzDeadline = 10 * time.Second

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

func mustLoad(t testing.TB, file string) *bench.Document {
	t.Helper()
	doc, err := bench.ReadFile(fuzzFixtures + "/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
