package report

import (
	"io"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// BenchmarkMarkdownCutToCommentLimit renders a 3000-benchmark comparison cut to
// GitHub's comment limit, as the gate's PR comment does (a binary search of renders).
func BenchmarkMarkdownCutToCommentLimit(b *testing.B) {
	c := synthetic(3000)
	b.ReportAllocs()
	for b.Loop() {
		if s := MarkdownString(c, MarkdownOptions{MaxBytes: text.CommentLimit}); len(s) > text.CommentLimit {
			b.Fatalf("%d bytes, over the limit", len(s))
		}
	}
}

// BenchmarkJSON renders the same comparison as the JSON report.
func BenchmarkJSON(b *testing.B) {
	c := synthetic(3000)
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
}
