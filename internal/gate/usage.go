package gate

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// UsageSettings are the inputs of a cost gate, whose current input is a usage log:
// group-by, catalog and unpriced, as `compare` takes them.
type UsageSettings struct {
	GroupBy  string // group-by: tag:NAME, model, provider or project; "" the default
	Catalog  string // catalog: a catalog file pricing both logs; "" the built-in catalog
	Unpriced string // unpriced: fail or report
}

// usageSettingsFromInputs reads the cost gate's inputs.
func usageSettingsFromInputs(get func(string) string) UsageSettings {
	u := UsageSettings{GroupBy: get("group-by"), Catalog: get("catalog"), Unpriced: get("unpriced")}
	if u.Unpriced == "" {
		u.Unpriced = string(compare.UnpricedFail)
	}
	return u
}

// Bind registers the cost gate's flags, named as the inputs.
func (u *UsageSettings) Bind(fs *flag.FlagSet) {
	fs.StringVar(&u.GroupBy, "group-by", u.GroupBy, "usage logs: group requests by `key`: tag:NAME, model, provider or project (default tag:scenario when records carry it, else model)")
	fs.StringVar(&u.Catalog, "catalog", u.Catalog, "usage logs: price both logs with the catalog `file`, layered over the built-in catalog (the file prices what it has a price for, the built-in catalog the rest; default: the built-in catalog alone)")
	fs.StringVar(&u.Unpriced, "unpriced", u.Unpriced, "usage logs: a record the catalog cannot price is fail (exit 2) or report (left out and listed)")
}

// options checks the inputs and returns how to read both logs and group them.
func (u UsageSettings) options() (compare.UsageLogOptions, compare.GroupBy, compare.CatalogInfo, error) {
	var by compare.GroupBy
	if u.GroupBy != "" {
		var err error
		if by, err = compare.ParseGroupBy(u.GroupBy); err != nil {
			return compare.UsageLogOptions{}, by, compare.CatalogInfo{}, fmt.Errorf("input group-by: %w", err)
		}
	}
	unpriced := compare.UnpricedPolicy(u.Unpriced)
	switch unpriced {
	case "":
		unpriced = compare.UnpricedFail
	case compare.UnpricedFail, compare.UnpricedReport:
	default:
		return compare.UsageLogOptions{}, by, compare.CatalogInfo{}, fmt.Errorf("input unpriced: %q: want fail or report", u.Unpriced)
	}
	cat, info, err := compare.LoadUsageCatalog(u.Catalog)
	if err != nil {
		return compare.UsageLogOptions{}, by, info, fmt.Errorf("input catalog: %w", err)
	}
	tag := by.Tag
	if tag == "" {
		tag = compare.DefaultGroupTag
	}
	return compare.UsageLogOptions{Catalog: cat, Now: time.Now(), Unpriced: unpriced, Tag: tag}, by, info, nil
}

// given reports whether an input of the cost gate was set.
func (u UsageSettings) given() bool {
	return u.GroupBy != "" || u.Catalog != "" || (u.Unpriced != "" && u.Unpriced != string(compare.UnpricedFail))
}

// isUsageGate reports whether the gate compares usage logs: its current input is
// one.
func isUsageGate(v validated) bool {
	return v.Current != "" && artifactsPrefix(v.Current) == "" && compare.IsUsageLogFile(v.Current)
}

