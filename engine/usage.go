package engine

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Usage is one LLM request as reported by a provider: the record of the contract.
// Token counts are non-negative. CachedTokens (cache reads) and CacheWriteTokens
// (cache creation) are part of PromptTokens; ReasoningTokens are part of
// CompletionTokens and billed as output. CacheWrite1hTokens are part of
// CacheWriteTokens; AudioInputTokens and ImageInputTokens are part of the prompt
// that is neither a cache read nor a cache write.
//
// A record decoded by a UsageDecoder, or passed to Interner.Intern, also carries
// the ids of its names in unexported fields (so reflect.DeepEqual tells it from a
// record built field by field); they only make aggregation faster.
type Usage struct {
	ID               string            `json:"id"`
	Timestamp        time.Time         `json:"timestamp"`
	Provider         string            `json:"provider"`
	Model            string            `json:"model"`
	OrganizationID   string            `json:"organization_id,omitempty"`
	ProjectID        string            `json:"project_id,omitempty"`
	UserID           string            `json:"user_id,omitempty"`
	PromptTokens     int64             `json:"prompt_tokens"`
	CompletionTokens int64             `json:"completion_tokens"`
	TotalTokens      int64             `json:"total_tokens"`
	CachedTokens     int64             `json:"cached_tokens,omitempty"`
	CacheWriteTokens int64             `json:"cache_write_tokens,omitempty"`
	ReasoningTokens  int64             `json:"reasoning_tokens,omitempty"`
	Tags             map[string]string `json:"tags,omitempty"`

	// The dimensions of real bills beyond the contract's fields, all optional.
	CacheWrite1hTokens int64  `json:"cache_write_1h_tokens,omitempty"` // cache writes kept 1 hour; part of CacheWriteTokens
	AudioInputTokens   int64  `json:"audio_input_tokens,omitempty"`    // audio input; part of the uncached prompt
	ImageInputTokens   int64  `json:"image_input_tokens,omitempty"`    // image input; part of the uncached prompt
	ServiceTier        string `json:"service_tier,omitempty"`          // batch, priority, flex; "", default, standard, auto: standard
	WebSearchRequests  int64  `json:"web_search_requests,omitempty"`   // web searches, each billed a fee

	keys nameIDs // the ids of an Interner (a UsageDecoder's) for the names above
}

// MaxFutureSkew is how far in the future a usage timestamp may be before Validate
// rejects it.
const MaxFutureSkew = 5 * time.Minute

// The rules of Validate, one error each. Validate returns a *ValidationError whose
// Rule is one of these, so errors.Is(err, ErrZeroTotal) and the like work.
var (
	ErrZeroTotal                  = errors.New("total_tokens is zero")
	ErrTotalMismatch              = errors.New("prompt_tokens + completion_tokens != total_tokens")
	ErrCacheExceedsPrompt         = errors.New("cached_tokens + cache_write_tokens > prompt_tokens")
	ErrReasoningExceedsCompletion = errors.New("reasoning_tokens > completion_tokens")
	ErrMissingProvider            = errors.New("provider is missing")
	ErrMissingModel               = errors.New("model is missing")
	ErrMissingTimestamp           = errors.New("timestamp is missing")
	ErrFutureTimestamp            = errors.New("timestamp is in the future")
	ErrNegativeTokens             = errors.New("token count is negative")
	ErrCacheWrite1hExceeds        = errors.New("cache_write_1h_tokens > cache_write_tokens")
	ErrMediaExceedsPrompt         = errors.New("cached + cache_write + audio_input + image_input tokens > prompt_tokens")
	ErrUnknownServiceTier         = errors.New("service_tier is not one of default, standard, auto, batch, priority, flex")
)

// ValidationError is a usage record that breaks one rule of Validate.
type ValidationError struct {
	Field  string // the JSON field at fault, such as "total_tokens"
	Rule   error  // one of the Err... rules of this package
	Detail string // the values involved, for people
}

