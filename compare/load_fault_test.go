package compare_test

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// hugeResult is a syntactically plausible result document of size bytes (one
// benchmark with an endless samples_ns array), made on the fly.
type hugeResult struct{ size, emitted int64 }

func (h *hugeResult) Read(p []byte) (int, error) {
	const head = `{"schema_version":1,"results":[{"name":"x","samples_ns":[`
	if h.emitted >= h.size {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && h.emitted < h.size {
		var c byte = "1234.5,"[h.emitted%7]
		if h.emitted < int64(len(head)) {
			c = head[h.emitted]
		}
		p[n] = c
		n++
		h.emitted++
	}
	return n, nil
}

// TestFaultHundredMegabyteResultRefused loads a 100 MB result document: it is
// refused as too large (the cap is compare.MaxFileSize, 64 MiB), after reading no
// more than the cap, with the heap in use staying under 3x the cap.
func TestFaultHundredMegabyteResultRefused(t *testing.T) {
	const heapCap = 3 * compare.MaxFileSize
	in := &hugeResult{size: 100 << 20}
	runtime.GC()
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	_, err := compare.Load(in, "huge.json")
	close(stop)
	<-done
	t.Logf("read %d of %d bytes, peak heap in use %d MiB (cap %d MiB)", in.emitted, in.size, peak>>20, heapCap>>20)
	if !errors.Is(err, compare.ErrTooLarge) || !strings.HasPrefix(err.Error(), "huge.json: ") {
		t.Errorf("err = %v, want huge.json: %v", err, compare.ErrTooLarge)
	}
	if in.emitted > compare.MaxFileSize+1<<20 {
		t.Errorf("read %d bytes: more than the cap before refusing", in.emitted)
	}
	if peak > heapCap {
		t.Errorf("peak heap in use %d MiB, over %d MiB", peak>>20, heapCap>>20)
	}
}
