package engine

import (
	"fmt"
	"strings"
	"testing"
)

// TestCheckCatalogDimensions: the sanity checks doubt a price of the dimensions
// beyond input and output (cache writes of both durations, audio and image input,
// web-search fees) off by three orders of magnitude, and nothing within them.
func TestCheckCatalogDimensions(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 5 { // peers: real prices, a fee of 0.01
		fmt.Fprintf(&b, "- {provider: acme, model: m%d, effective_date: 2025-01-01, web_search_per_request: 0.01,\n"+
			"   per_token: {input_per_million: 3, output_per_million: 15, cached_input_per_million: 0.3, cache_write_per_million: 3.75,\n"+
			"               cache_write_1h_per_million: 6, audio_input_per_million: 40, image_input_per_million: 6}}\n", i)
	}
	b.WriteString(`- {provider: acme, model: free-search, effective_date: 2025-01-01, web_search_per_request: 0,
   per_token: {input_per_million: 3, output_per_million: 15}}
- {provider: acme, model: search-per-1000, effective_date: 2025-01-01, web_search_per_request: 10,
   per_token: {input_per_million: 3, output_per_million: 15}}
- {provider: acme, model: audio-per-token, effective_date: 2025-01-01,
   per_token: {input_per_million: 3, output_per_million: 15, audio_input_per_million: 40000000}}
- {provider: acme, model: image-per-billion, effective_date: 2025-01-01,
   per_token: {input_per_million: 3, output_per_million: 15, image_input_per_million: 0.003}}
- {provider: acme, model: long-1h, effective_date: 2025-01-01, tiered: {basis: prompt_tokens, tiers: [
   {min_tokens: 0, max_tokens: 200000, input_per_million: 3, output_per_million: 15, cache_write_1h_per_million: 6},
   {min_tokens: 200001, input_per_million: 6, output_per_million: 22.5, cache_write_1h_per_million: 12000}]}}
- {provider: acme, model: batch, effective_date: 2025-01-01, service_tier: batch,
   per_token: {input_per_million: 1.5, output_per_million: 7.5, cache_write_per_million: 1500}}
`)
	cat, err := ParseCatalog("dims.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range CheckCatalog(cat) {
		got = append(got, f.Model+": "+f.Message)
	}
	want := []string{
		"search-per-1000: web_search_per_request 10 is 1000 times the median 0.01 of the catalog's fees: a unit error?",
		"audio-per-token: audio_input_per_million 40000000 is 13333333 times the input price 3: a unit error?",
		"image-per-billion: image_input_per_million 0.003 is 1/1000 times the input price 3: a unit error?",
		"long-1h: tiers[1].cache_write_1h_per_million 12000 is 2000 times the input price 6: a unit error?",
		"batch: cache_write_per_million 1500 is 1000 times the input price 1.5: a unit error?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
