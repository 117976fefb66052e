package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeName(t *testing.T) {
	t.Parallel()
	const j = zwj
	tests := []struct{ in, want string }{
		{"single_cost_calculation", "single_cost_calculation"},
		{"Aggregate/records=1000-2", "Aggregate/records=1000-2"},
		{"_leading_and_trailing_", `\_leading_and_trailing\_`},
		{"a*b*c", `a\*b\*c`},
		{"ping @octocat", "ping @" + j + "octocat"},
		{"@org/team", "@" + j + "org/team"},
		{"fixes #123", `fixes \#` + j + "123"},
		{"GH-12 and gh-3", "GH" + j + "-12 and gh" + j + "-3"},
		{"a|b", `a\|b`},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{"a&b", "a&amp;b"},
		{"[link](https://evil.example)", `\[link\](https` + ":" + j + `//evil.example)`},
		{"www.example.com", "www" + j + ".example.com"},
		{":tada: win", ":" + j + "tada:" + j + " win"},
		{"`code`", "\\`code\\`"},
		{"~~strike~~", `\~\~strike\~\~`},
		{"$x$", `\$x\$`},
		{"line\nbreak\ttab\x00nul", "line breaktab nul"[:10] + " tabnul"},
		{"1. ordered", `1\. ordered`},
		{"12) ordered", `12\) ordered`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"=====", `\=====`},
		{"v1.2-3", "v1.2-3"},
		{"2026-11-26", "2026-11-26"},
		{"# heading", `\#` + j + " heading"},
		{"trailing#", `trailing\#` + j},
		{"back\\slash", `back\\slash`},
		{"{braces}", `\{braces\}`},
		{"µs ± 2% → ok", "µs ± 2% → ok"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := EscapeName(tt.in); got != tt.want {
				t.Errorf("EscapeName(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEscapeNameInvariants checks, over many inputs, what no escaped text may hold.
func TestEscapeNameInvariants(t *testing.T) {
	t.Parallel()
	inputs := []string{"@a|b#1\n<x>", "x_y_", "**bold**", "[a]: http://x", "GH-1@b:c", "\r\n|", "日本@語#9", "www.WWW.", ""}
	for _, in := range inputs {
		got := EscapeName(in)
		if !utf8.ValidString(got) {
			t.Errorf("%q: invalid UTF-8 %q", in, got)
		}
		if strings.ContainsAny(got, "\n\r<>") {
			t.Errorf("%q: %q holds a newline or raw angle bracket", in, got)
		}
		for i := 0; i < len(got); i++ {
			switch got[i] {
			case '@', ':':
				if !strings.HasPrefix(got[i+1:], zwj) {
					t.Errorf("%q: %q has %q not followed by a zero-width joiner", in, got, got[i])
				}
			case '|', '*', '[', ']', '`':
				if i == 0 || got[i-1] != '\\' {
					t.Errorf("%q: %q has an unescaped %q", in, got, got[i])
				}
			}
		}
	}
}
