package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// LiteLLMImport is a catalog made from LiteLLM's model_prices_and_context_window.json
// by ImportLiteLLM, and what the import left out.
type LiteLLMImport struct {
	YAML    []byte // the catalog, ready for ParseCatalog
	Entries int
	// Models names each entry's model in the table (its key) and in the catalog.
	Models []ImportedModel
	// Skipped counts the models not imported, by reason: a mode other than chat,
	// completion or responses, or a price this catalog cannot express for text
	// tokens (tiered_pricing, a reasoning rate apart from the output rate).
	Skipped map[string]int
	// Dropped counts the models imported without some of their prices (audio,
	// images, batch and priority tiers, per-query fees), by field.
	Dropped map[string]int
	// Unknown counts the fields this importer does not know (a later version of
	// the table), by field; none of them is a price, or the import fails.
	Unknown map[string]int
	// Findings are the sanity checks' warnings on the imported catalog.
	Findings []Finding
}

// ImportedModel is an entry of the imported catalog: a model of LiteLLM's table
// (Key) as the catalog names it, at one service tier ("" is standard).
type ImportedModel struct{ Key, Provider, Model, ServiceTier string }

// LiteLLMOptions tune ImportLiteLLM.
type LiteLLMOptions struct {
	// EffectiveDate is every entry's effective_date (the table has none), as
	// 2006-01-02; empty means 1970-01-01, so usage of any date is priced at the
	// table's prices.
	EffectiveDate string
}

// litellmProviders maps LiteLLM's provider names to this catalog's; other
// providers keep LiteLLM's name.
var litellmProviders = map[string]string{
	"openai": "openai", "text-completion-openai": "openai",
	"anthropic": "anthropic",
	"azure":     ProviderAzureOpenAI, "azure_text": ProviderAzureOpenAI,
	"bedrock": ProviderAWSBedrock, "bedrock_converse": ProviderAWSBedrock,
	"vertex_ai-language-models": ProviderGoogleVertexAI, "vertex_ai-anthropic_models": ProviderGoogleVertexAI,
	"vertex_ai-mistral_models": ProviderGoogleVertexAI, "vertex_ai-llama_models": ProviderGoogleVertexAI,
	"vertex_ai-ai21_models": ProviderGoogleVertexAI, "vertex_ai-deepseek_models": ProviderGoogleVertexAI,
	"vertex_ai-qwen_models": ProviderGoogleVertexAI, "vertex_ai-openai_models": ProviderGoogleVertexAI,
	"mistral": "mistral",
	"cohere":  "cohere", "cohere_chat": "cohere",
	"xai":      "xai",
	"deepseek": "deepseek",
}

// The modes LiteLLM gives models priced per text token in and out.
var litellmChatModes = map[string]bool{"chat": true, "completion": true, "responses": true}

// litellmNonPrices are the fields of the 2026-03-12 table that hold no price.
var litellmNonPrices = splitSet(`comment deprecation_date litellm_provider max_audio_length_hours max_audio_per_prompt
max_document_chunks_per_query max_images_per_prompt max_input_tokens max_output_tokens max_pdf_size_mb max_query_tokens
max_tokens max_tokens_per_document_chunk max_video_length max_videos_per_prompt metadata mode output_vector_size
provider_specific_entry rpd rpm source supported_endpoints supported_modalities supported_output_modalities
supported_regions supported_resolutions tool_use_system_prompt_tokens tpm uses_embed_content`)

// litellmSkipping are price fields that change what text tokens cost in a way this
// catalog cannot express: a model with one is skipped.
var litellmSkipping = splitSet(`tiered_pricing input_dbu_cost_per_token output_dbu_cost_per_token`)

// The rates imported, as the table names them without band or tier: per token
// of text in and out, cache reads and writes (5 minutes and 1 hour), audio and
// image input, and the reasoning rate (imported when it is the output rate).
var litellmRates = splitSet(`input_cost_per_token output_cost_per_token cache_read_input_token_cost
cache_creation_input_token_cost cache_creation_input_token_cost_above_1hr input_cost_per_token_cache_hit
input_cost_per_audio_token input_cost_per_image_token output_cost_per_reasoning_token`)

// litellmBand is a long-context rate: <rate>_above_<N>k_tokens.
var litellmBand = regexp.MustCompile(`^(.+)_above_(\d+)k_tokens$`)

// The service tiers of the table, by the suffix of their rates.
var litellmTierSuffixes = []struct{ suffix, tier string }{
	{"_batches", TierBatch}, {"_priority", TierPriority}, {"_flex", TierFlex},
}

