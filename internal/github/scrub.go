package github

import (
	"regexp"
	"strings"
)

// scrubbedError carries a message with secrets removed and the original error for
// errors.Is and errors.As. Its text is the only one a caller should print.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// urlQuery matches the query of a URL: signed download URLs carry their signature
// there, and go-github echoes request URLs in its errors.
var urlQuery = regexp.MustCompile(`(https?://[^\s?"']+)\?[^\s"']*`)

// scrub removes the token and every URL query from err's text.
func (c *Client) scrub(err error) error {
	if err == nil {
		return nil
	}
	return &scrubbedError{msg: Scrub(err.Error(), c.token), err: err}
}

// Scrub returns s with each secret replaced by *** and the query of every URL
// replaced by ?***.
func Scrub(s string, secrets ...string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return urlQuery.ReplaceAllStringFunc(s, func(u string) string {
		base, _, _ := strings.Cut(u, "?")
		if strings.HasSuffix(u, ":") { // go-github writes "GET url: status"
			return base + "?***:"
		}
		return base + "?***"
	})
}
