package bench

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// Harness measures benchmarks: for each it runs Setup untimed, calibrates the
// iterations per sample, counts allocations in dedicated runs, warms up, and
// times Config.Samples samples with the garbage collector kept out of the timed
// region: it is paused while samples run, and the harness collects off the clock
// before each sample and, for workloads that allocate, between chunks of 4 MiB of
// allocation. A sample's time is thus the workload's own work (allocation
// included), independent of the sample's length and of when the collector would
// have run; allocs_per_op and bytes_per_op, counted exactly, stand for the
// collection work the allocations cause.
type Harness struct {
	cfg   Config
	clock Clock
}

// NewHarness returns a harness with cfg, or an error naming the setting that
// cannot be honoured.
func NewHarness(cfg Config) (*Harness, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	return &Harness{cfg: cfg, clock: cfg.clock()}, nil
}

// Run measures benches in order and returns the result document. It stops at
// the first benchmark that fails and when ctx is done.
func (h *Harness) Run(ctx context.Context, benches []Benchmark) (*Document, error) {
	start := h.cfg.now()
	p := newProgress(h.cfg, len(benches), start)
	results := make([]Result, 0, len(benches))
	for i, b := range benches {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p.begin(i, b.Name)
		r, err := h.Measure(ctx, b)
		if err != nil {
			p.abort()
			return nil, err
		}
		results = append(results, r)
		p.end(i, r)
	}
	wall := h.cfg.now().Sub(start)
	p.finish(wall)
	doc := NewDocument(h.cfg.Version, start, h.cfg.Environment, results, wall)
	doc.Harness = &HarnessInfo{
		Clock:        h.clock.Name,
		Samples:      h.cfg.Samples,
		SampleTimeMs: float64(h.cfg.SampleTime.Nanoseconds()) / 1e6,
		Confidence:   Confidence,
		Suite:        SuiteBuiltin,
	}
	return &doc, nil
}

// Measure measures one benchmark. Errors name the benchmark.
func (h *Harness) Measure(ctx context.Context, b Benchmark) (Result, error) {
	w, err := b.Setup()
	if err != nil {
		return Result{}, fmt.Errorf("%s: setup: %w", b.Name, err)
	}
	if w.Run == nil {
		return Result{}, fmt.Errorf("%s: setup returned no Run function", b.Name)
	}
	if h.clock.PerThread {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	m := measurer{cfg: h.cfg, clock: h.clock, run: w.Run}
	meas, err := m.measure(ctx, b.ops())
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, err
		}
		return Result{}, fmt.Errorf("%s: %w", b.Name, err)
	}
	r := newResult(b, meas.iters, meas.durations, h.cfg.now())
	r.AllocsPerOp, r.BytesPerOp = meas.allocs, meas.bytes
	r.CostTotalUSD = w.CostUSD
	return r, nil
}

// measurer runs one workload.
type measurer struct {
	cfg   Config
	clock Clock
	run   func(iters int) error
}

// measurement is what measure found: the iterations of each sample, the
// samples' durations, and the allocations per operation.
type measurement struct {
	iters         int
	durations     []time.Duration
	allocs, bytes float64
}

// measure calibrates, counts allocations, warms up and takes the samples of a
// workload whose iterations are batch operations each.
func (m *measurer) measure(ctx context.Context, batch int) (measurement, error) {
	var meas measurement
	var err error
	if meas.iters, err = m.calibrate(); err != nil {
		return meas, err
	}
	if meas.allocs, meas.bytes, err = m.allocations(batch); err != nil {
		return meas, err
	}
	// The samples run with the collector paused, collecting off the clock
	// before each sample and between chunks of chunkBytes of allocation. A
	// warm-up sample first grows the heap to what a chunk needs, so that the
	// first sample finds the caches and the heap as the others do.
	chunk := chunkIters(meas.iters, meas.bytes*float64(batch), m.cfg.SampleTime)
	pauseGC()
	defer resumeGC()
	if _, err := m.sample(meas.iters, chunk); err != nil {
		return meas, err
	}
	for range m.cfg.Samples {
		if err := ctx.Err(); err != nil {
			return meas, err
		}
		d, err := m.sample(meas.iters, chunk)
		if err != nil {
			return meas, err
		}
		meas.durations = append(meas.durations, d)
	}
	return meas, nil
}

// sample runs iters iterations, in chunks of chunk iterations with a garbage
// collection before each, and returns the time the chunks took on the sample
// clock (collections excluded).
func (m *measurer) sample(iters, chunk int) (time.Duration, error) {
	var total time.Duration
	for done := 0; done < iters; done += chunk {
		n := min(chunk, iters-done)
		runtime.GC()
		t0 := m.clock.Read()
		err := m.run(n)
		total += m.clock.Read() - t0
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// calibrate finds the iterations that make a sample last about SampleTime on
// the sample clock, growing the count the way testing.B does (aiming 20% over,
// at most 100x per step). The calibration runs double as the first warm-up.
func (m *measurer) calibrate() (int, error) {
	target := m.cfg.SampleTime
	n := 1
	for {
		t0 := m.clock.Read()
		err := m.run(n)
		d := m.clock.Read() - t0
		if err != nil {
			return 0, err
		}
		if d >= target || n >= maxIters {
			return fitIters(target, n, d), nil
		}
		n = growIters(target, n, d)
	}
}

// growIters predicts the next calibration count after last iterations took took.
func growIters(target time.Duration, last int, took time.Duration) int {
	took = max(took, 1)
	n := int64(1.2 * float64(target) * float64(last) / float64(took))
	n = min(n, 100*int64(last), maxIters)
	return int(max(n, int64(last)+1))
}

// fitIters scales n iterations that took took to the count that lasts target.
func fitIters(target time.Duration, n int, took time.Duration) int {
	took = max(took, 1)
	fit := int64(float64(target)*float64(n)/float64(took) + 0.5)
	return int(min(max(fit, 1), maxIters))
}

// allocations counts the heap allocations and bytes per operation of a
// dedicated run of a fixed number of operations, reading runtime.MemStats around
// it as testing.B does. The statistics are process-wide, so the run is repeated
// allocRuns times and the smallest count kept: another goroutine's allocation can
// only add to a run, never hide one of the workload's.
func (m *measurer) allocations(batch int) (allocs, bytes float64, err error) {
	iters := max(1, (allocOps+batch-1)/batch)
	var before, after runtime.MemStats
	var best struct{ mallocs, bytes uint64 }
	for i := range allocRuns {
		runtime.GC()
		runtime.ReadMemStats(&before)
		err = m.run(iters)
		runtime.ReadMemStats(&after)
		if err != nil {
			return 0, 0, err
		}
		mallocs := after.Mallocs - before.Mallocs
		if i == 0 || mallocs < best.mallocs {
			best.mallocs, best.bytes = mallocs, after.TotalAlloc-before.TotalAlloc
		}
	}
	ops := float64(iters * batch)
	return float64(best.mallocs) / ops, float64(best.bytes) / ops, nil
}
