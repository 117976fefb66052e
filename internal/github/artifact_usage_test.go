package github

import (
	"strings"
	"testing"
)

func TestExtractUsageLog(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		files    map[string]string
		wantName string
		wantErr  string
	}{
		{name: "jsonl", files: map[string]string{"eval/usage.jsonl": "{}\n", "eval/report.txt": "x"}, wantName: "eval/usage.jsonl"},
		{name: "json array", files: map[string]string{"usage.JSON": "[]"}, wantName: "usage.JSON"},
		{name: "none", files: map[string]string{"usage.txt": "x"}, wantErr: "no JSON or JSON Lines file: want exactly one usage log"},
		{name: "two", files: map[string]string{"a.jsonl": "{}", "b.json": "{}"}, wantErr: "several JSON or JSON Lines files"},
		{name: "parent escape", files: map[string]string{"../evil.jsonl": "{}"}, wantErr: "path escapes"},
		{name: "inflates past the cap", files: map[string]string{"usage.jsonl": strings.Repeat("0", 4096)}, wantErr: "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			name, content, err := ExtractUsageLog(makeZip(t, tt.files), Limits{MaxZipBytes: 1 << 20, MaxJSONBytes: 1024})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || name != tt.wantName || string(content) != tt.files[tt.wantName] {
				t.Errorf("got %s %q, %v; want %s", name, content, err, tt.wantName)
			}
		})
	}
	// A result artifact is still read as before: .jsonl members are no results.
	if _, _, err := ExtractResult(makeZip(t, map[string]string{"usage.jsonl": "{}"}), DefaultLimits); err == nil {
		t.Error("ExtractResult took a .jsonl member")
	}
}
