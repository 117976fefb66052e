package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeGitHub serves the part of the REST API the gate uses for comments, for one
// repository and pull request, and records every request.
type fakeGitHub struct {
	t        *testing.T
	srv      *httptest.Server
	repo     string
	pr       int
	token    string
	mu       sync.Mutex
	comments []fakeComment
	nextID   int64
	requests []string // "METHOD path"
	readOnly bool     // answer writes as GitHub does for a fork's read-only token
}

type fakeComment struct {
	ID      int64  `json:"id"`
	Body    string `json:"body"`
	HTMLURL string `json:"html_url"`
}

func newFakeGitHub(t *testing.T, repo string, pr int, token string) *fakeGitHub {
	f := &fakeGitHub{t: t, repo: repo, pr: pr, token: token, nextID: 1000}
	f.srv = httptest.NewServer(f)
	t.Cleanup(f.srv.Close)
	return f
}

// APIURL is the value for GITHUB_API_URL.
func (f *fakeGitHub) APIURL() string { return f.srv.URL + "/api" }

// seed adds n comments by other people, to make the gate read several pages.
func (f *fakeGitHub) seed(n int) {
	for i := 0; i < n; i++ {
		f.add(fmt.Sprintf("looks good %d", i))
	}
}

func (f *fakeGitHub) add(body string) fakeComment {
	f.nextID++
	c := fakeComment{ID: f.nextID, Body: body, HTMLURL: fmt.Sprintf("%s/%s/pull/%d#issuecomment-%d", f.srv.URL, f.repo, f.pr, f.nextID)}
	f.comments = append(f.comments, c)
	return c
}

func (f *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	if f.readOnly && r.Method != http.MethodGet {
		http.Error(w, `{"message":"Resource not accessible by integration"}`, http.StatusForbidden)
		return
	}
	list := fmt.Sprintf("/api/repos/%s/issues/%d/comments", f.repo, f.pr)
	edit := fmt.Sprintf("/api/repos/%s/issues/comments/", f.repo)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == list:
		f.list(w, r)
	case r.Method == http.MethodPost && r.URL.Path == list:
		body := decodeBody(f.t, r)
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(f.add(body))
	case r.Method == http.MethodPatch && strings.HasPrefix(r.URL.Path, edit):
		id, _ := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, edit), 10, 64)
		for i := range f.comments {
			if f.comments[i].ID == id {
				f.comments[i].Body = decodeBody(f.t, r)
				json.NewEncoder(w).Encode(f.comments[i])
				return
			}
		}
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
	default:
		f.t.Errorf("fake GitHub: unexpected request %s %s", r.Method, r.URL)
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
	}
}

// list serves one page of comments with a Link header to the next, as GitHub does.
func (f *fakeGitHub) list(w http.ResponseWriter, r *http.Request) {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 || per > 100 {
		per = 30
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	lo, hi := min((page-1)*per, len(f.comments)), min(page*per, len(f.comments))
	if hi < len(f.comments) {
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?per_page=%d&page=%d>; rel="next"`, f.srv.URL, r.URL.Path, per, page+1))
	}
	json.NewEncoder(w).Encode(f.comments[lo:hi])
}

func decodeBody(t *testing.T, r *http.Request) string {
	data, _ := io.ReadAll(r.Body)
	var c struct{ Body string }
	if err := json.Unmarshal(data, &c); err != nil {
		t.Errorf("fake GitHub: %s %s: body %q: %v", r.Method, r.URL.Path, data, err)
	}
	return c.Body
}

// gateComments returns the comments that carry the gate's marker.
func (f *fakeGitHub) gateComments() []fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeComment
	for _, c := range f.comments {
		if strings.Contains(c.Body, "<!-- cost-ops-bench:gate") {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeGitHub) setReadOnly(ro bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.readOnly = ro
}

func (f *fakeGitHub) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}
