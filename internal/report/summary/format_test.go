package summary

import "testing"

func TestFormatHelpers(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{count(0), "0"},
		{count(999), "999"},
		{count(1000), "1,000"},
		{count(44078260), "44,078,260"},
		{count(-1234567), "-1,234,567"},
		{rate(999), "999.0/s"},
		{rate(35536602.7), "35.54M/s"},
		{rate(2.5e9), "2.500G/s"},
		{rate(0), "0.000/s"},
		{pct(2.96), "±3.0%"},
		{trimFloat(0.078125), "0.078125"},
		{trimFloat(5), "5"},
		{seconds(41234.5), "41.23 s"},
		{ratio(61.05, 58.85), "1.04x"},
		{ratio(1, 0), "–"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}
