package samerunner

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestSettingsFromInputsAndFlags(t *testing.T) {
	t.Parallel()
	inputs := map[string]string{"suite": "go-test", "bench": "Work", "packages": "./a/...\n./b", "rounds": "4", "budget": "15m", "benchtime": "100x", "build-tags": "bench"}
	s := SettingsFromInputs(func(name string) string { return inputs[name] })
	fs := flag.NewFlagSet("gate", flag.ContinueOnError)
	s.Bind(fs)
	if err := fs.Parse([]string{"--rounds", "8", "--tags", "bench, integration"}); err != nil { // a flag overrides its input
		t.Fatal(err)
	}
	o, err := s.Options("/repo", "main", "", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.Suite != SuiteGoTest || o.Bench != "Work" || strings.Join(o.Packages, " ") != "./a/... ./b" ||
		o.Rounds != 8 || o.BenchTime != "100x" || o.Budget != 15*time.Minute || o.Dir != "/repo" || o.Baseline != "main" ||
		strings.Join(o.Tags, ",") != "bench,integration" {
		t.Errorf("options = %+v", o)
	}
}

func TestSettingsDefaults(t *testing.T) {
	t.Parallel()
	o, err := Settings{Budget: "0"}.Options(".", "main", "", []string{"batch"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.Suite != SuiteBuiltin || o.Rounds != DefaultRoundsBuiltin || o.Budget != 0 || strings.Join(o.Filters, " ") != "batch" {
		t.Errorf("options = %+v", o)
	}
}

func TestSettingsErrorsNameTheSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    Settings
		want string
	}{
		{"suite", Settings{Suite: "pytest"}, `suite "pytest"`},
		{"rounds not a number", Settings{Rounds: "many"}, `rounds: "many"`},
		{"rounds zero", Settings{Rounds: "0"}, `rounds: "0"`},
		{"budget", Settings{Budget: "ten minutes"}, `budget: "ten minutes"`},
		{"negative budget", Settings{Budget: "-5m"}, `budget: "-5m"`},
		{"a flag as tag", Settings{Suite: "go-test", Tags: "-exec=evil"}, `tags: "-exec=evil": want build tags separated by commas`},
		{"an expression as tag", Settings{Suite: "go-test", Tags: "bench||x"}, `tags: "bench||x"`},
		{"tags of the built-in suite", Settings{Tags: "bench"}, `tags: "bench": a setting of suite go-test, and the suite is builtin`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := tt.s.Options(".", "main", "", nil, nil); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want one starting with %q", err, tt.want)
			}
		})
	}
}

func TestParseTags(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", "bench": "bench", "bench,integration": "bench,integration",
		" bench , integration ": "bench,integration", "bench integration": "bench,integration", "a,a,b": "a,b", "go1.24,x_y": "go1.24,x_y"} {
		got, err := ParseTags(in)
		if err != nil || strings.Join(got, ",") != want {
			t.Errorf("ParseTags(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"-tags=x", "a,!b", `"bench"`, "a;b"} {
		if _, err := ParseTags(bad); err == nil {
			t.Errorf("ParseTags(%q): no error", bad)
		}
	}
}
