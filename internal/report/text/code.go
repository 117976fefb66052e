package text

import "strings"

// Code is s as inline markdown code: "`name`". A backtick in s becomes a quote and a
// line break a space, so that no text can close the span or the line.
func Code(s string) string {
	return "`" + strings.NewReplacer("`", "'", "\r", " ", "\n", " ").Replace(s) + "`"
}

// CodeCell is Code for a table cell: a "|" is escaped as GitHub reads it inside code
// in a table, so that it does not split the cell.
func CodeCell(s string) string {
	return strings.ReplaceAll(Code(s), "|", `\|`)
}
