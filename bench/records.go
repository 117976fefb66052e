package bench

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// The fixed instants of the workloads: every record falls in the month after
// recordsStart, and validation runs at validationNow. Fixed dates keep the
// workloads, and so their cost checksums, the same on every run.
var (
	recordsStart  = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	validationNow = time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
)

// model is a provider's model as usage records name it.
type model struct{ provider, name string }

// mixedModels are the models of the built-in catalog that mixed workloads draw
// from: all seven providers, per-token and tiered prices, with and without cache
// prices. There are more of them than the Calculator caches.
var mixedModels = []model{
	{"openai", "gpt-4o"}, {"openai", "gpt-4o-mini"}, {"openai", "o4-mini"}, {"openai", "o3"},
	{"anthropic", "claude-3-5-sonnet"}, {"anthropic", "claude-sonnet-4"}, {"anthropic", "claude-3-5-haiku"},
	{"googlevertexai", "gemini-2.5-pro"}, {"googlevertexai", "gemini-2.5-flash"},
	{"azureopenai", "gpt-4o"}, {"azureopenai", "gpt-4.1-mini"},
	{"awsbedrock", "claude-3-7-sonnet"},
	{"mistral", "mistral-large"},
	{"cohere", "command-r-plus"}, {"cohere", "command-r"},
}

// The organizations, projects and users of mixed records. Records share these
// strings, as records decoded by engine.UsageDecoder (which interns) do, so that
// the workloads' memory is the records themselves.
var (
	organizations = names("org-%d", 3)
	projects      = names("proj-%02d", 12)
	users         = names("user-%03d", 50)
)

func names(format string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}

// mixedRecords returns n realistic usage records: the models of mixedModels,
// prompts of a hundred to tens of thousands of tokens, a third of them with cache
// reads and some with cache writes and reasoning tokens, three organizations,
// twelve projects, and timestamps spread over span from recordsStart. The same n
// always gives the same records.
func mixedRecords(n int, span time.Duration) []engine.Usage {
	rng := rand.New(rand.NewPCG(uint64(n), 0x5eed))
	recs := make([]engine.Usage, n)
	names := engine.NewInterner() // as engine.UsageDecoder interns the records it reads
	for i := range recs {
		m := mixedModels[rng.IntN(len(mixedModels))]
		u := &recs[i]
		*u = engine.Usage{
			ID:               fmt.Sprintf("req-%06d", i),
			Timestamp:        recordsStart.Add(time.Duration(rng.Int64N(int64(span)))),
			Provider:         m.provider,
			Model:            m.name,
			OrganizationID:   organizations[rng.IntN(len(organizations))],
			ProjectID:        projects[rng.IntN(len(projects))],
			UserID:           users[rng.IntN(len(users))],
			PromptTokens:     100 + rng.Int64N(20_000),
			CompletionTokens: 10 + rng.Int64N(4_000),
		}
		if rng.IntN(3) == 0 {
			u.CachedTokens = u.PromptTokens / 2
		}
		if rng.IntN(10) == 0 {
			u.CacheWriteTokens = u.PromptTokens / 4
		}
		if m.name == "o4-mini" || m.name == "o3" {
			u.ReasoningTokens = u.CompletionTokens / 2
		}
		u.TotalTokens = u.PromptTokens + u.CompletionTokens
		names.Intern(u)
	}
	return recs
}

// request returns a plain record of one request to provider's model at the
// start of the records' month.
func request(provider, name string, prompt, completion int64) engine.Usage {
	return engine.Usage{
		ID:               "req-" + provider + "-" + name,
		Timestamp:        recordsStart.Add(36 * time.Hour),
		Provider:         provider,
		Model:            name,
		OrganizationID:   "org-acme",
		ProjectID:        "proj-search",
		UserID:           "user-042",
		PromptTokens:     prompt,
		CompletionTokens: completion,
		TotalTokens:      prompt + completion,
	}
}

// fullRecord returns a record with every field set, as a provider's usage
// export has it: the record that usage_validation checks.
func fullRecord() engine.Usage {
	u := request("anthropic", "claude-3-7-sonnet", 12_400, 1_850)
	u.ID = "msg_01XFDUDYJgAACzvnptvVoYEL"
	u.CachedTokens = 8_192
	u.CacheWriteTokens = 2_048
	u.ReasoningTokens = 600
	u.Tags = map[string]string{"env": "prod", "feature": "chat", "team": "search"}
	return u
}
