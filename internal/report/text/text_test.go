package text

import (
	"math"
	"testing"
)

func TestDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ns   float64
		want string
	}{
		{0, "0.00ns"},
		{0.5, "0.50ns"},
		{9.994, "9.99ns"},
		{9.996, "10.0ns"},
		{88, "88.0ns"},
		{99.96, "100ns"},
		{950, "950ns"},
		{999.4, "999ns"},
		{999.6, "1.00µs"},
		{1234, "1.23µs"},
		{28094, "28.1µs"},
		{12.3e6, "12.3ms"},
		{999.7e6, "1.00s"},
		{1.5e9, "1.50s"},
		{120e9, "120s"},
		{math.NaN(), "?"},
		{math.Inf(1), "∞"},
	}
	for _, tt := range tests {
		if got := Duration(tt.ns); got != tt.want {
			t.Errorf("Duration(%v) = %q, want %q", tt.ns, got, tt.want)
		}
	}
}

func TestCommit(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"main", "main"},
		{"0123456789ab", "0123456789ab"},
		{"0123456789abcdef0123456789abcdef01234567", "0123456789ab"},
	}
	for _, tt := range tests {
		if got := Commit(tt.in); got != tt.want {
			t.Errorf("Commit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{Code("BenchmarkX"), "`BenchmarkX`"},
		{Code("a`b\nc"), "`a'b c`"},
		{CodeCell("a|b"), "`a\\|b`"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
