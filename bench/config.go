package bench

import (
	"fmt"
	"io"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// MinSamples is the fewest samples a run may take: benchmath needs six for a
// finite 95% confidence interval of the median.
const MinSamples = 6

// Default and quick harness settings. Each benchmark of the suite takes about
// (DefaultSamples+3) x DefaultSampleTime of CPU time: 20 benchmarks take under
// 15 s on an idle machine, and under a minute with a quarter of a CPU.
const (
	DefaultSamples    = 40
	DefaultSampleTime = 15 * time.Millisecond
	QuickSamples      = MinSamples
	QuickSampleTime   = 5 * time.Millisecond
)

// DefaultProcesses is the number of processes `run` spreads each benchmark's
// samples over. A process lands on one memory layout, one heap and one set of CPU
// neighbours, and its samples share them: only the spread between processes tells
// how much the next run may differ. Five processes a side let the test between
// processes (internal/stats) catch a 2x slowdown under 10% noise between processes
// after the suite-wide correction; three would catch it half the time.
const DefaultProcesses = 5

// ProcessEnv is the environment variable that makes `run` one process of several:
// "K/N" (1-based). That process measures its share of the samples in itself and
// leaves the combining to whoever started it: `run --processes N`, or same-runner
// A/B, whose rounds are the processes ("1/1").
const ProcessEnv = "COST_OPS_BENCH_PROCESS"

// Confidence is the level of the interval reported around each median.
const Confidence = stats.Confidence

// allocOps is the number of operations of the dedicated run that counts
// allocations: fixed, so that allocs_per_op and bytes_per_op are the same figures
// on every run of the same code.
const allocOps = 1000

// allocRuns is the number of allocation-counting runs; the smallest count wins.
const allocRuns = 3

// maxIters bounds the iterations of one sample.
const maxIters = 1_000_000_000

// Config holds the harness settings and its injected I/O.
type Config struct {
	// Samples is the number of timed samples per benchmark (at least MinSamples).
	Samples int
	// PartOf, when above 1, says this run is one of PartOf processes whose samples
	// are combined (bench.Combine): Samples then needs to be only at least 1, as the
	// interval is computed over all of them.
	PartOf int
	// SampleTime is the target duration of one sample on the sample clock;
	// calibration picks the iterations per sample to last about this long (at
	// least 1ms, so that the clock's resolution and overhead do not matter).
	SampleTime time.Duration

	// Version is written into the document.
	Version string
	// Environment describes the machine; see DetectEnvironment.
	Environment Environment

	// Clock times the samples; the zero Clock means DefaultClock().
	Clock Clock
	// Now is the wall clock of timestamps, the ETA and the run's duration; nil
	// means time.Now.
	Now func() time.Time
	// Progress receives progress reports; nil means none.
	Progress io.Writer
	// Live rewrites one status line (Progress is a terminal) instead of writing
	// a line per benchmark.
	Live bool
}

// DefaultConfig returns the settings of a full run.
func DefaultConfig() Config {
	return Config{Samples: DefaultSamples, SampleTime: DefaultSampleTime}
}

// QuickConfig returns the settings of a quick local run: the fewest samples that
// still give an interval, and short samples. Its numbers are rough.
func QuickConfig() Config {
	return Config{Samples: QuickSamples, SampleTime: QuickSampleTime}
}

// check reports settings the harness cannot honour.
func (c Config) check() error {
	if c.PartOf > 1 {
		if c.Samples < 1 {
			return fmt.Errorf("samples: %d: one process of %d needs at least 1", c.Samples, c.PartOf)
		}
	} else if c.Samples < MinSamples {
		return fmt.Errorf("samples: %d is too few, need at least %d for a %.0f%% confidence interval", c.Samples, MinSamples, Confidence*100)
	}
	if c.SampleTime < time.Millisecond {
		return fmt.Errorf("sample time: %v is too short, need at least 1ms", c.SampleTime)
	}
	return nil
}

func (c Config) clock() Clock {
	if c.Clock.Read == nil {
		return DefaultClock()
	}
	return c.Clock
}

func (c Config) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}