// litellmPrice is one price field of the table: its rate, long-context band
// (prompts above that many tokens; 0 for the base rate) and service tier.
type litellmPrice struct {
	rate  string
	above int64
	tier  string
}

// parseLiteLLMPrice reads a price field's name as rate, band and tier, in either
// order of band and tier (input_cost_per_token_above_200k_tokens_priority,
// input_cost_per_token_priority_above_200k_tokens), or returns false for a field
// that is not an imported rate.
func parseLiteLLMPrice(field string) (litellmPrice, bool) {
	var p litellmPrice
	name := p.cutTier(field)
	if m := litellmBand.FindStringSubmatch(name); m != nil {
		n, err := strconv.ParseInt(m[2], 10, 64)
		if err != nil || n <= 0 || n > 1<<40 {
			return p, false
		}
		name, p.above = m[1], n*1000
		if p.tier == "" {
			name = p.cutTier(name)
		}
	}
	p.rate = name
	return p, litellmRates[name] && p.imported()
}

// cutTier returns name without its tier suffix, and sets p.tier.
func (p *litellmPrice) cutTier(name string) string {
	for _, t := range litellmTierSuffixes {
		if rest, ok := strings.CutSuffix(name, t.suffix); ok {
			p.tier = t.tier
			return rest
		}
	}
	return name
}

// imported reports whether this catalog takes p: long-context bands of the text
// and cache rates; the Batch API's text rates without bands (LiteLLM prices every
// prompt token of a batch at its input rate); priority and flex rates of text,
// cache and audio.
func (p litellmPrice) imported() bool {
	switch p.rate {
	case "input_cost_per_token", "output_cost_per_token":
		return p.tier != TierBatch || p.above == 0
	case "cache_read_input_token_cost", "cache_creation_input_token_cost", "cache_creation_input_token_cost_above_1hr":
		return p.tier != TierBatch
	case "input_cost_per_audio_token":
		return p.tier != TierBatch && p.above == 0
	}
	return p.tier == "" && p.above == 0 // image, cache hit, reasoning
}

func splitSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// isPriceField reports whether a field name holds a price: the fields of the
// table's price family, and any later field named like them.
func isPriceField(f string) bool {
	return strings.Contains(f, "cost") || strings.Contains(f, "price") || strings.Contains(f, "pricing")
}

// ImportLiteLLM converts LiteLLM's price table (JSON, prices in USD per token) into
// a catalog (YAML, per million tokens). Every price is read from the JSON text as
// a decimal and multiplied by 10^6 exactly, never through float64. Providers are
// mapped to this catalog's names (others keep LiteLLM's); cache prices the table
// lacks are written out as the input price this catalog charges for them (LiteLLM
// charges 0); *_above_<N>k_tokens rates become tiers by prompt size. A field the
// importer does not know is reported (Unknown) unless it is a price with a value
// other than zero: then the import fails, since its prices would be wrong.
func ImportLiteLLM(name string, data []byte, opts LiteLLMOptions) (*LiteLLMImport, error) {
	models, order, err := readLiteLLM(name, data)
	if err != nil {
		return nil, err
	}
	eff := opts.EffectiveDate
	if eff == "" {
		eff = "1970-01-01"
	}
	im := &LiteLLMImport{Skipped: map[string]int{}, Dropped: map[string]int{}, Unknown: map[string]int{}}
	var out bytes.Buffer
	fmt.Fprintf(&out, "# Imported from %s (LiteLLM's model_prices_and_context_window.json) by\n# cost-ops-bench catalog import: prices per token x 10^6, exactly.\n", name)
	seen := map[[3]string]string{}
	var errs []error
	for _, key := range order {
		entries, err := convertLiteLLM(key, models[key], im)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: model %q: %w", name, key, err))
			continue
		}
		for _, m := range entries {
			k := [3]string{m.provider, m.model, m.tier}
			if first, dup := seen[k]; dup {
				im.Skipped["same provider and model as "+first]++
				break // the model's other tiers are the duplicate's too
			}
			seen[k] = key
			m.write(&out, key, eff)
			im.Entries++
			im.Models = append(im.Models, ImportedModel{Key: key, Provider: m.provider, Model: m.model, ServiceTier: m.tier})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if im.Entries == 0 {
		return nil, fmt.Errorf("%s: no model of mode chat, completion or responses priced per token in and out: nothing to import", name)
	}
	im.YAML = out.Bytes()
	cat, err := ParseCatalog(name+" (imported)", im.YAML)
	if err != nil {
		return nil, fmt.Errorf("the imported catalog does not parse (an importer bug): %w", err)
	}
	im.Findings = CheckCatalog(cat)
	return im, nil
}

// readLiteLLM decodes the table's models in file order, numbers as json.Number.
func readLiteLLM(name string, data []byte) (map[string]map[string]any, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("%s: want a JSON object of models (LiteLLM's model_prices_and_context_window.json)", name)
	}
	models := map[string]map[string]any{}
	var order []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: offset %d: %w", name, dec.InputOffset(), err)
		}
		key := t.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, fmt.Errorf("%s: model %q: %w", name, key, err)
		}
		m, ok := v.(map[string]any)
		if !ok || key == "sample_spec" {
			continue // last_updated, the documentation entry
		}
		if _, dup := models[key]; dup {
			return nil, nil, fmt.Errorf("%s: model %q appears twice", name, key)
		}
		models[key] = m
		order = append(order, key)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, nil, fmt.Errorf("%s: offset %d: the object of models does not end (a truncated file?)", name, dec.InputOffset())
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, fmt.Errorf("%s: offset %d: data after the object of models", name, end)
	}
	return models, order, nil
}

