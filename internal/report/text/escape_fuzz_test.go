package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// escToken is one piece of EscapeName's output: a character as written (plain), a
// backslash escape, an HTML entity, or a zero-width joiner.
type escToken struct {
	text    string // what it stands for
	plain   bool   // written as is, with no escaping
	joiner  bool   // a zero-width joiner
	escaped bool   // a backslash escape
}

// tokenizeEscaped splits EscapeName's output the way a markdown renderer reads it.
func tokenizeEscaped(s string) []escToken {
	var out []escToken
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], zwj):
			out = append(out, escToken{joiner: true})
			i += len(zwj)
		case s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			out = append(out, escToken{text: s[i+1 : i+2], escaped: true})
			i += 2
		case strings.HasPrefix(s[i:], "&lt;"), strings.HasPrefix(s[i:], "&gt;"):
			out = append(out, escToken{text: map[byte]string{'l': "<", 'g': ">"}[s[i+1]]})
			i += 4
		case strings.HasPrefix(s[i:], "&amp;"):
			out = append(out, escToken{text: "&"})
			i += 5
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			out = append(out, escToken{text: s[i : i+n], plain: true})
			i += n
		}
	}
	return out
}

// isASCIIPunct is CommonMark's set of backslash-escapable characters.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// normalizeName is what a reader should see of name: white space controls as
// spaces, other control characters and zero-width joiners gone.
func normalizeName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	// Bidirectional controls are dropped too, as long as any is left (in invalid
	// UTF-8 dropping bytes can form one).
	s := b.String()
	for strings.IndexFunc(s, bidiControl) >= 0 {
		s = dropBidi(s)
	}
	// After the controls: in invalid UTF-8, dropping one can join bytes into a joiner.
	return strings.ReplaceAll(s, zwj, "")
}

// checkInert fails t when the escaped text out (of in) holds anything GitHub would
// render as markup, a mention, a reference or a link, or that would end a table cell.
func checkInert(t *testing.T, in, out string) {
	t.Helper()
	if utf8.ValidString(in) && !utf8.ValidString(out) {
		t.Fatalf("%q: output %q is not valid UTF-8", in, out)
	}
	if strings.IndexFunc(out, bidiControl) >= 0 {
		t.Fatalf("%q: output %q holds a bidirectional override or isolate", in, out)
	}
	if strings.ContainsAny(out, "\n\r") {
		t.Fatalf("%q: output %q holds a line break: the table row would end", in, out)
	}
	lower := strings.ToLower(out)
	for _, link := range []string{"www.", "gh-", "http://", "https://"} {
		if strings.Contains(lower, link) {
			t.Fatalf("%q: output %q holds the auto-link %q", in, out, link)
		}
	}
	toks := tokenizeEscaped(out)
	for i, tk := range toks {
		next := escToken{}
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch {
		case tk.plain && strings.Contains("\\`*{}[]|~$<>&#", tk.text):
			t.Fatalf("%q: output %q has a raw %q", in, out, tk.text)
		case (tk.text == "@" || tk.text == ":" || tk.text == "#") && !next.joiner:
			t.Fatalf("%q: output %q has %q not followed by a zero-width joiner (mention, emoji, reference)", in, out, tk.text)
		case tk.plain && tk.text == "_" && !(i > 0 && i+1 < len(toks) && plainAlnum(toks[i-1]) && plainAlnum(next)):
			t.Fatalf("%q: output %q has a raw '_' that could start emphasis", in, out)
		case i == 0 && tk.plain && strings.Contains("-+=", tk.text):
			t.Fatalf("%q: output %q starts with a raw %q (list or heading)", in, out, tk.text)
		}
	}
	checkNoOrderedList(t, in, out, toks)
}

func plainAlnum(tk escToken) bool {
	return tk.plain && len(tk.text) == 1 && alnum(tk.text[0])
}

// checkNoOrderedList fails when out starts with digits followed by a raw '.' or ')'.
func checkNoOrderedList(t *testing.T, in, out string, toks []escToken) {
	t.Helper()
	i := 0
	for i < len(toks) && toks[i].plain && len(toks[i].text) == 1 && toks[i].text[0] >= '0' && toks[i].text[0] <= '9' {
		i++
	}
	if i > 0 && i < len(toks) && toks[i].plain && (toks[i].text == "." || toks[i].text == ")") {
		t.Fatalf("%q: output %q starts an ordered list", in, out)
	}
}

// FuzzEscapeName checks EscapeName on any text: the output is inert (no markup,
// mention, reference, emoji or auto-link survives, nothing ends the table cell), and
// it reads back as the input, so escaping never changes what the reader sees.
func FuzzEscapeName(f *testing.F) {
	for _, s := range []string{
		"single_cost_calculation", "@octocat", "fixes #123", "GH-1", "<img src=x onerror=alert(1)>", "a|b\nc",
		"[x](javascript:alert(1))", "https://evil.example/?q=1", "www.example.com", "**bold**", "_x_", "1. a",
		"&lt;&amp;", "\\|", "user@example.com", ":+1:", "\u200d@\u200d", "~~~", "$$x$$", "- [ ] task", "＠fullwidth",
		"a_b_c", "__init__", "x_\n_y", "\x00\x7f\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := EscapeName(in)
		checkInert(t, in, out)
		var back strings.Builder
		for _, tk := range tokenizeEscaped(out) {
			back.WriteString(tk.text)
		}
		if want := normalizeName(in); back.String() != want {
			t.Fatalf("%q escaped to %q reads back as %q, want %q", in, out, back.String(), want)
		}
		if again := EscapeName(in); again != out {
			t.Fatalf("%q: EscapeName is not deterministic: %q then %q", in, out, again)
		}
	})
}
