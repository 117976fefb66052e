package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// processEnv marks a `run` as one process of several (bench.ProcessEnv).
const processEnv = bench.ProcessEnv

// processShare returns the samples of process k (0-based) of n when total samples
// are spread over them: as even as can be, the first ones taking the remainder.
func processShare(total, k, n int) int {
	share := total / n
	if k < total%n {
		share++
	}
	return share
}

// parseProcessSlot reads processEnv: 0, 0 when it is not set.
func parseProcessSlot(v string) (k, n int, err error) {
	if v == "" {
		return 0, 0, nil
	}
	ks, ns, ok := strings.Cut(v, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("%s=%q: want K/N with 1 <= K <= N", processEnv, v)
	}
	return k, n, nil
}

// selfExecutable is the program `run` starts its processes from; tests replace it.
var selfExecutable = os.Executable

// measureInProcesses measures selected in opts.processes fresh processes of this
// program, one after another, each running every selected benchmark for its share of
// the samples (so that each benchmark's processes are interleaved with the others'),
// and combines each benchmark's parts (bench.Combine: samples_process records which
// process measured each sample).
func measureInProcesses(ctx context.Context, selected []bench.Benchmark, opts runOptions, env Env) (*bench.Document, error) {
	exe, err := selfExecutable()
	if err != nil {
		return nil, fmt.Errorf("finding this program to start its processes: %w", err)
	}
	tmp, err := os.MkdirTemp("", "cost-ops-bench-run-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	names := make([]string, len(selected))
	for i, b := range selected {
		names[i] = regexp.QuoteMeta(b.Name)
	}
	filter := "/^(" + strings.Join(names, "|") + ")$/"
	start := env.now()
	parts := make(map[string][]bench.Result, len(selected))
	var first *bench.Document
	for k := range opts.processes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out := filepath.Join(tmp, strconv.Itoa(k+1))
		args := []string{"run", "--output", out, "--no-summary", "--filter", filter,
			"--samples", strconv.Itoa(processShare(opts.samples, k, opts.processes)),
			"--sample-time", opts.sampleTime.String(), "--clock", opts.clock}
		fmt.Fprintf(env.Stderr, "process %d/%d\n", k+1, opts.processes)
		cmd := exec.CommandContext(ctx, exe, args...)
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d/%d", processEnv, k+1, opts.processes))
		cmd.Stdout, cmd.Stderr = io.Discard, env.Stderr
		cmd.WaitDelay = 5 * time.Second
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("process %d of %d: %w", k+1, opts.processes, err)
		}
		doc, err := bench.ReadFile(filepath.Join(out, "latest.json"))
		if err != nil {
			return nil, fmt.Errorf("process %d of %d: reading its result: %w", k+1, opts.processes, err)
		}
		if first == nil {
			first = doc
		}
		for _, r := range doc.Results {
			parts[r.Name] = append(parts[r.Name], r)
		}
	}
	results := make([]bench.Result, 0, len(selected))
	for _, b := range selected {
		if len(parts[b.Name]) != opts.processes {
			return nil, fmt.Errorf("%s: measured by %d of %d processes", b.Name, len(parts[b.Name]), opts.processes)
		}
		results = append(results, bench.Combine(parts[b.Name]))
	}
	doc := bench.NewDocument(Version, start, bench.DetectEnvironment(), results, env.now().Sub(start))
	doc.Harness = first.Harness
	if doc.Harness != nil {
		doc.Harness.Samples, doc.Harness.Processes = opts.samples, opts.processes
	}
	return &doc, nil
}