// litellmModel is one entry converted (a model at one service tier), prices per
// million tokens.
type litellmModel struct {
	provider, model string
	tier            string // the entry's service_tier; "" is standard
	end             string
	tiers           []litellmTier // the base rates, then one per long-context band
	explicit        []string      // cache prices the table lacks, made explicit
	webSearch       *decimal.Decimal
}

type litellmTier struct {
	above                        int64 // the tier holds prompts above this many tokens
	input, output, cached, write decimal.Decimal
	write1h, audio, image        *decimal.Decimal // nil: the catalog's default
}

// litellmPrices are the imported prices of one model: by service tier, band
// (0: the base rates) and rate.
type litellmPrices map[string]map[int64]map[string]decimal.Decimal

func (p litellmPrices) set(k litellmPrice, d decimal.Decimal) {
	if p[k.tier] == nil {
		p[k.tier] = map[int64]map[string]decimal.Decimal{}
	}
	if p[k.tier][k.above] == nil {
		p[k.tier][k.above] = map[string]decimal.Decimal{}
	}
	p[k.tier][k.above][k.rate] = d
}

// get returns the price of rate for tier and band as LiteLLM finds it: the
// tier's price for the band, else the standard price for the band, else the
// band's fallback, the tier's base price (as its long-context rule and its
// service-tier fallback do).
func (p litellmPrices) get(tier string, above int64, rate string) (decimal.Decimal, bool) {
	if d, ok := p[tier][above][rate]; ok {
		return d, true
	}
	if d, ok := p[""][above][rate]; ok && tier != "" {
		return d, true
	}
	if above != 0 {
		return p.get(tier, 0, rate)
	}
	return decimal.Decimal{}, false
}

// convertLiteLLM converts one model into its entries, one per service tier the
// table prices, or returns none when it is skipped.
func convertLiteLLM(key string, f map[string]any, im *LiteLLMImport) ([]*litellmModel, error) {
	mode, _ := f["mode"].(string)
	if !litellmChatModes[mode] {
		im.Skipped["mode "+strconv.Quote(mode)]++
		return nil, nil
	}
	prices := litellmPrices{}
	var webSearch *decimal.Decimal
	fields := make([]string, 0, len(f))
	for field := range f {
		fields = append(fields, field)
	}
	sort.Strings(fields)
	for _, field := range fields {
		v := f[field]
		if litellmNonPrices[field] || strings.HasPrefix(field, "supports_") {
			continue
		}
		if litellmSkipping[field] {
			im.Skipped[field+" (not expressible in this catalog)"]++
			return nil, nil
		}
		if k, ok := parseLiteLLMPrice(field); ok {
			d, err := perMillion(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", field, err)
			}
			prices.set(k, d)
			continue
		}
		if field == "search_context_cost_per_query" {
			d, err := searchFee(v, im)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", field, err)
			}
			webSearch = d
			continue
		}
		switch {
		case isPriceField(field) && knownDropped(field):
			im.Dropped[field]++
		case isPriceField(field):
			if nonZero(v) {
				return nil, fmt.Errorf("%s: a price field this importer does not know; its prices would be wrong without it", field)
			}
			im.Unknown[field]++
		default:
			im.Unknown[field]++
		}
	}
	base := prices[""][0]
	_, okIn := base["input_cost_per_token"]
	out, okOut := base["output_cost_per_token"]
	if !okIn || !okOut {
		im.Skipped["no input_cost_per_token and output_cost_per_token"]++
		return nil, nil
	}
	if r, ok := base["output_cost_per_reasoning_token"]; ok && !r.Equal(out) {
		im.Skipped["output_cost_per_reasoning_token apart from the output rate"]++
		return nil, nil
	}
	end := ""
	if d, ok := f["deprecation_date"].(string); ok && len(d) == len("2006-01-02") {
		end = d
	}
	var models []*litellmModel
	for _, tier := range []string{TierStandard, TierBatch, TierPriority, TierFlex} {
		if tier != TierStandard && prices[tier] == nil {
			continue
		}
		m := &litellmModel{provider: litellmProvider(f), model: litellmName(key, f), tier: tier, end: end, webSearch: webSearch}
		if tier == TierBatch {
			if !m.batch(prices, im) {
				continue
			}
		} else {
			m.rates(prices)
		}
		models = append(models, m)
	}
	return models, nil
}

