package text

import (
	"strings"
	"unicode/utf8"
)

// zwj is the zero-width joiner inserted to break GitHub's auto-links (@mentions,
// #123 references, :emoji:, bare URLs) without changing what the reader sees.
const zwj = "\u200d"

// EscapeName makes untrusted text, such as a benchmark name, safe to put in GitHub
// markdown, in a table cell or in running text: nothing in it renders as markup,
// pings a user or team (@name), links an issue (#123, GH-1), turns into an emoji
// (:tada:), a commit (7 or more hex digits) or a link (https://..., www.), or breaks
// a table (|, newlines); bidirectional overrides are dropped. HTML is written as
// entities. The rendered text reads like the input.
func EscapeName(s string) string {
	s = dropControls(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	digits := 0 // leading digits written so far: "1." and "1)" could start an ordered list
	for i := 0; i < len(s); i++ {
		c := s[i]
		// Positions are in the output: dropped control characters must not let a
		// list or heading marker slip to the start.
		lead := b.Len() == digits // nothing but digits written so far
		if n := shaPrefix(s, i); n > 0 {
			// GitHub links 7 to 40 hex digits as a commit: break the run after 6.
			b.WriteString(s[i : i+n])
			b.WriteString(zwj)
			i += n - 1
			continue
		}
		if n := autolinkPrefix(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			b.WriteString(zwj)
			i += n - 1
			continue
		}
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
			// control characters are dropped
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '&':
			b.WriteString("&amp;")
		case c == '@' || c == ':':
			b.WriteByte(c)
			b.WriteString(zwj)
		case c == '#':
			b.WriteString(`\#` + zwj)
		case c == '_' && intraword(s, i):
			b.WriteByte(c) // snake_case never emphasizes in GFM: keep names readable
		case strings.IndexByte("\\`*_{}[]|~$", c) >= 0,
			b.Len() == 0 && strings.IndexByte("-+=", c) >= 0,
			digits > 0 && lead && (c == '.' || c == ')'):
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
		if lead && c >= '0' && c <= '9' {
			digits++
		}
	}
	return b.String()
}

// dropControls turns tabs and line breaks into spaces and drops the other control
// characters and the bidirectional overrides and isolates (which can make a name
// read differently from what it is), before anything looks for links: a dropped
// character must not join "www" and "." (or "GH" and "-1") into an auto-link.
func dropControls(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '\n' || c == '\r' || c == '\t':
				b = append(b, ' ')
			case c >= 0x20 && c != 0x7f:
				b = append(b, c)
			}
		}
		s = string(b)
	}
	// Dropping bytes can join invalid UTF-8 into a new override: drop until none is left.
	for strings.IndexFunc(s, bidiControl) >= 0 {
		s = dropBidi(s)
	}
	return s
}

// dropBidi removes the bidirectional controls of s; invalid bytes stay as they are.
func dropBidi(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !bidiControl(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// bidiControl reports whether r is a bidirectional embedding, override or isolate
// (U+202A to U+202E, U+2066 to U+2069).
func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// shaPrefix returns 6 when a word of at least 7 hex digits starts at s[i] (one that
// GitHub could link as a commit SHA), else 0.
func shaPrefix(s string, i int) int {
	if i > 0 && alnum(s[i-1]) {
		return 0
	}
	j := i
	for j < len(s) && hex(s[j]) {
		j++
	}
	if j-i < 7 || j < len(s) && alnum(s[j]) {
		return 0
	}
	return 6
}

func hex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// autolinkPrefix returns how many bytes of s to write before a zero-width joiner to
// break an auto-link that starts there ("www" of "www.", "GH" of "GH-1"), or 0.
func autolinkPrefix(s string) int {
	lower := strings.ToLower(s[:min(len(s), 4)])
	switch {
	case strings.HasPrefix(lower, "www."):
		return 3
	case strings.HasPrefix(lower, "gh-"):
		return 2
	}
	return 0
}

// intraword reports whether the byte at i sits between two ASCII letters or digits.
func intraword(s string, i int) bool {
	return i > 0 && i+1 < len(s) && alnum(s[i-1]) && alnum(s[i+1])
}

func alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
