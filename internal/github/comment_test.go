package github

import (
	"strings"
	"testing"
)

func TestMarker(t *testing.T) {
	t.Parallel()
	tests := []struct{ key, want string }{
		{"", "<!-- cost-ops-bench:gate key=default -->"},
		{"linux", "<!-- cost-ops-bench:gate key=linux -->"},
		{" macos ", "<!-- cost-ops-bench:gate key=macos -->"},
		{"a-->b", "<!-- cost-ops-bench:gate key=a__>b -->"},
		{"x>y\nz", "<!-- cost-ops-bench:gate key=x_y z -->"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			t.Parallel()
			got := Marker(tt.key)
			if got != tt.want {
				t.Errorf("Marker(%q) = %q, want %q", tt.key, got, tt.want)
			}
			inner := strings.TrimSuffix(strings.TrimPrefix(got, "<!--"), "-->")
			if strings.Contains(inner, "--") {
				t.Errorf("Marker(%q) = %q: the HTML comment could end early", tt.key, got)
			}
		})
	}
}

func TestHasMarker(t *testing.T) {
	t.Parallel()
	m := Marker("k")
	tests := []struct {
		body string
		want bool
	}{
		{m + "\nreport", true},
		{"\n  " + m + "\nreport", true},
		{"> " + m + "\n> quoted", false},
		{"text " + m, false},
		{Marker("k2") + "\nreport", false},
	}
	for _, tt := range tests {
		if got := hasMarker(tt.body, m); got != tt.want {
			t.Errorf("hasMarker(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
