package engine

import (
	"reflect"
	"testing"
	"time"
)

// realModelIDs are model IDs exactly as providers' APIs and consoles report them
// (issue 12), with the catalog entry each must price with.
var realModelIDs = []struct{ provider, id, want string }{
	{"openai", "gpt-4o-2024-08-06", "gpt-4o"},
	{"openai", "gpt-4o-2024-05-13", "gpt-4o-2024-05-13"}, // its own, older price
	{"openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini"},
	{"openai", "o3-2025-04-16", "o3"},
	{"openai", "gpt-5", "gpt-5"},
	{"openai", "gpt-5-mini-2025-08-07", "gpt-5-mini"},
	{"anthropic", "claude-sonnet-4-20250514", "claude-sonnet-4"},
	{"anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5"},
	{"anthropic", "claude-opus-4-1-20250805", "claude-opus-4"},
	{"anthropic", "claude-3-5-haiku-20241022", "claude-3-5-haiku"},
	{"anthropic", "claude-3-haiku-20240307", "claude-3-haiku"},
	{"bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4"},
	{"bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet"},
	{"aws", "eu.anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet"},
	{"azure", "gpt-35-turbo", "gpt-3.5-turbo"},
	{"azure", "gpt-4.1-2025-04-14", "gpt-4.1"},
	{"vertex", "gemini-2.5-flash-lite", "gemini-2.5-flash-lite"},
	{"vertex", "gemini-2.0-flash-001", "gemini-2.0-flash"},
	{"mistral", "mistral-large-latest", "mistral-large"},
	{"cohere", "command-r-plus-08-2024", "command-r-plus"},
	{"xai", "grok-4", "grok-4"},
	{"deepseek", "deepseek-chat", "deepseek-chat"},
}

// TestRealModelIDsPrice: every one of the 22 real IDs prices with the built-in
// catalog, with the entry its rules name.
func TestRealModelIDsPrice(t *testing.T) {
	t.Parallel()
	cat, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(realModelIDs) != 22 {
		t.Fatalf("%d IDs, want the issue's 22", len(realModelIDs))
	}
	at := time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC)
	calc := NewCalculator(cat)
	for _, tc := range realModelIDs {
		e, err := cat.Lookup(tc.provider, tc.id, at)
		if err != nil {
			t.Errorf("%s %s: %v", tc.provider, tc.id, err)
			continue
		}
		if e.Model != tc.want {
			t.Errorf("%s %s priced with %s, want %s", tc.provider, tc.id, e.Model, tc.want)
		}
		u := usage(1000, 500, 0, 0)
		u.Provider, u.Model, u.Timestamp = tc.provider, tc.id, at
		if c, err := calc.Price(u); err != nil || c.Total.Sign() <= 0 {
			t.Errorf("%s %s: Calculator.Price = %v, %v", tc.provider, tc.id, c.Total, err)
		}
	}
}

func TestResolveModelRules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"gpt-4o", []string{"gpt-4o"}},
		{"gpt-4o-2024-08-06", []string{"gpt-4o-2024-08-06", "gpt-4o"}},
		{"claude-sonnet-4-20250514", []string{"claude-sonnet-4-20250514", "claude-sonnet-4"}},
		{"us.anthropic.claude-3-7-sonnet-20250219-v1:0", []string{"us.anthropic.claude-3-7-sonnet-20250219-v1:0",
			"anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet-20250219", "claude-3-7-sonnet"}},
		{"claude-3-5-sonnet-v2@20241022", []string{"claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet-v2", "claude-3-5-sonnet"}},
		{"openai/gpt-4o-mini", []string{"openai/gpt-4o-mini", "gpt-4o-mini"}},
		{"mistral-large-latest", []string{"mistral-large-latest", "mistral-large"}},
		{"mistral-large-2411", []string{"mistral-large-2411", "mistral-large"}},
		{"command-r-plus-08-2024", []string{"command-r-plus-08-2024", "command-r-plus"}},
		{"gemini-1.5-pro-002", []string{"gemini-1.5-pro-002", "gemini-1.5-pro"}},
		{"gpt-4-0613", []string{"gpt-4-0613", "gpt-4"}},
		{"gpt-35-turbo-0125", []string{"gpt-35-turbo-0125", "gpt-35-turbo", "gpt-3.5-turbo"}},
		{"claude-sonnet-4-5", []string{"claude-sonnet-4-5"}}, // "4-5" is a version, not a date
		{"grok-4", []string{"grok-4"}},
		{"gpt-4.1-nano", []string{"gpt-4.1-nano"}},
	} {
		if got := ResolveModel(tc.id); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ResolveModel(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

// TestExactNameWinsOverResolution: a catalog that names a snapshot prices it with
// that entry; other snapshots resolve to the model; an unknown ID stays unknown.
func TestExactNameWinsOverResolution(t *testing.T) {
	t.Parallel()
	cat := parse(t, `
- {provider: openai, model: gpt-4o, effective_date: 2025-01-01, per_token: {input_per_million: 2.5, output_per_million: 10}}
- {provider: openai, model: gpt-4o-2024-05-13, effective_date: 2024-05-13, per_token: {input_per_million: 5, output_per_million: 15}}
`)
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for id, want := range map[string]string{"gpt-4o-2024-05-13": "5", "gpt-4o-2024-08-06": "2.5", "gpt-4o": "2.5"} {
		e, err := cat.Lookup("openai", id, at)
		if err != nil || e.Pricing.(*PerToken).InputPerMillion.String() != want {
			t.Errorf("%s: %v, %v; want input %s", id, e, err, want)
		}
	}
	if _, err := cat.Lookup("openai", "gpt-4o-mini-2024-07-18", at); err == nil {
		t.Error("gpt-4o-mini-2024-07-18 priced by a catalog without gpt-4o-mini")
	}
}
