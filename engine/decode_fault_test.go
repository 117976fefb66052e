package engine

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

var faultUsageBytes = flag.Int64("fault-usage-bytes", 1<<30, "size of the generated usage input of the bounded-memory test")

// faultSizeDivisor divides the generated input under the race detector (see
// race_fault_test.go).
var faultSizeDivisor int64 = 1

// generatedUsage is a JSON Lines usage file of about size bytes, made on the fly:
// nothing of it is ever on disk or in memory at once.
type generatedUsage struct {
	size, emitted int64
	n             int64 // records so far
	pending       []byte
}

const genRecordCost = "0.0075" // 1000 prompt at 2.50 + 500 completion at 10.00 per million

func (g *generatedUsage) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if len(g.pending) == 0 {
			if g.emitted >= g.size {
				break
			}
			g.pending = strconv.AppendInt(append(g.pending[:0], `{"id":"req-`...), g.n, 10)
			g.pending = append(g.pending, `","timestamp":"2025-07-01T10:`...)
			g.pending = fmt.Appendf(g.pending, `%02d:00Z","provider":"OpenAI","model":"gpt-4o","project_id":"p%d","user_id":"u%d",`, g.n%60, g.n%10, g.n%1000)
			g.pending = append(g.pending, `"prompt_tokens":1000,"completion_tokens":500,"tags":{"team":"search"}}`+"\n"...)
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

// heapWatch samples the heap in use until stopped and keeps the largest value.
type heapWatch struct {
	stop chan struct{}
	wg   sync.WaitGroup
	max  uint64
}

func watchHeap() *heapWatch {
	w := &heapWatch{stop: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			w.max = max(w.max, ms.HeapInuse)
			select {
			case <-w.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

func (w *heapWatch) Max() uint64 {
	close(w.stop)
	w.wg.Wait()
	return w.max
}

// TestFaultGigabyteUsageStreamsInBoundedMemory decodes, prices and aggregates a
// 1 GiB usage stream (256 MiB under the race detector) and checks the heap in use never passes 64 MiB (the decoder
// holds one record; the aggregator one sum per key), and that every record was
// priced: the total is exactly count x the price of one.
func TestFaultGigabyteUsageStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1 GiB; skipped with -short")
	}
	const heapCap = 64 << 20
	cat, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	watch := watchHeap()
	gen := &generatedUsage{size: *faultUsageBytes / faultSizeDivisor}
	d, calc, agg := NewUsageDecoder(gen), NewCalculator(cat), NewAggregator(time.Hour)
	var u Usage
	for {
		err := d.Next(&u)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%v", err)
		}
		c, err := calc.Price(&u)
		if err != nil {
			t.Fatalf("%s: %v", d.Position(), err)
		}
		agg.Add(&u, c)
	}
	peak := watch.Max()
	s := agg.Summary()
	t.Logf("%d bytes, %d records, peak heap in use %.1f MiB (cap %d MiB)", gen.emitted, s.Count, float64(peak)/(1<<20), heapCap>>20)
	if s.Count != gen.n || s.Count == 0 {
		t.Errorf("%d records aggregated, %d generated", s.Count, gen.n)
	}
	if want := dec(genRecordCost).Mul(dec(strconv.FormatInt(gen.n, 10))); !s.Total.Decimal().Equal(want) {
		t.Errorf("total %s, want %s", s.Total, want)
	}
	if len(s.ByProject) != 10 || s.ByProvider.Get("openai").Decimal().IsZero() {
		t.Errorf("groups: %d projects, providers %v", len(s.ByProject), s.ByProvider)
	}
	if peak > heapCap {
		t.Errorf("peak heap in use %d MiB, over the %d MiB cap: the input is not streamed", peak>>20, heapCap>>20)
	}
}
