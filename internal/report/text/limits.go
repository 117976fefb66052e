package text

// GitHub's size limits.
const (
	// CommentLimit is the most characters GitHub accepts in an issue or pull
	// request comment. Renderers count bytes, which are never fewer.
	CommentLimit = 65536
	// SummaryLimit is GitHub's limit on one step's job summary, in bytes.
	SummaryLimit = 1 << 20
)
