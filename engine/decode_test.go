package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// decodeAll decodes every record of input, stopping at the first error.
func decodeAll(t testing.TB, input string) ([]Usage, []Position, error) {
	t.Helper()
	d := NewUsageDecoder(strings.NewReader(input))
	var out []Usage
	var pos []Position
	for {
		var u Usage
		err := d.Next(&u)
		if err == io.EOF {
			return out, pos, nil
		}
		if err != nil {
			return out, pos, err
		}
		out = append(out, u)
		pos = append(pos, d.Position())
	}
}

const rec1 = `{"id":"a","timestamp":"2025-07-01T10:00:00Z","provider":"openai","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5,"total_tokens":15}`
const rec2 = `{"id":"b","timestamp":"2025-07-01T11:00:00.5+02:00","provider":"anthropic","model":"claude-sonnet-4","prompt_tokens":100,"completion_tokens":50,"cached_tokens":20,"cache_write_tokens":30,"reasoning_tokens":0,"organization_id":"org","project_id":"p","user_id":"u","tags":{"team":"search","env":"prod"}}`

func TestDecodeFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		input   string
		ids     []string
		lines   []int // 0 for array elements
		indexes []int
	}{
		{"empty input", "", nil, nil, nil},
		{"only white space", " \n\n\t\n", nil, nil, nil},
		{"json lines", rec1 + "\n" + rec2 + "\n", []string{"a", "b"}, []int{1, 2}, []int{0, 1}},
		{"json lines without final newline", rec1 + "\n" + rec2, []string{"a", "b"}, []int{1, 2}, []int{0, 1}},
		{"json lines with blank lines and CRLF", "\r\n\n" + rec1 + "\r\n\r\n  \n" + rec2 + "\r\n", []string{"a", "b"}, []int{3, 6}, []int{0, 1}},
		{"byte order mark", "\xEF\xBB\xBF" + rec1 + "\n", []string{"a"}, []int{1}, []int{0}},
		{"empty array", " [ ] \n", nil, nil, nil},
		{"array", "[" + rec1 + "," + rec2 + "]", []string{"a", "b"}, []int{0, 0}, []int{0, 1}},
		{"pretty array", "[\n  " + rec1 + " ,\n\n  " + strings.ReplaceAll(rec2, ",", ",\n    ") + "\n]\n", []string{"a", "b"}, []int{0, 0}, []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, pos, err := decodeAll(t, tt.input)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			var lines, indexes []int
			for i := range got {
				ids = append(ids, got[i].ID)
				lines = append(lines, pos[i].Line)
				indexes = append(indexes, pos[i].Index)
			}
			if !reflect.DeepEqual(ids, tt.ids) || !reflect.DeepEqual(lines, tt.lines) || !reflect.DeepEqual(indexes, tt.indexes) {
				t.Errorf("got ids %v lines %v indexes %v, want %v %v %v", ids, lines, indexes, tt.ids, tt.lines, tt.indexes)
			}
		})
	}
}

func TestDecodeFields(t *testing.T) {
	t.Parallel()
	got, _, err := decodeAll(t, rec2+"\n"+rec1)
	if err != nil {
		t.Fatal(err)
	}
	want := Usage{ID: "b", Timestamp: time.Date(2025, 7, 1, 9, 0, 0, 500_000_000, time.UTC), Provider: "anthropic",
		Model: "claude-sonnet-4", OrganizationID: "org", ProjectID: "p", UserID: "u", PromptTokens: 100,
		CompletionTokens: 50, TotalTokens: 150, CachedTokens: 20, CacheWriteTokens: 30,
		Tags: map[string]string{"team": "search", "env": "prod"}}
	if !got[0].Timestamp.Equal(want.Timestamp) {
		t.Errorf("timestamp = %v, want %v", got[0].Timestamp, want.Timestamp)
	}
	got[0].Timestamp = want.Timestamp
	if !reflect.DeepEqual(withoutKeys(got[0]), want) {
		t.Errorf("got  %+v\nwant %+v", got[0], want)
	}
	if got[1].Tags != nil || got[1].CachedTokens != 0 {
		t.Errorf("second record kept fields of the first: %+v", got[1])
	}
}

