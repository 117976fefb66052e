package bench

import "time"

// Clock names, as the document's harness.clock records them.
const (
	ClockThreadCPU = "thread-cpu"
	ClockWall      = "wall"
)

// Clock is what samples are timed with.
type Clock struct {
	// Name is ClockThreadCPU, ClockWall, or a test's name.
	Name string
	// Read returns the current reading; only differences between readings mean
	// anything.
	Read func() time.Duration
	// PerThread says the reading belongs to the calling OS thread: the harness
	// then locks the measuring goroutine to its thread.
	PerThread bool
}

// WallClock is the monotonic wall clock, as testing.B uses: time that other
// processes of a busy machine take from the benchmark counts too.
func WallClock() Clock {
	start := time.Now()
	return Clock{Name: ClockWall, Read: func() time.Duration { return time.Since(start) }}
}

// ThreadCPUClock is the CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID),
// where the system has one: time the thread spends waiting for a CPU that other
// processes hold does not count, so samples stay comparable on a shared machine.
// Work of the runtime's other threads (background garbage collection) does not
// count either; allocs_per_op and bytes_per_op show it.
func ThreadCPUClock() (Clock, bool) {
	if !threadCPUAvailable() {
		return Clock{}, false
	}
	return Clock{Name: ClockThreadCPU, Read: threadCPUTime, PerThread: true}, true
}

// DefaultClock is ThreadCPUClock where available, else WallClock.
func DefaultClock() Clock {
	if c, ok := ThreadCPUClock(); ok {
		return c
	}
	return WallClock()
}
