package bench

import (
	"math"
	"runtime/debug"
	"sync"
	"time"
)

// sampleMemoryLimit is the Go heap size at which the collector runs even while
// samples have it paused: a safeguard for workloads that allocate very fast.
const sampleMemoryLimit = 1 << 30

// gcPause keeps the garbage collector out of the timed region: while any
// measurement holds it, the collector runs only when the heap reaches
// sampleMemoryLimit; the harness collects explicitly, off the clock, between
// chunks of a sample instead (see chunkIters). The settings are process-wide, so
// pauses are counted and the first one saves the settings that the last one
// restores.
var gcPause struct {
	sync.Mutex
	holders     int
	percent     int
	memoryLimit int64
}

func pauseGC() {
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.holders == 0 {
		gcPause.percent = debug.SetGCPercent(-1)
		gcPause.memoryLimit = debug.SetMemoryLimit(sampleMemoryLimit)
	}
	gcPause.holders++
}

func resumeGC() {
	gcPause.Lock()
	defer gcPause.Unlock()
	gcPause.holders--
	if gcPause.holders == 0 {
		debug.SetGCPercent(gcPause.percent)
		debug.SetMemoryLimit(gcPause.memoryLimit)
	}
}

// chunkBytes is how much a workload may allocate between two collections while
// a sample runs: Go's smallest heap goal, so that a chunk works on about as much
// fresh memory as it would with the collector on, whatever the sample's length.
const chunkBytes = 4 << 20

// minChunk is the shortest chunk (as calibrated): a chunk is timed on its own,
// and the clock's overhead must stay negligible.
const minChunk = 250 * time.Microsecond

// chunkIters returns how many of a sample's iters iterations run between two
// collections: as many as allocate chunkBytes (all of them when the workload
// does not allocate), and at least as many as last minChunk when a sample of
// iters lasts sampleTime.
func chunkIters(iters int, bytesPerIter float64, sampleTime time.Duration) int {
	if bytesPerIter <= 0 {
		return iters
	}
	byBytes := int(chunkBytes / bytesPerIter)
	byTime := int(math.Ceil(float64(iters) * float64(minChunk) / float64(sampleTime)))
	return min(iters, max(1, byBytes, byTime))
}
