package github

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"
)

// Limits cap what an artifact may weigh. A suite result is a few hundred KiB.
type Limits struct {
	MaxZipBytes  int64 // the downloaded archive
	MaxJSONBytes int64 // the result file, uncompressed
}

// DefaultLimits are 32 MiB compressed and 64 MiB uncompressed.
var DefaultLimits = Limits{MaxZipBytes: 32 << 20, MaxJSONBytes: 64 << 20}

// FindBaselineArtifact returns the newest unexpired artifact called name uploaded by
// a successful run on branch of the repository itself (never by a fork's run,
// whose branch may carry the same name). It returns ErrNoArtifact, wrapped, when
// there is none, and the run that uploaded it.
func FindBaselineArtifact(ctx context.Context, gh GitHub, name, branch string) (*Artifact, *Run, error) {
	runs, err := gh.ListRuns(ctx, branch)
	if err != nil {
		return nil, nil, err
	}
	ok := make(map[int64]Run, len(runs))
	for _, r := range runs {
		if !r.FromFork && r.HeadBranch == branch {
			ok[r.ID] = r
		}
	}
	arts, err := gh.ListArtifacts(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].CreatedAt.After(arts[j].CreatedAt) })
	for _, a := range arts {
		if a.Name != name || a.Expired {
			continue
		}
		if r, found := ok[a.RunID]; found {
			return &a, &r, nil
		}
	}
	return nil, nil, fmt.Errorf("artifact %q from a successful run on branch %q: %w", name, branch, ErrNoArtifact)
}

// ExtractResult returns the name and content of the one .json file in the zip
// archive data. It refuses archives with no or several JSON files, members whose
// names would escape the extraction directory, and members over lim.MaxJSONBytes
// (checked on the bytes actually inflated, not only on the header's claim).
func ExtractResult(data []byte, lim Limits) (name string, content []byte, err error) {
	return extractOne(data, lim, "JSON", "result", ".json")
}

// ExtractUsageLog is ExtractResult for a usage log (compare's cost gate): the one
// .json or .jsonl file of the archive.
func ExtractUsageLog(data []byte, lim Limits) (name string, content []byte, err error) {
	return extractOne(data, lim, "JSON or JSON Lines", "usage log", ".json", ".jsonl")
}

// extractOne returns the one member of the archive whose extension is one of exts:
// a file of kind, which holds a what.
func extractOne(data []byte, lim Limits, kind, what string, exts ...string) (name string, content []byte, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", nil, fmt.Errorf("artifact archive: %w", err)
	}
	var found *zip.File
	for _, f := range zr.File {
		if err := checkMemberName(f.Name); err != nil {
			return "", nil, err
		}
		if f.FileInfo().IsDir() || !slices.ContainsFunc(exts, func(e string) bool { return strings.EqualFold(path.Ext(f.Name), e) }) {
			continue
		}
		if found != nil {
			return "", nil, fmt.Errorf("artifact archive: several %s files (%s, %s): want exactly one %s", kind, found.Name, f.Name, what)
		}
		found = f
	}
	if found == nil {
		return "", nil, fmt.Errorf("artifact archive: no %s file: want exactly one %s", kind, what)
	}
	content, err = readMember(found, lim.MaxJSONBytes)
	return found.Name, content, err
}

// checkMemberName refuses absolute names, drive letters, backslashes and "..": a
// member that could land outside the directory it is extracted to.
func checkMemberName(name string) error {
	bad := name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || strings.Contains(name, ":")
	for _, part := range strings.Split(name, "/") {
		bad = bad || part == ".."
	}
	if bad {
		return fmt.Errorf("artifact archive: member %q: path escapes the archive", name)
	}
	return nil
}

func readMember(f *zip.File, maxBytes int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(maxBytes) {
		return nil, fmt.Errorf("artifact archive: %s: %d bytes: %w (cap %d)", f.Name, f.UncompressedSize64, ErrTooLarge, maxBytes)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("artifact archive: %s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("artifact archive: %s: %w", f.Name, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("artifact archive: %s: %w (cap %d bytes)", f.Name, ErrTooLarge, maxBytes)
	}
	return data, nil
}
