package github

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// registry is a fake GitHub API: requests must match a registered stub (method,
// path and, when given, query), each stub answers once, and a stub left unused at
// the end of the test fails it, as cli/cli's httpmock Verify does.
type registry struct {
	t      *testing.T
	mu     sync.Mutex
	stubs  []*stub
	server *httptest.Server
}

type stub struct {
	method, path string
	query        url.Values // every key given must match; nil matches any query
	check        func(t *testing.T, r *http.Request, body []byte)
	status       int
	header       map[string]string
	body         string
	chunked      bool // send without Content-Length
	used         bool
}

func newRegistry(t *testing.T) *registry {
	t.Helper()
	r := &registry{t: t}
	r.server = httptest.NewServer(r)
	t.Cleanup(func() {
		r.server.Close()
		r.verify()
	})
	return r
}

// on registers a stub answering status and body to method path.
func (r *registry) on(method, path string, status int, body string) *stub {
	s := &stub{method: method, path: path, status: status, body: body, header: map[string]string{}}
	r.mu.Lock()
	r.stubs = append(r.stubs, s)
	r.mu.Unlock()
	return s
}

func (s *stub) withQuery(kv ...string) *stub {
	s.query = url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		s.query.Set(kv[i], kv[i+1])
	}
	return s
}

func (s *stub) withHeader(k, v string) *stub { s.header[k] = v; return s }

func (s *stub) withCheck(f func(t *testing.T, r *http.Request, body []byte)) *stub {
	s.check = f
	return s
}

func (r *registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	var match *stub
	for _, s := range r.stubs {
		if !s.used && s.method == req.Method && s.path == req.URL.Path && queryMatches(s.query, req.URL.Query()) {
			match = s
			match.used = true
			break
		}
	}
	r.mu.Unlock()
	if match == nil {
		r.t.Errorf("unexpected request %s %s", req.Method, req.URL)
		http.Error(w, "no stub", http.StatusNotImplemented)
		return
	}
	if match.check != nil {
		match.check(r.t, req, body)
	}
	for k, v := range match.header {
		w.Header().Set(k, strings.ReplaceAll(v, "{server}", r.server.URL))
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(match.status)
	if match.chunked {
		w.(http.Flusher).Flush()
	}
	io.WriteString(w, match.body)
}

func queryMatches(want, got url.Values) bool {
	for k := range want {
		if got.Get(k) != want.Get(k) {
			return false
		}
	}
	return true
}

func (r *registry) verify() {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.stubs {
		if !s.used {
			r.t.Errorf("stub %s %s %v was never called", s.method, s.path, s.query)
		}
	}
}
