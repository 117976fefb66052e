package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests put the GitHub layer in front of failing servers and assert what the
// gate's user gets: an error that says what failed and never holds the token, no
// wait past the policy, no hang, and never a duplicate comment.

// noToken fails t when err's text holds the test token.
func noToken(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), testToken) {
		t.Errorf("error leaks the token: %v", err)
	}
}

func TestFaultBadTokenIsNotRetriedAndSaysSo(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/issues/7/comments", 401, `{"message":"Bad credentials"}`)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/artifacts", 401, `{"message":"Bad credentials"}`)
	sl := &sleeps{}
	c := newTestClient(t, reg, sl)
	_, err := c.FindComment(context.Background(), 7, "m")
	if err == nil || !strings.Contains(err.Error(), "401 Bad credentials") || !strings.Contains(err.Error(), "pull request #7") {
		t.Errorf("FindComment err = %v, want the 401 and the pull request", err)
	}
	noToken(t, err)
	_, err = c.ListArtifacts(context.Background(), "bench")
	if err == nil || !strings.Contains(err.Error(), "401 Bad credentials") || !strings.Contains(err.Error(), `"bench"`) {
		t.Errorf("ListArtifacts err = %v, want the 401 and the artifact name", err)
	}
	noToken(t, err)
	if errors.Is(err, ErrPermission) || len(sl.got) != 0 {
		t.Errorf("a bad token: permission %v, waits %v; want neither (each stub answers once: no retry)", errors.Is(err, ErrPermission), sl.got)
	}
}

func TestFaultPrimaryRateLimitExhaustedFailsWithoutWaiting(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	// The reset is an hour away (the test clock is 2026-01-02T03:04:05Z): past MaxWait.
	reg.on("GET", "/api/v3/repos/octo/repo/issues/7/comments", 403, `{"message":"API rate limit exceeded for installation ID 1."}`).
		withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1767326645")
	sl := &sleeps{}
	_, err := newTestClient(t, reg, sl).FindComment(context.Background(), 7, "m")
	if err == nil || !strings.Contains(err.Error(), "rate limit") {
		t.Fatalf("err = %v, want a rate-limit error", err)
	}
	noToken(t, err)
	if len(sl.got) != 0 || errors.Is(err, ErrPermission) {
		t.Errorf("waits %v, permission %v: an exhausted limit is reported at once, and is not a permission problem", sl.got, errors.Is(err, ErrPermission))
	}
}

func TestFaultSecondaryRateLimitHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	const path = "/api/v3/repos/octo/repo/issues/7/comments"
	reg.on("POST", path, 403, `{"message":"You have exceeded a secondary rate limit"}`).withHeader("Retry-After", "3")
	reg.on("POST", path, 429, `{"message":"slow down"}`).withHeader("Retry-After", "5")
	reg.on("POST", path, 201, `{"id":9,"body":"b","html_url":"https://x/9"}`).withCheck(wantBody("b"))
	sl := &sleeps{}
	c, err := newTestClient(t, reg, sl).CreateComment(context.Background(), 7, "b")
	if err != nil || c.ID != 9 {
		t.Fatalf("CreateComment = %+v, %v; want comment 9 after the waits", c, err)
	}
	if !equalDurations(sl.got, []time.Duration{3 * time.Second, 5 * time.Second}) {
		t.Errorf("waits = %v, want the servers' Retry-After [3s 5s]", sl.got)
	}
}

func TestFaultNotFound(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/issues/404/comments", 404, `{"message":"Not Found"}`)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/artifacts/77/zip", 404, `{"message":"Not Found"}`)
	c := newTestClient(t, reg, nil)
	_, err := c.FindComment(context.Background(), 404, "m")
	if err == nil || !strings.Contains(err.Error(), "pull request #404") || !strings.Contains(err.Error(), "404 Not Found") {
		t.Errorf("missing pull request: err = %v, want it named with the 404", err)
	}
	noToken(t, err)
	_, err = c.DownloadArtifact(context.Background(), 77, 1<<20)
	if err == nil || !strings.Contains(err.Error(), "artifact 77") || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing artifact: err = %v, want the artifact named with the 404", err)
	}
	noToken(t, err)
}

