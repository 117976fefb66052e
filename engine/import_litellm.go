package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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

// ImportedModel is a model of LiteLLM's table (Key) as the imported catalog names it.
type ImportedModel struct{ Key, Provider, Model string }

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

// The price fields imported: base rates, and long-context rates by threshold.
var (
	litellmBase  = splitSet(`input_cost_per_token output_cost_per_token cache_read_input_token_cost cache_creation_input_token_cost input_cost_per_token_cache_hit output_cost_per_reasoning_token`)
	litellmAbove = regexp.MustCompile(`^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_(\d+)k_tokens$`)
)

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
	seen := map[[2]string]string{}
	var errs []error
	for _, key := range order {
		m, err := convertLiteLLM(key, models[key], im)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: model %q: %w", name, key, err))
			continue
		}
		if m == nil {
			continue
		}
		k := [2]string{m.provider, m.model}
		if first, dup := seen[k]; dup {
			im.Skipped["same provider and model as "+first]++
			continue
		}
		seen[k] = key
		m.write(&out, key, eff)
		im.Entries++
		im.Models = append(im.Models, ImportedModel{Key: key, Provider: m.provider, Model: m.model})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
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
	return models, order, nil
}

// litellmModel is one model converted, prices per million tokens.
type litellmModel struct {
	provider, model string
	end             string
	tiers           []litellmTier // one without thresholds
	explicit        []string      // cache prices the table lacks, made explicit
	hasCached       bool          // the table has a cache read price
	hasWrite        bool          // the table has a cache write price
}

type litellmTier struct {
	above                        int64 // the tier holds prompts above this many tokens
	input, output, cached, write decimal.Decimal
}

// convertLiteLLM converts one model, or returns nil when it is skipped.
func convertLiteLLM(key string, f map[string]any, im *LiteLLMImport) (*litellmModel, error) {
	mode, _ := f["mode"].(string)
	if !litellmChatModes[mode] {
		im.Skipped["mode "+strconv.Quote(mode)]++
		return nil, nil
	}
	base := map[string]decimal.Decimal{}
	above := map[int64]map[string]decimal.Decimal{}
	fields := make([]string, 0, len(f))
	for field := range f {
		fields = append(fields, field)
	}
	sort.Strings(fields)
	for _, field := range fields {
		v := f[field]
		switch {
		case litellmNonPrices[field] || strings.HasPrefix(field, "supports_"):
			continue
		case litellmSkipping[field]:
			im.Skipped[field+" (not expressible in this catalog)"]++
			return nil, nil
		case litellmBase[field]:
			d, err := perMillion(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", field, err)
			}
			base[field] = d
		case litellmAbove.MatchString(field):
			sub := litellmAbove.FindStringSubmatch(field)
			n, _ := strconv.ParseInt(sub[2], 10, 64)
			d, err := perMillion(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", field, err)
			}
			if above[n*1000] == nil {
				above[n*1000] = map[string]decimal.Decimal{}
			}
			above[n*1000][sub[1]] = d
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
	in, okIn := base["input_cost_per_token"]
	out, okOut := base["output_cost_per_token"]
	if !okIn || !okOut {
		im.Skipped["no input_cost_per_token and output_cost_per_token"]++
		return nil, nil
	}
	if r, ok := base["output_cost_per_reasoning_token"]; ok && !r.Equal(out) {
		im.Skipped["output_cost_per_reasoning_token apart from the output rate"]++
		return nil, nil
	}
	m := &litellmModel{provider: litellmProvider(f), model: litellmName(key, f)}
	if d, ok := f["deprecation_date"].(string); ok && len(d) == len("2006-01-02") {
		m.end = d
	}
	t0 := litellmTier{input: in, output: out}
	t0.cached, t0.write = m.cache(base, in)
	m.tiers = append(m.tiers, t0)
	thresholds := make([]int64, 0, len(above))
	for n := range above {
		thresholds = append(thresholds, n)
	}
	sort.Slice(thresholds, func(i, j int) bool { return thresholds[i] < thresholds[j] })
	for _, n := range thresholds {
		prev := m.tiers[len(m.tiers)-1]
		a := above[n]
		t := litellmTier{above: n, input: pick(a, "input_cost_per_token", prev.input), output: pick(a, "output_cost_per_token", prev.output)}
		// A cache price the table has for no band is the input price of each band.
		t.cached, t.write = t.input, t.input
		if d, ok := a["cache_read_input_token_cost"]; ok {
			t.cached, m.hasCached = d, true
		} else if m.hasCached {
			t.cached = prev.cached
		}
		if d, ok := a["cache_creation_input_token_cost"]; ok {
			t.write, m.hasWrite = d, true
		} else if m.hasWrite {
			t.write = prev.write
		}
		m.tiers = append(m.tiers, t)
	}
	return m, nil
}

// cache returns the cache read and write prices of base, the input price where the
// table has none (this catalog's rule), noting those made explicit.
func (m *litellmModel) cache(base map[string]decimal.Decimal, in decimal.Decimal) (cached, write decimal.Decimal) {
	cached, ok := base["cache_read_input_token_cost"]
	if !ok {
		cached, ok = base["input_cost_per_token_cache_hit"]
	}
	m.hasCached = ok
	if !ok {
		cached = in
		m.explicit = append(m.explicit, "cached_input_per_million")
	}
	write, ok = base["cache_creation_input_token_cost"]
	m.hasWrite = ok
	if !ok {
		write = in
		m.explicit = append(m.explicit, "cache_write_per_million")
	}
	return cached, write
}

func pick(m map[string]decimal.Decimal, k string, def decimal.Decimal) decimal.Decimal {
	if d, ok := m[k]; ok {
		return d
	}
	return def
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
	d = d.Shift(6)
	if err := checkPrice(d); err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s per token: %s %w", n, d, err)
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
	rates := func(indent string, t litellmTier) {
		fmt.Fprintf(b, "%sinput_per_million: %s\n%soutput_per_million: %s\n%scached_input_per_million: %s\n%scache_write_per_million: %s\n",
			indent, t.input, indent, t.output, indent, t.cached, indent, t.write)
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
