package gate

import (
	"errors"
	"strings"
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

// TestGateInputFormat: input-format forces the format of the current and baseline
// files; an unknown one is refused naming the input and the formats known.
func TestGateInputFormat(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	s := h.settings("../../testdata/compare/gotest-base.txt", "../../testdata/compare/gotest-current.txt")
	s.InputFormat = "gobench"
	out, err := h.run(s)
	if err != nil || out.Verdict != compare.VerdictRegression {
		t.Fatalf("gobench forced: outcome %+v, err %v; want the regression of gotest-current.txt", out, err)
	}

	h = newHarness(t, "pull_request", prEvent)
	s = h.settings("testdata/base.json", "testdata/current-pass.json")
	s.InputFormat = "gobench"
	if _, err := h.run(s); err == nil || !strings.Contains(err.Error(), "current-pass.json") {
		t.Errorf("JSON forced as gobench: err = %v, want it to name the file", err)
	}

	h = newHarness(t, "pull_request", prEvent)
	s = h.settings("testdata/base.json", "testdata/current-pass.json")
	s.InputFormat = "xml"
	_, err = h.run(s)
	if err == nil || !strings.Contains(err.Error(), `input input-format: unknown input format "xml" (known: json, gobench`) {
		t.Errorf("unknown format: err = %v", err)
	}
	nothingPublished(t, h, s)
}
