package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

const usageFixtures = "../../testdata/usage"

func usageFixture(name string) string { return filepath.Join(usageFixtures, name) }

// writeTemp writes content to a file of t's temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCompareUsageLogs: two usage logs are compared by cost, and the scenario
// that got more expensive, and no other, fails the gate.
func TestCompareUsageLogs(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runCLI(t, "compare", "--baseline", usageFixture("baseline.jsonl"), "--current", usageFixture("current.jsonl"), "--format", "json")
	if code != ExitRegression {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	var r struct {
		Verdict    string `json:"verdict"`
		Benchmarks []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
			Cost   *struct {
				Delta string `json:"delta"`
			} `json:"cost"`
		} `json:"benchmarks"`
		Usage struct {
			GroupBy string `json:"group_by"`
			Catalog struct {
				Name   string `json:"name"`
				SHA256 string `json:"sha256"`
			} `json:"catalog"`
			Baseline struct {
				Total string `json:"total"`
			} `json:"baseline"`
		} `json:"usage"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if r.Verdict != "regression" || r.Usage.GroupBy != "tag:scenario" || r.Usage.Catalog.Name != "built-in" || len(r.Usage.Catalog.SHA256) != 64 {
		t.Errorf("verdict %s, group_by %s, catalog %+v", r.Verdict, r.Usage.GroupBy, r.Usage.Catalog)
	}
	if r.Usage.Baseline.Total == "" {
		t.Error("no baseline total")
	}
	if len(r.Benchmarks) != 5 {
		t.Fatalf("%d groups, want 5", len(r.Benchmarks))
	}
	for _, b := range r.Benchmarks {
		want := "unchanged"
		if b.Name == "summarize" {
			want = "regression"
		}
		if b.Status != want || b.Cost == nil || b.Cost.Delta == "" {
			t.Errorf("%s: status %s (want %s), cost %+v", b.Name, b.Status, want, b.Cost)
		}
	}
}

func TestCompareUsageOutcomes(t *testing.T) {
	t.Parallel()
	base, cur := usageFixture("baseline.jsonl"), usageFixture("current.jsonl")
	catalog := usageFixture("catalog.yaml")
	lines, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(string(lines), "\n", 2)[0]
	otherTags := writeTemp(t, "other.jsonl", strings.ReplaceAll(first, `"scenario":"summarize"`, `"scenario":"translate"`)+"\n")
	cfg := writeTemp(t, "gate.yml", "missing_baseline: fail\n")
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{"same log passes", "", []string{"--baseline", base, "--current", base}, 0, "PASS: No significant change", ""},
		{"array against lines", "", []string{"--baseline", usageFixture("baseline-array.json"), "--current", cur}, 1, "summarize", ""},
		{"catalog file named", "", []string{"--baseline", base, "--current", cur, "--catalog", catalog, "--format", "markdown"}, 1,
			"the catalog `" + catalog + "` (5 entries, sha256 `", ""},
		{"pricier model by model", "", []string{"--baseline", base, "--current", usageFixture("current-model.jsonl"), "--group-by", "model"}, 0,
			"claude-3-5-haiku-20241022: not in the current result", ""},
		{"current on stdin", string(mustRead(t, cur)), []string{"--baseline", base, "--current", "-"}, 1, "FAIL: 1 regression", ""},
		{"group by project", "", []string{"--baseline", base, "--current", cur, "--group-by", "project"}, 0, "support-bot", ""},
		{"group by provider", "", []string{"--baseline", base, "--current", cur, "--group-by", "provider"}, 0, "googlevertexai", ""},
		{"unpriced fails by default", "", []string{"--baseline", cur, "--current", usageFixture("unpriced.jsonl"), "--catalog", catalog}, 2, "",
			`current: ` + usageFixture("unpriced.jsonl") + `: 3 usage record(s) the catalog cannot price:` + "\n" + usageFixture("unpriced.jsonl") + `:201: model: no price for provider "cohere", model "rerank-v3.5"`},
		{"unpriced reported", "", []string{"--baseline", cur, "--current", usageFixture("unpriced.jsonl"), "--catalog", catalog, "--unpriced", "report"}, 0,
			"3 records the catalog cannot price, left out of every total: cohere rerank-v3.5 ×3", ""},
		{"no group in common", "", []string{"--baseline", base, "--current", otherTags}, 2, "",
			"no benchmark matches between the baseline and the current result: grouped by tag:scenario, the baseline"},
		{"no baseline yet", "", []string{"--baseline", filepath.Join(t.TempDir(), "none.jsonl"), "--current", cur}, 0, "NO BASELINE", ""},
		{"no baseline, required", "", []string{"--baseline", filepath.Join(t.TempDir(), "none.jsonl"), "--current", cur, "--config", cfg}, 1, "", "no baseline"},
		{"usage against a result", "", []string{"--baseline", fixture("base.json"), "--current", cur}, 2, "",
			cur + " is a usage log and " + fixture("base.json") + " is not"},
		{"result against usage", "", []string{"--baseline", base, "--current", fixture("base.json")}, 2, "",
			base + " is a usage log and " + fixture("base.json") + " is not"},
		{"group-by with results", "", []string{"--baseline", fixture("base.json"), "--current", fixture("base.json"), "--group-by", "model"}, 2, "",
			"--group-by, --catalog, --no-builtin and --unpriced apply to usage logs"},
		{"bad group-by", "", []string{"--baseline", base, "--current", cur, "--group-by", "user"}, 2, "",
			`compare: --group-by "user": want tag:NAME (such as tag:scenario), model, provider or project`},
		{"bad unpriced", "", []string{"--baseline", base, "--current", cur, "--unpriced", "skip"}, 2, "", `--unpriced "skip": want fail or report`},
		{"missing catalog", "", []string{"--baseline", base, "--current", cur, "--catalog", "nope.yaml"}, 2, "", "compare: --catalog: open nope.yaml"},
		{"bad catalog", "", []string{"--baseline", base, "--current", cur, "--catalog", writeTemp(t, "c.yaml", "- provider: openai\n  model: x\n")}, 2, "", "c.yaml:"},
		{"input format", "", []string{"--baseline", base, "--current", cur, "--input-format", "json"}, 2, "", "the inputs are usage logs"},
		{"missing current", "", []string{"--baseline", base, "--current", "nope.jsonl"}, 2, "", "current: nope.jsonl does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := runCLIStdin(t, tt.stdin, append([]string{"compare"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(stdout, tt.wantStdout) || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s\nwant stdout with %q, stderr with %q", code, tt.wantCode, stdout, stderr, tt.wantStdout, tt.wantStderr)
			}
		})
	}
}

