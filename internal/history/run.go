package history

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// FormatVersion is the version of the run file format. Readers refuse other versions.
const FormatVersion = 1

// The metrics every result carries, as named in Point.Metric. Extra metrics of a
// result (bench.Result.Metrics: instructions, custom units) keep their own names.
const (
	MetricTime   = "time"   // median_ns with its interval; unit ns/op
	MetricAllocs = "allocs" // allocs_per_op; unit allocs/op
	MetricBytes  = "bytes"  // bytes_per_op; unit B/op
)

// Run is one run of a benchmark suite in the store.
type Run struct {
	FormatVersion int `json:"format_version"`
	// Commit is the full hash of the commit measured; "" when unknown.
	Commit string `json:"commit"`
	// Ref is the branch or tag measured, e.g. refs/heads/main; "" when unknown.
	Ref string `json:"ref,omitempty"`
	// CommittedAt is the commit's time; zero when unknown.
	CommittedAt time.Time `json:"committed_at,omitzero"`
	// Timestamp is when the run measured.
	Timestamp time.Time `json:"timestamp"`
	// Points are the run's medians, one per benchmark and metric, sorted by
	// benchmark then metric.
	Points []Point `json:"points"`
	// Document is the full result document (every sample); absent once compacted.
	Document *bench.Document `json:"document,omitempty"`
}

// Point is one benchmark's value of one metric in one run: the median with its
// confidence interval (low = high = median for a metric measured exactly, such as
// allocations).
type Point struct {
	Benchmark string  `json:"benchmark"`
	Metric    string  `json:"metric"`
	Unit      string  `json:"unit"`
	Median    float64 `json:"median"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
}

// When is the run's place in history: the commit's time, or the run's own when the
// commit's is unknown.
func (r *Run) When() time.Time {
	if !r.CommittedAt.IsZero() {
		return r.CommittedAt
	}
	return r.Timestamp
}

// NewRun makes the run of a result document. commit, when not "", overrides the
// document's git commit (with the ref and time that git told, which may be empty).
func NewRun(doc *bench.Document, git *bench.GitInfo) (*Run, error) {
	r := &Run{FormatVersion: FormatVersion, Timestamp: doc.Timestamp.UTC(), Document: doc}
	if git == nil {
		git = doc.Git
	}
	if git != nil {
		r.Commit, r.Ref = git.Commit, git.Ref
		if git.CommittedAt != "" {
			t, err := time.Parse(time.RFC3339, git.CommittedAt)
			if err != nil {
				return nil, fmt.Errorf("git.committed_at: %q is not an RFC 3339 time", git.CommittedAt)
			}
			r.CommittedAt = t.UTC()
		}
	}
	if r.Commit != "" && !isHex(r.Commit) {
		return nil, fmt.Errorf("git.commit: %q is not a commit hash (hexadecimal)", r.Commit)
	}
	r.Points = Points(doc)
	if len(r.Points) == 0 {
		return nil, fmt.Errorf("results: no benchmark has a finite value to keep")
	}
	return r, nil
}

// Points returns every value a document carries: per result, its time, allocations
// and bytes per operation and each extra metric, sorted by benchmark then metric.
// Values that are not finite numbers are left out.
func Points(doc *bench.Document) []Point {
	var out []Point
	add := func(p Point) {
		if finite(p.Median) && finite(p.Low) && finite(p.High) {
			out = append(out, p)
		}
	}
	for _, r := range doc.Results {
		add(Point{r.Name, MetricTime, "ns/op", r.MedianNs, r.CILowNs, r.CIHighNs})
		add(Point{r.Name, MetricAllocs, "allocs/op", r.AllocsPerOp, r.AllocsPerOp, r.AllocsPerOp})
		add(Point{r.Name, MetricBytes, "B/op", r.BytesPerOp, r.BytesPerOp, r.BytesPerOp})
		for name, m := range r.Metrics {
			add(Point{r.Name, name, m.Unit, m.Median, m.CILow, m.CIHigh})
		}
	}
	slices.SortFunc(out, func(a, b Point) int {
		if c := strings.Compare(a.Benchmark, b.Benchmark); c != 0 {
			return c
		}
		return strings.Compare(a.Metric, b.Metric)
	})
	return slices.CompactFunc(out, func(a, b Point) bool { return a.Benchmark == b.Benchmark && a.Metric == b.Metric })
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return len(s) >= 4
}
