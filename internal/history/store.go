package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
)

// RunsDir is the directory of a store that holds its run files.
const RunsDir = "runs"

// Default retention.
const (
	DefaultKeepFull = 50
	DefaultKeepMax  = 1000
)

// Retention is how much of its history a store keeps.
type Retention struct {
	// Full is how many of the newest runs keep their full result document; older
	// runs keep their points only. 0 means DefaultKeepFull.
	Full int
	// Max is how many of the newest runs the store keeps at all. 0 means
	// DefaultKeepMax.
	Max int
}

func (r Retention) withDefaults() (Retention, error) {
	if r.Full == 0 {
		r.Full = DefaultKeepFull
	}
	if r.Max == 0 {
		r.Max = DefaultKeepMax
	}
	if r.Full < 0 || r.Max < 1 {
		return r, fmt.Errorf("retention: keep-full %d, keep %d: want keep-full >= 0 and keep >= 1", r.Full, r.Max)
	}
	return r, nil
}

// Stored is a run read from a store with the file that holds it.
type Stored struct {
	Path string // the file's path
	Run
}

// Append writes run into the store at dir (created when missing) as a file of its
// own, then applies ret to the store. It returns the new file's path. A store with
// a run file that does not read is refused, and nothing is written.
func Append(dir string, run *Run, ret Retention) (string, error) {
	ret, err := ret.withDefaults()
	if err != nil {
		return "", err
	}
	// A store that does not read is refused before anything is written to it.
	if _, err := Load(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	data, err := encode(run)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, RunsDir, fileName(run, data))
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return "", err
	}
	return path, Compact(dir, ret)
}

// fileName is <when>-<commit>-<digest>.json; see the package comment.
func fileName(run *Run, data []byte) string {
	commit := run.Commit
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit == "" {
		commit = "nocommit"
	}
	sum := sha256.Sum256(data)
	return run.When().UTC().Format("20060102T150405Z") + "-" + commit + "-" + hex.EncodeToString(sum[:4]) + ".json"
}

// encode is a run file's content: indented JSON with a final newline.
func encode(run *Run) ([]byte, error) {
	data, err := json.MarshalIndent(run, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode run: %w", err)
	}
	return append(data, '\n'), nil
}

// Compact applies ret to the store at dir: runs past the newest ret.Full lose their
// document, runs past the newest ret.Max are deleted. A run file that does not read
// is an error, and nothing is changed.
func Compact(dir string, ret Retention) error {
	ret, err := ret.withDefaults()
	if err != nil {
		return err
	}
	runs, err := Load(dir)
	if err != nil {
		return err
	}
	for i := range runs {
		age := len(runs) - 1 - i // 0 for the newest
		r := &runs[i]
		switch {
		case age >= ret.Max:
			if err := os.Remove(r.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		case age >= ret.Full && r.Document != nil:
			r.Document = nil
			data, err := encode(&r.Run)
			if err != nil {
				return err
			}
			if err := atomicfile.WriteFile(r.Path, data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// Load reads every run of the store at dir, oldest first (by When, then by the
// run's own time, then by file name). A store that does not exist yet is empty. A
// run file that does not read is an error naming it.
func Load(dir string) ([]Stored, error) {
	entries, err := os.ReadDir(filepath.Join(dir, RunsDir))
	if errors.Is(err, fs.ErrNotExist) {
		if _, statErr := os.Stat(dir); statErr != nil {
			return nil, fmt.Errorf("store %s: %w", dir, statErr)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	var runs []Stored
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, RunsDir, name)
		r, err := ReadRun(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		runs = append(runs, Stored{Path: path, Run: *r})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortStableFunc(runs, func(a, b Stored) int {
		if c := a.When().Compare(b.When()); c != 0 {
			return c
		}
		if c := a.Timestamp.Compare(b.Timestamp); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	return runs, nil
}

// MaxRunFileSize is the largest run file ReadRun reads.
const MaxRunFileSize = 64 << 20

// ReadRun reads and checks one run file. Errors name the file and the field.
func ReadRun(path string) (*Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxRunFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxRunFileSize {
		return nil, fmt.Errorf("%s: larger than %d MiB, not a run file", path, MaxRunFileSize>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Run
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, decodeError(data, err))
	}
	if err := r.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

// decodeError adds the line to a JSON error when the decoder knows the offset.
func decodeError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("line %d: invalid JSON: %w", line(data, syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("line %d: %s: %w", line(data, typ.Offset), typ.Field, err)
	case errors.Is(err, io.EOF):
		return errors.New("empty file")
	}
	return err
}

func line(data []byte, off int64) int {
	off = min(off, int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// check validates what trend analysis relies on.
func (r *Run) check() error {
	if r.FormatVersion != FormatVersion {
		return fmt.Errorf("format_version: %d is not supported, want %d", r.FormatVersion, FormatVersion)
	}
	if r.Commit != "" && !isHex(r.Commit) {
		return fmt.Errorf("commit: %q is not a commit hash", r.Commit)
	}
	if r.Timestamp.IsZero() {
		return errors.New("timestamp: missing")
	}
	if len(r.Points) == 0 {
		return errors.New("points: empty")
	}
	for i, p := range r.Points {
		switch {
		case p.Benchmark == "":
			return fmt.Errorf("points[%d]: benchmark: missing", i)
		case p.Metric == "":
			return fmt.Errorf("points[%d] (%s): metric: missing", i, p.Benchmark)
		case !finite(p.Median) || !finite(p.Low) || !finite(p.High):
			return fmt.Errorf("points[%d] (%s %s): median, low and high must be finite numbers", i, p.Benchmark, p.Metric)
		}
	}
	return nil
}
