// Package text owns the formatting that every rendered output of cost-ops-bench
// shares: durations (Duration), commit hashes (Commit), untrusted text in GitHub
// markdown (EscapeName, Code) and GitHub's size limits (CommentLimit,
// SummaryLimit). Where two outputs show the same thing, they call these, so a PR
// comment never shows one commit two ways.
//
// It imports nothing of this module, so that every package that writes for people,
// the harness's progress line included, can use it. The outputs themselves live in
// package report and its subpackages.
package text
