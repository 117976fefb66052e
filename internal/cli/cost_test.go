package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
	"github.com/shopspring/decimal"
)

const (
	exampleUsage   = "../../testdata/usage-example.jsonl"
	examplePricing = "../../testdata/pricing-example.yaml"
	costGolden     = "../../testdata/engine/cost-example.golden"
)

var costNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// runCost runs `cost args...` in memory with stdin and a fixed clock.
func runCostCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), append([]string{"cost"}, args...), Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return costNow },
	})
	if msg := Message(err); msg != "" {
		errb.WriteString(msg + "\n")
	}
	return out.String(), errb.String(), ExitCode(err)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCostGolden(t *testing.T) {
	t.Parallel()
	out, stderr, code := runCostCLI(t, "", "--pricing", examplePricing, "--usage", exampleUsage)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if goldenfile.Update() {
		if err := os.WriteFile(costGolden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(costGolden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", costGolden, firstDiff(out, string(want)))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

type costDoc struct {
	Records []map[string]any `json:"records"`
	Summary map[string]any   `json:"summary"`
}

func decodeCostDoc(t *testing.T, out string) costDoc {
	t.Helper()
	var doc costDoc
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return doc
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func money(t *testing.T, v any) decimal.Decimal {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("money %v is a %T, want a decimal string", v, v)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	return d
}

// TestCostShape checks the contract's JSON: field names, money as decimal strings,
// and a summary that adds up, for JSON Lines, a JSON array and stdin alike.
func TestCostShape(t *testing.T) {
	t.Parallel()
	lines, err := os.ReadFile(exampleUsage)
	if err != nil {
		t.Fatal(err)
	}
	array := "[" + strings.Join(strings.Split(strings.TrimSpace(string(lines)), "\n"), ",\n") + "]"
	arrayPath := writeFile(t, "usage.json", array)
	variants := map[string][]string{
		"lines": {"--usage", exampleUsage},
		"array": {"--usage", arrayPath},
		"stdin": {"--usage", "-"},
	}
	var outputs []string
	for name, args := range variants {
		out, stderr, code := runCostCLI(t, string(lines), append([]string{"--pricing", examplePricing}, args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		outputs = append(outputs, out)
		doc := decodeCostDoc(t, out)
		checkCostDoc(t, doc, 400)
	}
	if outputs[0] != outputs[1] || outputs[1] != outputs[2] {
		t.Error("JSON Lines, JSON array and stdin give different outputs")
	}
}

func checkCostDoc(t *testing.T, doc costDoc, records int) {
	t.Helper()
	if len(doc.Records) != records {
		t.Fatalf("%d records, want %d", len(doc.Records), records)
	}
	sum := decimal.Zero
	for _, r := range doc.Records {
		if got := strings.Join(sortedKeys(r), ","); got != "currency,id,input_cost,model,output_cost,provider,total_cost" {
			t.Fatalf("record fields %s", got)
		}
		in, out, total := money(t, r["input_cost"]), money(t, r["output_cost"]), money(t, r["total_cost"])
		if !in.Add(out).Equal(total) || r["currency"] != "USD" {
			t.Fatalf("record %v: input + output != total", r)
		}
		sum = sum.Add(total)
	}
	s := doc.Summary
	if got := strings.Join(sortedKeys(s), ","); got != "avg_cost_per_request,by_model,by_project,by_provider,total_cost,total_requests" {
		t.Fatalf("summary fields %s", got)
	}
	if !money(t, s["total_cost"]).Equal(sum) || s["total_requests"] != json.Number(fmt.Sprint(records)) {
		t.Errorf("summary total %v over %v, want %s over %d", s["total_cost"], s["total_requests"], sum, records)
	}
	for _, by := range []string{"by_provider", "by_model", "by_project"} {
		parts := decimal.Zero
		for _, v := range s[by].(map[string]any) {
			parts = parts.Add(money(t, v))
		}
		if !parts.Equal(sum) {
			t.Errorf("%s sums to %s, want %s", by, parts, sum)
		}
	}
	if records > 0 {
		want := sum.Div(decimal.NewFromInt(int64(records)))
		if avg := money(t, s["avg_cost_per_request"]); avg.Sub(want).Abs().GreaterThan(decimal.New(1, -10)) {
			t.Errorf("average %s, want about %s", avg, want)
		}
	}
}

func TestCostBuiltinCatalogAndEmptyInput(t *testing.T) {
	t.Parallel()
	usage := `{"id":"a","timestamp":"2025-07-01T00:00:00Z","provider":"openai","model":"gpt-4","prompt_tokens":1000,"completion_tokens":500}` + "\n"
	out, stderr, code := runCostCLI(t, usage, "--usage", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := decodeCostDoc(t, out)
	checkCostDoc(t, doc, 1)
	if doc.Records[0]["total_cost"] != "0.06" {
		t.Errorf("gpt-4 1000+500 from the built-in catalog = %v, want 0.06", doc.Records[0]["total_cost"])
	}
}

// TestCostEmptyUsageIsBadInput: a usage file without records is bad input (exit 2,
// naming the file), never a silent total of zero.
func TestCostEmptyUsageIsBadInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, content string }{
		{"empty file", ""},
		{"blank lines", "\n  \n\n"},
		{"empty array", " [ ] \n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, "usage.jsonl", tc.content)
			out, stderr, code := runCostCLI(t, "", "--usage", path)
			if code != ExitBadInput || out != "" {
				t.Fatalf("exit %d, stdout %q; want exit 2 and nothing printed", code, out)
			}
			if !strings.Contains(stderr, path+": no usage records") {
				t.Errorf("stderr does not name the file and the problem:\n%s", stderr)
			}
		})
	}
	if _, stderr, code := runCostCLI(t, "", "--usage", "-"); code != ExitBadInput || !strings.Contains(stderr, "stdin: no usage records") {
		t.Errorf("empty stdin: exit %d, stderr %q", code, stderr)
	}
}

const goodRecord = `{"id":"ok","timestamp":"2025-07-01T00:00:00Z","provider":"openai","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5}`

// rec returns a record with the given extra or replacing fields.
func rec(fields string) string {
	return `{"id":"bad","timestamp":"2025-07-01T00:00:00Z",` + fields + `}`
}

func TestCostBadInput(t *testing.T) {
	t.Parallel()
	pt := `  per_token: {input_per_million: 1, output_per_million: 2}` + "\n"
	head := "- provider: openai\n  model: m\n  effective_date: 2025-01-01\n"
	tests := []struct {
		name    string
		usage   string   // written to a file, after a good first line
		pricing string   // catalog YAML; "" for none
		args    []string // the command line; nil for --usage {usage}
		want    string   // in stderr
	}{
		{"zero total", rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":0,"completion_tokens":0`), "", nil, "usage.jsonl:2: total_tokens is zero"},
		{"total mismatch", rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":1,"completion_tokens":1,"total_tokens":3`), "", nil, "usage.jsonl:2: total_tokens: prompt_tokens + completion_tokens != total_tokens (1 + 1 != 3)"},
		{"cache above prompt", rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":10,"completion_tokens":1,"cached_tokens":6,"cache_write_tokens":5`), "", nil, "usage.jsonl:2: cached_tokens + cache_write_tokens > prompt_tokens (6 + 5 > 10)"},
		{"reasoning above completion", rec(`"provider":"openai","model":"o3","prompt_tokens":10,"completion_tokens":1,"reasoning_tokens":2`), "", nil, "usage.jsonl:2: reasoning_tokens > completion_tokens (2 > 1)"},
		{"missing provider", rec(`"model":"gpt-4o","prompt_tokens":10`), "", nil, "usage.jsonl:2: provider is missing"},
		{"missing model", rec(`"provider":"openai","prompt_tokens":10`), "", nil, "usage.jsonl:2: model is missing"},
		{"future timestamp", `{"provider":"openai","model":"gpt-4o","prompt_tokens":10,"timestamp":"2026-01-01T00:05:01Z"}`, "", nil, "usage.jsonl:2: timestamp is in the future"},
		{"negative count", rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":-10`), "", nil, "usage.jsonl:2: prompt_tokens: must be a non-negative integer"},
		{"fractional count", rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":1.5`), "", nil, "usage.jsonl:2: prompt_tokens: must be a non-negative integer, found a fraction"},
		{"malformed json", `{"provider":"openai",`, "", nil, "usage.jsonl:2: field name: expected a string"},
		{"unknown field", rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":1,"cost":3`), "", nil, "usage.jsonl:2: cost: unknown field"},
		{"unknown provider", rec(`"provider":"acme","model":"gpt-4o","prompt_tokens":1`), "", nil, `usage.jsonl:2: no price for provider "acme", model "gpt-4o" at 2025-07-01T00:00:00Z: unknown provider`},
		{"unknown model", rec(`"provider":"openai","model":"gpt-9","prompt_tokens":1`), "", nil, `usage.jsonl:2: no price for provider "openai", model "gpt-9" at 2025-07-01T00:00:00Z: unknown model`},
		{"no tier", rec(`"provider":"openai","model":"m","prompt_tokens":1`), head + "  tiered: {tiers: [{min_tokens: 100, input_per_million: 1, output_per_million: 1}]}\n", nil, "no tier holds total_tokens = 1"},
		{"mixed currencies", rec(`"provider":"openai","model":"m","prompt_tokens":1`), head + "  currency: EUR\n" + pt, nil, "usage.jsonl:2: currency EUR differs from USD"},
		{"catalog bad price", goodRecord, head + "  per_token: {input_per_million: 1O, output_per_million: 2}\n", nil, `pricing.yaml:4: entry 0 (openai m): per_token.input_per_million: "1O" is not a decimal number`},
		{"catalog two structures", goodRecord, head + pt + "  per_request: {price_per_request: 1}\n", nil, "pricing.yaml:1: entry 0 (openai m): 2 pricing structures (per_token, per_request): want exactly one"},
		{"missing usage flag", goodRecord, "", []string{}, "cost: --usage is required"},
		{"usage file missing", goodRecord, "", []string{"--usage", "/nonexistent/usage.jsonl"}, "open usage file: open /nonexistent/usage.jsonl"},
		{"pricing file missing", goodRecord, "", []string{"--pricing", "/nonexistent/p.yaml", "--usage", "{usage}"}, "read pricing catalog: open /nonexistent/p.yaml"},
		{"positional argument", goodRecord, "", []string{"--usage", "{usage}", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			usage := filepath.Join(dir, "usage.jsonl")
			if err := os.WriteFile(usage, []byte(goodRecord+"\n"+tt.usage+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"--usage", usage}
			if tt.args != nil {
				args = args[:0]
				for _, a := range tt.args {
					args = append(args, strings.ReplaceAll(a, "{usage}", usage))
				}
			}
			if tt.pricing != "" {
				pricing := filepath.Join(dir, "pricing.yaml")
				if err := os.WriteFile(pricing, []byte(tt.pricing), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "--pricing", pricing)
			}
			out, stderr, code := runCostCLI(t, "", args...)
			if code != ExitBadInput || out != "" {
				t.Fatalf("exit %d, stdout %q; want exit 2 and no output", code, out)
			}
			stderr = strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr:\n%s\nwant it to contain %q", stderr, tt.want)
			}
		})
	}
}

func TestCostBadArrayNamesTheIndex(t *testing.T) {
	t.Parallel()
	usage := writeFile(t, "usage.json", "["+goodRecord+",\n"+goodRecord+",\n"+rec(`"provider":"openai","model":"gpt-4o","prompt_tokens":-1`)+"]")
	out, stderr, code := runCostCLI(t, "", "--usage", usage)
	if code != 2 || out != "" || !strings.Contains(stderr, "usage.json: index 2: prompt_tokens: must be a non-negative integer") {
		t.Errorf("exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	broken := writeFile(t, "broken.json", "["+goodRecord+" "+goodRecord+"]")
	out, stderr, code = runCostCLI(t, "", "--usage", broken)
	if code != 2 || out != "" || !strings.Contains(stderr, "broken.json: index 1: expected ',' or ']'") {
		t.Errorf("exit %d, stdout %q, stderr %s", code, out, stderr)
	}
}

func TestCostReportsEveryBadRecordUpToALimit(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 0; i < 30; i++ {
		b.WriteString(goodRecord + "\n" + rec(`"provider":"openai","model":"gpt-4o"`) + "\n")
	}
	out, stderr, code := runCostCLI(t, b.String(), "--usage", "-")
	if code != 2 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	for _, want := range []string{"30 invalid usage record(s)", "stdin:2: total_tokens is zero", "stdin:40: total_tokens is zero", "... and 10 more"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// BenchmarkCostCommand runs `cost` on 100,000 JSON Lines records (the example file
// repeated) from stdin to a discarded stdout, and reports records per second.
func BenchmarkCostCommand(b *testing.B) {
	one, err := os.ReadFile(exampleUsage)
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Count(one, []byte("\n"))
	repeat := 100_000 / lines
	input := bytes.Repeat(one, repeat)
	records := repeat * lines
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		err := Run(context.Background(), []string{"cost", "--pricing", examplePricing, "--usage", "-"}, Env{
			Stdin: bytes.NewReader(input), Stdout: io.Discard, Stderr: io.Discard,
			Now: func() time.Time { return costNow },
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(records*b.N)/b.Elapsed().Seconds(), "records/s")
}

func TestAppendJSONString(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", `q"uote\back`, "tab\tnl\ncr\r\x00\x1f", "é 日本 😀", "bad \xff utf8", "<html>&"} {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q encodes as %s: %v", s, b, err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if got != want {
			t.Errorf("%q round-trips as %q", s, got)
		}
	}
}

func TestCostHelp(t *testing.T) {
	t.Parallel()
	out, stderr, code := runCostCLI(t, "", "-h")
	if code != 0 || out != "" || !strings.Contains(stderr, "usage: cost-ops-bench cost [--pricing FILE] --usage FILE") || !strings.Contains(stderr, "-no-builtin") {
		t.Errorf("exit %d, stdout %q, stderr %s", code, out, stderr)
	}
}

// TestCostBadUsageGolden keeps the message a person reads for a file with one
// record of every bad kind.
func TestCostBadUsageGolden(t *testing.T) {
	t.Parallel()
	const golden = "../../testdata/engine/cost-bad-usage.golden"
	out, stderr, code := runCostCLI(t, "", "--usage", "../../testdata/engine/bad-usage.jsonl")
	if code != 2 || out != "" {
		t.Fatalf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	if goldenfile.Update() {
		if err := os.WriteFile(golden, []byte(stderr), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stderr != string(want) {
		t.Errorf("stderr differs from %s (rerun with -update and review the diff):\n%s", golden, firstDiff(stderr, string(want)))
	}
}

// TestCostUnpricedReport: with --unpriced report, the records the catalog has no
// price for (an unknown model, a date before any entry, no tier) are listed with
// counts in "unpriced" and on stderr, the others priced, exit 0; by default the
// same input is exit 2 with nothing printed.
func TestCostUnpricedReport(t *testing.T) {
	t.Parallel()
	pricing := writeFile(t, "p.yaml", `
- {provider: openai, model: gpt-x, effective_date: 2025-01-01, per_token: {input_per_million: 1, output_per_million: 2}}
- {provider: acme, model: banded, effective_date: 2025-01-01, tiered: {tiers: [{min_tokens: 0, max_tokens: 100, input_per_million: 1, output_per_million: 1}]}}
`)
	usage := strings.Join([]string{
		`{"id":"a","timestamp":"2025-07-01T00:00:00Z","provider":"openai","model":"gpt-x","prompt_tokens":1000,"completion_tokens":500}`,
		`{"id":"b","timestamp":"2025-07-01T00:00:00Z","provider":"openai","model":"nope","prompt_tokens":10,"completion_tokens":5}`,
		`{"id":"c","timestamp":"2024-07-01T00:00:00Z","provider":"openai","model":"gpt-x","prompt_tokens":10,"completion_tokens":5}`,
		`{"id":"d","timestamp":"2025-07-01T00:00:00Z","provider":"acme","model":"banded","prompt_tokens":1000,"completion_tokens":5}`,
		`{"id":"e","timestamp":"2025-07-01T00:00:00Z","provider":"openai","model":"nope","prompt_tokens":1,"completion_tokens":1}`,
	}, "\n") + "\n"
	if out, stderr, code := runCostCLI(t, usage, "--pricing", pricing, "--no-builtin", "--usage", "-"); code != ExitBadInput || out != "" || !strings.Contains(stderr, "4 invalid usage record(s)") {
		t.Fatalf("--unpriced fail (default): exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	out, stderr, code := runCostCLI(t, usage, "--pricing", pricing, "--no-builtin", "--usage", "-", "--unpriced", "report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Records  []map[string]any `json:"records"`
		Summary  map[string]any   `json:"summary"`
		Unpriced struct {
			Count  int `json:"count"`
			Models []struct {
				Provider, Model string
				Count           int
			} `json:"models"`
			Records []map[string]any `json:"records"`
		} `json:"unpriced"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(doc.Records) != 1 || doc.Records[0]["total_cost"] != "0.002" || doc.Summary["total_cost"] != "0.002" || doc.Summary["total_requests"] != 1.0 {
		t.Errorf("priced part: %v %v", doc.Records, doc.Summary)
	}
	if doc.Unpriced.Count != 4 || len(doc.Unpriced.Records) != 4 {
		t.Fatalf("unpriced: %+v", doc.Unpriced)
	}
	if m := doc.Unpriced.Models[0]; m.Provider != "openai" || m.Model != "nope" || m.Count != 2 || len(doc.Unpriced.Models) != 3 {
		t.Errorf("unpriced models: %+v", doc.Unpriced.Models)
	}
	if r := doc.Unpriced.Records[0]; r["id"] != "b" || r["line"] != 2.0 || !strings.Contains(r["reason"].(string), "unknown model") {
		t.Errorf("first unpriced record: %v", r)
	}
	if r := doc.Unpriced.Records[2]; r["id"] != "d" || !strings.Contains(r["reason"].(string), "no tier holds") {
		t.Errorf("no-tier record: %v", r)
	}
	for _, want := range []string{"stdin: 4 unpriced record(s) of 3 model(s)", "openai nope: 2 (first at line 2:", "acme banded: 1"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// An invalid record still fails the run in report mode.
	bad := usage + `{"id":"z","timestamp":"2025-07-01T00:00:00Z","provider":"openai","model":"gpt-x","prompt_tokens":1,"completion_tokens":1,"total_tokens":5}` + "\n"
	if out, _, code := runCostCLI(t, bad, "--pricing", pricing, "--usage", "-", "--unpriced", "report"); code != ExitBadInput || out != "" {
		t.Errorf("an invalid record in report mode: exit %d, stdout %q", code, out)
	}
	if _, stderr, code := runCostCLI(t, usage, "--usage", "-", "--unpriced", "maybe"); code != ExitBadInput || !strings.Contains(stderr, `--unpriced "maybe"`) {
		t.Errorf("--unpriced maybe: exit %d, %s", code, stderr)
	}
}

// TestCostUnpricedReportGolden keeps what a person reads from --unpriced report:
// the document and the warning on stderr.
func TestCostUnpricedReportGolden(t *testing.T) {
	t.Parallel()
	out, stderr, code := runCostCLI(t, "", "--usage", "../../testdata/engine/unpriced-usage.jsonl", "--unpriced", "report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	goldenfile.Check(t, "../../testdata/engine/cost-unpriced-report.golden", []byte(out+"--- stderr\n"+stderr))
}

// TestCostDimensionsFields: the usage fields of the dimensions beyond the contract
// decode and price; fees show as "fees_cost", only when there are some.
func TestCostDimensionsFields(t *testing.T) {
	t.Parallel()
	pricing := writeFile(t, "p.yaml", `
- {provider: anthropic, model: claude-x, effective_date: 2025-01-01, web_search_per_request: 0.01, per_token: {input_per_million: 3, output_per_million: 15, cache_write_per_million: 3.75, cache_write_1h_per_million: 6, audio_input_per_million: 40}}
- {provider: anthropic, model: claude-x, service_tier: batch, effective_date: 2025-01-01, per_token: {input_per_million: 1.5, output_per_million: 7.5}}
`)
	usage := `{"id":"a","timestamp":"2025-07-01T00:00:00Z","provider":"anthropic","model":"claude-x","prompt_tokens":10000,"completion_tokens":0,"cache_write_tokens":4000,"cache_write_1h_tokens":1000,"web_search_requests":3}
{"id":"b","timestamp":"2025-07-01T00:00:00Z","provider":"anthropic","model":"claude-x","prompt_tokens":1000,"completion_tokens":0,"audio_input_tokens":400}
{"id":"c","timestamp":"2025-07-01T00:00:00Z","provider":"anthropic","model":"claude-x","prompt_tokens":1000,"completion_tokens":1000,"service_tier":"batch"}
`
	out, stderr, code := runCostCLI(t, usage, "--pricing", pricing, "--no-builtin", "--usage", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"id":"a","provider":"anthropic","model":"claude-x","input_cost":"0.03525","output_cost":"0","fees_cost":"0.03","total_cost":"0.06525"`,
		`"id":"b","provider":"anthropic","model":"claude-x","input_cost":"0.0178","output_cost":"0","total_cost":"0.0178"`,
		`"id":"c","provider":"anthropic","model":"claude-x","input_cost":"0.0015","output_cost":"0.0075","total_cost":"0.009"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}
