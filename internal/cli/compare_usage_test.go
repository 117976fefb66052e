package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
			"--group-by, --catalog and --unpriced apply to usage logs"},
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
