// Package report renders a compare.Comparison for people and machines: a markdown
// report (PR comments, job summaries), a JSON report with stable field names, and a
// console table. All three render the same model, so they never disagree.
package report
