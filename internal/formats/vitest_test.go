package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVitestRealFiles reads real `vitest bench --outputJson` files (see make.sh
// in testdata/formats/vitest): vitest drops the samples, so each benchmark is a
// point estimate of the median vitest wrote, with hz as ops/s.
func TestVitestRealFiles(t *testing.T) {
	t.Parallel()
	p := realPair{dir: "vitest", want: "vitest"}
	checkRealPair(t, realPair{dir: "vitest", want: "vitest", base: "base.json", same: "same.json", slow: "slow.json", slowed: []string{"work.bench.js > arrays > sum"}, point: true})
	for _, file := range []string{"base.json", "same.json", "slow.json"} {
		data, err := os.ReadFile(filepath.Join(realFixtures, p.dir, file))
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Files []struct {
				Groups []struct {
					FullName   string
					Benchmarks []struct {
						Name       string
						Median, Hz float64
					}
				}
			}
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		got := resultsByName(loadReal(t, p, file))
		n := 0
		for _, g := range raw.Files[0].Groups {
			for _, b := range g.Benchmarks {
				n++
				r := got[g.FullName+" > "+b.Name]
				if !r.PointEstimate || !near(r.MedianNs, b.Median*1e6) || r.Metrics["ops/s"].Median != b.Hz {
					t.Errorf("%s %s: %+v; vitest: median %v ms, hz %v", file, b.Name, r, b.Median, b.Hz)
				}
			}
		}
		if n != 2 || len(got) != 2 {
			t.Errorf("%s: %d benchmarks in the file, %d read", file, n, len(got))
		}
	}
	slow := resultsByName(loadReal(t, p, "slow.json"))["work.bench.js > arrays > sum"]
	base := resultsByName(loadReal(t, p, "base.json"))["work.bench.js > arrays > sum"]
	if slow.MedianNs < 1.5*base.MedianNs {
		t.Errorf("sum: slow median %v ns, base %v: the slowdown made for the test is not in the files", slow.MedianNs, base.MedianNs)
	}
}

func TestVitestBadFiles(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"truncated", `{"files":[{"filepath":"x","groups":[{"fullName":"g","benchmarks":[{"name":"a","median":`, "v.json: vitest: truncated JSON document"},
		{"no median", `{"files":[{"groups":[{"fullName":"g","benchmarks":[{"name":"a","samples":[]}]}]}]}`, "v.json: vitest: files[0].groups[0].benchmarks[0] (g > a): neither samples nor median"},
		{"samples", `{"files":[{"groups":[{"fullName":"g","benchmarks":[{"name":"a","samples":[0.001,0.002,-1]}]}]}]}`, "v.json: vitest: results[0] (g > a): samples_ns[2]: negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "v.json", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
