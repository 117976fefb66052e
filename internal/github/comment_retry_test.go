package github

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestUpsertCommentAfterFailedCreate: a create that fails with a 5xx is not lost
// and not duplicated. The registry answers each stub once, in order, and fails the
// test on a request it does not expect and on a stub left unused: every case lists
// exactly the calls UpsertComment must make.
func TestUpsertCommentAfterFailedCreate(t *testing.T) {
	t.Parallel()
	const list = "/repos/octo/repo/issues/7/comments"
	marker := Marker("k1")
	body := marker + "\nreport"
	landed := `[{"id":11,"body":` + jsonString(body) + `,"html_url":"https://gh/c/11"}]`
	tests := []struct {
		name        string
		register    func(reg *registry)
		wantID      int64 // 0: an error
		wantErr     string
		wantCreated bool
		wantSleeps  []time.Duration
	}{
		{
			name: "502 then success: created once more, exactly one comment",
			register: func(reg *registry) {
				reg.on("GET", list, 200, `[]`)
				reg.on("POST", list, 502, `{"message":"Server Error"}`).withCheck(wantBody(body))
				reg.on("GET", list, 200, `[]`)
				reg.on("POST", list, 201, `{"id":12,"html_url":"https://gh/c/12"}`).withCheck(wantBody(body))
			},
			wantID: 12, wantCreated: true, wantSleeps: []time.Duration{time.Second},
		},
		{
			name: "502 that landed: found by its marker, not posted again",
			register: func(reg *registry) {
				reg.on("GET", list, 200, `[]`)
				reg.on("POST", list, 502, `{"message":"Server Error"}`)
				reg.on("GET", list, 200, landed)
			},
			wantID: 11, wantCreated: true, wantSleeps: []time.Duration{time.Second},
		},
		{
			name: "502 every time: bounded, three creates, then the error",
			register: func(reg *registry) {
				reg.on("GET", list, 200, `[]`)
				for i := 0; i < createAttempts; i++ {
					if i > 0 {
						reg.on("GET", list, 200, `[]`)
					}
					reg.on("POST", list, 503, `{"message":"Unavailable"}`)
				}
			},
			wantErr: "503", wantSleeps: []time.Duration{time.Second, 2 * time.Second},
		},
		{
			name: "a refusal (422) is not repeated",
			register: func(reg *registry) {
				reg.on("GET", list, 200, `[]`)
				reg.on("POST", list, 422, `{"message":"Validation Failed"}`)
			},
			wantErr: "422",
		},
		{
			name: "the list fails after a 502: no second create that could duplicate",
			register: func(reg *registry) {
				reg.on("GET", list, 200, `[]`)
				reg.on("POST", list, 502, `{"message":"Server Error"}`)
				for i := 0; i < DefaultRetryPolicy().MaxAttempts; i++ {
					reg.on("GET", list, 500, `{"message":"Server Error"}`)
				}
			},
			wantErr: "502",
			// the pause before looking, then the transport's retries of the list
			wantSleeps: []time.Duration{time.Second, time.Second, 2 * time.Second, 4 * time.Second},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reg := newRegistry(t)
			tt.register(reg)
			sl := &sleeps{}
			c := newTestClient(t, reg, sl)
			c.gh.BaseURL.Path = "/"
			got, created, err := UpsertComment(context.Background(), c, 7, marker, body)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("UpsertComment = %+v, %v; want an error with %s", got, err, tt.wantErr)
				}
				if created {
					t.Error("created = true on error")
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if got == nil || got.ID != tt.wantID || created != tt.wantCreated {
					t.Errorf("UpsertComment = %+v created %v, want id %d created %v", got, created, tt.wantID, tt.wantCreated)
				}
			}
			if !slices.Equal(sl.got, tt.wantSleeps) {
				t.Errorf("waits %v, want %v", sl.got, tt.wantSleeps)
			}
		})
	}
}

// flakyGitHub is an in-memory GitHub whose creates fail (after storing the comment
// when landing) a given number of times.
type flakyGitHub struct {
	GitHub
	comments []Comment
	failures int
	landing  bool
	creates  int
}

var errBadGateway = errors.New("POST comments: 502 Bad Gateway")

func (f *flakyGitHub) FindComment(_ context.Context, _ int, marker string) (*Comment, error) {
	for i := range f.comments {
		if hasMarker(f.comments[i].Body, marker) {
			return &f.comments[i], nil
		}
	}
	return nil, nil
}

func (f *flakyGitHub) CreateComment(_ context.Context, _ int, body string) (*Comment, error) {
	f.creates++
	fail := f.failures > 0
	if fail {
		f.failures--
	}
	if !fail || f.landing {
		f.comments = append(f.comments, Comment{ID: int64(len(f.comments) + 1), Body: body})
	}
	if fail {
		return nil, errBadGateway
	}
	return &f.comments[len(f.comments)-1], nil
}

// TestUpsertCommentNeverDuplicates runs UpsertComment against every mix of failing
// and landing creates: a comment exists afterwards whenever fewer creates failed than
// the bound, and never more than one.
func TestUpsertCommentNeverDuplicates(t *testing.T) {
	t.Parallel()
	marker := Marker("")
	for failures := 0; failures <= createAttempts+1; failures++ {
		for _, landing := range []bool{false, true} {
			f := &flakyGitHub{failures: failures, landing: landing}
			c, created, err := UpsertComment(context.Background(), f, 1, marker, "report")
			wantStored := landing || failures < createAttempts
			if len(f.comments) > 1 {
				t.Errorf("failures=%d landing=%v: %d comments, want at most 1", failures, landing, len(f.comments))
			}
			if wantStored && (err != nil || !created || c == nil || len(f.comments) != 1) {
				t.Errorf("failures=%d landing=%v: %+v created %v err %v, %d comments; want the one comment",
					failures, landing, c, created, err, len(f.comments))
			}
			if !wantStored && (err == nil || len(f.comments) != 0 || f.creates != createAttempts) {
				t.Errorf("failures=%d landing=%v: err %v, %d comments after %d creates; want the error after %d creates",
					failures, landing, err, len(f.comments), f.creates, createAttempts)
			}
		}
	}
}
