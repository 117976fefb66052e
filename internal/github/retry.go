package github

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds the retries of one request.
type RetryPolicy struct {
	MaxAttempts int           // total attempts, the first included
	BaseDelay   time.Duration // delay before the second attempt; doubles after
	MaxDelay    time.Duration // cap on one computed backoff delay
	MaxWait     time.Duration // a Retry-After longer than this is not waited for
	// AttemptTimeout bounds one attempt, reading the response body included, so
	// that a server that never answers cannot hang the job; 0 means no bound.
	AttemptTimeout time.Duration
	// Sleep waits for d or until ctx is done. Tests inject one that records.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for Retry-After dates and rate-limit resets.
	Now func() time.Time
}

// DefaultRetryPolicy is the policy of NewClient: 4 attempts of at most a minute each,
// 1s, 2s, 4s backoff, and a server-requested wait of up to one minute.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, BaseDelay: time.Second, MaxDelay: 8 * time.Second,
		MaxWait: time.Minute, AttemptTimeout: time.Minute, Sleep: sleepCtx, Now: time.Now}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryTransport is an http.RoundTripper that retries what GitHub asks to retry:
// 429 and secondary rate limits for every method (the request was refused, not
// done), and 5xx and network errors for idempotent methods only, so that a POST
// that may have succeeded is never sent twice blindly: UpsertComment repeats a
// failed create only after looking for the comment by its marker.
type retryTransport struct {
	base   http.RoundTripper
	policy RetryPolicy
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		r, err := rewind(req, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := t.attempt(r)
		if err == nil {
			resp, err = bufferRateLimitBody(resp)
		}
		delay, retry := t.decide(req, resp, err, attempt)
		if !retry || attempt >= t.policy.MaxAttempts {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		if err := t.policy.Sleep(req.Context(), delay); err != nil {
			return nil, err
		}
	}
}

// attempt sends req once, within the policy's AttemptTimeout: the deadline stays
// on the response body until it is closed.
func (t *retryTransport) attempt(req *http.Request) (*http.Response, error) {
	if t.policy.AttemptTimeout <= 0 {
		return t.base.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.policy.AttemptTimeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose ends an attempt's deadline when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// rewind returns req for the first attempt and a copy with a fresh body after.
func rewind(req *http.Request, attempt int) (*http.Request, error) {
	if attempt == 1 || req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	r := req.Clone(req.Context())
	if req.GetBody == nil {
		return nil, errNoRewind
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	r.Body = body
	return r, nil
}

var errNoRewind = &retryError{"request body cannot be replayed"}

type retryError struct{ msg string }

func (e *retryError) Error() string { return e.msg }

// bufferRateLimitBody reads the body of a 403 (at most 64 KiB) so that decide can
// look for a secondary rate limit, and puts it back for the caller.
func bufferRateLimitBody(resp *http.Response) (*http.Response, error) {
	if resp.StatusCode != http.StatusForbidden {
		return resp, nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, nil
}

// decide says whether to retry and after how long.
func (t *retryTransport) decide(req *http.Request, resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if err != nil {
		return t.backoff(attempt), idempotent(req.Method) && req.Context().Err() == nil
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests, isSecondaryRateLimit(resp):
		return t.serverDelay(resp, attempt)
	case resp.StatusCode >= 500 && idempotent(req.Method):
		return t.serverDelay(resp, attempt)
	}
	return 0, false
}

// serverDelay is the wait the server asks for (Retry-After, or the rate-limit
// reset), else the backoff; a wait longer than MaxWait is not worth the job's time.
func (t *retryTransport) serverDelay(resp *http.Response, attempt int) (time.Duration, bool) {
	d, ok := retryAfter(resp.Header, t.policy.Now())
	if !ok {
		return t.backoff(attempt), true
	}
	return d, d <= t.policy.MaxWait
}

func (t *retryTransport) backoff(attempt int) time.Duration {
	d := t.policy.BaseDelay << (attempt - 1)
	if d > t.policy.MaxDelay || d <= 0 {
		d = t.policy.MaxDelay
	}
	return d
}

// retryAfter reads Retry-After (seconds or an HTTP date), then, when the primary
// limit is exhausted, X-RateLimit-Reset (Unix seconds).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return time.Duration(s) * time.Second, true
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(now), 0), true
		}
	}
	if h.Get("X-RateLimit-Remaining") == "0" {
		if s, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			return max(time.Unix(s, 0).Sub(now), 0), true
		}
	}
	return 0, false
}

// isSecondaryRateLimit reports a 403 that is a rate limit rather than a refusal:
// GitHub marks those with Retry-After, an exhausted X-RateLimit-Remaining, or a
// message naming the secondary rate limit.
func isSecondaryRateLimit(resp *http.Response) bool {
	if resp.StatusCode != http.StatusForbidden {
		return false
	}
	if resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0" {
		return true
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return strings.Contains(strings.ToLower(string(data)), "rate limit")
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}
