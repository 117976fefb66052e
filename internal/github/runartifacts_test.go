package github

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestListRunArtifactsReadsEveryPage(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs/77/artifacts", 200, `{"total_count":3,"artifacts":[
 {"id":3,"name":"bench-part-3","size_in_bytes":900,"created_at":"2026-12-02T08:00:03Z","workflow_run":{"id":77,"head_branch":"feature","head_sha":"c0ffee"}},
 {"id":1,"name":"bench-part-1","created_at":"2026-12-02T08:00:01Z","workflow_run":{"id":77}}]}`).
		withQuery("per_page", "100").withCheck(wantAuth).
		withHeader("Link", `<{server}/api/v3/repos/octo/repo/actions/runs/77/artifacts?per_page=100&page=2>; rel="next"`)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs/77/artifacts", 200, `{"total_count":3,"artifacts":[
 {"id":2,"name":"bench-part-2","expired":true,"workflow_run":{"id":77}}]}`).
		withQuery("per_page", "100", "page", "2").withCheck(wantAuth)
	got, err := newTestClient(t, reg, nil).ListRunArtifacts(context.Background(), 77)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []int64{3, 1, 2}) {
		t.Fatalf("artifacts %v, want 3, 1, 2 as listed", ids)
	}
	if a := got[0]; a.Name != "bench-part-3" || a.SizeBytes != 900 || a.RunID != 77 || a.HeadSHA != "c0ffee" || got[1].Expired || !got[2].Expired {
		t.Errorf("artifacts decoded as %+v", got)
	}
}

func TestListRunArtifactsError(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs/77/artifacts", 404, `{"message":"Not Found"}`)
	_, err := newTestClient(t, reg, nil).ListRunArtifacts(context.Background(), 77)
	if err == nil || !strings.Contains(err.Error(), "listing the artifacts of workflow run 77") || strings.Contains(err.Error(), testToken) {
		t.Errorf("err = %v", err)
	}
}

func TestFindRunArtifacts(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs/77/artifacts", 200, `{"artifacts":[
 {"id":3,"name":"bench-part-3"},
 {"id":9,"name":"coverage"},
 {"id":1,"name":"bench-part-1"},
 {"id":2,"name":"bench-part-2","expired":true},
 {"id":4,"name":"xbench-part-4"}]}`)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs/77/artifacts", 200, `{"artifacts":[{"id":9,"name":"coverage"}]}`)
	c := newTestClient(t, reg, nil)
	got, err := FindRunArtifacts(context.Background(), c, 77, "bench-part-")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range got {
		names = append(names, a.Name)
	}
	// Sorted by name; the expired one, another prefix and a name merely containing it are left out.
	if want := []string{"bench-part-1", "bench-part-3"}; !slices.Equal(names, want) {
		t.Errorf("found %q, want %q", names, want)
	}
	if _, err := FindRunArtifacts(context.Background(), c, 77, "bench-part-"); !errors.Is(err, ErrNoArtifact) || !strings.Contains(err.Error(), "workflow run 77 named bench-part-*") {
		t.Errorf("with none: err = %v, want ErrNoArtifact naming the run and prefix", err)
	}
}
