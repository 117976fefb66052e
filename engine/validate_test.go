package engine

import (
	"errors"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	valid := func() *Usage {
		return &Usage{Provider: "openai", Model: "gpt-4o", Timestamp: now, PromptTokens: 100, CompletionTokens: 50,
			TotalTokens: 150, CachedTokens: 40, CacheWriteTokens: 60, ReasoningTokens: 50}
	}
	tests := []struct {
		name   string
		change func(u *Usage)
		rule   error // nil: valid
		field  string
	}{
		{"valid at the limits", func(u *Usage) {}, nil, ""},
		{"valid five minutes ahead", func(u *Usage) { u.Timestamp = now.Add(MaxFutureSkew) }, nil, ""},
		{"zero total", func(u *Usage) { *u = Usage{Provider: "p", Model: "m", Timestamp: now} }, ErrZeroTotal, "total_tokens"},
		{"total too large", func(u *Usage) { u.TotalTokens = 151 }, ErrTotalMismatch, "total_tokens"},
		{"total too small", func(u *Usage) { u.TotalTokens = 149 }, ErrTotalMismatch, "total_tokens"},
		{"prompt above total", func(u *Usage) { u.PromptTokens, u.CompletionTokens = 1<<62, 1<<62+1 }, ErrTotalMismatch, "total_tokens"},
		{"cache reads and writes above prompt", func(u *Usage) { u.CacheWriteTokens = 61 }, ErrCacheExceedsPrompt, "cached_tokens"},
		{"cache reads above prompt", func(u *Usage) { u.CachedTokens, u.CacheWriteTokens = 101, 0 }, ErrCacheExceedsPrompt, "cached_tokens"},
		{"reasoning above completion", func(u *Usage) { u.ReasoningTokens = 51 }, ErrReasoningExceedsCompletion, "reasoning_tokens"},
		{"missing provider", func(u *Usage) { u.Provider = "" }, ErrMissingProvider, "provider"},
		{"missing model", func(u *Usage) { u.Model = "" }, ErrMissingModel, "model"},
		{"missing timestamp", func(u *Usage) { u.Timestamp = time.Time{} }, ErrMissingTimestamp, "timestamp"},
		{"future timestamp", func(u *Usage) { u.Timestamp = now.Add(MaxFutureSkew + time.Nanosecond) }, ErrFutureTimestamp, "timestamp"},
		{"negative count", func(u *Usage) { u.CachedTokens = -1 }, ErrNegativeTokens, "cached_tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u := valid()
			tt.change(u)
			err := Validate(u, now)
			if tt.rule == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.Is(err, tt.rule) || !errors.As(err, &ve) || ve.Field != tt.field {
				t.Fatalf("Validate = %v, want rule %q on field %s", err, tt.rule, tt.field)
			}
			for _, other := range allRules {
				if other != tt.rule && errors.Is(err, other) {
					t.Errorf("error %v also matches rule %q", err, other)
				}
			}
		})
	}
}

var allRules = []error{ErrZeroTotal, ErrTotalMismatch, ErrCacheExceedsPrompt, ErrReasoningExceedsCompletion,
	ErrMissingProvider, ErrMissingModel, ErrMissingTimestamp, ErrFutureTimestamp, ErrNegativeTokens}

func TestValidateDoesNotAllocate(t *testing.T) {
	u := usage(5000, 2000, 2000, 100)
	now := u.Timestamp
	if n := testing.AllocsPerRun(100, func() { _ = Validate(u, now) }); n != 0 {
		t.Errorf("Validate allocates %v times per valid record", n)
	}
}

func TestCostRejectsInconsistentCounts(t *testing.T) {
	t.Parallel()
	e := mustEntry(t, perToken("1", "1"))
	u := usage(10, 10, 8, 3)
	if _, err := e.Cost(u); !errors.Is(err, ErrCacheExceedsPrompt) {
		t.Errorf("Cost = %v, want %v", err, ErrCacheExceedsPrompt)
	}
}
