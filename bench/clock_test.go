package bench

import (
	"runtime"
	"testing"
	"time"
)

// TestThreadCPUClockIgnoresWaiting checks the property the harness relies on: the
// thread CPU clock advances while the thread computes and not while it waits.
func TestThreadCPUClockIgnoresWaiting(t *testing.T) {
	c, ok := ThreadCPUClock()
	if !ok {
		t.Skip("no thread CPU clock on", runtime.GOOS)
	}
	if !c.PerThread || c.Name != ClockThreadCPU {
		t.Errorf("clock = %+v", c)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := c.Read()
	time.Sleep(200 * time.Millisecond)
	slept := c.Read() - t0
	if slept > 100*time.Millisecond {
		t.Errorf("thread CPU time advanced %v during a 200ms sleep", slept)
	}
	t1 := c.Read()
	x := 0
	for i := range 10_000_000 {
		x += i
	}
	if worked := c.Read() - t1; worked <= 0 {
		t.Errorf("thread CPU time advanced %v during a busy loop (%d)", worked, x)
	}
}

func TestDefaultClock(t *testing.T) {
	t.Parallel()
	c := DefaultClock()
	want := ClockWall
	if _, ok := ThreadCPUClock(); ok {
		want = ClockThreadCPU
	}
	if c.Name != want || c.Read == nil {
		t.Errorf("DefaultClock() = %q, want %q", c.Name, want)
	}
	if w := WallClock(); w.Name != ClockWall || w.PerThread || w.Read() < 0 {
		t.Errorf("WallClock() = %+v", w)
	}
}