func TestDecodeStrings(t *testing.T) {
	t.Parallel()
	tests := []struct{ json, want string }{
		{`"plain"`, "plain"},
		{`"a\"b\\c\/d"`, `a"b\c/d`},
		{`"\b\f\n\r\t"`, "\b\f\n\r\t"},
		{`"caf\u00e9"`, "café"},
		{`"\ud83d\ude00!"`, "😀!"},
		{`"lone \ud83d"`, "lone \uFFFD"},
		{`"utf-8 é 日本"`, "utf-8 é 日本"},
		{`null`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			t.Parallel()
			got, _, err := decodeAll(t, `{"id":`+tt.json+`,"provider":"p","model":"m","prompt_tokens":1}`)
			if err != nil {
				t.Fatal(err)
			}
			if got[0].ID != tt.want {
				t.Errorf("id = %q, want %q", got[0].ID, tt.want)
			}
		})
	}
}

func TestDecodeTotalDefaultsToSum(t *testing.T) {
	t.Parallel()
	got, _, err := decodeAll(t, `{"provider":"p","model":"m","prompt_tokens":7,"completion_tokens":5}`+"\n"+
		`{"provider":"p","model":"m","prompt_tokens":7,"completion_tokens":5,"total_tokens":0}`)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].TotalTokens != 12 || got[1].TotalTokens != 0 {
		t.Errorf("totals = %d, %d; want 12 (omitted), 0 (given)", got[0].TotalTokens, got[1].TotalTokens)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	line := func(fields string) string {
		return `{"provider":"p","model":"m",` + fields + `}`
	}
	tests := []struct {
		name  string
		input string
		want  string // the error text
	}{
		{"negative count", rec1 + "\n" + line(`"prompt_tokens":-5`), "line 2: prompt_tokens: must be a non-negative integer, found a negative number"},
		{"fractional count", line(`"completion_tokens":1.5`), "line 1: completion_tokens: must be a non-negative integer, found a fraction or exponent"},
		{"integral fraction", line(`"completion_tokens":2.0`), "line 1: completion_tokens: must be a non-negative integer, found a fraction or exponent"},
		{"exponent", line(`"total_tokens":1e3`), "line 1: total_tokens: must be a non-negative integer, found a fraction or exponent"},
		{"count as string", line(`"cached_tokens":"12"`), `line 1: cached_tokens: must be a non-negative integer, found "\"12\"}"`},
		{"count too large", line(`"prompt_tokens":9223372036854775808`), "line 1: prompt_tokens: integer too large"},
		{"count of 20 digits", line(`"prompt_tokens":10000000000000000000`), "line 1: prompt_tokens: integer too large"},
		{"count of 19 nines", line(`"completion_tokens":9999999999999999999`), "line 1: completion_tokens: integer too large"},
		{"leading zeros beyond 18 digits", line(`"prompt_tokens":0000000000000000000001`), "line 1: prompt_tokens: number with a leading zero"},
		{"leading zero", line(`"prompt_tokens":012`), "line 1: prompt_tokens: number with a leading zero"},
		{"unknown field", line(`"prompt":1`), "line 1: prompt: unknown field"},
		{"duplicate field", line(`"prompt_tokens":1,"prompt_tokens":2`), "line 1: prompt_tokens: duplicate field"},
		{"bad timestamp", line(`"timestamp":"2025-07-01 10:00"`), `line 1: timestamp: not an RFC 3339 time: "2025-07-01 10:00"`},
		{"timestamp not a string", line(`"timestamp":1751364000`), `line 1: timestamp: expected a string, found "1751364000}"`},
		{"provider not a string", `{"provider":3}`, `line 1: provider: expected a string, found "3}"`},
		{"tag value not a string", line(`"tags":{"a":1}`), `line 1: tags: a: expected a string, found "1}}"`},
		{"missing comma", `{"provider":"p" "model":"m"}`, `line 1: expected ',' or '}', found "\"model\":\"m\"}"`},
		{"truncated record", `{"provider":"p",`, "line 1: field name: expected a string, found end of record"},
		{"trailing garbage", rec1 + ` x`, `line 1: unexpected 'x' after the record`},
		{"not an object", "\n\n42\n", "line 3: expected a JSON object or array, found '4'"},
		{"second line not an object", rec1 + "\n[1]\n", `line 2: expected '{', found "[1]"`},
		{"control character", `{"id":"a` + "\x01" + `"}`, "line 1: id: control character in string"},
		{"unterminated string", `{"id":"abc`, "line 1: id: unterminated string"},
		{"bad escape", `{"id":"a\qb"}`, `line 1: id: invalid escape \q`},
		{"array element not an object", "[" + rec1 + ", 3]", "index 1: expected an object, found '3'"},
		{"array missing comma", "[" + rec1 + " " + rec1 + "]", "index 1: expected ',' or ']' after an element, found '{'"},
		{"array truncated", "[" + rec1 + ",", "index 1: unexpected end of input inside the array"},
		{"array element malformed", "[" + rec1 + "," + line(`"prompt_tokens":-1`) + "]", "index 1: prompt_tokens: must be a non-negative integer, found a negative number"},
		{"after the array", "[" + rec1 + "] {}", "index 1: unexpected '{' after the end of the array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := decodeAll(t, tt.input)
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error = %v (%T), want a *DecodeError", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %s\n   want %s", err, tt.want)
			}
		})
	}
}

