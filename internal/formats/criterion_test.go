package formats

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// criterionPair is Criterion.rs 0.3's target/criterion of three `cargo bench` runs
// (testdata/formats/criterion, made by make.sh there).
var criterionPair = realPair{dir: "criterion", want: "criterion",
	base: "base", same: "same", slow: "slow", slowed: []string{"sum 4096"}}

func TestCriterionRealDirs(t *testing.T) {
	t.Parallel()
	checkRealPair(t, criterionPair)
	// Given as target (the folder above criterion/) it reads the same.
	a, b := loadReal(t, criterionPair, "base"), loadReal(t, criterionPair, "base/criterion")
	if !reflect.DeepEqual(a, b) {
		t.Errorf("target and target/criterion read differently")
	}
}

// TestCriterionMediansAreTheToolsOwn: every benchmark's samples are sample.json's
// times/iters, and their median is the median Criterion wrote in estimates.json,
// with its interval; names are benchmark.json's full_id, as cargo bench prints them.
func TestCriterionMediansAreTheToolsOwn(t *testing.T) {
	t.Parallel()
	for _, run := range []string{"base", "same", "slow"} {
		doc := loadReal(t, criterionPair, run)
		got := resultsByName(doc)
		if len(got) != 2 {
			t.Fatalf("%s: %d results, want 2", run, len(got))
		}
		root := filepath.Join(realFixtures, "criterion", run)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.Name() != "estimates.json" {
				return err
			}
			var est struct {
				Median struct {
					ConfidenceInterval struct {
						LowerBound float64 `json:"lower_bound"`
						UpperBound float64 `json:"upper_bound"`
					} `json:"confidence_interval"`
					PointEstimate float64 `json:"point_estimate"`
				}
			}
			var id struct {
				FullID     string `json:"full_id"`
				Throughput *struct{ Bytes float64 }
			}
			var sample struct{ Iters, Times []float64 }
			for file, v := range map[string]any{"estimates.json": &est, "benchmark.json": &id, "sample.json": &sample} {
				data, err := os.ReadFile(filepath.Join(filepath.Dir(path), file))
				if err != nil {
					return err
				}
				if err := json.Unmarshal(data, v); err != nil {
					return err
				}
			}
			r, ok := got[id.FullID]
			m := est.Median
			switch {
			case !ok:
				t.Errorf("%s: %s not read", run, id.FullID)
			case len(r.SamplesNs) != len(sample.Times) || r.SamplesNs[7] != sample.Times[7]/sample.Iters[7]:
				t.Errorf("%s %s: %d samples, want %d as times/iters", run, id.FullID, len(r.SamplesNs), len(sample.Times))
			case !near(r.MedianNs, m.PointEstimate) || r.CILowNs != m.ConfidenceInterval.LowerBound || r.CIHighNs != m.ConfidenceInterval.UpperBound:
				t.Errorf("%s %s: median %v [%v, %v]; Criterion: %v [%v, %v]", run, id.FullID, r.MedianNs, r.CILowNs, r.CIHighNs,
					m.PointEstimate, m.ConfidenceInterval.LowerBound, m.ConfidenceInterval.UpperBound)
			case id.Throughput != nil && !near(r.Metrics["B/s"].Median, medianRate(id.Throughput.Bytes, sample.Iters, sample.Times)):
				t.Errorf("%s %s: B/s %v, want %v", run, id.FullID, r.Metrics["B/s"].Median, medianRate(id.Throughput.Bytes, sample.Iters, sample.Times))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if r := resultsByName(loadReal(t, criterionPair, "base"))["strings/copy/256"]; !r.Metrics["B/s"].HigherIsBetter() {
		t.Errorf("strings/copy/256: B/s %+v, want a throughput (higher is better)", r.Metrics)
	}
}

// medianRate is the median of the samples' throughputs: per bytes an iteration,
// over each sample's time of one iteration (times/iters ns).
func medianRate(per float64, iters, times []float64) float64 {
	rates := make([]float64, len(times))
	for i := range times {
		rates[i] = per * 1e9 / (times[i] / iters[i])
	}
	slices.Sort(rates)
	n := len(rates)
	return (rates[(n-1)/2] + rates[n/2]) / 2
}

// TestCriterionArchive reads a tar archive of target/criterion, compressed or not,
// as the directory; detection picks it from the content.
func TestCriterionArchive(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(realFixtures, "criterion", "slow")
	want, err := LoadFile(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	plain := tarOf(t, dir)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	for name, data := range map[string][]byte{"criterion.tar": plain, "criterion.tgz": gz.Bytes()} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := LoadFile(path, "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.Results, want.Results) {
			t.Errorf("%s: read differently from the directory", name)
		}
	}
}

// tarOf archives dir as `tar cf - -C dir .` does.
func tarOf(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := tw.AddFS(os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	tw.Close()
	return buf.Bytes()
}

func TestCriterionBadFiles(t *testing.T) {
	t.Parallel()
	good := `{"sampling_mode":"Linear","iters":[1,2,3],"times":[10,20,30]}`
	tests := []struct {
		name   string
		files  map[string]string
		format string
		want   string
	}{
		{"truncated sample", map[string]string{"a/new/sample.json": `{"iters":[1,2],"times":[1`}, "", "a/new/sample.json: criterion: truncated JSON document"},
		{"counts differ", map[string]string{"a/new/sample.json": `{"iters":[1,2],"times":[1]}`}, "", "a/new/sample.json: criterion: 2 iters for 1 times"},
		{"zero iters", map[string]string{"a/new/sample.json": `{"iters":[0],"times":[1]}`}, "", "a/new/sample.json: criterion: iters[0]: 0 is not a positive count"},
		{"no times", map[string]string{"a/new/sample.json": `{"iters":[],"times":[]}`}, "", "a/new/sample.json: criterion: times: missing or empty"},
		{"negative time", map[string]string{"a/new/sample.json": `{"iters":[1],"times":[-1]}`}, "", "criterion: results[0] (a): samples_ns[0]: negative"},
		{"bad benchmark.json", map[string]string{"a/new/sample.json": good, "a/new/benchmark.json": `{"full_id":3}`}, "", "a/new/benchmark.json:1: criterion: full_id"},
		{"truncated estimates", map[string]string{"a/new/sample.json": good, "a/new/estimates.json": `{"median":`}, "", "a/new/estimates.json: criterion: truncated JSON document"},
		{"no benchmark", map[string]string{"a/base/sample.json": good}, "", "criterion: no benchmark results: no */new/sample.json"},
		{"another format forced", map[string]string{"a/new/sample.json": good}, "hyperfine", "a directory, which only the criterion format reads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, content := range tt.files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := LoadFile(dir, tt.format)
			if err == nil || !strings.HasPrefix(err.Error(), dir) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to start with %s and contain %q", err, dir, tt.want)
			}
		})
	}
	// A cut archive names the archive and the format.
	data := tarOf(t, filepath.Join(realFixtures, "criterion", "base"))
	if _, err := Read(data[:len(data)/3], "c.tar", ""); err == nil || !strings.HasPrefix(err.Error(), "c.tar: criterion: ") {
		t.Errorf("cut archive: err = %v", err)
	}
}

// cargoBenchPair is what `cargo bench` printed in the same three runs.
var cargoBenchPair = realPair{dir: "criterion", want: "cargo-bench",
	base: "base.txt", same: "same.txt", slow: "slow.txt", slowed: []string{"sum 4096"}, point: true}

// TestCargoBenchRealText reads Criterion's real `cargo bench` text: every
// benchmark, a point estimate of the estimate Criterion printed, with its interval.
func TestCargoBenchRealText(t *testing.T) {
	t.Parallel()
	checkRealPair(t, cargoBenchPair)
	line := regexp.MustCompile(`(?m)^(\S.*?)\s+time:\s+\[(\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\]`)
	for _, file := range []string{"base.txt", "same.txt", "slow.txt"} {
		data, err := os.ReadFile(filepath.Join(realFixtures, "criterion", file))
		if err != nil {
			t.Fatal(err)
		}
		got := resultsByName(loadReal(t, cargoBenchPair, file))
		lines := line.FindAllStringSubmatch(string(data), -1)
		if len(lines) != 2 || len(got) != 2 {
			t.Fatalf("%s: %d time lines, %d results", file, len(lines), len(got))
		}
		for _, l := range lines {
			scale := map[string]float64{"ns": 1, "µs": 1e3, "ms": 1e6}
			v, _ := strconv.ParseFloat(l[4], 64)
			if r := got[l[1]]; !r.PointEstimate || !near(r.MedianNs, v*scale[l[5]]) {
				t.Errorf("%s %s: %+v, want a point estimate of %v %s", file, l[1], r, v, l[5])
			}
		}
	}
}
