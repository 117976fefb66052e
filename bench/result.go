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

	// Git is the commit the document measured, when it was measured in a git
	// checkout (or told with --commit); absent otherwise.
	Git *GitInfo `json:"git,omitempty"`
}

// GitInfo is the commit a result document measured.
type GitInfo struct {
	Commit      string `json:"commit"`                 // full commit hash
	Ref         string `json:"ref,omitempty"`          // branch or tag, e.g. refs/heads/main; "" when detached
	CommittedAt string `json:"committed_at,omitempty"` // committer date, RFC 3339
}

// HarnessInfo is how a document's results were measured.
type HarnessInfo struct {
	Clock        string  `json:"clock"`          // what samples were timed with: "thread-cpu" or "wall"
	Samples      int     `json:"samples"`        // samples per benchmark
	SampleTimeMs float64 `json:"sample_time_ms"` // target wall time of one sample
	Confidence   float64 `json:"confidence"`     // level of the [ci_low_ns, ci_high_ns] intervals
	// Processes is the number of processes the samples were spread over (each
	// result's samples_process tells which); absent for one.
	Processes int `json:"processes,omitempty"`
	// Suite is the suite measured: "builtin" (this program's suite) or "go-test"
	// (a Go module's own go test benchmarks; each result's group is its package).
	// Optional: absent in documents written before it was recorded.
	Suite string `json:"suite,omitempty"`
	// BenchTime is go test's -benchtime of each sample of a go-test suite, as
	// given (100ms, 1000x); absent for the builtin suite, which times samples by
	// sample_time_ms.
	BenchTime string `json:"benchtime,omitempty"`
}

// The values of HarnessInfo.Suite.
const (
	SuiteBuiltin = "builtin"
	SuiteGoTest  = "go-test"
)

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

	// SamplesProcess is, for each of samples_ns, the 0-based index of the process
	// that measured it, when samples came from several processes; absent when every
	// sample came from one process.
	SamplesProcess []int `json:"samples_process,omitempty"`

	// Metrics are measurements beyond time, allocations and bytes, by name:
	// "instructions" (instructions per operation, from valgrind), and custom units
	// read from other tools (MB/s, ...). Absent when there are none.
	Metrics map[string]Metric `json:"metrics,omitempty"`

	// PointEstimate is true when the tool reported a summary of its measurements
	// (a mean or a median), not the measurements: samples_ns (and each metric's
	// samples) hold that one value. No significance test is possible: a
	// comparison decides by the threshold alone and says so.
	PointEstimate bool `json:"point_estimate,omitempty"`

	// Warnings are benchmath's statistical caveats about the samples (too few
	// for an interval, for example); absent when there are none.
	Warnings []string `json:"warnings,omitempty"`
}

// Metric is one extra metric of a result: its unit, its samples (one per
// measurement, in the order taken) and their median with a 95% confidence interval.
type Metric struct {
	Unit    string    `json:"unit"`    // e.g. "instructions/op", "MB/s"
	Samples []float64 `json:"samples"` // per-operation values (or rates), one per sample
	Median  float64   `json:"median"`
	CILow   float64   `json:"ci_low"`
	CIHigh  float64   `json:"ci_high"`
	// SamplesProcess is, as Result.SamplesProcess, the process of each sample.
	SamplesProcess []int `json:"samples_process,omitempty"`
	// Better is which way the metric improves, "higher" or "lower", when the
	// tool that measured it said so; absent, the unit decides (Metric.Direction).
	Better string `json:"better,omitempty"`
}

// MetricInstructions is the key of instructions per operation in Result.Metrics.
const MetricInstructions = "instructions"

// Summary is the document-level summary of the seed.
type Summary struct {
	TotalBenchmarks  int     `json:"total_benchmarks"`
	TotalIterations  int64   `json:"total_iterations"`
	TotalDurationMs  float64 `json:"total_duration_ms"`
	FastestBenchmark string  `json:"fastest_benchmark"`
	SlowestBenchmark string  `json:"slowest_benchmark"`
}
