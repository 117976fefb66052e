package compare

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// UsageSniffBytes is how much of a file IsUsageLog needs to see.
const UsageSniffBytes = 64 << 10

// IsUsageLog reports whether head, the start of a file, is a usage log: JSON
// Lines of usage records, or a JSON array of them (engine's usage format, the one
// `cost` reads). The first record decides: an object with "model" and a token count
// (prompt_tokens, completion_tokens or total_tokens), and none of the top-level keys
// of a result document. A first record that is cut or broken still counts when its
// first line names those fields, so that its reader names what is wrong with it.
// No benchmark format of internal/formats takes such content: they read objects
// with results or benchmarks, Go test events ("Action") or text.
func IsUsageLog(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	if len(t) > 0 && t[0] == '[' {
		t = bytes.TrimLeft(t[1:], " \t\r\n")
	}
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	var first map[string]json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(t)).Decode(&first); err != nil {
		line, _, _ := bytes.Cut(t, []byte("\n"))
		has := func(k string) bool { return bytes.Contains(line, []byte(`"`+k+`"`)) }
		return has("model") && (has("prompt_tokens") || has("completion_tokens") || has("total_tokens")) &&
			!has("schema_version") && !has("results")
	}
	_, model := first["model"]
	_, p := first["prompt_tokens"]
	_, c := first["completion_tokens"]
	_, tt := first["total_tokens"]
	_, sv := first["schema_version"]
	_, rs := first["results"]
	return model && (p || c || tt) && !sv && !rs
}

// UnpricedPolicy says what a usage record the catalog has no price for does.
type UnpricedPolicy string

// The unpriced policies, as `cost --unpriced` has them.
const (
	UnpricedFail   UnpricedPolicy = "fail"   // bad input: exit 2, naming each record
	UnpricedReport UnpricedPolicy = "report" // left out of every total, and listed
)

// UsageLogOptions say how ReadUsageLog prices a log.
type UsageLogOptions struct {
	Catalog  *engine.Catalog
	Now      time.Time // records more than engine.MaxFutureSkew after it are invalid
	Unpriced UnpricedPolicy
	// Tag is the tag kept with each record for grouping: GroupBy.Tag, or
	// DefaultGroupTag when the grouping is the default.
	Tag string
}

// UsageLog is a priced usage log, ready for CompareUsage.
type UsageLog struct {
	Name     string // the file, as errors and reports name it
	Currency string
	Tag      string // the tag kept with each record
	records  []usageRecord
	// Unpriced are the records left out (UnpricedReport), by provider and model.
	Unpriced         []UnpricedModel
	UnpricedRequests int
}

// usageRecord is what a comparison needs of one priced request.
type usageRecord struct {
	provider, model, project string
	tag                      string
	hasTag                   bool
	cost                     engine.Money
	prompt, cached           int64
	completion, reasoning    int64
}

// maxUsageErrors bounds the invalid records an error names; the rest are counted.
const maxUsageErrors = 20

