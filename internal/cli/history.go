package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gitinfo"
	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
)

// runHistory is `cost-ops-bench history <subcommand>`.
func runHistory(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(env.Stderr, "usage: cost-ops-bench history append --store DIR --result FILE [--commit SHA] [--keep-full N] [--keep N]")
		fmt.Fprintln(env.Stderr, "       cost-ops-bench history publish [--result FILE] [--branch B] [--when on-push|always|off] [--recent K] [--fail-on-change true]")
		if len(args) == 0 {
			return usageErrorf("history: no subcommand given (append, publish)")
		}
		return nil
	}
	switch args[0] {
	case "append":
		return runHistoryAppend(ctx, args[1:], env)
	case "publish":
		return runHistoryPublish(ctx, args[1:], env)
	}
	return usageErrorf("history: unknown subcommand %q (append, publish)", args[0])
}

// runHistoryAppend is `history append`: it adds one result document to a store as a
// run file of its own, then compacts the store to its retention.
func runHistoryAppend(ctx context.Context, args []string, env Env) error {
	fs := newFlagSet("history append", env)
	store := fs.String("store", "", "the store `directory` (created when missing; meant to live on a git branch)")
	result := fs.String("result", "", "the result `file` to add: result JSON or Go benchmark format (required)")
	commit := fs.String("commit", "", "the commit the result measured (`SHA` or revision), instead of the document's git field")
	var ret history.Retention
	fs.IntVar(&ret.Full, "keep-full", history.DefaultKeepFull, "keep the full document (every sample) of the newest `N` runs; older ones keep their medians")
	fs.IntVar(&ret.Max, "keep", history.DefaultKeepMax, "keep the newest `N` runs; older ones are deleted")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *store == "":
		return usageErrorf("history append: --store: a directory is required")
	case *result == "":
		return usageErrorf("history append: --result: a result file is required")
	case ret.Full < 0:
		return usageErrorf("history append: --keep-full: %d: want 0 or more", ret.Full)
	case ret.Max < 1:
		return usageErrorf("history append: --keep: %d: want 1 or more", ret.Max)
	}
	doc, err := loadResult(*result, "", env)
	if err != nil {
		return fmt.Errorf("history append: %w", err)
	}
	git, err := commitInfo(ctx, *commit, doc)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("history append: --commit: %w", err)}
	}
	run, err := history.NewRun(doc, git)
	if err != nil {
		return fmt.Errorf("history append: %s: %w", *result, err)
	}
	path, err := history.Append(*store, run, ret)
	if err != nil {
		return fmt.Errorf("history append: %w", err)
	}
	fmt.Fprintln(env.Stderr, "wrote", path)
	if run.Commit == "" {
		fmt.Fprintln(env.Stderr, "history append: the result names no commit (run it in a git checkout, or give --commit): the run is placed by its time")
	}
	return nil
}

// commitInfo is the commit to record for --commit rev: looked up in the git
// repository of the working directory when there is one (full hash and commit
// time), else rev itself when it is a full hash. "" keeps the document's own.
func commitInfo(ctx context.Context, rev string, doc *bench.Document) (*bench.GitInfo, error) {
	if rev == "" {
		return nil, nil
	}
	info, err := gitinfo.Lookup(ctx, ".", rev)
	if errors.Is(err, gitinfo.ErrNotRepository) || (err != nil && isFullHash(rev)) {
		info = &bench.GitInfo{Commit: rev}
	} else if err != nil {
		return nil, err
	}
	if doc.Git != nil && doc.Git.Commit == info.Commit {
		info.Ref = doc.Git.Ref
	}
	return info, nil
}

// isFullHash reports whether s is a full SHA-1 or SHA-256 commit hash.
func isFullHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
