// Package github is the gate's door to GitHub: a small interface (GitHub) for the
// few calls the gate makes — find, create and edit the sticky PR comment, list the
// successful workflow runs of a branch, list and download artifacts — and its real
// implementation (Client) on go-github.
//
// Client retries with bounded exponential backoff on 5xx, 429 and secondary rate
// limits, honouring Retry-After; it never puts the token, or the signed query of a
// download URL, in an error message. On top of the interface, UpsertComment keeps one
// comment per marker, FindBaselineArtifact picks the newest usable artifact of a
// name, and ExtractResult reads the single result JSON out of an artifact zip with
// size caps and no path escape.
package github
