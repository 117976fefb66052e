package formats

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestCatch2RealFiles reads real Catch2 XML (testdata/formats/catch2, made by
// make.sh there): every benchmark, a point estimate of the mean Catch2 wrote,
// with its interval.
func TestCatch2RealFiles(t *testing.T) {
	t.Parallel()
	p := realPair{dir: "catch2", want: "catch2"}
	checkRealPair(t, realPair{dir: "catch2", want: "catch2", base: "base.xml", same: "same.xml", slow: "slow.xml", slowed: []string{"arithmetic/sum 4096"}, point: true,
		noisy: "Catch2's mean of strings/copy 256 moved +233% between the two unchanged runs (base.xml's interval is ±160%)"})
	mean := regexp.MustCompile(`<mean value="([^"]+)" lowerBound="([^"]+)" upperBound="([^"]+)"`)
	for _, file := range []string{"base.xml", "same.xml", "slow.xml"} {
		data, err := os.ReadFile(filepath.Join(realFixtures, p.dir, file))
		if err != nil {
			t.Fatal(err)
		}
		doc := loadReal(t, p, file)
		means := mean.FindAllStringSubmatch(string(data), -1)
		if len(doc.Results) != 2 || len(means) != 2 || doc.Results[0].Name != "arithmetic/sum 4096" || doc.Results[1].Name != "strings/copy 256" {
			t.Fatalf("%s: results %+v", file, doc.Results)
		}
		for i, m := range means {
			v, _ := strconv.ParseFloat(m[1], 64)
			lo, _ := strconv.ParseFloat(m[2], 64)
			hi, _ := strconv.ParseFloat(m[3], 64)
			r := doc.Results[i]
			if !r.PointEstimate || r.MedianNs != v || r.CILowNs != lo || r.CIHighNs != hi {
				t.Errorf("%s %s: %+v; Catch2: mean %v [%v, %v]", file, r.Name, r, v, lo, hi)
			}
		}
	}
}
