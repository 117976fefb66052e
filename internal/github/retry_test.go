package github

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRetries(t *testing.T) {
	t.Parallel()
	const path = "/api/v3/repos/octo/repo/issues/comments/5"
	const ok = `{"id":5}`
	type answer struct {
		status int
		header map[string]string
		body   string
	}
	fail := func(status int, kv ...string) answer {
		h := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			h[kv[i]] = kv[i+1]
		}
		return answer{status, h, `{"message":"x"}`}
	}
	tests := []struct {
		name       string
		method     string
		answers    []answer
		wantErr    bool
		wantSleeps []time.Duration
	}{
		{"5xx then success", "PATCH", []answer{fail(502), fail(503), {200, nil, ok}}, false,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"429 honours Retry-After seconds", "PATCH", []answer{fail(429, "Retry-After", "7"), {200, nil, ok}}, false,
			[]time.Duration{7 * time.Second}},
		{"429 honours Retry-After date", "PATCH", []answer{fail(429, "Retry-After", "Fri, 02 Jan 2026 03:04:35 GMT"), {200, nil, ok}}, false,
			[]time.Duration{30 * time.Second}},
		{"secondary rate limit by message", "POST", []answer{
			{403, nil, `{"message":"You have exceeded a secondary rate limit."}`}, {200, nil, ok}}, false,
			[]time.Duration{time.Second}},
		{"primary limit waits for the reset", "PATCH", []answer{
			fail(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1767323065"), {200, nil, ok}}, false,
			[]time.Duration{20 * time.Second}},
		{"attempts are bounded", "PATCH", []answer{fail(500), fail(500), fail(500), fail(500)}, true,
			[]time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{"a POST is not repeated on 5xx", "POST", []answer{fail(500)}, true, nil},
		{"a refusal is not retried", "PATCH", []answer{fail(403)}, true, nil},
		{"a wait past MaxWait is not taken", "PATCH", []answer{fail(429, "Retry-After", "3600")}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reg := newRegistry(t)
			reqPath, call := path, func(c *Client) error { _, err := c.EditComment(context.Background(), 5, "b"); return err }
			if tt.method == "POST" {
				reqPath = "/api/v3/repos/octo/repo/issues/7/comments"
				call = func(c *Client) error { _, err := c.CreateComment(context.Background(), 7, "b"); return err }
			}
			for _, a := range tt.answers {
				s := reg.on(tt.method, reqPath, a.status, a.body).withCheck(wantBody("b"))
				for k, v := range a.header {
					s.withHeader(k, v)
				}
			}
			sl := &sleeps{}
			err := call(newTestClient(t, reg, sl))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if !equalDurations(sl.got, tt.wantSleeps) {
				t.Errorf("sleeps = %v, want %v", sl.got, tt.wantSleeps)
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRetryStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/issues/1/comments", 503, `{}`)
	c := newTestClient(t, reg, nil)
	ctx, cancel := context.WithCancel(context.Background())
	rt := c.blob.Transport.(*retryTransport)
	rt.policy.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	_, err := c.FindComment(ctx, 1, "m")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error leaks the token: %v", err)
	}
}

// flakyTransport fails the first n round trips with a network error.
type flakyTransport struct {
	n, calls int
}

func (f *flakyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.calls++
	if f.calls <= f.n {
		return nil, errors.New("connection reset by peer")
	}
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}, Request: req}, nil
}

func TestRetryNetworkErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method    string
		wantCalls int
		wantErr   bool
	}{
		{http.MethodGet, 3, false},   // idempotent: retried until it works
		{http.MethodPost, 1, true},   // may have been done: never sent twice
		{http.MethodPatch, 3, false}, // an edit to the same body is idempotent
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			t.Parallel()
			ft := &flakyTransport{n: 2}
			sl := &sleeps{}
			p := DefaultRetryPolicy()
			p.Sleep = sl.sleep
			rt := &retryTransport{base: ft, policy: p}
			req, _ := http.NewRequest(tt.method, "http://api.test/x", strings.NewReader(`{"body":"b"}`))
			resp, err := rt.RoundTrip(req)
			if (err != nil) != tt.wantErr || ft.calls != tt.wantCalls {
				t.Fatalf("err %v after %d calls; want error %v after %d", err, ft.calls, tt.wantErr, tt.wantCalls)
			}
			if resp != nil {
				resp.Body.Close()
			}
		})
	}
}
