package samerunner

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseRef(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		wantRev string
		wantOK  bool
	}{
		{"ref:main", "main", true},
		{"ref: 3f2a9c1 ", "3f2a9c1", true},
		{"ref:origin/release-1.2", "origin/release-1.2", true},
		{"baselines/main.json", "", false},
		{"artifact:bench", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			rev, ok := ParseRef(tt.in)
			if ok != tt.wantOK || (ok && rev != tt.wantRev) {
				t.Errorf("ParseRef(%q) = %q, %v; want %q, %v", tt.in, rev, ok, tt.wantRev, tt.wantOK)
			}
		})
	}
}

func TestParseSuite(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Suite{"": SuiteBuiltin, "builtin": SuiteBuiltin, "go-test": SuiteGoTest} {
		if got, err := ParseSuite(in); err != nil || got != want {
			t.Errorf("ParseSuite(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseSuite("gotest"); err == nil || !strings.Contains(err.Error(), `"go-test"`) {
		t.Errorf("ParseSuite(gotest) error = %v, want one naming the valid suites", err)
	}
}

func TestOptionsDefaultsAndErrors(t *testing.T) {
	t.Parallel()
	o, err := Options{Baseline: "main", Suite: SuiteGoTest}.withDefaults()
	if err != nil || o.Rounds != DefaultRoundsGoTest || o.Bench != "." || strings.Join(o.Packages, " ") != "./..." || o.Dir != "." {
		t.Errorf("go-test defaults = %+v, %v", o, err)
	}
	if o, _ := (Options{Baseline: "main"}).withDefaults(); o.Suite != SuiteBuiltin || o.Rounds != DefaultRoundsBuiltin ||
		strings.Join(o.RunArgs, " ") != "--samples 6 --sample-time 20ms" {
		t.Errorf("builtin defaults = %+v", o)
	}
	for _, tt := range []struct{ args, want string }{
		{"--quick", "--quick"},
		{"-samples=10", "-samples=10 --sample-time 20ms"},
		{"--sample-time 5ms", "--sample-time 5ms --samples 6"},
		{"--samples 8 --sample-time=5ms", "--samples 8 --sample-time=5ms"},
	} {
		o, _ := Options{Baseline: "main", RunArgs: strings.Fields(tt.args)}.withDefaults()
		if got := strings.Join(o.RunArgs, " "); got != tt.want {
			t.Errorf("run args %q became %q, want %q: the caller's sample settings stand", tt.args, got, tt.want)
		}
	}
	bad := []struct {
		name string
		opts Options
		want string
	}{
		{"no baseline", Options{}, "baseline"},
		{"negative rounds", Options{Baseline: "main", Rounds: -1}, "rounds"},
		{"negative budget", Options{Baseline: "main", Budget: -time.Second}, "budget"},
		{"unknown suite", Options{Baseline: "main", Suite: "pytest"}, "suite"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := tt.opts.withDefaults(); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want one starting with %q", err, tt.want)
			}
		})
	}
}

func TestBriefNamesTheFailure(t *testing.T) {
	t.Parallel()
	exit := errors.New("exit status 1")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"compile error", &CommandError{Args: []string{"go", "test", "-c"}, Err: exit,
			Stderr: "# example.com/x\n./size.go:3:18: cannot use \"x\" (untyped string constant) as int value"},
			`go test: exit status 1: ./size.go:3:18: cannot use "x" (untyped string constant) as int value`},
		{"failing benchmark", &CommandError{Args: []string{"/tmp/ab/0.test", "-test.run=^$"}, Err: exit,
			Stderr: "goos: linux\ngoarch: amd64\n--- FAIL: BenchmarkX\n    x_test.go:9: boom\nFAIL"},
			"0.test: exit status 1: --- FAIL: BenchmarkX"},
		{"no output", &CommandError{Args: []string{"/tmp/ab/bin/cost-ops-bench", "run"}, Err: exit}, "cost-ops-bench run: exit status 1"},
		{"plain error", errors.New("first\nsecond"), "first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := brief(tt.err); got != tt.want {
				t.Errorf("brief = %q, want %q", got, tt.want)
			}
		})
	}
}
