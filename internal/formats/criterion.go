package formats

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// criterion reads Criterion.rs's own files (0.3 and later): the target/criterion
// directory that `cargo bench` leaves, given as a directory (target/criterion, or
// target, or one benchmark's folder) or as a tar archive of one, gzip-compressed
// or not (`tar czf criterion.tgz -C target criterion`). Each benchmark's folder
// holds new/sample.json ({"iters": [...], "times": [...]}: each sample's iteration
// count and total time in ns), from which the samples are times[i]/iters[i], the
// time of one iteration, as Criterion computes them; new/benchmark.json gives the
// name (full_id, as `cargo bench` prints it) and the throughput (B/s or elem/s,
// better higher); new/estimates.json gives Criterion's own interval of the median.
// The saved baselines (base/, change/) and the reports are not read.
type criterion struct{}

func (criterion) Name() string { return "criterion" }

// criterionFormat is the format's name in errors.
const criterionFormat = "criterion"

// Detect accepts a tar archive, gzip-compressed or not: a directory is read by
// LoadFile, which sends directories here.
func (criterion) Detect(in *Input) bool {
	data := in.Data
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return false
		}
		head := make([]byte, 512)
		n, _ := io.ReadFull(zr, head)
		data = head[:n]
	}
	return len(data) >= 262 && string(data[257:262]) == "ustar"
}

// Read reads a tar archive (gzip-compressed or not) of Criterion's files.
func (criterion) Read(in *Input) (*bench.Document, error) {
	var r io.Reader = bytes.NewReader(in.Data)
	if len(in.Data) > 2 && in.Data[0] == 0x1f && in.Data[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: gzip: %w", in.Name, criterionFormat, err)
		}
		r = zr
	}
	files := map[string][]byte{}
	tr := tar.NewReader(io.LimitReader(r, bench.MaxFileSize+1))
	total := int64(0)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: tar archive (a directory of Criterion's files): %w", in.Name, criterionFormat, err)
		}
		if h.Typeflag != tar.TypeReg || !criterionFile(h.Name) {
			continue
		}
		if total += h.Size; total > bench.MaxFileSize {
			return nil, fmt.Errorf("%s: %s: %w", in.Name, criterionFormat, bench.ErrTooLarge)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %s: %w", in.Name, criterionFormat, h.Name, err)
		}
		files[path.Clean(strings.TrimPrefix(h.Name, "./"))] = data
	}
	return readCriterionFiles(in.Name, files)
}

// criterionFile reports whether the file at p (slash-separated) is one the reader
// reads: new/sample.json, new/benchmark.json or new/estimates.json.
func criterionFile(p string) bool {
	switch path.Base(p) {
	case "sample.json", "benchmark.json", "estimates.json":
		return path.Base(path.Dir(p)) == "new"
	}
	return false
}

// loadCriterionDir reads the Criterion files under the directory dir.
func loadCriterionDir(dir string) (*bench.Document, error) {
	files := map[string][]byte{}
	total := int64(0)
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() || !criterionFile(p) {
			return nil
		}
		data, err := bench.ReadFileCapped(path.Join(dir, p))
		if err != nil {
			return err
		}
		if total += int64(len(data)); total > bench.MaxFileSize {
			return fmt.Errorf("%s: %s: %w", dir, criterionFormat, bench.ErrTooLarge)
		}
		files[p] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", dir, criterionFormat, err)
	}
	return readCriterionFiles(dir, files)
}

// criterionSample is new/sample.json.
type criterionSample struct {
	Iters []float64 `json:"iters"`
	Times []float64 `json:"times"` // ns for each sample's iterations
}

// criterionBenchmark is new/benchmark.json.
type criterionBenchmark struct {
	FullID     string `json:"full_id"`
	Throughput *struct {
		Bytes    *float64 `json:"Bytes"`
		Elements *float64 `json:"Elements"`
	} `json:"throughput"`
}

// criterionEstimates is what the reader takes of new/estimates.json.
type criterionEstimates struct {
	Median *struct {
		ConfidenceInterval struct {
			Lower float64 `json:"lower_bound"`
			Upper float64 `json:"upper_bound"`
		} `json:"confidence_interval"`
		PointEstimate float64 `json:"point_estimate"`
	} `json:"median"`
}

// readCriterionFiles builds the document of the Criterion files by path (relative
// to root, slash-separated): one result per folder holding new/sample.json, in
// path order.
func readCriterionFiles(root string, files map[string][]byte) (*bench.Document, error) {
	var dirs []string
	for p := range files {
		if path.Base(p) == "sample.json" {
			dirs = append(dirs, path.Dir(path.Dir(p)))
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s: %s: no benchmark results: no */new/sample.json (give target/criterion after `cargo bench`)", root, criterionFormat)
	}
	slices.Sort(dirs)
	results := make([]bench.Result, 0, len(dirs))
	for _, dir := range dirs {
		r, err := criterionResult(root, dir, files)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	return document(&Input{Name: root}, criterionFormat, "criterion", timeZero, bench.Environment{}, results)
}

// criterionResult reads one benchmark's folder dir.
func criterionResult(root, dir string, files map[string][]byte) (bench.Result, error) {
	file := func(name string) *Input {
		return NewInput(path.Join(root, dir, "new", name), files[path.Join(dir, "new", name)])
	}
	sampleIn := file("sample.json")
	var s criterionSample
	if err := decodeJSON(sampleIn, criterionFormat, &s); err != nil {
		return bench.Result{}, err
	}
	at := sampleIn.Name + ": " + criterionFormat
	switch {
	case len(s.Times) == 0:
		return bench.Result{}, fmt.Errorf("%s: times: missing or empty", at)
	case len(s.Iters) != len(s.Times):
		return bench.Result{}, fmt.Errorf("%s: %d iters for %d times", at, len(s.Iters), len(s.Times))
	}
	samples := make([]float64, len(s.Times))
	total := 0.0
	for i, t := range s.Times {
		if !(s.Iters[i] > 0) {
			return bench.Result{}, fmt.Errorf("%s: iters[%d]: %v is not a positive count", at, i, s.Iters[i])
		}
		samples[i] = t / s.Iters[i]
		total += s.Iters[i]
	}
	name := dir
	var b criterionBenchmark
	if in := file("benchmark.json"); in.Data != nil {
		if err := decodeJSON(in, criterionFormat, &b); err != nil {
			return bench.Result{}, err
		}
		if b.FullID != "" {
			name = b.FullID
		}
	}
	r := bench.ResultFromSamples(name, samples)
	r.Iterations = int64(min(total, 1<<62))
	if tp := b.Throughput; tp != nil {
		unit, per := "B/s", tp.Bytes
		if per == nil {
			unit, per = "elem/s", tp.Elements
		}
		if per != nil && *per > 0 {
			rates := make([]float64, len(samples))
			for i, ns := range samples {
				rates[i] = *per * 1e9 / ns
			}
			r.Metrics = map[string]bench.Metric{unit: bench.NewMetric(unit, rates)}
		}
	}
	if in := file("estimates.json"); in.Data != nil {
		var e criterionEstimates
		if err := decodeJSON(in, criterionFormat, &e); err != nil {
			return bench.Result{}, err
		}
		// Criterion's own bootstrapped interval of the median, when it holds the median.
		if m := e.Median; m != nil && m.ConfidenceInterval.Lower <= r.MedianNs && r.MedianNs <= m.ConfidenceInterval.Upper && m.ConfidenceInterval.Lower >= 0 {
			r.CILowNs, r.CIHighNs = m.ConfidenceInterval.Lower, m.ConfidenceInterval.Upper
		}
	}
	return r, nil
}
