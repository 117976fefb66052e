package engine

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

const litellmSnapshot = "../testdata/litellm/model_prices_2026-03-12.json"

// TestImportLiteLLMPricesAsTheJSON is the import's oracle test: every chat model
// imported from the real 2026-03-12 snapshot prices records below and above its
// long-context thresholds, with cache reads and writes, exactly as a big.Rat
// computation straight from the JSON text does (per-token prices, a missing cache
// price being the input price, the rates of the highest threshold below the prompt).
func TestImportLiteLLMPricesAsTheJSON(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(litellmSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	im, err := ImportLiteLLM("snap.json", data, LiteLLMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := ParseCatalog("imported.yaml", im.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if im.Entries < 1500 || cat.Len() != im.Entries {
		t.Fatalf("%d entries imported, %d parsed", im.Entries, cat.Len())
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	checked := 0
	for _, m := range im.Models {
		f := raw[m.Key].(map[string]any)
		e, err := cat.Lookup(m.Provider, m.Model, at)
		if err != nil {
			t.Fatalf("%s: %v", m.Key, err)
		}
		for _, u := range []*Usage{usage(1000, 500, 300, 100), usage(7, 3, 0, 0), usage(150_000, 2000, 50_000, 10_000),
			usage(200_001, 10, 1, 1), usage(300_000, 77, 100_000, 20_000), usage(1_000_000, 1, 999_999, 1)} {
			got, err := e.Cost(u)
			if err != nil {
				t.Fatalf("%s: %v", m.Key, err)
			}
			in, out := jsonOracle(t, f, u)
			if got.Input.Decimal().String() != in.String() || got.Output.Decimal().String() != out.String() {
				t.Fatalf("%s %+v: catalog in %s out %s, JSON in %s out %s", m.Key, *u, got.Input, got.Output, in, out)
			}
		}
		checked++
	}
	t.Logf("%d chat models priced exactly as their JSON", checked)
}

// jsonOracle prices u from the JSON fields of one model, per token, with big.Rat.
func jsonOracle(t *testing.T, f map[string]any, u *Usage) (in, out decimal.Decimal) {
	t.Helper()
	rat := func(field string) (*big.Rat, bool) {
		n, ok := f[field].(json.Number)
		if !ok {
			return nil, false
		}
		r, ok := new(big.Rat).SetString(n.String())
		if !ok {
			t.Fatalf("%s: %s", field, n)
		}
		return r, true
	}
	get := func(field string, def *big.Rat) *big.Rat {
		if r, ok := rat(field); ok {
			return r
		}
		return def
	}
	// Each rate is that of the highest threshold N below the prompt for which the
	// table has <rate>_above_<N>k_tokens, else the base rate.
	rate := func(name string, base *big.Rat) *big.Rat {
		best, v := int64(-1), base
		for field := range f {
			rest, ok := strings.CutPrefix(field, name+"_above_")
			if !ok || !strings.HasSuffix(rest, "k_tokens") {
				continue
			}
			n, err := strconv.ParseInt(strings.TrimSuffix(rest, "k_tokens"), 10, 64)
			if err == nil && u.PromptTokens > n*1000 && n > best {
				best, v = n, get(field, nil)
			}
		}
		return v
	}
	inBase := get("input_cost_per_token", nil)
	inP := rate("input_cost_per_token", inBase)
	outP := rate("output_cost_per_token", get("output_cost_per_token", nil))
	cached := rate("cache_read_input_token_cost", get("cache_read_input_token_cost", get("input_cost_per_token_cache_hit", nil)))
	write := rate("cache_creation_input_token_cost", get("cache_creation_input_token_cost", nil))
	if cached == nil {
		cached = inP // a missing cache price is the input price (of the same band)
	}
	if write == nil {
		write = inP
	}
	r := func(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }
	sum := new(big.Rat).Mul(r(u.PromptTokens-u.CachedTokens-u.CacheWriteTokens), inP)
	sum.Add(sum, new(big.Rat).Mul(r(u.CachedTokens), cached))
	sum.Add(sum, new(big.Rat).Mul(r(u.CacheWriteTokens), write))
	return oracleRound10(sum), oracleRound10(new(big.Rat).Mul(r(u.CompletionTokens), outP))
}

// TestImportLiteLLMLaterFields: a field the importer does not know is reported,
// unless it is a price other than zero (then the import fails, naming it); a
// missing cache price is written out; providers are mapped; a unit error is flagged.
func TestImportLiteLLMLaterFields(t *testing.T) {
	t.Parallel()
	peers := ""
	for i := range 5 {
		peers += `"xai/grok-` + strconv.Itoa(i) + `": {"litellm_provider": "xai", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05},` + "\n"
	}
	doc := `{"sample_spec": {"mode": "doc"},
` + peers + `"xai/grok-typo": {"litellm_provider": "xai", "mode": "chat", "input_cost_per_token": 3, "output_cost_per_token": 1.5e-05},
"bedrock/anthropic.claude-x-v1:0": {"litellm_provider": "bedrock_converse", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 5e-06, "supports_teleport": true, "new_cost_per_hug": 0},
"some-embedding": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 1e-08},
"last_updated": "2027-01-01"}`
	im, err := ImportLiteLLM("later.json", []byte(doc), LiteLLMOptions{EffectiveDate: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	y := string(im.YAML)
	for _, want := range []string{"provider: awsbedrock\n  model: \"anthropic.claude-x-v1:0\"", "cached_input_per_million: 1\n", "cache_write_per_million: 1\n",
		"# not in the table, written out as the input price: cached_input_per_million, cache_write_per_million", "input_per_million: 3000000\n"} {
		if !strings.Contains(y, want) {
			t.Errorf("YAML lacks %q:\n%s", want, y)
		}
	}
	if im.Unknown["supports_teleport"] != 0 || im.Unknown["new_cost_per_hug"] != 1 || im.Skipped[`mode "embedding"`] != 1 || im.Entries != 7 {
		t.Errorf("unknown %v, skipped %v, %d entries", im.Unknown, im.Skipped, im.Entries)
	}
	if len(im.Findings) != 1 || im.Findings[0].Model != "grok-typo" || !strings.Contains(im.Findings[0].Message, "1000000 times the median 3") {
		t.Errorf("findings %v", im.Findings)
	}
	bad := strings.Replace(doc, `"new_cost_per_hug": 0`, `"new_cost_per_hug": 0.01`, 1)
	if _, err := ImportLiteLLM("later.json", []byte(bad), LiteLLMOptions{}); err == nil || !strings.Contains(err.Error(), `later.json: model "bedrock/anthropic.claude-x-v1:0": new_cost_per_hug: a price field`) {
		t.Errorf("a new non-zero price field: %v", err)
	}
	for _, text := range []string{`[]`, `{"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "cheap", "output_cost_per_token": 1}}`,
		`{"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": -1e-06, "output_cost_per_token": 1}}`} {
		if _, err := ImportLiteLLM("bad.json", []byte(text), LiteLLMOptions{}); err == nil || !strings.HasPrefix(err.Error(), "bad.json") {
			t.Errorf("%s: %v", text, err)
		}
	}
}
