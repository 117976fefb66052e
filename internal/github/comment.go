package github

import (
	"context"
	"errors"
	"strings"

	gogithub "github.com/google/go-github/v62/github"
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
// created reports whether a new comment was posted. A create that fails in a way
// that may be transient is repeated, a bounded number of times, only after the
// comment was looked for and not found (createUnique).
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
	return createUnique(ctx, gh, pr, marker, body)
}

// createAttempts bounds the creates of one UpsertComment: the first, and two more
// after a failure that may be transient.
const createAttempts = 3

// createUnique posts the comment so that the pull request ends up with exactly
// one: after a failure that may hide success or pass (a 5xx, a timeout, a dropped
// connection: POST is not retried by the transport, since it may have landed) it
// looks for the comment by its marker and creates it again only when it is absent,
// at most createAttempts times in all and after a backoff: a transient 502 neither
// loses the comment nor duplicates it.
func createUnique(ctx context.Context, gh GitHub, pr int, marker, body string) (*Comment, bool, error) {
	c, err := gh.CreateComment(ctx, pr, body)
	for attempt := 1; err != nil && attempt < createAttempts && mayHaveLanded(ctx, err); attempt++ {
		if werr := pause(ctx, gh, attempt); werr != nil {
			return nil, false, err
		}
		found, ferr := gh.FindComment(ctx, pr, marker)
		switch {
		case ferr != nil:
			return nil, false, err // cannot tell whether it landed: creating again could duplicate it
		case found != nil:
			return found, true, nil
		}
		c, err = gh.CreateComment(ctx, pr, body)
	}
	return c, err == nil, err
}

// mayHaveLanded reports whether a failed create is worth looking for and retrying:
// not a refusal (a 4xx, or the token's lack of permission) and not the job's
// cancellation.
func mayHaveLanded(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrPermission) {
		return false
	}
	var er *gogithub.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode >= 500
	}
	var rl *gogithub.RateLimitError
	var al *gogithub.AbuseRateLimitError
	return !errors.As(err, &rl) && !errors.As(err, &al)
}

// pacer is implemented by a GitHub whose retries wait between attempts (Client,
// with its RetryPolicy); in-memory fakes have no reason to wait.
type pacer interface {
	pause(ctx context.Context, attempt int) error
}

func pause(ctx context.Context, gh GitHub, attempt int) error {
	if p, ok := gh.(pacer); ok {
		return p.pause(ctx, attempt)
	}
	return nil
}
