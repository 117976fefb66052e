package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	trendreport "github.com/cost-ops-bench/cost-ops-bench/internal/report/trend"
	"github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// When `history publish` adds the run (the action's input history).
const (
	publishOnPush = "on-push" // on a push to the repository's default branch only
	publishAlways = "always"
	publishOff    = "off"
)

// DefaultRecent is how many of the newest points `history publish` looks at for
// change points (the action's input history-recent).
const DefaultRecent = 5

// runHistoryPublish is `history publish`, the action's history step: it adds the
// gated result to the store on its branch of the remote (retrying when another job
// pushed first), writes the dashboard there too, and reports the change points among
// the newest runs on stdout and in the job summary. Settings come from the action's
// inputs (INPUT_HISTORY, INPUT_HISTORY-BRANCH, INPUT_HISTORY-RECENT,
// INPUT_HISTORY-FAIL-ON-CHANGE) and the gate's result (COST_OPS_BENCH_RESULT);
// flags override them.
func runHistoryPublish(ctx context.Context, args []string, env Env) error {
	in := func(name, def string) string {
		if v := env.getenv("INPUT_" + name); v != "" {
			return v
		}
		return def
	}
	fs := newFlagSet("history publish", env)
	when := fs.String("when", in("HISTORY", publishOnPush), "when to add the run: `on-push` (a push to the default branch), always, or off")
	result := fs.String("result", env.getenv("COST_OPS_BENCH_RESULT"), "the result `file` to add (default: the gate's result)")
	branch := fs.String("branch", in("HISTORY-BRANCH", history.DefaultBranch), "the store's `branch` on the remote")
	remote := fs.String("remote", "origin", "the git `remote` to push to")
	recentText := fs.String("recent", in("HISTORY-RECENT", strconv.Itoa(DefaultRecent)), "report change points among the newest `K` points")
	failText := fs.String("fail-on-change", in("HISTORY-FAIL-ON-CHANGE", "false"), "true: exit 1 on a recent change point for the worse")
	var ret history.Retention
	fs.IntVar(&ret.Full, "keep-full", history.DefaultKeepFull, "keep the full document of the newest `N` runs")
	fs.IntVar(&ret.Max, "keep", history.DefaultKeepMax, "keep the newest `N` runs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	recent, err := strconv.Atoi(*recentText)
	if err != nil || recent < 1 {
		return usageErrorf("history publish: history-recent: %q: want a whole number of at least 1", *recentText)
	}
	failOn, err := strconv.ParseBool(*failText)
	if err != nil {
		return usageErrorf("history publish: history-fail-on-change: %q: want true or false", *failText)
	}
	switch *when {
	case publishOff:
		return nil
	case publishAlways:
	case publishOnPush:
		if ok, why := pushToDefaultBranch(env); !ok {
			fmt.Fprintf(env.Stderr, "history: not adding the run: %s (history: on-push)\n", why)
			return nil
		}
	default:
		return usageErrorf("history publish: history: %q: want on-push, always or off", *when)
	}
	if *result == "" {
		return usageErrorf("history publish: --result: no result file (the gate wrote none)")
	}
	doc, err := loadResult(*result, "", env)
	if err != nil {
		return fmt.Errorf("history publish: %w", err)
	}
	git, err := commitInfo(ctx, env.getenv("GITHUB_SHA"), doc)
	if err != nil || doc.Git != nil {
		git = nil // the document's own, or none
	}
	run, err := history.NewRun(doc, git)
	if err != nil {
		return fmt.Errorf("history publish: %s: %w", *result, err)
	}
	opts := trend.AnalyzeOptions{Recent: recent}
	var rep *trend.Report
	update := func(store string) error {
		if _, err := history.Append(store, run, ret); err != nil {
			return err
		}
		runs, err := history.Load(store)
		if err != nil {
			return err
		}
		if rep, err = trend.Analyze(runs, opts); err != nil {
			return err
		}
		return atomicfile.Write(filepath.Join(store, "index.html"), 0o644, func(w io.Writer) error { return trendreport.HTML(w, rep) })
	}
	msg := "cost-ops-bench: add the run of " + run.Commit
	_, cleanup, err := history.Publish(ctx, history.Publication{Dir: ".", Remote: *remote, Branch: *branch, Message: msg, Progress: env.Stderr}, update)
	if err != nil {
		return fmt.Errorf("history publish: %w", err)
	}
	cleanup()
	if err := writeTrendSummary(env, rep); err != nil {
		return fmt.Errorf("history publish: %w", err)
	}
	if n := worseRecent(rep); failOn && n > 0 {
		return &ChangeError{Changes: n}
	}
	return nil
}

// writeTrendSummary writes the trend report on stdout and adds it to the job
// summary when there is one (as the gate does, through go-githubactions, which
// appends to GITHUB_STEP_SUMMARY).
func writeTrendSummary(env Env, rep *trend.Report) error {
	var md bytes.Buffer
	if err := trendreport.Markdown(&md, rep); err != nil {
		return err
	}
	if _, err := env.Stdout.Write(md.Bytes()); err != nil {
		return err
	}
	if env.getenv("GITHUB_STEP_SUMMARY") == "" {
		return nil
	}
	return addStepSummary(env, md.String())
}

// addStepSummary appends md to the job summary; go-githubactions panics when it
// cannot write the file, which becomes an error here.
func addStepSummary(env Env, md string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing the job summary: %v", r)
		}
	}()
	githubactions.New(githubactions.WithGetenv(env.getenv)).AddStepSummary(md)
	return nil
}

// pushToDefaultBranch reports whether the workflow runs for a push to the
// repository's default branch, as the runner's environment and event payload say,
// and if not, why.
func pushToDefaultBranch(env Env) (bool, string) {
	if ev := env.getenv("GITHUB_EVENT_NAME"); ev != "push" {
		return false, fmt.Sprintf("the event is %q, not push", ev)
	}
	var payload struct {
		Repository struct {
			DefaultBranch string `json:"default_branch"`
		} `json:"repository"`
	}
	data, err := os.ReadFile(env.getenv("GITHUB_EVENT_PATH"))
	if err == nil {
		err = json.Unmarshal(data, &payload)
	}
	if err != nil || payload.Repository.DefaultBranch == "" {
		return false, "the event does not name the repository's default branch: " + errors.Join(err, errors.New("no repository.default_branch")).Error()
	}
	if ref := env.getenv("GITHUB_REF"); ref != "refs/heads/"+payload.Repository.DefaultBranch {
		return false, fmt.Sprintf("the push is to %s, not the default branch %s", ref, payload.Repository.DefaultBranch)
	}
	return true, ""
}
