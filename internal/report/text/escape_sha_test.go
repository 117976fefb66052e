package text

import "testing"

func TestEscapeNameBreaksCommitLinksAndBidi(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"a word of 7 hex digits", "deadbee", "deadbe" + zwj + "e"},
		{"a full SHA after a separator", "run_0123456789abcdef", "run_012345" + zwj + "6789abcdef"},
		{"6 hex digits are no SHA", "cafe12", "cafe12"},
		{"hex inside a longer word", "x1234567y", "x1234567y"},
		{"a suite name", "batch_cost_calculation_10000", "batch_cost_calculation_10000"},
		{"right-to-left override dropped", "safe\u202enoitaluclac", "safenoitaluclac"},
		{"isolates dropped", "a\u2066b\u2069c", "abc"},
		{"other text kept", "größe µs", "größe µs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := EscapeName(tt.in); got != tt.want {
				t.Errorf("EscapeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
