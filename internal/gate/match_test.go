package gate

import (
	"errors"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// TestGateNothingMatchesIsBadInput: a gate whose current result shares no benchmark
// with its baseline checks nothing; it fails as bad input and publishes nothing.
func TestGateNothingMatchesIsBadInput(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	s := h.settings("testdata/base.json", "../../testdata/compare/gotest-current.txt")
	out, err := h.run(s)
	if !errors.Is(err, compare.ErrNoMatch) {
		t.Fatalf("outcome %+v, err %v; want ErrNoMatch", out, err)
	}
	nothingPublished(t, h, s)
}