// rates fills the bands of a standard, priority or flex entry: each rate as
// LiteLLM finds it (litellmPrices.get), a cache price the table lacks being the
// input price of the band (this catalog's rule; LiteLLM charges 0), audio the
// tier's audio rate (else the catalog's default, the band's input rate, as
// LiteLLM's), image the standard image rate.
func (m *litellmModel) rates(p litellmPrices) {
	bands := []int64{0}
	for above := range p[""] {
		if above != 0 {
			bands = append(bands, above)
		}
	}
	sort.Slice(bands, func(i, j int) bool { return bands[i] < bands[j] })
	missing := map[string]bool{}
	for _, above := range bands {
		t := litellmTier{above: above}
		t.input, _ = p.get(m.tier, above, "input_cost_per_token")
		t.output, _ = p.get(m.tier, above, "output_cost_per_token")
		var ok bool
		if t.cached, ok = p.get(m.tier, above, "cache_read_input_token_cost"); !ok {
			if t.cached, ok = p[""][0]["input_cost_per_token_cache_hit"]; !ok {
				t.cached, missing["cached_input_per_million"] = t.input, true
			}
		}
		if t.write, ok = p.get(m.tier, above, "cache_creation_input_token_cost"); !ok {
			t.write, missing["cache_write_per_million"] = t.input, true
		}
		if d, ok := p.get(m.tier, above, "cache_creation_input_token_cost_above_1hr"); ok {
			t.write1h = &d
		}
		if d, ok := p[m.tier][0]["input_cost_per_audio_token"]; ok {
			t.audio = &d
		}
		if d, ok := p[""][0]["input_cost_per_image_token"]; ok {
			t.image = &d
		}
		m.tiers = append(m.tiers, t)
	}
	for _, k := range []string{"cached_input_per_million", "cache_write_per_million"} {
		if missing[k] {
			m.explicit = append(m.explicit, k)
		}
	}
}

// batch fills a Batch API entry as LiteLLM prices a batch: every prompt token at
// input_cost_per_token_batches (so cache reads and writes, audio and images too:
// written out), completion tokens at output_cost_per_token_batches, no bands. A
// model with only one of the two is left at the standard tier, reported.
func (m *litellmModel) batch(p litellmPrices, im *LiteLLMImport) bool {
	in, okIn := p[TierBatch][0]["input_cost_per_token"]
	out, okOut := p[TierBatch][0]["output_cost_per_token"]
	if !okIn || !okOut {
		im.Dropped["a batch price without its pair (input_cost_per_token_batches, output_cost_per_token_batches)"]++
		return false
	}
	m.tiers = []litellmTier{{input: in, output: out, cached: in, write: in}}
	m.explicit = []string{"cached_input_per_million", "cache_write_per_million"}
	return true
}

// searchFee reads search_context_cost_per_query, the fee of one web search by
// search context size, and returns the medium size's (OpenAI's default; the
// three are equal for Anthropic's models). Other sizes that differ are reported.
func searchFee(v any, im *LiteLLMImport) (*decimal.Decimal, error) {
	sizes, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%v is not an object of search context sizes", v)
	}
	fees := map[string]decimal.Decimal{}
	for k, x := range sizes {
		d, err := fee(x)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		fees[k] = d
	}
	medium, ok := fees["search_context_size_medium"]
	if !ok {
		im.Dropped["search_context_cost_per_query without search_context_size_medium"]++
		return nil, nil
	}
	for k, d := range fees {
		if !d.Equal(medium) {
			im.Dropped["search_context_cost_per_query."+k+" (the medium size imported)"]++
		}
	}
	return &medium, nil
}

