package bench_test

import (
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
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
// refused as too large (the cap is bench.MaxFileSize, 64 MiB), after reading no
// more than the cap, with the heap in use staying under 4x the cap (io.ReadAll grows
// its buffer by copying: 158 MiB measured, 222 MiB under the race detector).
func TestFaultHundredMegabyteResultRefused(t *testing.T) {
	const heapCap = 4 * bench.MaxFileSize
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
	_, err := bench.ReadCapped(in, "huge.json")
	close(stop)
	<-done
	t.Logf("read %d of %d bytes, peak heap in use %d MiB (cap %d MiB)", in.emitted, in.size, peak>>20, heapCap>>20)
	if !errors.Is(err, bench.ErrTooLarge) || !strings.HasPrefix(err.Error(), "huge.json: ") {
		t.Errorf("err = %v, want huge.json: %v", err, bench.ErrTooLarge)
	}
	if in.emitted > bench.MaxFileSize+1<<20 {
		t.Errorf("read %d bytes: more than the cap before refusing", in.emitted)
	}
	if peak > heapCap {
		t.Errorf("peak heap in use %d MiB, over %d MiB", peak>>20, heapCap>>20)
	}
}

// workflowCommandLine returns the first line of s that the Actions runner would
// read as a workflow command (it trims leading white space), or "".
func workflowCommandLine(s string) string {
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
			return line
		}
	}
	return ""
}

// TestFaultLoadErrorsCannotIssueWorkflowCommands loads result files whose benchmark
// names carry line breaks and workflow commands, as a fork's result file can in the
// workflow_run pattern: the errors, printed on stderr of a privileged job, must not
// hold a line the runner would execute.
func TestFaultLoadErrorsCannotIssueWorkflowCommands(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"x\n::add-mask::secret", "y\r::set-output name=verdict::pass", "z\n  ::error::spoofed"} {
		data := `{"schema_version":1,"results":[{"name":` + strconvQuote(name) + `,"samples_ns":[-1]},{"name":` + strconvQuote(name) + `,"samples_ns":[1]}]}`
		_, err := bench.DecodeJSON([]byte(data), "fork.json")
		if err == nil {
			t.Fatalf("%q: a negative sample was accepted", name)
		}
		if line := workflowCommandLine(err.Error()); line != "" {
			t.Errorf("%q: the error holds the workflow command line %q:\n%v", name, line, err)
		}
		if !strings.Contains(err.Error(), "samples_ns[0]: negative") {
			t.Errorf("%q: the error no longer says what is wrong: %v", name, err)
		}
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
