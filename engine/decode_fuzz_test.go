package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxFuzzRecords bounds the records a fuzz input is read for.
const maxFuzzRecords = 200

// fuzzDecoded is one outcome of UsageDecoder.Next.
type fuzzDecoded struct {
	u   Usage
	pos Position
	err error
}

// decodeFuzz reads input to the end, a fatal error, or maxFuzzRecords outcomes.
func decodeFuzz(t *testing.T, input string) (out []fuzzDecoded, mode int) {
	t.Helper()
	d := NewUsageDecoder(strings.NewReader(input))
	for len(out) < maxFuzzRecords {
		var u Usage
		err := d.Next(&u)
		if err == io.EOF {
			break
		}
		out = append(out, fuzzDecoded{u: u, pos: d.Position(), err: err})
		var de *DecodeError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("error %v (%T) is not a *DecodeError", err, err)
		}
		if err != nil && de.Fatal {
			if again := d.Next(&u); again != err {
				t.Fatalf("after the fatal error %v, Next = %v; want the same error", err, again)
			}
			break
		}
	}
	return out, d.mode
}

// FuzzDecodeProperties checks what a user of the decoder relies on, for any input:
// every error is a *DecodeError naming a position (a line for JSON Lines, none for
// an array element), a fatal error is sticky, records and errors are numbered in
// order, and every record accepted from a JSON Lines input is the record that
// encoding/json reads from the line the position names.
func FuzzDecodeProperties(f *testing.F) {
	for _, s := range []string{
		rec1, rec1 + "\n" + rec2 + "\n", "\r\n\n" + rec1 + "\r\n  \n" + rec2,
		"[" + rec1 + ",\n" + rec2 + "]", "\xEF\xBB\xBF" + rec1,
		`{"id":"\ud83d\u0041"}`, `{"id":"\ud83d\ude00x"}`, `{"tags":{"a":"b","a":"c"}}`,
		`{"prompt_tokens":1,"completion_tokens":2}`, `{"total_tokens":null}`,
		`{"timestamp":"2025-01-01T00:00:00.123456789+14:00"}`, `{"timestamp":"2025-01-01t00:00:00z"}`,
		"{\"id\":\"a\"}\n{\"id\":\"b\",}\n{\"id\":\"c\"}", "[{},{}", "[{}]x", `{"id":"\u0000"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, mode := decodeFuzz(t, input)
		lines := strings.Split(strings.TrimPrefix(input, "\xEF\xBB\xBF"), "\n")
		for i, g := range got {
			if g.err != nil {
				checkErrorPosition(t, g.err, mode, lines)
				continue
			}
			// Every outcome before a record, bad records included, used one index.
			if g.pos.Index != i {
				t.Fatalf("record %d: position %v has index %d", i, g.pos, g.pos.Index)
			}
			if mode == modeLines {
				checkLineRecord(t, g, lines)
			}
		}
	})
}

// checkErrorPosition checks that a decode error names where it is: a line in JSON
// Lines (a line that exists), and "index N" in an array.
func checkErrorPosition(t *testing.T, err error, mode int, lines []string) {
	t.Helper()
	var de *DecodeError
	errors.As(err, &de)
	switch {
	case mode == modeLines && (de.Pos.Line < 1 || de.Pos.Line > len(lines)):
		t.Fatalf("JSON Lines error %q names line %d of %d", err, de.Pos.Line, len(lines))
	case mode == modeArray && de.Pos.Line != 0:
		t.Fatalf("array error %q names line %d", err, de.Pos.Line)
	case mode == modeUnknown && de.Pos.Line < 1:
		t.Fatalf("error %q before the format is known names no line", err)
	}
	if !strings.HasPrefix(err.Error(), de.Pos.String()+": ") {
		t.Fatalf("error %q does not start with its position %q", err, de.Pos)
	}
}

// checkLineRecord compares a record decoded from JSON Lines with what encoding/json
// reads from the line its position names.
func checkLineRecord(t *testing.T, g fuzzDecoded, lines []string) {
	t.Helper()
	line := lines[g.pos.Line-1]
	if !utf8.ValidString(line) {
		return // encoding/json replaces invalid bytes; the decoder keeps them
	}
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	var want Usage
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("line %d %q: the decoder accepted %+v, encoding/json refuses it: %v", g.pos.Line, line, g.u, err)
	}
	if want.TotalTokens == 0 && !bytes.Contains([]byte(line), []byte(`"total_tokens"`)) {
		want.TotalTokens = want.PromptTokens + want.CompletionTokens
	}
	got := g.u
	if !got.Timestamp.Equal(want.Timestamp) {
		t.Fatalf("line %d %q: timestamp %v, encoding/json reads %v", g.pos.Line, line, got.Timestamp, want.Timestamp)
	}
	got.Timestamp = want.Timestamp
	if len(got.Tags) == 0 && len(want.Tags) == 0 {
		got.Tags, want.Tags = nil, nil
	}
	if got = withoutKeys(got); !reflect.DeepEqual(got, want) {
		t.Fatalf("line %d %q:\n decoder      %+v\nencoding/json %+v", g.pos.Line, line, got, want)
	}
}

// FuzzDecodeLinesAndArrayAgree checks that the same records read the same whether
// written as JSON Lines or as a JSON array, with the same errors at the same index.
func FuzzDecodeLinesAndArrayAgree(f *testing.F) {
	f.Add(rec1, rec2, `{"prompt_tokens":-1}`)
	f.Add(`{"id":"x","tags":{}}`, `{"id":"\"}"}`, `{"id":"[{"}`)
	f.Add(`{}`, `{"total_tokens":18446744073709551616}`, `{"model":"m\u00e9"}`)
	f.Fuzz(func(t *testing.T, a, b, c string) {
		objs := []string{a, b, c}
		for _, o := range objs {
			// Each must be one line holding one balanced object for both framings to
			// hold the same elements.
			if strings.ContainsAny(o, "\r\n") || !balancedObject(o) {
				return
			}
		}
		lines, _ := decodeFuzz(t, strings.Join(objs, "\n"))
		array, mode := decodeFuzz(t, "["+strings.Join(objs, ",")+"]")
		if mode != modeArray || len(lines) != len(array) {
			t.Fatalf("JSON Lines gave %d outcomes, the array %d (mode %d)", len(lines), len(array), mode)
		}
		for i := range lines {
			l, a := lines[i], array[i]
			if (l.err == nil) != (a.err == nil) {
				t.Fatalf("record %d: JSON Lines error %v, array error %v", i, l.err, a.err)
			}
			if l.err == nil && !reflect.DeepEqual(l.u, a.u) {
				t.Fatalf("record %d:\n lines %+v\n array %+v", i, l.u, a.u)
			}
			if a.err == nil && a.pos.Index != i {
				t.Fatalf("record %d: array position %v", i, a.pos)
			}
		}
	})
}

// balancedObject reports whether s is one JSON-object-shaped value as the array
// framing sees it: it starts with '{' and its brackets, outside strings, close
// exactly at its end.
func balancedObject(s string) bool {
	s = strings.Trim(s, " \t\r\n") // JSON's white space, no more
	if !strings.HasPrefix(s, "{") {
		return false
	}
	depth, inString, escaped := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return depth == 0 && !inString
}
