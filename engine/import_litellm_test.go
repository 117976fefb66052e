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
// imported from the real 2026-03-12 snapshot, at every service tier the table
// prices, prices records below and above its long-context thresholds, with cache
// reads, 5-minute and 1-hour cache writes, audio and image input and web searches,
// exactly as a big.Rat computation straight from the JSON text does, by LiteLLM's
// rules (the rate of the tier and band, else of the band, else of the tier, else
// the standard rate; a batch prices every prompt token at its input rate; a web
// search at the medium context size), with this catalog's one difference: a
// missing cache price is the input price, not 0.
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
	if im.Entries < 2000 || cat.Len() != im.Entries {
		t.Fatalf("%d entries imported, %d parsed", im.Entries, cat.Len())
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	checked := map[string]int{}
	for _, m := range im.Models {
		f := raw[m.Key].(map[string]any)
		e, err := cat.LookupTier(m.Provider, m.Model, m.ServiceTier, at)
		if err != nil {
			t.Fatalf("%s: %v", m.Key, err)
		}
		_, searches := f["search_context_cost_per_query"]
		for _, u := range oracleRecords(searches) {
			u.ServiceTier = m.ServiceTier
			got, err := e.Cost(u)
			if err != nil {
				t.Fatalf("%s: %v", m.Key, err)
			}
			want := jsonOracle(t, f, m.ServiceTier, u)
			if got.Input.String() != want.in.String() || got.Output.String() != want.out.String() || got.Fees.String() != want.fees.String() {
				t.Fatalf("%s (tier %q) %+v: catalog in %s out %s fees %s, JSON in %s out %s fees %s", m.Key, m.ServiceTier, *u,
					got.Input, got.Output, got.Fees, want.in, want.out, want.fees)
			}
		}
		checked[m.ServiceTier]++
	}
	// Every model the table prices at a tier is imported at that tier.
	tiers := map[string]string{"_batches": TierBatch, "_priority": TierPriority, "_flex": TierFlex}
	for _, m := range im.Models {
		if m.ServiceTier != "" {
			continue
		}
		for field := range raw[m.Key].(map[string]any) {
			for suffix, tier := range tiers {
				if (field == "input_cost_per_token"+suffix || field == "output_cost_per_token"+suffix) && !im.hasTier(m.Key, tier) &&
					(tier != TierBatch || hasBoth(raw[m.Key].(map[string]any))) {
					t.Errorf("%s has %s but no %s entry", m.Key, field, tier)
				}
			}
		}
	}
	if checked[TierBatch] < 50 || checked[TierPriority] < 30 || checked[TierFlex] < 5 {
		t.Errorf("entries checked by tier: %v", checked)
	}
	t.Logf("entries priced exactly as their JSON, by tier: %v", checked)
}

func (im *LiteLLMImport) hasTier(key, tier string) bool {
	for _, m := range im.Models {
		if m.Key == key && m.ServiceTier == tier {
			return true
		}
	}
	return false
}

func hasBoth(f map[string]any) bool {
	_, in := f["input_cost_per_token_batches"]
	_, out := f["output_cost_per_token_batches"]
	return in && out
}

// oracleRecords are records below and above the table's thresholds (128k, 200k,
// 272k), with cache reads and writes of both durations, audio and image input,
// and web searches when the model has a fee.
func oracleRecords(searches bool) []*Usage {
	recs := []*Usage{usage(1000, 500, 300, 100), usage(7, 3, 0, 0), usage(150_000, 2000, 50_000, 10_000),
		usage(200_001, 10, 1, 1), usage(300_000, 77, 100_000, 20_000), usage(1_000_000, 1, 999_999, 1)}
	for i, u := range []*Usage{usage(5000, 700, 1000, 2000), usage(250_000, 900, 20_000, 60_000), usage(400_000, 33, 7, 30_000)} {
		u.CacheWrite1hTokens = u.CacheWriteTokens / (2 + int64(i))
		u.AudioInputTokens = 700 + int64(i)*11_111
		u.ImageInputTokens = 300 + int64(i)*7_777
		if searches {
			u.WebSearchRequests = 1 + int64(i)*2
		}
		recs = append(recs, u)
	}
	return recs
}

type jsonCost struct{ in, out, fees decimal.Decimal }

// jsonOracle prices u at a service tier from the JSON fields of one model, per
// token, with big.Rat.
func jsonOracle(t *testing.T, f map[string]any, tier string, u *Usage) jsonCost {
	t.Helper()
	get := func(field string) *big.Rat {
		n, ok := f[field].(json.Number)
		if !ok {
			return nil
		}
		r, ok := new(big.Rat).SetString(n.String())
		if !ok {
			t.Fatalf("%s: %s", field, n)
		}
		return r
	}
	r := func(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }
	mul := func(n int64, p *big.Rat) *big.Rat { return new(big.Rat).Mul(r(n), p) }
	var fees decimal.Decimal = decimal.Zero
	if sizes, ok := f["search_context_cost_per_query"].(map[string]any); ok && u.WebSearchRequests > 0 {
		medium, _ := new(big.Rat).SetString(sizes["search_context_size_medium"].(json.Number).String())
		fees = oracleRound10(mul(u.WebSearchRequests, medium))
	}
	if tier == TierBatch {
		return jsonCost{oracleRound10(mul(u.PromptTokens, get("input_cost_per_token_batches"))),
			oracleRound10(mul(u.CompletionTokens, get("output_cost_per_token_batches"))), fees}
	}
	// The band: the highest N of input_cost_per_token_above_<N>k_tokens below the prompt.
	band := ""
	best := int64(-1)
	for field := range f {
		rest, ok := strings.CutPrefix(field, "input_cost_per_token_above_")
		if !ok || !strings.HasSuffix(rest, "k_tokens") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(rest, "k_tokens"), 10, 64)
		if err == nil && u.PromptTokens > n*1000 && n > best {
			best, band = n, "_above_"+strconv.FormatInt(n, 10)+"k_tokens"
		}
	}
	suffix := ""
	if tier != "" {
		suffix = "_" + tier
	}
	// rate finds a rate: of the tier and band, of the band, of the tier, standard.
	rate := func(name string) *big.Rat {
		var names []string
		if band != "" {
			names = append(names, name+band+suffix, name+suffix+band, name+band)
		}
		for _, n := range append(names, name+suffix, name) {
			if p := get(n); p != nil {
				return p
			}
		}
		return nil
	}
	or := func(p, def *big.Rat) *big.Rat {
		if p != nil {
			return p
		}
		return def
	}
	in := rate("input_cost_per_token")
	out := rate("output_cost_per_token")
	cached := or(rate("cache_read_input_token_cost"), or(get("input_cost_per_token_cache_hit"), in))
	write := or(rate("cache_creation_input_token_cost"), in)
	write1h := or(rate("cache_creation_input_token_cost_above_1hr"), write)
	audio := or(get("input_cost_per_audio_token"+suffix), in)
	image := or(get("input_cost_per_image_token"), in)
	text := u.PromptTokens - u.CachedTokens - u.CacheWriteTokens - u.AudioInputTokens - u.ImageInputTokens
	sum := mul(text, in)
	sum.Add(sum, mul(u.CachedTokens, cached))
	sum.Add(sum, mul(u.CacheWriteTokens-u.CacheWrite1hTokens, write))
	sum.Add(sum, mul(u.CacheWrite1hTokens, write1h))
	sum.Add(sum, mul(u.AudioInputTokens, audio))
	sum.Add(sum, mul(u.ImageInputTokens, image))
	return jsonCost{oracleRound10(sum), oracleRound10(mul(u.CompletionTokens, out)), fees}
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