// ReadUsageLog decodes, validates and prices every record of r (the file name). Every
// invalid record and, under UnpricedFail, every unpriced one is an error naming
// the file, the line (JSON Lines) or index (JSON array), the field or the model; a
// log without records is an error too.
func ReadUsageLog(r io.Reader, name string, opts UsageLogOptions) (*UsageLog, error) {
	if opts.Catalog == nil {
		return nil, errors.New("usage log: no catalog")
	}
	log := &UsageLog{Name: name, Tag: opts.Tag}
	calc := engine.NewCalculator(opts.Catalog)
	dec := engine.NewUsageDecoder(r)
	unpriced := map[[2]string]*UnpricedModel{}
	var errs []string
	bad, unpricedBad := 0, 0
	fail := func(pos engine.Position, field string, err error) {
		bad++
		if len(errs) < maxUsageErrors {
			errs = append(errs, where(name, pos, field)+": "+err.Error())
		}
	}
	read := 0
	var u engine.Usage
	for {
		err := dec.Next(&u)
		if err == io.EOF {
			break
		}
		var de *engine.DecodeError
		if errors.As(err, &de) {
			read++
			fail(de.Pos, de.Field, de.Err)
			if de.Fatal {
				break
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		read++
		pos := dec.Position()
		if err := engine.Validate(&u, opts.Now); err != nil {
			fail(pos, "", err) // a *engine.ValidationError names its field
			continue
		}
		cost, err := calc.Price(&u)
		switch {
		case errors.Is(err, engine.ErrNoPrice) && opts.Unpriced == UnpricedReport:
			k := [2]string{engine.CanonicalProvider(u.Provider), u.Model}
			m := unpriced[k]
			if m == nil {
				m = &UnpricedModel{Provider: k[0], Model: k[1], First: where(name, pos, "") + ": " + err.Error()}
				unpriced[k] = m
			}
			m.Count++
			log.UnpricedRequests++
			continue
		case errors.Is(err, engine.ErrNoPrice):
			unpricedBad++
			fail(pos, "model", fmt.Errorf("%w (compare --unpriced report leaves such records out and lists them)", err))
			continue
		case err != nil:
			fail(pos, "", err)
			continue
		}
		if log.Currency == "" {
			log.Currency = cost.Currency
		} else if cost.Currency != log.Currency {
			fail(pos, "model", fmt.Errorf("priced in %s, the earlier records in %s: one comparison prices one currency", cost.Currency, log.Currency))
			continue
		}
		tag, hasTag := u.Tags[opts.Tag]
		log.records = append(log.records, usageRecord{
			provider: engine.CanonicalProvider(u.Provider), model: u.Model, project: u.ProjectID,
			tag: tag, hasTag: hasTag, cost: cost.Total,
			prompt: u.PromptTokens, cached: u.CachedTokens, completion: u.CompletionTokens, reasoning: u.ReasoningTokens,
		})
	}
	if bad > 0 {
		msg := strings.Join(errs, "\n")
		if bad > len(errs) {
			msg += fmt.Sprintf("\n... and %d more", bad-len(errs))
		}
		what := fmt.Sprintf("%d invalid usage record(s)", bad-unpricedBad)
		switch {
		case unpricedBad == bad:
			what = fmt.Sprintf("%d usage record(s) the catalog cannot price", bad)
		case unpricedBad > 0:
			what += fmt.Sprintf(" and %d the catalog cannot price", unpricedBad)
		}
		return nil, fmt.Errorf("%s: %s:\n%s", name, what, msg)
	}
	if read == 0 {
		return nil, fmt.Errorf("%s: no usage records (an empty file, only blank lines, or an empty JSON array)", name)
	}
	if len(log.records) == 0 {
		return nil, fmt.Errorf("%s: none of its %d usage records has a price in the catalog (%s)", name, read, unpricedList(unpriced))
	}
	log.Unpriced = sortedUnpriced(unpriced)
	return log, nil
}

// Requests returns the number of priced records.
func (l *UsageLog) Requests() int { return len(l.records) }

// where is "file:line" for JSON Lines, "file: index N" for an array, and the field.
func where(name string, pos engine.Position, field string) string {
	s := fmt.Sprintf("%s:%d", name, pos.Line)
	if pos.Line == 0 {
		s = fmt.Sprintf("%s: index %d", name, pos.Index)
	}
	if field != "" {
		s += ": " + field
	}
	return s
}

func sortedUnpriced(m map[[2]string]*UnpricedModel) []UnpricedModel {
	out := make([]UnpricedModel, 0, len(m))
	for _, u := range m {
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].Provider != out[j].Provider {
			return out[i].Provider < out[j].Provider
		}
		return out[i].Model < out[j].Model
	})
	return out
}

func unpricedList(m map[[2]string]*UnpricedModel) string {
	var parts []string
	for _, u := range sortedUnpriced(m) {
		parts = append(parts, fmt.Sprintf("%s %s: %d", u.Provider, u.Model, u.Count))
	}
	return "unpriced: " + strings.Join(parts, ", ")
}