func TestDecodeLinesGoesOnAfterABadRecord(t *testing.T) {
	t.Parallel()
	d := NewUsageDecoder(strings.NewReader(`{"prompt_tokens":-1}` + "\n" + rec1 + "\n"))
	var u Usage
	if err := d.Next(&u); err == nil {
		t.Fatal("bad first record decoded")
	}
	if err := d.Next(&u); err != nil || u.ID != "a" || d.Position().Line != 2 {
		t.Fatalf("second record: %v, %+v at %v", err, u, d.Position())
	}
}

func TestDecodeLongLine(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 200_000)
	input := rec1 + "\n" + `{"provider":"p","model":"m","prompt_tokens":1,"tags":{"big":"` + long + `"}}` + "\n" + rec2
	got, pos, err := decodeAll(t, input)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1].Tags["big"] != long || pos[2].Line != 3 {
		t.Fatalf("got %d records, last at %v", len(got), pos[len(pos)-1])
	}
}

// TestDecodeMatchesEncodingJSON round-trips random records through encoding/json.
func TestDecodeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var lines, array bytes.Buffer
	var want []Usage
	array.WriteString("[")
	for i := 0; i < 2000; i++ {
		var u Usage
		randomUsage(r, &u)
		u.ID = string(rune('a'+r.IntN(26))) + string([]rune("\"\\\n\u00e9\U0001F600<>&")[:r.IntN(8)])
		u.Timestamp = time.Unix(r.Int64N(2e9), r.Int64N(1e9)).UTC()
		u.ProjectID = []string{"", "p1", "p2"}[r.IntN(3)]
		if r.IntN(3) == 0 {
			u.Tags = map[string]string{"k": "v", "é": "\t"}
		}
		want = append(want, u)
		b, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		lines.Write(b)
		lines.WriteByte('\n')
		if i > 0 {
			array.WriteString(",\n")
		}
		array.Write(b)
	}
	array.WriteString("]")
	for name, input := range map[string]string{"lines": lines.String(), "array": array.String()} {
		got, _, err := decodeAll(t, input)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d records, want %d", name, len(got), len(want))
		}
		for i := range got {
			if !got[i].Timestamp.Equal(want[i].Timestamp) {
				t.Fatalf("%s %d: timestamp %v, want %v", name, i, got[i].Timestamp, want[i].Timestamp)
			}
			got[i].Timestamp = want[i].Timestamp
			if !reflect.DeepEqual(withoutKeys(got[i]), want[i]) {
				t.Fatalf("%s %d:\n got %+v\nwant %+v", name, i, got[i], want[i])
			}
		}
	}
}

// FuzzDecode checks that the decoder never panics and that every error it returns
// is a *DecodeError. Agreement with encoding/json on accepted records is
// FuzzDecodeProperties' job (decode_fuzz_test.go).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{rec1, rec2, "[" + rec1 + "," + rec2 + "]", `{"id":"\u00e9\ud83d"}`, `{"prompt_tokens":-0}`, "[{}]", "{}\n{}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		d := NewUsageDecoder(strings.NewReader(input))
		for i := 0; i < 100; i++ {
			var u Usage
			err := d.Next(&u)
			if err == io.EOF {
				return
			}
			var de *DecodeError
			if err != nil && !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
			if err != nil && d.mode == modeArray {
				return
			}
		}
	})
}

func TestDecodeFatalErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		fatal bool
	}{
		{"bad line", `{"prompt_tokens":-1}` + "\n" + rec1, false},
		{"bad array element", "[" + `{"prompt_tokens":-1}` + "," + rec1 + "]", false},
		{"broken array", "[" + rec1 + " " + rec1 + "]", true},
		{"not json", "hello", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := NewUsageDecoder(strings.NewReader(tt.input))
			var u Usage
			err := d.Next(&u)
			if tt.name == "broken array" {
				err = d.Next(&u) // the first element is good
			}
			var de *DecodeError
			if !errors.As(err, &de) || de.Fatal != tt.fatal {
				t.Fatalf("error %v, want a *DecodeError with Fatal %v", err, tt.fatal)
			}
			next := d.Next(&u)
			if tt.fatal && next != err {
				t.Errorf("after a fatal error Next = %v, want the same error", next)
			}
			if !tt.fatal && (next != nil || u.ID != "a") {
				t.Errorf("after a bad record Next = %v, %+v; want the next record", next, u)
			}
		})
	}
}

// withoutKeys returns u without the ids its decoder's Interner gave its names, to
// compare it with a record built field by field.
func withoutKeys(u Usage) Usage {
	u.keys = nameIDs{}
	return u
}

// TestDecoderInternsNames: records decoded by one decoder share the strings of
// their names and carry the same ids for the same names, which the Aggregator
// sums by.
func TestDecoderInternsNames(t *testing.T) {
	t.Parallel()
	got, _, err := decodeAll(t, rec1+"\n"+rec1+"\n"+rec2)
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := got[0], got[1], got[2]
	if a.keys.model == 0 || a.keys != b.keys || !unsafeSameData(a.Model, b.Model) || !unsafeSameData(a.Provider, b.Provider) {
		t.Fatalf("the same names: ids %+v and %+v, shared strings %v", a.keys, b.keys, unsafeSameData(a.Model, b.Model))
	}
	if c.keys.model == a.keys.model || c.Model == a.Model {
		t.Fatalf("different models %q and %q share id %d", a.Model, c.Model, a.keys.model)
	}
}

// TestStringStopsFindsTheFirstStop checks the eight-byte test of str against a
// byte-by-byte one (whether a byte stops the run, and which is the first): every byte value at every position, among plain bytes and
// among random ones (bytes above 0x7f included).
func TestStringStopsFindsTheFirstStop(t *testing.T) {
	t.Parallel()
	stop := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	check := func(w [8]byte) {
		first := 8 // the first stop, 8 for none
		for i := len(w) - 1; i >= 0; i-- {
			if stop(w[i]) {
				first = i
			}
		}
		m := stringStops(le64(w[:], 0))
		if got := bits.TrailingZeros64(m) / 8; got != first || m&^0x8080808080808080 != 0 {
			t.Fatalf("%q: mask %#x, first stop at %d, want %d", w[:], m, got, first)
		}
	}
	for pos := range 8 {
		for c := range 256 {
			w := [8]byte{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}
			w[pos] = byte(c)
			check(w)
			w = [8]byte{0xff, 0x80, 0x21, 0x7f, 0xc3, 0x5d, 0x23, 0x5b}
			w[pos] = byte(c)
			check(w)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		var w [8]byte
		for i := range w {
			w[i] = byte(r.IntN(256))
		}
		check(w)
	}
}

// TestDecodeCountsAtTheEdge: the largest counts an int64 holds decode exactly
// (they are then refused by validation's own limits, not by the decoder).
func TestDecodeCountsAtTheEdge(t *testing.T) {
	t.Parallel()
	for _, n := range []int64{0, 7, 999_999_999_999_999_999, 1_000_000_000_000_000_000, math.MaxInt64} {
		line := fmt.Sprintf(`{"provider":"p","model":"m","prompt_tokens":%d,"completion_tokens":0,"total_tokens":%d}`, n, n)
		var u Usage
		if err := NewUsageDecoder(strings.NewReader(line)).Next(&u); err != nil || u.PromptTokens != n || u.TotalTokens != n {
			t.Errorf("%d: decoded %d, %d, %v", n, u.PromptTokens, u.TotalTokens, err)
		}
	}
}
