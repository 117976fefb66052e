package gate

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

func TestMeasureInput(t *testing.T) {
	t.Parallel()
	inputs := func(env map[string]string) Settings {
		a := githubactions.New(githubactions.WithGetenv(func(k string) string { return env[k] }), githubactions.WithWriter(io.Discard))
		return FromInputs(a)
	}
	if s := inputs(nil); s.Measure != bench.MeasureTime {
		t.Errorf("default measure %q, want time", s.Measure)
	}
	s := inputs(map[string]string{"INPUT_MEASURE": "instructions"})
	if s.Measure != bench.MeasureInstructions {
		t.Errorf("INPUT_MEASURE=instructions read as %q", s.Measure)
	}
	if _, err := s.validate(); err != nil {
		t.Errorf("measure instructions: %v", err)
	}
	// The flag overrides the input.
	fs := flag.NewFlagSet("gate", flag.ContinueOnError)
	s.Bind(fs)
	if err := fs.Parse([]string{"--measure", "time"}); err != nil || s.Measure != bench.MeasureTime {
		t.Errorf("--measure time: %q, %v", s.Measure, err)
	}
	s = inputs(map[string]string{"INPUT_MEASURE": "cycles"})
	if _, err := s.validate(); err == nil || !strings.Contains(err.Error(), "input measure") || !strings.Contains(err.Error(), `"cycles"`) {
		t.Errorf("measure cycles: %v, want an error naming the input and the value", err)
	}
}
