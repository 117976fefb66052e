package bench

import (
	"runtime/debug"
	"slices"
	"testing"
	"time"
)

func TestChunkIters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		iters        int
		bytesPerIter float64
		want         int
	}{
		{"no allocation: one chunk", 5000, 0, 5000},
		{"4 MiB of allocation per chunk", 5000, 11_000, 381},
		{"small allocation fits one chunk", 5000, 100, 5000},
		{"huge iterations: one per chunk", 40, 64 << 20, 1},
		{"short chunks are lengthened to 250µs", 100_000, 1 << 20, 1250},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := chunkIters(tt.iters, tt.bytesPerIter, 20*time.Millisecond); got != tt.want {
				t.Errorf("chunkIters(%d, %v, 20ms) = %d, want %d", tt.iters, tt.bytesPerIter, got, tt.want)
			}
		})
	}
}

// TestSampleRunsInChunks checks that a sample runs all its iterations, in chunks,
// and that only the chunks are timed.
func TestSampleRunsInChunks(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	var calls []int
	m := measurer{clock: clk.clock(), run: func(iters int) error {
		calls = append(calls, iters)
		clk.advance(time.Duration(iters) * time.Microsecond)
		return nil
	}}
	d, err := m.sample(1000, 300)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{300, 300, 300, 100}; !slices.Equal(calls, want) {
		t.Errorf("chunks = %v, want %v", calls, want)
	}
	if d != 1000*time.Microsecond {
		t.Errorf("sample took %v, want 1ms (the chunks' time only)", d)
	}
}

// TestPauseGCRestores checks that nested pauses restore the collector's
// settings once, when the last one ends. Not parallel: the settings are global.
func TestPauseGCRestores(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	pauseGC()
	pauseGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent during a pause = %d, want -1 (off)", got)
	}
	resumeGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent after the inner pause ended = %d, want still -1", got)
	}
	resumeGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after both pauses = %d, want 100 restored", got)
	}
}
