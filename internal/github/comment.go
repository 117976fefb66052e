package github

import (
	"context"
	"errors"
	"strings"
)

// Marker returns the hidden HTML comment that identifies the gate's comment for
// key on a pull request. Characters that could end the HTML comment early are
// replaced, so every key yields a well-formed, distinct-enough marker.
func Marker(key string) string {
	key = strings.NewReplacer("-->", "__>", "--", "__", ">", "_", "\n", " ", "\r", " ").Replace(strings.TrimSpace(key))
	if key == "" {
		key = "default"
	}
	return "<!-- cost-ops-bench:gate key=" + key + " -->"
}

// hasMarker reports whether body is the comment marked by marker: it starts with it.
func hasMarker(body, marker string) bool {
	return strings.HasPrefix(strings.TrimLeft(body, " \t\r\n"), marker)
}

// UpsertComment keeps one comment per marker on pull request pr: it edits the
// comment that starts with marker, or creates one. body must start with marker, or
// the next run could not find the comment; UpsertComment prepends it when missing.
// created reports whether a new comment was posted.
func UpsertComment(ctx context.Context, gh GitHub, pr int, marker, body string) (c *Comment, created bool, err error) {
	if !hasMarker(body, marker) {
		body = marker + "\n" + body
	}
	old, err := gh.FindComment(ctx, pr, marker)
	if err != nil {
		return nil, false, err
	}
	if old != nil {
		if old.Body == body {
			return old, false, nil
		}
		c, err := gh.EditComment(ctx, old.ID, body)
		return c, false, err
	}
	c, err = gh.CreateComment(ctx, pr, body)
	if err == nil || errors.Is(err, ErrPermission) || ctx.Err() != nil {
		return c, err == nil, err
	}
	return recreate(ctx, gh, pr, marker, body, err)
}

// recreate follows a create that failed in a way that may hide success (a timeout
// or a 5xx after GitHub stored the comment): it looks for the comment by its marker
// first, and creates it once more only when it is not there, so that a retry never
// posts a duplicate.
func recreate(ctx context.Context, gh GitHub, pr int, marker, body string, createErr error) (*Comment, bool, error) {
	found, err := gh.FindComment(ctx, pr, marker)
	switch {
	case err != nil:
		return nil, false, createErr
	case found != nil:
		return found, true, nil
	}
	c, err := gh.CreateComment(ctx, pr, body)
	return c, err == nil, err
}