// runUsage is the cost gate: the current usage log against the baseline's (a file
// or the newest artifact of the base branch), priced by one catalog, reported and
// published as the benchmark gate is.
func runUsage(ctx context.Context, g *gh, cfg compare.Config) (*Outcome, error) {
	v, d := g.settings, g.deps
	if v.History != "" && v.History != "off" {
		return nil, fmt.Errorf("input history: %q: the history store keeps benchmark results, not usage logs; leave history off for a cost gate", v.History)
	}
	opts, by, info, err := v.Usage.options()
	if err != nil {
		return nil, err
	}
	cur, err := compare.ReadUsageLogFile(v.Current, opts)
	if err != nil {
		return nil, fmt.Errorf("current: %w", err)
	}
	base, prov, missing, err := g.usageBaseline(ctx, opts)
	if err != nil {
		return nil, err
	}
	required := v.missingBaseline(cfg) == compare.MissingFail
	p := &report.Page{Baseline: prov, CurrentSHA: currentSHA(d.Getenv, g.ev), RunURL: g.ev.RunURL, Key: v.Key, FailOn: v.failOnRegression}
	out := &Outcome{ResultPath: v.Current, FailOnRegression: v.failOnRegression, BaselineRequired: required}
	if base != nil {
		if out.Comparison, err = compare.CompareUsage(base, cur, cfg, by, info); err != nil {
			return nil, err
		}
		out.Counts = out.Comparison.Counts()
		if err := console(d, out.Comparison); err != nil {
			return nil, fmt.Errorf("writing the console report: %w", err)
		}
	} else {
		p.NoBaseline = report.NoBaselineUsage(missing, required, cur.Requests())
	}
	return g.publish(ctx, p, out)
}

// usageBaseline loads the baseline usage log: a file, or the one .json or .jsonl
// file of the newest artifact of that name from the base branch. A baseline that
// does not exist yet is no error: the log is nil and missing says why.
func (g *gh) usageBaseline(ctx context.Context, opts compare.UsageLogOptions) (log *compare.UsageLog, prov report.Provenance, missing string, err error) {
	in := g.settings.Baseline
	prov.Source = in
	switch {
	case in == "":
		return nil, prov, "no baseline input was given", nil
	case strings.HasPrefix(in, ArtifactPrefix):
		return g.usageArtifact(ctx, strings.TrimSpace(strings.TrimPrefix(in, ArtifactPrefix)), opts, prov)
	}
	if _, err := os.Stat(in); errors.Is(err, fs.ErrNotExist) {
		return nil, prov, "the baseline usage log " + text.Code(in) + " does not exist", nil
	}
	if !compare.IsUsageLogFile(in) {
		return nil, prov, "", fmt.Errorf("baseline: %s is not a usage log, and the current input %s is: compare two usage logs or two benchmark results", in, g.settings.Current)
	}
	if log, err = compare.ReadUsageLogFile(in, opts); err != nil {
		return nil, prov, "", fmt.Errorf("baseline: %w", err)
	}
	prov.Commit, prov.Date = g.deps.fileCommit()(ctx, in)
	return log, prov, "", nil
}

func (g *gh) usageArtifact(ctx context.Context, name string, opts compare.UsageLogOptions, prov report.Provenance) (*compare.UsageLog, report.Provenance, string, error) {
	client, err := g.client()
	if err != nil {
		return nil, prov, "", fmt.Errorf("baseline %s: %w", prov.Source, err)
	}
	art, run, err := github.FindBaselineArtifact(ctx, client, name, g.ev.BaseBranch)
	if errors.Is(err, github.ErrNoArtifact) {
		return nil, prov, fmt.Sprintf("no unexpired artifact %q from a successful run on branch %s", name, g.ev.BaseBranch), nil
	}
	if err != nil {
		return nil, prov, "", fmt.Errorf("baseline %s: %w", prov.Source, err)
	}
	data, err := client.DownloadArtifact(ctx, art.ID, g.deps.limits().MaxZipBytes)
	if err != nil {
		return nil, prov, "", fmt.Errorf("baseline %s: %w", prov.Source, err)
	}
	member, content, err := github.ExtractUsageLog(data, g.deps.limits())
	if err != nil {
		return nil, prov, "", fmt.Errorf("baseline %s: %w", prov.Source, err)
	}
	file := prov.Source + "/" + member
	if !compare.IsUsageLog(content[:min(len(content), compare.UsageSniffBytes)]) {
		return nil, prov, "", fmt.Errorf("baseline: %s is not a usage log, and the current input %s is: compare two usage logs or two benchmark results", file, g.settings.Current)
	}
	log, err := compare.ReadUsageLog(bytes.NewReader(content), file, opts)
	if err != nil {
		return nil, prov, "", fmt.Errorf("baseline: %w", err)
	}
	prov.Commit, prov.Date, prov.RunURL = art.HeadSHA, art.CreatedAt, run.URL
	return log, prov, "", nil
}
