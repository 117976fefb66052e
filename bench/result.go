package bench

import "time"

// SchemaVersion is the version of the result document format written by this
// program. Readers refuse documents of any other version.
const SchemaVersion = 1

// Document is a result document: one run of the suite (schema_version 1). It is
// what `run` writes to latest.json and what `compare` reads as baseline and current.
type Document struct {
	SchemaVersion int         `json:"schema_version"`
	Version       string      `json:"version"`
	Timestamp     time.Time   `json:"timestamp"`
	Environment   Environment `json:"environment"`
	Results       []Result    `json:"results"`
	Summary       Summary     `json:"summary"`

	// Harness records how the results were measured; absent in documents not
	// written by the harness (a hand-made or converted one).
	Harness *HarnessInfo `json:"harness,omitempty"`
}

// HarnessInfo is how a document's results were measured.
type HarnessInfo struct {
	Clock        string  `json:"clock"`          // what samples were timed with: "thread-cpu" or "wall"
	Samples      int     `json:"samples"`        // samples per benchmark
	SampleTimeMs float64 `json:"sample_time_ms"` // target wall time of one sample
	Confidence   float64 `json:"confidence"`     // level of the [ci_low_ns, ci_high_ns] intervals
}

// Environment describes the machine a document was measured on, so that a
// comparison across different machines can be flagged.
type Environment struct {
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	CPUModel  string `json:"cpu_model"`
	CPUCount  int    `json:"cpu_count"`
}

// Result is one benchmark's measurement. All times are per operation; for batch
// benchmarks an operation is one record, and BatchSize records make an iteration.
type Result struct {
	// The seed's fields, kept exactly.
	Name             string    `json:"name"`
	Iterations       int64     `json:"iterations"`
	TotalDurationMs  float64   `json:"total_duration_ms"`
	AvgDurationUs    float64   `json:"avg_duration_us"`
	MinDurationUs    float64   `json:"min_duration_us"`
	MaxDurationUs    float64   `json:"max_duration_us"`
	ThroughputPerSec float64   `json:"throughput_per_sec"`
	Timestamp        time.Time `json:"timestamp"`

	// The contract's extensions.
	Group        string    `json:"group"`
	BatchSize    int       `json:"batch_size"`
	SamplesNs    []float64 `json:"samples_ns"`
	MedianNs     float64   `json:"median_ns"`
	CILowNs      float64   `json:"ci_low_ns"`
	CIHighNs     float64   `json:"ci_high_ns"`
	AllocsPerOp  float64   `json:"allocs_per_op"`
	BytesPerOp   float64   `json:"bytes_per_op"`
	CostTotalUSD string    `json:"cost_total_usd"` // exact decimal string; "" when not applicable

	// Warnings are benchmath's statistical caveats about the samples (too few
	// for an interval, for example); absent when there are none.
	Warnings []string `json:"warnings,omitempty"`
}

// Summary is the document-level summary of the seed.
type Summary struct {
	TotalBenchmarks  int     `json:"total_benchmarks"`
	TotalIterations  int64   `json:"total_iterations"`
	TotalDurationMs  float64 `json:"total_duration_ms"`
	FastestBenchmark string  `json:"fastest_benchmark"`
	SlowestBenchmark string  `json:"slowest_benchmark"`
}
