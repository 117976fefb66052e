package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

func runCatalogCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), append([]string{"catalog"}, args...), Env{Stdout: &out, Stderr: &errb})
	if msg := Message(err); msg != "" {
		errb.WriteString(msg + "\n")
	}
	return out.String(), errb.String(), ExitCode(err)
}

// TestCatalogImportGolden keeps the catalog and the report of an import of a small
// table: mapped providers, a long-context tier, a missing cache price written out,
// an end date, batch, priority and flex entries, 1-hour cache writes, audio and
// image input, web-search fees (other search context sizes reported), an unknown
// field and an audio cache price reported, an embedding skipped.
func TestCatalogImportGolden(t *testing.T) {
	t.Parallel()
	out, stderr, code := runCatalogCLI(t, "import", "--format", "litellm", "../../testdata/litellm/small.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	goldenfile.Check(t, "../../testdata/litellm/small-import.golden", []byte(out+"--- stderr\n"+stderr))
	path := writeFile(t, "imported.yaml", out)
	if out, stderr, code := runCatalogCLI(t, "check", path); code != 0 || !strings.Contains(out, "9 entries, no findings") {
		t.Errorf("check of the import: exit %d, %s%s", code, out, stderr)
	}
}

func TestCatalogCheck(t *testing.T) {
	t.Parallel()
	if out, stderr, code := runCatalogCLI(t, "check", "../../engine/builtin.yaml"); code != 0 || !strings.Contains(out, "no findings") {
		t.Errorf("built-in catalog: exit %d, %s%s", code, out, stderr)
	}
	var b strings.Builder
	for _, m := range []string{"a", "b", "c", "d", "e"} {
		b.WriteString("- {provider: acme, model: " + m + ", effective_date: 2025-01-01, per_token: {input_per_million: 2, output_per_million: 8}}\n")
	}
	b.WriteString("- {provider: acme, model: typo, effective_date: 2025-01-01, per_token: {input_per_million: 2000000, output_per_million: 8}}\n")
	path := writeFile(t, "units.yaml", b.String())
	_, stderr, code := runCatalogCLI(t, "check", path)
	if code != ExitBadInput || !strings.Contains(stderr, path+":6: provider acme, model typo: input_per_million 2000000 is 1000000 times the median 2") {
		t.Errorf("unit error: exit %d, %s", code, stderr)
	}
	bad := writeFile(t, "bad.yaml", "- {provider: acme, model: m, effective_date: 2025-01-01, per_token: {input_per_million: -1, output_per_million: 1}}\n")
	if _, stderr, code := runCatalogCLI(t, "check", bad); code != ExitBadInput || !strings.Contains(stderr, bad+":1: entry 0 (acme m): per_token.input_per_million: -1 is negative") {
		t.Errorf("invalid catalog: exit %d, %s", code, stderr)
	}
}

func TestCatalogBadUsage(t *testing.T) {
	t.Parallel()
	notJSON := writeFile(t, "prices.json", "[1, 2]")
	truncated := writeFile(t, "truncated.json", `{"gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05}`)
	trailing := writeFile(t, "trailing.json", `{"gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05}} {}`)
	noChat := writeFile(t, "embeddings.json", `{"e": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08}}`)
	badFee := writeFile(t, "fee.json", `{"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06, "search_context_cost_per_query": {"search_context_size_medium": "cheap"}}}`)
	badTier := writeFile(t, "tier.json", `{"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06, "input_cost_per_token_flex": -1e-06}}`)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "want a subcommand"},
		{[]string{"export"}, `unknown subcommand "export"`},
		{[]string{"import", "../../testdata/litellm/small.json"}, `--format "": want litellm`},
		{[]string{"import", "--format", "litellm"}, "want one FILE"},
		{[]string{"import", "--format", "litellm", "missing.json"}, "missing.json"},
		{[]string{"import", "--format", "litellm", notJSON}, notJSON + ": want a JSON object of models"},
		{[]string{"import", "--format", "litellm", truncated}, truncated + ": offset 122: the object of models does not end (a truncated file?)"},
		{[]string{"import", "--format", "litellm", trailing}, trailing + ": offset 123: data after the object of models"},
		{[]string{"import", "--format", "litellm", noChat}, noChat + ": no model of mode chat, completion or responses"},
		{[]string{"import", "--format", "litellm", badFee}, badFee + `: model "m": search_context_cost_per_query: search_context_size_medium: cheap is not a number`},
		{[]string{"import", "--format", "litellm", badTier}, badTier + `: model "m": input_cost_per_token_flex: -1e-06 is negative`},
		{[]string{"check"}, "want one FILE"},
		{[]string{"check", "a.yaml", "b.yaml"}, "want one FILE, got 2"},
	} {
		out, stderr, code := runCatalogCLI(t, tc.args...)
		if code != ExitBadInput || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("catalog %q: exit %d, stdout %q, stderr %s; want exit 2 and %q", tc.args, code, out, stderr, tc.want)
		}
	}
	if _, err := os.Stat("missing.json"); err == nil {
		t.Fatal("a file missing.json exists here")
	}
}
