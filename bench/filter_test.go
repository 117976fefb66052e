package bench

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func testRegistry() *Registry {
	var r Registry
	for _, name := range []string{"single_cost_calculation", "batch_cost_calculation_100", "batch_cost_calculation_1000", "cost_aggregation_100", "multi_provider_openai"} {
		r.Add(Benchmark{Name: name, Group: "g", Setup: func() (Workload, error) { return Workload{}, nil }})
	}
	return &r
}

func TestFilterSelect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		patterns []string
		want     []string
	}{
		{"no filter keeps all", nil, []string{"single_cost_calculation", "batch_cost_calculation_100", "batch_cost_calculation_1000", "cost_aggregation_100", "multi_provider_openai"}},
		{"substring", []string{"batch"}, []string{"batch_cost_calculation_100", "batch_cost_calculation_1000"}},
		{"substring is not anchored", []string{"_100"}, []string{"batch_cost_calculation_100", "batch_cost_calculation_1000", "cost_aggregation_100"}},
		{"several are OR-ed", []string{"openai", "single"}, []string{"single_cost_calculation", "multi_provider_openai"}},
		{"regexp", []string{"/_100$/"}, []string{"batch_cost_calculation_100", "cost_aggregation_100"}},
		{"regexp OR substring", []string{"/^single/", "aggregation"}, []string{"single_cost_calculation", "cost_aggregation_100"}},
		{"a lone slash is a substring", []string{"/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := ParseFilter(tt.patterns)
			if err != nil {
				t.Fatal(err)
			}
			got, err := testRegistry().Select(f)
			if tt.want == nil {
				if err == nil || !strings.Contains(err.Error(), "matches no benchmark") {
					t.Fatalf("Select error = %v, want 'matches no benchmark'", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, b := range got {
				names = append(names, b.Name)
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("Select(%q) = %q, want %q", tt.patterns, names, tt.want)
			}
		})
	}
}

func TestParseFilterErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		patterns []string
		want     []string
	}{
		{"invalid regexp", []string{"/batch(/"}, []string{`filter "/batch(/": error parsing regexp`}},
		{"empty", []string{""}, []string{`filter "": empty pattern`}},
		{"empty regexp", []string{"//"}, []string{`filter "//": empty pattern`}},
		{"every bad one is named", []string{"/a[/", "ok", "/b(/"}, []string{`"/a[/"`, `"/b(/"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseFilter(tt.patterns)
			if err == nil {
				t.Fatal("ParseFilter succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.HasPrefix(tt.name, "empty") && !errors.Is(err, ErrEmptyPattern) {
				t.Errorf("error %v is not ErrEmptyPattern", err)
			}
		})
	}
}

func TestRegistryAddPanicsOnMistakes(t *testing.T) {
	t.Parallel()
	setup := func() (Workload, error) { return Workload{}, nil }
	tests := []struct {
		name string
		b    Benchmark
	}{
		{"duplicate", Benchmark{Name: "single_cost_calculation", Group: "g", Setup: setup}},
		{"no group", Benchmark{Name: "x", Setup: setup}},
		{"no setup", Benchmark{Name: "y", Group: "g"}},
		{"white space in the name", Benchmark{Name: "cost per record", Group: "g", Setup: setup}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if recover() == nil {
					t.Error("Add did not panic")
				}
			}()
			testRegistry().Add(tt.b)
		})
	}
}
