package bench

import (
	"runtime/debug"
	"sync"
)

// sampleMemoryLimit is the Go heap size at which the collector runs even while
// samples have it paused: a safeguard for workloads that allocate very fast.
const sampleMemoryLimit = 1 << 30

// gcPause keeps the garbage collector out of the timed region: while any
// measurement holds it, the collector runs only when the heap reaches
// sampleMemoryLimit; the harness collects explicitly before each sample instead.
// The settings are process-wide, so pauses are counted and the first one saves
// the settings that the last one restores.
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