// knownDropped reports whether field is one of the table's prices of dimensions
// this catalog does not import (audio, images, video, characters, seconds, batch,
// priority and flex tiers, per-query and per-session fees).
func knownDropped(field string) bool {
	for _, part := range []string{"audio", "image", "video", "pixel", "character", "second", "batch", "priority", "flex",
		"query", "session", "page", "request", "citation", "above_1hr", "reasoning"} {
		if strings.Contains(field, part) {
			return true
		}
	}
	return false
}

func nonZero(v any) bool {
	if n, ok := v.(json.Number); ok {
		d, err := decimal.NewFromString(n.String())
		return err != nil || !d.IsZero()
	}
	return v != nil
}

// perMillion reads a per-token price from its JSON text and returns it per million
// tokens, exactly.
func perMillion(v any) (decimal.Decimal, error) {
	d, err := exactNumber(v)
	if err != nil {
		return decimal.Decimal{}, err
	}
	m := d.Shift(6)
	if err := checkPrice(m); err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s per token: %s %w", v, m, err)
	}
	return m, nil
}

// fee reads a price per request (USD) from its JSON text, exactly.
func fee(v any) (decimal.Decimal, error) {
	d, err := exactNumber(v)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkPrice(d); err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s %w", d, err)
	}
	return d, nil
}

// exactNumber reads a non-negative JSON number from its text, never through
// float64.
func exactNumber(v any) (decimal.Decimal, error) {
	n, ok := v.(json.Number)
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("%v is not a number", v)
	}
	d, err := decimal.NewFromString(n.String())
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s is not a decimal number", n)
	}
	if d.Sign() < 0 {
		return decimal.Decimal{}, fmt.Errorf("%s is negative", n)
	}
	return d, nil
}

func litellmProvider(f map[string]any) string {
	p, _ := f["litellm_provider"].(string)
	if c, ok := litellmProviders[p]; ok {
		return c
	}
	return CanonicalProvider(p)
}

// litellmName is the model's name without LiteLLM's "provider/" prefix.
func litellmName(key string, f map[string]any) string {
	p, _ := f["litellm_provider"].(string)
	for _, prefix := range []string{p + "/", strings.SplitN(p, "-", 2)[0] + "/", strings.SplitN(p, "_", 2)[0] + "/"} {
		if strings.HasPrefix(key, prefix) && len(key) > len(prefix) {
			return key[len(prefix):]
		}
	}
	return key
}

// write appends m as a catalog entry.
func (m *litellmModel) write(b *bytes.Buffer, key, eff string) {
	fmt.Fprintf(b, "# %s\n", key)
	if len(m.explicit) > 0 {
		fmt.Fprintf(b, "# not in the table, written out as the input price: %s\n", strings.Join(m.explicit, ", "))
	}
	fmt.Fprintf(b, "- provider: %s\n  model: %s\n  effective_date: %s\n", yamlString(m.provider), yamlString(m.model), eff)
	if m.end != "" && m.end >= eff {
		fmt.Fprintf(b, "  end_date: %s\n", m.end)
	}
	if m.tier != "" {
		fmt.Fprintf(b, "  service_tier: %s\n", m.tier)
	}
	if m.webSearch != nil {
		fmt.Fprintf(b, "  web_search_per_request: %s\n", m.webSearch)
	}
	rates := func(indent string, t litellmTier) {
		fmt.Fprintf(b, "%sinput_per_million: %s\n%soutput_per_million: %s\n%scached_input_per_million: %s\n%scache_write_per_million: %s\n",
			indent, t.input, indent, t.output, indent, t.cached, indent, t.write)
		for _, x := range []struct {
			key string
			d   *decimal.Decimal
		}{{"cache_write_1h_per_million", t.write1h}, {"audio_input_per_million", t.audio}, {"image_input_per_million", t.image}} {
			if x.d != nil {
				fmt.Fprintf(b, "%s%s: %s\n", indent, x.key, x.d)
			}
		}
	}
	if len(m.tiers) == 1 {
		b.WriteString("  per_token:\n")
		rates("    ", m.tiers[0])
		return
	}
	b.WriteString("  tiered:\n    basis: prompt_tokens\n    tiers:\n")
	for i, t := range m.tiers {
		fmt.Fprintf(b, "      - min_tokens: %d\n", minTokens(m.tiers, i))
		if i+1 < len(m.tiers) {
			fmt.Fprintf(b, "        max_tokens: %d\n", m.tiers[i+1].above)
		}
		rates("        ", t)
	}
}

func minTokens(tiers []litellmTier, i int) int64 {
	if i == 0 {
		return 0
	}
	return tiers[i].above + 1
}

// yamlString quotes s for YAML when it is not a plain safe word.
func yamlString(s string) string {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-._/", c)) {
			return strconv.Quote(s)
		}
	}
	return s
}