// TestCompareUsageBadRecords: every kind of bad record is exit 2 naming the file,
// the line or index, and the field, and nothing is written on stdout.
func TestCompareUsageBadRecords(t *testing.T) {
	t.Parallel()
	good := `{"id":"a","timestamp":"2026-11-20T09:00:00Z","provider":"openai","model":"gpt-4o-mini","prompt_tokens":100,"completion_tokens":10,"total_tokens":110,"tags":{"scenario":"s"}}`
	bad := func(old, repl string) string { return strings.Replace(good, old, repl, 1) }
	tests := []struct {
		name, content, want string
	}{
		{"malformed JSON", good + "\n" + `{"id":"b","model":"x","prompt_tokens":` + "\n", ":2: "},
		{"unknown field", good + "\n" + bad(`"id":"a"`, `"id":"a","colour":"red"`), `:2: `},
		{"negative tokens", good + "\n" + bad(`"prompt_tokens":100`, `"prompt_tokens":-100`), ":2: prompt_tokens"},
		{"fractional tokens", good + "\n" + bad(`"completion_tokens":10`, `"completion_tokens":1.5`), ":2: completion_tokens"},
		{"total mismatch", good + "\n" + bad(`"total_tokens":110`, `"total_tokens":111`), ":2: total_tokens"},
		{"zero total", good + "\n" + bad(`"prompt_tokens":100,"completion_tokens":10,"total_tokens":110`, `"prompt_tokens":0,"completion_tokens":0,"total_tokens":0`), ":2: total_tokens"},
		{"cache beyond prompt", good + "\n" + bad(`"prompt_tokens":100`, `"prompt_tokens":100,"cached_tokens":101`), ":2: cached_tokens"},
		{"reasoning beyond completion", good + "\n" + bad(`"completion_tokens":10`, `"completion_tokens":10,"reasoning_tokens":11`), ":2: reasoning_tokens"},
		{"missing model", good + "\n" + bad(`"model":"gpt-4o-mini"`, `"model":""`), ":2: model"},
		{"missing provider", good + "\n" + bad(`"provider":"openai"`, `"provider":""`), ":2: provider"},
		{"future timestamp", good + "\n" + bad(`2026-11-20`, `2099-11-20`), ":2: timestamp"},
		{"bad timestamp", good + "\n" + bad(`2026-11-20T09:00:00Z`, `yesterday`), ":2: timestamp"},
		{"array index", "[" + good + ",\n" + bad(`"total_tokens":110`, `"total_tokens":5`) + "]", ": index 1: total_tokens"},
		{"empty array", "[]", "no usage records"},
	}
	base := writeTemp(t, "base.jsonl", good+"\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cur := writeTemp(t, "cur.jsonl", tt.content)
			stdout, stderr, code := runCLI(t, "compare", "--baseline", base, "--current", cur)
			if tt.name == "empty array" {
				// Not a usage log by its content: the benchmark readers refuse it.
				if code != ExitBadInput || stdout != "" {
					t.Errorf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
				}
				return
			}
			if code != ExitBadInput || stdout != "" || !strings.Contains(stderr, cur+tt.want) {
				t.Errorf("exit %d (want 2), stdout %q\nstderr:\n%s\nwant %q", code, stdout, stderr, cur+tt.want)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCompareUsageCatalogLayers: --catalog lays the file over the built-in
// catalog: the file's price wins for its model and dates (exactly its price), a
// model only the built-in catalog has is still priced by it, and the report
// names both layers; --no-builtin prices with the file alone; a file with
// overlapping entries is exit 2 naming the file and line.
func TestCompareUsageCatalogLayers(t *testing.T) {
	t.Parallel()
	at := "2026-11-20T09:00:00Z"
	var log strings.Builder
	for i := range 4 {
		fmt.Fprintf(&log, `{"id":"a-%d","timestamp":%q,"provider":"openai","model":"gpt-4o-mini","prompt_tokens":1000,"completion_tokens":500}`+"\n", i, at)
		fmt.Fprintf(&log, `{"id":"b-%d","timestamp":%q,"provider":"openai","model":"gpt-4o","prompt_tokens":2000,"completion_tokens":100}`+"\n", i, at)
		fmt.Fprintf(&log, `{"id":"c-%d","timestamp":%q,"provider":"acme","model":"in-house-7b","prompt_tokens":3000,"completion_tokens":300}`+"\n", i, at)
	}
	usage := writeTemp(t, "usage.jsonl", log.String())
	catalog := writeTemp(t, "negotiated.yaml", `
- {provider: openai, model: gpt-4o-mini, effective_date: 2026-01-01, per_token: {input_per_million: 0.1, output_per_million: 0.3}}
- {provider: acme, model: in-house-7b, effective_date: 2026-01-01, per_token: {input_per_million: 0.02, output_per_million: 0.04}}
`)
	builtin, err := engine.BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	u := engine.Usage{Provider: "openai", Model: "gpt-4o", Timestamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), PromptTokens: 2000, CompletionTokens: 100, TotalTokens: 2100}
	e, err := builtin.Lookup("openai", "gpt-4o", u.Timestamp)
	if err != nil {
		t.Fatal(err)
	}
	gpt4o, err := e.Cost(&u)
	if err != nil {
		t.Fatal(err)
	}
	type side struct {
		Total    string `json:"total"`
		Requests int    `json:"requests"`
	}
	var r struct {
		Usage struct {
			Catalog struct {
				Name, SHA256, Note string
				Entries            int
			} `json:"catalog"`
			Baseline side `json:"baseline"`
			Models   []struct {
				Model    string `json:"model"`
				Baseline side   `json:"baseline"`
			} `json:"models"`
		} `json:"usage"`
	}
	stdout, stderr, code := runCLI(t, "compare", "--baseline", usage, "--current", usage, "--catalog", catalog, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	// By hand: gpt-4o-mini 1000 x 0.1 + 500 x 0.3 per million = 0.00025; in-house-7b
	// 3000 x 0.02 + 300 x 0.04 per million = 0.000072; gpt-4o at the built-in price.
	want := map[string]string{"gpt-4o-mini": "0.001", "in-house-7b": "0.000288", "gpt-4o": gpt4o.Total.Add(gpt4o.Total).Add(gpt4o.Total).Add(gpt4o.Total).String()}
	for _, m := range r.Usage.Models {
		if m.Baseline.Total != want[m.Model] || m.Baseline.Requests != 4 {
			t.Errorf("%s: %d requests cost %s, want 4 costing %s", m.Model, m.Baseline.Requests, m.Baseline.Total, want[m.Model])
		}
		delete(want, m.Model)
	}
	if len(want) != 0 || r.Usage.Baseline.Requests != 12 {
		t.Errorf("models not priced: %v; %d requests priced", want, r.Usage.Baseline.Requests)
	}
	c := r.Usage.Catalog
	if c.Name != catalog || c.Entries != 2 || len(c.SHA256) != 64 ||
		!strings.Contains(c.Note, fmt.Sprintf("layered over the built-in catalog (%d entries, sha256 ", builtin.Len())) {
		t.Errorf("catalog %+v: want the file's 2 entries over the built-in catalog's %d", c, builtin.Len())
	}

	// The file alone cannot price gpt-4o.
	_, stderr, code = runCLI(t, "compare", "--baseline", usage, "--current", usage, "--catalog", catalog, "--no-builtin")
	if code != ExitBadInput || !strings.Contains(stderr, `no price for provider "openai", model "gpt-4o"`) {
		t.Errorf("--no-builtin: exit %d, %s; want 2 naming gpt-4o", code, stderr)
	}
	_, stderr, code = runCLI(t, "compare", "--baseline", usage, "--current", usage, "--no-builtin")
	if code != ExitBadInput || !strings.Contains(stderr, "--no-builtin needs --catalog FILE") {
		t.Errorf("--no-builtin alone: exit %d, %s", code, stderr)
	}
	overlap := writeTemp(t, "overlap.yaml", `- {provider: openai, model: gpt-4o-mini, effective_date: 2026-01-01, per_token: {input_per_million: 0.1, output_per_million: 0.3}}
- {provider: openai, model: gpt-4o-mini, effective_date: 2026-01-01, per_token: {input_per_million: 0.2, output_per_million: 0.3}}
`)
	stdout, stderr, code = runCLI(t, "compare", "--baseline", usage, "--current", usage, "--catalog", overlap)
	if code != ExitBadInput || stdout != "" || !strings.Contains(stderr, overlap+":2") {
		t.Errorf("overlapping entries: exit %d, stdout %q, stderr %s; want 2 naming %s:2", code, stdout, stderr, overlap)
	}
}
