package github

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

const testToken = "ghs_SECRETTOKEN123"

// sleeps records the waits of the retry policy instead of sleeping.
type sleeps struct{ got []time.Duration }

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.got = append(s.got, d)
	return nil
}

func newTestClient(t *testing.T, reg *registry, sl *sleeps) *Client {
	t.Helper()
	p := DefaultRetryPolicy()
	if sl == nil {
		sl = &sleeps{}
	}
	p.Sleep = sl.sleep
	p.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	c, err := NewClient(Options{APIURL: reg.server.URL + "/api/v3", Repository: "octo/repo", Token: testToken, Retry: &p})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantAuth(t *testing.T, r *http.Request, _ []byte) {
	t.Helper()
	if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("Authorization = %q, want the bearer token", got)
	}
}

func wantBody(want string) func(t *testing.T, r *http.Request, body []byte) {
	return func(t *testing.T, r *http.Request, body []byte) {
		t.Helper()
		wantAuth(t, r, body)
		var got struct{ Body string }
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("request body %q: %v", body, err)
		}
		if got.Body != want {
			t.Errorf("comment body = %q, want %q", got.Body, want)
		}
	}
}

func TestFindCommentPaginates(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/issues/12/comments", 200,
		`[{"id":1,"body":"hello"},{"id":2,"body":"> <!-- cost-ops-bench:gate key=default -->\n> quoted by a reviewer"}]`).
		withQuery("per_page", "100").withCheck(wantAuth).
		withHeader("Link", `<{server}/api/v3/repos/octo/repo/issues/12/comments?page=2&per_page=100>; rel="next"`)
	reg.on("GET", "/api/v3/repos/octo/repo/issues/12/comments", 200,
		`[{"id":3,"body":"<!-- cost-ops-bench:gate key=default -->\nreport","html_url":"https://gh/c/3"}]`).
		withQuery("page", "2", "per_page", "100")
	c := newTestClient(t, reg, nil)
	got, err := c.FindComment(context.Background(), 12, Marker(""))
	if err != nil {
		t.Fatal(err)
	}
	if got == nil || got.ID != 3 || got.URL != "https://gh/c/3" {
		t.Fatalf("FindComment = %+v, want comment 3 from page 2 (comment 2 only quotes the marker)", got)
	}
}

func TestUpsertComment(t *testing.T) {
	t.Parallel()
	marker := Marker("k1")
	body := marker + "\nnew report"
	tests := []struct {
		name        string
		existing    string // JSON comment list
		register    func(reg *registry)
		wantCreated bool
		wantID      int64
	}{
		{
			name:     "creates when no comment carries the marker",
			existing: `[{"id":5,"body":"<!-- cost-ops-bench:gate key=k2 -->"}]`,
			register: func(reg *registry) {
				reg.on("POST", "/repos/octo/repo/issues/7/comments", 201, `{"id":9,"html_url":"https://gh/c/9"}`).
					withCheck(wantBody(body))
			},
			wantCreated: true, wantID: 9,
		},
		{
			name:     "edits the comment that carries the marker",
			existing: `[{"id":5,"body":"<!-- cost-ops-bench:gate key=k1 -->\nold"}]`,
			register: func(reg *registry) {
				reg.on("PATCH", "/repos/octo/repo/issues/comments/5", 200, `{"id":5,"html_url":"https://gh/c/5"}`).
					withCheck(wantBody(body))
			},
			wantID: 5,
		},
		{
			name:     "leaves an identical comment alone",
			existing: `[{"id":5,"body":` + jsonString(body) + `}]`,
			register: func(*registry) {},
			wantID:   5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reg := newRegistry(t)
			reg.on("GET", "/repos/octo/repo/issues/7/comments", 200, tt.existing)
			tt.register(reg)
			c := newTestClient(t, reg, nil)
			c.gh.BaseURL.Path = "/"
			got, created, err := UpsertComment(context.Background(), c, 7, marker, body)
			if err != nil {
				t.Fatal(err)
			}
			if created != tt.wantCreated || got.ID != tt.wantID {
				t.Errorf("UpsertComment = id %d created %v, want id %d created %v", got.ID, created, tt.wantID, tt.wantCreated)
			}
		})
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestReadOnlyTokenIsPermissionError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{403, 404} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			reg := newRegistry(t)
			reg.on("POST", "/api/v3/repos/octo/repo/issues/7/comments", status,
				`{"message":"Resource not accessible by integration"}`)
			c := newTestClient(t, reg, nil)
			_, err := c.CreateComment(context.Background(), 7, "body")
			if !errors.Is(err, ErrPermission) {
				t.Fatalf("err = %v, want ErrPermission", err)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Errorf("error text leaks the token: %v", err)
			}
		})
	}
}

func TestScrub(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"token", "auth " + testToken + " failed", "auth *** failed"},
		{"signed url", `GET https://blob.example/a.zip?sig=abc&se=1: 500`, `GET https://blob.example/a.zip?***: 500`},
		{"plain url", "GET https://api/x: 500", "GET https://api/x: 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Scrub(tt.in, testToken); got != tt.want {
				t.Errorf("Scrub(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
