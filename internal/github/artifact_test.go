package github

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

const runsJSON = `{"total_count":4,"workflow_runs":[
 {"id":40,"head_branch":"main","head_sha":"f00","event":"pull_request","created_at":"2026-01-04T00:00:00Z","repository":{"id":1},"head_repository":{"id":99}},
 {"id":30,"head_branch":"main","head_sha":"c0ffee","event":"push","created_at":"2026-01-03T00:00:00Z","html_url":"https://gh/runs/30","repository":{"id":1},"head_repository":{"id":1}},
 {"id":20,"head_branch":"main","head_sha":"bee","event":"push","created_at":"2026-01-02T00:00:00Z","repository":{"id":1},"head_repository":{"id":1}}]}`

const artifactsJSON = `{"total_count":5,"artifacts":[
 {"id":400,"name":"bench","expired":false,"created_at":"2026-01-04T00:01:00Z","workflow_run":{"id":40,"head_branch":"main"}},
 {"id":301,"name":"bench","expired":true,"created_at":"2026-01-03T00:02:00Z","workflow_run":{"id":30,"head_branch":"main"}},
 {"id":300,"name":"bench","expired":false,"created_at":"2026-01-03T00:01:00Z","workflow_run":{"id":30,"head_branch":"main","head_sha":"c0ffee"}},
 {"id":500,"name":"bench","expired":false,"created_at":"2026-01-05T00:01:00Z","workflow_run":{"id":50,"head_branch":"feature"}},
 {"id":200,"name":"bench","expired":false,"created_at":"2026-01-02T00:01:00Z","workflow_run":{"id":20,"head_branch":"main"}}]}`

func TestFindBaselineArtifact(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs", 200, runsJSON).
		withQuery("branch", "main", "status", "success", "per_page", "100").withCheck(wantAuth)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/artifacts", 200, artifactsJSON).
		withQuery("name", "bench", "per_page", "100")
	c := newTestClient(t, reg, nil)
	a, run, err := FindBaselineArtifact(context.Background(), c, "bench", "main")
	if err != nil {
		t.Fatal(err)
	}
	// 400 is a fork's run, 301 expired, 500 another branch: 300 is the newest usable.
	if a.ID != 300 || a.HeadSHA != "c0ffee" || run.ID != 30 || run.URL != "https://gh/runs/30" {
		t.Errorf("got artifact %+v from run %+v, want artifact 300 from run 30", a, run)
	}
}

func TestFindBaselineArtifactNone(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/runs", 200, `{"workflow_runs":[]}`)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/artifacts", 200, artifactsJSON)
	_, _, err := FindBaselineArtifact(context.Background(), newTestClient(t, reg, nil), "bench", "main")
	if !errors.Is(err, ErrNoArtifact) {
		t.Fatalf("err = %v, want ErrNoArtifact", err)
	}
}

func TestDownloadArtifact(t *testing.T) {
	t.Parallel()
	zipData := makeZip(t, map[string]string{"latest.json": "{}"})
	noAuth := func(t *testing.T, r *http.Request, _ []byte) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("the token was sent to the download URL")
		}
	}
	tests := []struct {
		name     string
		max      int64
		chunked  bool
		wantErr  error
		wantData bool
	}{
		{name: "within the cap", max: 1 << 20, wantData: true},
		{name: "declared size over the cap", max: 10, wantErr: ErrTooLarge},
		{name: "streamed size over the cap", max: 10, chunked: true, wantErr: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reg := newRegistry(t)
			reg.on("GET", "/api/v3/repos/octo/repo/actions/artifacts/300/zip", 302, "").
				withHeader("Location", "{server}/blob/300.zip?sig=SIGNED")
			blob := reg.on("GET", "/blob/300.zip", 200, string(zipData)).withQuery("sig", "SIGNED").withCheck(noAuth).
				withHeader("Content-Type", "application/zip")
			blob.chunked = tt.chunked
			got, err := newTestClient(t, reg, nil).DownloadArtifact(context.Background(), 300, tt.max)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantData && !bytes.Equal(got, zipData) {
				t.Errorf("downloaded %d bytes, want the %d of the archive", len(got), len(zipData))
			}
		})
	}
}

func TestDownloadArtifactScrubsSignedURL(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/actions/artifacts/300/zip", 302, "").
		withHeader("Location", "{server}/blob/300.zip?sig=SIGNED")
	reg.on("GET", "/blob/300.zip", 404, "gone")
	_, err := newTestClient(t, reg, nil).DownloadArtifact(context.Background(), 300, 1<<20)
	if err == nil || strings.Contains(err.Error(), "SIGNED") {
		t.Fatalf("err = %v, want an error without the signature", err)
	}
}

func makeZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExtractResult(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("0", 4096)
	tests := []struct {
		name     string
		files    map[string]string
		wantName string
		wantErr  string
	}{
		{name: "one json", files: map[string]string{"out/latest.json": "{}", "out/summary.md": "# s", "out/": ""}, wantName: "out/latest.json"},
		{name: "no json", files: map[string]string{"summary.md": "x"}, wantErr: "no JSON file"},
		{name: "two json", files: map[string]string{"a.json": "{}", "b.json": "{}"}, wantErr: "several JSON files"},
		{name: "parent escape", files: map[string]string{"../evil.json": "{}"}, wantErr: "path escapes"},
		{name: "absolute", files: map[string]string{"/etc/evil.json": "{}"}, wantErr: "path escapes"},
		{name: "backslash", files: map[string]string{`..\evil.json`: "{}"}, wantErr: "path escapes"},
		{name: "inflates past the cap", files: map[string]string{"latest.json": big}, wantErr: "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			name, content, err := ExtractResult(makeZip(t, tt.files), Limits{MaxZipBytes: 1 << 20, MaxJSONBytes: 1024})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName || string(content) != tt.files[tt.wantName] {
				t.Errorf("got %s %q, want %s", name, content, tt.wantName)
			}
		})
	}
}

func TestExtractResultLyingHeader(t *testing.T) {
	t.Parallel()
	// A member whose header claims 10 bytes but inflates to 1 MiB: the cap must
	// hold on the bytes inflated, not on the header's word.
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "latest.json", Method: zip.Deflate,
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: 10, CRC32: 0})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	_, content, err := ExtractResult(buf.Bytes(), Limits{MaxZipBytes: 1 << 20, MaxJSONBytes: 1024})
	if err == nil || len(content) > 1024 {
		t.Fatalf("extracted %d bytes, err %v: want an error and nothing over the cap", len(content), err)
	}
}
