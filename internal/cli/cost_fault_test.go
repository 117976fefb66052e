package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// usageStream is a JSON Lines usage input of about size bytes made on the fly, so
// that a gigabyte never touches the disk or the heap at once.
type usageStream struct {
	size, emitted, n int64
	pending          []byte
}

func (g *usageStream) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if len(g.pending) == 0 {
			if g.emitted >= g.size {
				break
			}
			g.pending = fmt.Appendf(g.pending[:0], `{"id":"req-%d","timestamp":"2025-07-01T10:%02d:00Z","provider":"openai","model":"gpt-4o",`+
				`"project_id":"p%d","prompt_tokens":1000,"completion_tokens":500}`+"\n", g.n, g.n%60, g.n%10)
			g.n++
			g.emitted += int64(len(g.pending))
		}
		c := copy(p, g.pending)
		g.pending, p, total = g.pending[c:], p[c:], total+c
	}
	if total == 0 {
		return 0, io.EOF
	}
	return total, nil
}

// tailWriter counts the bytes and lines written and keeps the last 4 KiB.
type tailWriter struct {
	n, lines int64
	tail     []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	w.lines += int64(bytes.Count(p, []byte("\n")))
	w.tail = append(w.tail, p...)
	if len(w.tail) > 4096 {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-4096:]...)
	}
	return len(p), nil
}

// peakHeap runs f while sampling the heap in use, and returns the largest sample.
func peakHeap(f func()) uint64 {
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
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak
}

// faultSizeDivisor divides the generated input under the race detector (see
// race_fault_test.go).
var faultSizeDivisor int64 = 1

// TestFaultCostStreamsAGigabyte prices 1 GiB of usage from stdin (256 MiB under the
// race detector), as a user pipes
// a month of logs into `cost --usage -`: the heap in use stays under 64 MiB, every
// record is printed, and the summary counts them all at the exact price.
func TestFaultCostStreamsAGigabyte(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1 GiB; skipped with -short")
	}
	const heapCap = 64 << 20
	in := &usageStream{size: 1 << 30 / faultSizeDivisor}
	out := &tailWriter{}
	var errb bytes.Buffer
	var err error
	peak := peakHeap(func() {
		err = Run(context.Background(), []string{"cost", "--usage", "-"}, Env{Stdin: in, Stdout: out, Stderr: &errb,
			Getenv: func(string) string { return "" }, Now: func() time.Time { return costNow }})
	})
	if err != nil {
		t.Fatalf("cost: %v\n%s", err, errb.String())
	}
	t.Logf("%d bytes in, %d records, %d bytes out, peak heap in use %.1f MiB (cap %d MiB)", in.emitted, in.n, out.n, float64(peak)/(1<<20), heapCap>>20)
	tail := string(out.tail)
	wantTotal := fmt.Sprintf(`"total_cost": "%s"`, decimal.RequireFromString("0.0075").Mul(decimal.NewFromInt(in.n)))
	if !strings.Contains(tail, fmt.Sprintf(`"total_requests": %d`, in.n)) || !strings.Contains(tail, wantTotal) {
		t.Errorf("summary does not count %d records at 0.0075 (%s):\n%s", in.n, wantTotal, tail)
	}
	if out.lines < in.n {
		t.Errorf("%d lines printed for %d records", out.lines, in.n)
	}
	if peak > heapCap {
		t.Errorf("peak heap in use %d MiB, over the %d MiB cap: the usage is not streamed", peak>>20, heapCap>>20)
	}
}

// failingWriter accepts limit bytes, then fails as a full disk does.
type failingWriter struct{ limit int }

var errDiskFull = errors.New("no space left on device")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errDiskFull
	}
	w.limit -= len(p)
	return len(p), nil
}

// TestFaultCostOutputWriteError checks that a write error on the output (a full
// disk behind a redirection) is a failure with its cause, exit 2, not a success
// with a truncated document.
func TestFaultCostOutputWriteError(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{0, 10, 300 << 10} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			t.Parallel()
			in := &usageStream{size: 1 << 20}
			err := Run(context.Background(), []string{"cost", "--usage", "-"}, Env{Stdin: in, Stdout: &failingWriter{limit: limit},
				Stderr: io.Discard, Getenv: func(string) string { return "" }, Now: func() time.Time { return costNow }})
			if ExitCode(err) != 2 || !errors.Is(err, errDiskFull) {
				t.Errorf("err = %v (exit %d), want the write error, exit 2", err, ExitCode(err))
			}
		})
	}
}