// countingTransport counts the requests a client sends.
type countingTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	n    int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.base.RoundTrip(r)
}

func (c *countingTransport) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// hangingServer accepts requests and never answers until the test ends.
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(stop); srv.Close() })
	return srv
}

func TestFaultHangingServerIsBounded(t *testing.T) {
	t.Parallel()
	srv := hangingServer(t)
	p := DefaultRetryPolicy()
	p.AttemptTimeout, p.Sleep = 50*time.Millisecond, (&sleeps{}).sleep
	// Attempts are counted as the client sends them: on a loaded machine an attempt
	// can time out before the server's handler has seen it.
	sent := &countingTransport{base: http.DefaultTransport}
	calls := sent.count
	c, err := NewClient(Options{APIURL: srv.URL, Repository: "octo/repo", Token: testToken, Retry: &p, HTTPClient: &http.Client{Transport: sent}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := c.FindComment(context.Background(), 7, "m"); done <- err }()
	select {
	case err = <-done:
	case <-time.After(time.Minute): // a hang, not a timing threshold
		t.Fatal("FindComment against a server that never answers did not return")
	}
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "pull request #7") {
		t.Errorf("err = %v, want a deadline error naming the call", err)
	}
	noToken(t, err)
	if n := calls(); n != p.MaxAttempts {
		t.Errorf("%d attempts, want %d (a read is retried after a timeout)", n, p.MaxAttempts)
	}
	if DefaultRetryPolicy().AttemptTimeout <= 0 {
		t.Error("the default policy has no attempt timeout: a hanging server would hang the job")
	}
}

// landingServer is a comment API whose create stores the comment and then fails
// (502, or no answer past the attempt timeout): the create landed, the client
// cannot know.
type landingServer struct {
	mu       sync.Mutex
	comments []map[string]any
	creates  int
	hang     bool
}

func (s *landingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	switch r.Method {
	case http.MethodGet:
		data, _ := json.Marshal(s.comments)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(data)
		return
	case http.MethodPost:
		var in struct{ Body string }
		json.NewDecoder(r.Body).Decode(&in)
		s.creates++
		id := len(s.comments) + 1
		s.comments = append(s.comments, map[string]any{"id": id, "body": in.Body, "html_url": fmt.Sprintf("https://x/c/%d", id)})
		hang := s.hang
		s.mu.Unlock()
		if hang {
			<-r.Context().Done()
			return
		}
		http.Error(w, `{"message":"Server Error"}`, http.StatusBadGateway)
		return
	}
	s.mu.Unlock()
	http.Error(w, "unexpected", http.StatusNotImplemented)
}

func TestFaultCreateThatLandedIsNotDuplicated(t *testing.T) {
	t.Parallel()
	for _, hang := range []bool{false, true} {
		t.Run(fmt.Sprintf("hang=%v", hang), func(t *testing.T) {
			t.Parallel()
			fake := &landingServer{hang: hang}
			srv := httptest.NewServer(fake)
			defer srv.Close()
			p := DefaultRetryPolicy()
			p.AttemptTimeout, p.Sleep = 100*time.Millisecond, (&sleeps{}).sleep
			c, err := NewClient(Options{APIURL: srv.URL, Repository: "octo/repo", Token: testToken, Retry: &p})
			if err != nil {
				t.Fatal(err)
			}
			marker := Marker("k")
			got, created, err := UpsertComment(context.Background(), c, 7, marker, "report v1")
			if err != nil || !created || got == nil || got.URL != "https://x/c/1" {
				t.Errorf("first run: %+v, created %v, %v; want the comment that landed, with its URL", got, created, err)
			}
			// The next run finds it and edits it; it must not create another.
			fake.mu.Lock()
			fake.hang = false
			fake.mu.Unlock()
			UpsertComment(context.Background(), c, 7, marker, "report v2")
			fake.mu.Lock()
			defer fake.mu.Unlock()
			if fake.creates != 1 || len(fake.comments) != 1 {
				t.Errorf("%d creates, %d comments on the pull request; want exactly 1", fake.creates, len(fake.comments))
			}
		})
	}
}
