package formats

import (
	"strings"
	"testing"
)

// catch2XML is the shape of Catch2 v2's XML reporter (-r xml) for one benchmark.
const catch2XML = `<?xml version="1.0" encoding="UTF-8"?>
<Catch name="bench">
  <Group name="bench">
    <TestCase name="arithmetic" filename="bench.cpp" line="17">
      <BenchmarkResults name="sum 4096" samples="50" resamples="100000" iterations="7" clockResolution="20.1" estimatedDuration="1.2e+06">
        <!--All values in nano seconds-->
        <mean value="3461.52" lowerBound="3401.8" upperBound="3540.25" ci="0.95"/>
        <standardDeviation value="301.5" lowerBound="220.1" upperBound="410.3" ci="0.95"/>
        <outliers variance="0.64" lowMild="0" lowSevere="0" highMild="2" highSevere="1"/>
      </BenchmarkResults>
      <OverallResult success="true"/>
    </TestCase>
    <OverallResults successes="0" failures="0" expectedFailures="0"/>
  </Group>
  <OverallResults successes="0" failures="0" expectedFailures="0"/>
</Catch>
`

func TestCatch2XML(t *testing.T) {
	t.Parallel()
	doc, err := Read([]byte(catch2XML), "c.xml", "")
	if err != nil {
		t.Fatal(err)
	}
	r := doc.Results[0]
	if len(doc.Results) != 1 || r.Name != "arithmetic/sum 4096" || !r.PointEstimate || r.MedianNs != 3461.52 ||
		r.CILowNs != 3401.8 || r.CIHighNs != 3540.25 || r.Iterations != 350 {
		t.Errorf("results %+v", doc.Results)
	}
}

func TestCatch2BadFiles(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"truncated", catch2XML[:len(catch2XML)/2], "c.xml:8: catch2: invalid XML: unexpected EOF"},
		{"cut in a tag", catch2XML[:len(catch2XML)-20], "c.xml:15: catch2: invalid XML"},
		{"cut after a test case opens", catch2XML[:strings.Index(catch2XML, "<Bench")], "c.xml:5: catch2: invalid XML: unexpected EOF"},
		{"no mean", strings.Replace(catch2XML, "<mean ", "<median ", 1), "c.xml:5: catch2: arithmetic/sum 4096: mean: missing"},
		{"bad number", strings.Replace(catch2XML, `value="3461.52"`, `value="fast"`, 1), `c.xml:5: catch2: arithmetic/sum 4096: mean value: "fast" is not a number`},
		{"negative", strings.Replace(catch2XML, `value="3461.52"`, `value="-1"`, 1), "c.xml: catch2: results[0] (arithmetic/sum 4096): samples_ns[0]: negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "c.xml", "catch2")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
