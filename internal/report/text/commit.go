package text

// CommitLength is how many hex digits of a commit hash the outputs show: enough to
// stay unambiguous in a large repository.
const CommitLength = 12

// Commit shortens a commit hash to CommitLength characters; a shorter one (or a
// name) is returned as it is.
func Commit(sha string) string {
	if len(sha) > CommitLength {
		return sha[:CommitLength]
	}
	return sha
}
