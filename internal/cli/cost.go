package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// maxReportedRecords bounds the invalid records named in the error of cost; the
// rest are counted.
const maxReportedRecords = 20

func runCost(ctx context.Context, args []string, env Env) error {
	fs := newFlagSet("cost", env)
	pricing := fs.String("pricing", "", "pricing catalog `FILE` (YAML), layered over the built-in catalog: the file prices the records it has a price for (provider, model and date), the built-in catalog every other")
	usage := fs.String("usage", "", "usage `FILE`: a JSON array or JSON Lines of usage records; - is stdin")
	noBuiltin := fs.Bool("no-builtin", false, "price with the --pricing file alone, without the built-in catalog")
	unpriced := fs.String("unpriced", unpricedFail, "what a record the catalog has no price for does: `fail` (exit 2, nothing printed) or report (price the others, list it in \"unpriced\" and on stderr, exit 0)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: cost-ops-bench cost [--pricing FILE] --usage FILE [--unpriced fail|report]")
		fmt.Fprintln(fs.Output(), "\nPrices every usage record and prints the costs and their summary as JSON.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *usage == "" {
		return usageErrorf("cost: --usage is required")
	}
	if *noBuiltin && *pricing == "" {
		return usageErrorf("cost: --no-builtin needs --pricing")
	}
	if *unpriced != unpricedFail && *unpriced != unpricedReport {
		return usageErrorf("cost: --unpriced %q: want %s or %s", *unpriced, unpricedFail, unpricedReport)
	}
	cat, err := loadCatalog(*pricing, *noBuiltin)
	if err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	in, name, err := openUsage(*usage, env.Stdin)
	if err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	defer in.Close()
	return priceUsage(ctx, cat, in, name, *unpriced == unpricedReport, env)
}

// The values of --unpriced.
const (
	unpricedFail   = "fail"
	unpricedReport = "report"
)

// loadCatalog returns the built-in catalog, overridden by the file at path if any.
func loadCatalog(path string, noBuiltin bool) (*engine.Catalog, error) {
	var user *engine.Catalog
	if path != "" {
		c, err := engine.LoadCatalog(path)
		if err != nil {
			return nil, err
		}
		if noBuiltin {
			return c, nil
		}
		user = c
	}
	builtin, err := engine.BuiltinCatalog()
	if err != nil {
		return nil, fmt.Errorf("built-in catalog: %w", err)
	}
	if user == nil {
		return builtin, nil
	}
	return builtin.Merge(user), nil
}

func openUsage(path string, stdin io.Reader) (io.ReadCloser, string, error) {
	if path == "-" {
		if stdin == nil {
			stdin = strings.NewReader("")
		}
		return io.NopCloser(stdin), "stdin", nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("open usage file: %w", err)
	}
	return f, path, nil
}

// priceUsage streams the records of in: it checks and prices each, writes its JSON
// line to a temporary file and sums it. Only when every record is good does it print
// the document (records copied from the temporary file, then the summary), so stdout
// gets nothing partial. Memory does not grow with the input.
func priceUsage(ctx context.Context, cat *engine.Catalog, in io.Reader, name string, report bool, env Env) error {
	tmp, err := os.CreateTemp("", "cost-ops-bench-records-*.json")
	if err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	p := newPricer(cat, name, env.now(), tmp)
	if report {
		if p.unpriced, err = newUnpricedList(); err != nil {
			return fmt.Errorf("cost: %w", err)
		}
		defer p.unpriced.close()
	}
	if err := p.run(ctx, in); err != nil {
		return err
	}
	if p.read == 0 {
		// Nothing matched is never a silent pass: a usage file without records is
		// bad input, not a total of zero.
		return fmt.Errorf("cost: %s: no usage records (an empty file, only blank lines, or an empty JSON array); nothing printed", name)
	}
	if err := p.records.Flush(); err != nil {
		return fmt.Errorf("cost: write temporary file: %w", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	if p.unpriced == nil {
		return writeDocument(env.Stdout, tmp, p.agg.Summary(), nil)
	}
	p.unpriced.warn(env.Stderr, name)
	return writeDocument(env.Stdout, tmp, p.agg.Summary(), p.unpriced)
}

// pricer holds the state of one cost run.
type pricer struct {
	name     string
	now      time.Time
	calc     *engine.Calculator
	agg      *engine.Aggregator
	records  *bufio.Writer
	line     []byte
	n        int    // records written
	read     int    // records read, good or bad
	currency string // of the first record
	errs     []string
	bad      int
	unpriced *unpricedList // nil with --unpriced fail
}

func newPricer(cat *engine.Catalog, name string, now time.Time, out io.Writer) *pricer {
	return &pricer{name: name, now: now, calc: engine.NewCalculator(cat), agg: engine.NewAggregator(0),
		records: bufio.NewWriterSize(out, 256<<10)}
}

// run reads every record; it returns a plain error naming the invalid records, if
// any, after reading the whole input.
func (p *pricer) run(ctx context.Context, in io.Reader) error {
	dec := engine.NewUsageDecoder(in)
	var u engine.Usage
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("cost: %w", ctx.Err())
		}
		err := dec.Next(&u)
		if err == io.EOF {
			break
		}
		if err == nil || errors.As(err, new(*engine.DecodeError)) {
			p.read++
		}
		var de *engine.DecodeError
		switch {
		case errors.As(err, &de):
			p.invalid(de.Pos, de.Field, de.Err)
			if de.Fatal {
				return p.failure()
			}
		case err != nil:
			return fmt.Errorf("cost: read %s: %w", p.name, err)
		default:
			err := p.price(&u)
			switch {
			case err == nil:
			case p.unpriced != nil && isUnpriced(err):
				if err := p.unpriced.add(&u, dec.Position(), err); err != nil {
					return fmt.Errorf("cost: %w", err)
				}
			default:
				p.invalid(dec.Position(), "", err)
			}
		}
	}
	if p.bad > 0 {
		return p.failure()
	}
	return nil
}