// Error returns "field: rule (detail)", or "rule (detail)" when the rule's text
// starts with the field's name already.
func (e *ValidationError) Error() string {
	msg := e.Rule.Error()
	if !strings.HasPrefix(msg, e.Field) {
		msg = e.Field + ": " + msg
	}
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap returns the rule, for errors.Is.
func (e *ValidationError) Unwrap() error { return e.Rule }

// Validate checks u against the rules of the contract, in this order: missing provider,
// missing model, missing timestamp, negative counts, total_tokens == 0, prompt +
// completion != total, cached + cache_write > prompt, reasoning > completion, 1-hour
// cache writes > cache writes, audio + image beyond the uncached prompt, an unknown
// service tier, timestamp more than MaxFutureSkew after now (wall-clock times: a
// monotonic clock reading in either is ignored). It returns the first rule broken as a
// *ValidationError, and does not allocate when u is valid.
func Validate(u *Usage, now time.Time) error {
	switch {
	case u.Provider == "":
		return &ValidationError{Field: "provider", Rule: ErrMissingProvider}
	case u.Model == "":
		return &ValidationError{Field: "model", Rule: ErrMissingModel}
	case u.Timestamp.IsZero():
		return &ValidationError{Field: "timestamp", Rule: ErrMissingTimestamp}
	}
	if err := checkCounts(u); err != nil {
		return err
	}
	if tooFarAhead(u.Timestamp, now) {
		return &ValidationError{Field: "timestamp", Rule: ErrFutureTimestamp,
			Detail: fmt.Sprintf("%s is more than %s after %s",
				u.Timestamp.Format(time.RFC3339), MaxFutureSkew, now.UTC().Format(time.RFC3339))}
	}
	return nil
}

// tooFarAhead reports whether the wall-clock time t is more than MaxFutureSkew
// after now: t.Sub(now) > MaxFutureSkew with monotonic clock readings stripped,
// decided on Unix seconds and nanoseconds (time.Sub and its monotonic and
// saturation cases cost five times as much).
func tooFarAhead(t, now time.Time) bool {
	const skew = int64(MaxFutureSkew / time.Second)
	ts, ns := t.Unix(), now.Unix()
	if ts < -1<<62 || ts > 1<<62 || ns < -1<<62 || ns > 1<<62 { // near the ends of time's range
		return t.Round(0).Sub(now.Round(0)) > MaxFutureSkew
	}
	// The nanoseconds differ by less than a second, and skew is whole seconds.
	d := ts - ns
	return d > skew || d == skew && t.Nanosecond() > now.Nanosecond()
}

// countLimit bounds the token counts that countsValid decides alone: ten counts
// below it sum without overflow.
const countLimit = 1 << 59

// countsValid reports whether u's counts break none of the rules of checkCounts,
// with one branch per rule and none per field; on false, checkCounts finds the
// rule broken. It relies on the counts being below countLimit, so that their sums
// cannot overflow.
func countsValid(u *Usage) bool {
	all := u.PromptTokens | u.CompletionTokens | u.TotalTokens | u.CachedTokens | u.CacheWriteTokens |
		u.ReasoningTokens | u.CacheWrite1hTokens | u.AudioInputTokens | u.ImageInputTokens | u.WebSearchRequests
	return uint64(all) < countLimit && u.TotalTokens != 0 &&
		u.PromptTokens+u.CompletionTokens == u.TotalTokens &&
		u.CachedTokens+u.CacheWriteTokens+u.AudioInputTokens+u.ImageInputTokens <= u.PromptTokens &&
		u.ReasoningTokens <= u.CompletionTokens && u.CacheWrite1hTokens <= u.CacheWriteTokens &&
		(u.ServiceTier == "" || validServiceTier(u.ServiceTier))
}

// checkCounts applies the token-count rules of Validate. Entry.Cost uses it too, so
// that no price is computed from counts that contradict each other.
func checkCounts(u *Usage) error {
	if countsValid(u) {
		return nil
	}
	return countsError(u)
}

// countsError returns the first token-count rule u breaks, or nil.
func countsError(u *Usage) error {
	if u.PromptTokens < 0 || u.CompletionTokens < 0 || u.TotalTokens < 0 || u.CachedTokens < 0 ||
		u.CacheWriteTokens < 0 || u.ReasoningTokens < 0 || u.CacheWrite1hTokens < 0 || u.AudioInputTokens < 0 ||
		u.ImageInputTokens < 0 || u.WebSearchRequests < 0 {
		return negativeError(u)
	}
	switch {
	case u.TotalTokens == 0:
		return &ValidationError{Field: "total_tokens", Rule: ErrZeroTotal}
	case u.PromptTokens > u.TotalTokens || u.CompletionTokens != u.TotalTokens-u.PromptTokens:
		return &ValidationError{Field: "total_tokens", Rule: ErrTotalMismatch,
			Detail: fmt.Sprintf("%d + %d != %d", u.PromptTokens, u.CompletionTokens, u.TotalTokens)}
	case u.CachedTokens > u.PromptTokens || u.CacheWriteTokens > u.PromptTokens-u.CachedTokens:
		return &ValidationError{Field: "cached_tokens", Rule: ErrCacheExceedsPrompt,
			Detail: fmt.Sprintf("%d + %d > %d", u.CachedTokens, u.CacheWriteTokens, u.PromptTokens)}
	case u.ReasoningTokens > u.CompletionTokens:
		return &ValidationError{Field: "reasoning_tokens", Rule: ErrReasoningExceedsCompletion,
			Detail: fmt.Sprintf("%d > %d", u.ReasoningTokens, u.CompletionTokens)}
	case u.CacheWrite1hTokens > u.CacheWriteTokens:
		return &ValidationError{Field: "cache_write_1h_tokens", Rule: ErrCacheWrite1hExceeds,
			Detail: fmt.Sprintf("%d > %d", u.CacheWrite1hTokens, u.CacheWriteTokens)}
	case u.AudioInputTokens > u.PromptTokens-u.CachedTokens-u.CacheWriteTokens ||
		u.ImageInputTokens > u.PromptTokens-u.CachedTokens-u.CacheWriteTokens-u.AudioInputTokens:
		return &ValidationError{Field: "audio_input_tokens", Rule: ErrMediaExceedsPrompt,
			Detail: fmt.Sprintf("%d + %d + %d + %d > %d", u.CachedTokens, u.CacheWriteTokens, u.AudioInputTokens, u.ImageInputTokens, u.PromptTokens)}
	}
	if !validServiceTier(u.ServiceTier) {
		return &ValidationError{Field: "service_tier", Rule: ErrUnknownServiceTier, Detail: fmt.Sprintf("%q", u.ServiceTier)}
	}
	return nil
}

func negativeError(u *Usage) error {
	fields := []struct {
		name string
		v    int64
	}{
		{"prompt_tokens", u.PromptTokens}, {"completion_tokens", u.CompletionTokens},
		{"total_tokens", u.TotalTokens}, {"cached_tokens", u.CachedTokens},
		{"cache_write_tokens", u.CacheWriteTokens}, {"reasoning_tokens", u.ReasoningTokens},
		{"cache_write_1h_tokens", u.CacheWrite1hTokens}, {"audio_input_tokens", u.AudioInputTokens},
		{"image_input_tokens", u.ImageInputTokens}, {"web_search_requests", u.WebSearchRequests},
	}
	for _, f := range fields {
		if f.v < 0 {
			return &ValidationError{Field: f.name, Rule: ErrNegativeTokens, Detail: fmt.Sprint(f.v)}
		}
	}
	return nil
}

// The service tiers a record and a catalog entry may name. Standard is written
// "" in an Entry; a record's "", "default", "standard" and "auto" all mean it.
const (
	TierStandard = ""
	TierBatch    = "batch"
	TierPriority = "priority"
	TierFlex     = "flex"
)

// ServiceTierOf returns the tier a record's service_tier names: TierStandard for
// "", "default", "standard" and "auto", else the name itself.
func ServiceTierOf(s string) string {
	switch s {
	case "", "default", "standard", "auto":
		return TierStandard
	}
	return s
}

func validServiceTier(s string) bool {
	switch ServiceTierOf(s) {
	case TierStandard, TierBatch, TierPriority, TierFlex:
		return true
	}
	return false
}
