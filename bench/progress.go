package bench

import (
	"fmt"
	"io"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// progress reports the run on Config.Progress: on a terminal one live line
// rewritten with \r (name, n of N, ETA); elsewhere, as in CI logs, one plain line
// per finished benchmark.
type progress struct {
	w     io.Writer
	live  bool
	total int
	start time.Time
	now   func() time.Time
	// perBench estimates a benchmark's duration before any has finished.
	perBench time.Duration
}

func newProgress(cfg Config, total int, start time.Time) *progress {
	return &progress{
		w:        cfg.Progress,
		live:     cfg.Live,
		total:    total,
		start:    start,
		now:      cfg.now,
		perBench: time.Duration(cfg.Samples+3) * cfg.SampleTime,
	}
}

// eta estimates the time left when done benchmarks have finished: the mean
// duration so far (or the configured estimate) times the benchmarks left.
func (p *progress) eta(done int) time.Duration {
	per := p.perBench
	if done > 0 {
		per = p.now().Sub(p.start) / time.Duration(done)
	}
	return (per * time.Duration(p.total-done)).Round(time.Second)
}

func (p *progress) begin(i int, name string) {
	if p.w == nil || !p.live {
		return
	}
	fmt.Fprintf(p.w, "\r\033[K[%*d/%d] %s  ETA %v", digits(p.total), i+1, p.total, name, p.eta(i))
}

func (p *progress) end(i int, r Result) {
	if p.w == nil || p.live {
		return
	}
	fmt.Fprintf(p.w, "[%*d/%d] %-32s %12s/op ±%.1f%%  ETA %v\n",
		digits(p.total), i+1, p.total, r.Name, text.Duration(r.MedianNs), r.CIHalfWidthPct(), p.eta(i+1))
}

// abort ends a live line so that the error printed next starts on its own line.
func (p *progress) abort() {
	if p.w != nil && p.live {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) finish(wall time.Duration) {
	if p.w == nil {
		return
	}
	if p.live {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "ran %d benchmarks in %v\n", p.total, wall.Round(100*time.Millisecond))
}

// digits returns the number of decimal digits of n.
func digits(n int) int {
	return len(fmt.Sprint(n))
}