// price checks, prices and records one decoded record.
func (p *pricer) price(u *engine.Usage) error {
	if err := engine.Validate(u, p.now); err != nil {
		return err
	}
	e, err := p.calc.Lookup(u)
	if err != nil {
		return err
	}
	c, err := e.Cost(u)
	if err != nil {
		return err
	}
	if p.currency == "" {
		p.currency = c.Currency
	} else if c.Currency != p.currency {
		return fmt.Errorf("currency %s differs from %s of the earlier records: one run prices one currency", c.Currency, p.currency)
	}
	if p.bad > 0 {
		return nil // the run fails anyway: keep checking, stop writing
	}
	p.agg.Add(u, c)
	return p.write(u, e.Provider, c)
}

func (p *pricer) write(u *engine.Usage, provider string, c engine.Cost) error {
	b := p.line[:0]
	if p.n > 0 {
		b = append(b, ",\n"...)
	}
	b = append(b, `{"id":`...)
	b = appendJSONString(b, u.ID)
	b = append(b, `,"provider":`...)
	b = appendJSONString(b, provider)
	b = append(b, `,"model":`...)
	b = appendJSONString(b, u.Model)
	b = appendMoney(append(b, `,"input_cost":`...), c.Input)
	b = appendMoney(append(b, `,"output_cost":`...), c.Output)
	if !c.Fees.IsZero() {
		b = appendMoney(append(b, `,"fees_cost":`...), c.Fees) // web searches; only when there are
	}
	b = appendMoney(append(b, `,"total_cost":`...), c.Total)
	b = append(b, `,"currency":`...)
	b = appendJSONString(b, c.Currency)
	b = append(b, '}')
	p.line = b
	p.n++
	if _, err := p.records.Write(b); err != nil {
		return fmt.Errorf("write temporary file: %w", err)
	}
	return nil
}

// invalid records the error of the record at pos.
func (p *pricer) invalid(pos engine.Position, field string, err error) {
	p.bad++
	if len(p.errs) >= maxReportedRecords {
		return
	}
	where := fmt.Sprintf("%s:%d", p.name, pos.Line)
	if pos.Line == 0 {
		where = fmt.Sprintf("%s: index %d", p.name, pos.Index)
	}
	if field != "" {
		where += ": " + field
	}
	p.errs = append(p.errs, where+": "+err.Error())
}

// failure is the error of a run with invalid records.
func (p *pricer) failure() error {
	msg := strings.Join(p.errs, "\n")
	if p.bad > len(p.errs) {
		msg += fmt.Sprintf("\n... and %d more", p.bad-len(p.errs))
	}
	return fmt.Errorf("cost: %d invalid usage record(s); nothing printed:\n%s", p.bad, msg)
}

// costSummary is the "summary" object of the cost document.
type costSummary struct {
	TotalCost         engine.Money `json:"total_cost"`
	TotalRequests     int64        `json:"total_requests"`
	AvgCostPerRequest engine.Money `json:"avg_cost_per_request"`
	ByProvider        engine.Sums  `json:"by_provider"`
	ByModel           engine.Sums  `json:"by_model"`
	ByProject         engine.Sums  `json:"by_project"`
}

// writeDocument prints {"records":[...],"summary":{...}}: one record per line, then
// the summary indented; with un, the "unpriced" object after them.
func writeDocument(w io.Writer, records io.Reader, s engine.Summary, un *unpricedList) error {
	summary, err := json.MarshalIndent(costSummary{
		TotalCost: s.Total, TotalRequests: s.Count, AvgCostPerRequest: s.Average,
		ByProvider: s.ByProvider, ByModel: s.ByModel, ByProject: s.ByProject,
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("{\"records\":[\n")
	if _, err := io.Copy(bw, records); err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	bw.WriteString("\n],\n\"summary\":")
	bw.Write(summary)
	if un != nil {
		bw.WriteString(",\n\"unpriced\":")
		if err := un.writeJSON(bw); err != nil {
			return fmt.Errorf("cost: %w", err)
		}
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cost: write output: %w", err)
	}
	return nil
}

func appendMoney(b []byte, m engine.Money) []byte {
	b = append(b, '"')
	b = m.AppendText(b)
	return append(b, '"')
}

// appendJSONString appends s as a JSON string, escaping quotes, backslashes and
// control characters and replacing invalid UTF-8.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' && s[i] < utf8.RuneSelf {
		i++
	}
	b = append(b, s[:i]...) // the plain prefix, usually all of s
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf:
			b = append(b, c)
			i++
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}
