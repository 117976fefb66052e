package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// isUnpriced reports whether err means the catalog has no price for a record (no
// entry for its model at its date, or no tier for its size), rather than that the
// record is bad.
func isUnpriced(err error) bool { return errors.Is(err, engine.ErrNoPrice) }

// unpricedList collects the records of `cost --unpriced report` that the catalog
// could not price: every one of them in a temporary file (memory does not grow
// with the input), and counts by provider and model.
type unpricedList struct {
	file    *os.File
	w       *bufio.Writer
	count   int
	byModel map[[2]string]*unpricedModel
}

type unpricedModel struct {
	Provider string `json:"provider"`
	Model    string `json:"model"`
	Count    int    `json:"count"`
	first    string // where the first record is and why, for stderr
}

// unpricedRecord is one entry of "unpriced.records".
type unpricedRecord struct {
	ID        string `json:"id"`
	Provider  string `json:"provider"`
	Model     string `json:"model"`
	Timestamp string `json:"timestamp"`
	Line      int    `json:"line,omitempty"`
	Index     int    `json:"index"`
	Reason    string `json:"reason"`
}

func newUnpricedList() (*unpricedList, error) {
	f, err := os.CreateTemp("", "cost-ops-bench-unpriced-*.json")
	if err != nil {
		return nil, err
	}
	return &unpricedList{file: f, w: bufio.NewWriter(f), byModel: map[[2]string]*unpricedModel{}}, nil
}

func (l *unpricedList) close() {
	l.file.Close()
	os.Remove(l.file.Name())
}

// add records u, at pos, unpriced because of err.
func (l *unpricedList) add(u *engine.Usage, pos engine.Position, err error) error {
	rec := unpricedRecord{ID: u.ID, Provider: u.Provider, Model: u.Model,
		Timestamp: u.Timestamp.UTC().Format(time.RFC3339Nano), Line: pos.Line, Index: pos.Index, Reason: err.Error()}
	b, jerr := json.Marshal(rec)
	if jerr != nil {
		return jerr
	}
	if l.count > 0 {
		l.w.WriteString(",\n")
	}
	if _, werr := l.w.Write(b); werr != nil {
		return fmt.Errorf("write temporary file: %w", werr)
	}
	l.count++
	k := [2]string{engine.CanonicalProvider(u.Provider), u.Model}
	m := l.byModel[k]
	if m == nil {
		m = &unpricedModel{Provider: k[0], Model: k[1], first: pos.String() + ": " + err.Error()}
		l.byModel[k] = m
	}
	m.Count++
	return nil
}

// models returns the counts by model, most records first, then by name.
func (l *unpricedList) models() []*unpricedModel {
	out := make([]*unpricedModel, 0, len(l.byModel))
	for _, m := range l.byModel {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Provider != b.Provider {
			return a.Provider < b.Provider
		}
		return a.Model < b.Model
	})
	return out
}

// warn tells stderr how many records are left out of the totals, and of which
// models.
func (l *unpricedList) warn(w io.Writer, name string) {
	if l.count == 0 {
		return
	}
	models := l.models()
	var b strings.Builder
	fmt.Fprintf(&b, "cost: %s: %d unpriced record(s) of %d model(s), left out of the totals (listed in \"unpriced\"):\n", name, l.count, len(models))
	for _, m := range models {
		fmt.Fprintf(&b, "  %s %s: %d (first at %s)\n", m.Provider, m.Model, m.Count, m.first)
	}
	io.WriteString(w, b.String())
}

// writeJSON writes {"count": N, "models": [...], "records": [...]}.
func (l *unpricedList) writeJSON(w *bufio.Writer) error {
	if err := l.w.Flush(); err != nil {
		return fmt.Errorf("write temporary file: %w", err)
	}
	if _, err := l.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	models, err := json.Marshal(l.models())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "{\"count\":%d,\n \"models\":%s,\n \"records\":[\n", l.count, models)
	if _, err := io.Copy(w, l.file); err != nil {
		return err
	}
	w.WriteString("\n]}")
	return nil
}
