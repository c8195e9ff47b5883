package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/clippings/clippings/db"
)

// checkJSON is `check --json`: the report with an "ok" verdict.
type checkJSON struct {
	OK bool `json:"ok"`
	db.CheckReport
}

func runCheck(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "check", "[--json]",
		"Verify the archive: SQLite's integrity check, the full-text index, and every article's\n"+
			"index entry and original file. It only reads. Exit status 0 when all is well, 1 when\n"+
			"something is wrong (each problem is listed), 2 when the archive cannot be opened")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(env.Stderr, "clippings check: takes no arguments; name the archive with --db")
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	report, err := store.Check(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings check: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(checkJSON{OK: report.OK(), CheckReport: report})
	} else {
		for _, p := range report.Problems {
			fmt.Fprintln(env.Stdout, p)
		}
	}
	if !report.OK() {
		fmt.Fprintf(env.Stderr, "%s: %d problems found in %d articles. Restore a backup, or export what can be read "+
			"(`clippings export --format json`) and import it into a new archive.\n", report.Path, len(report.Problems), report.Articles)
		return ExitFailed
	}
	fmt.Fprintf(env.Stderr, "%s: all is well (%d articles).\n", report.Path, report.Articles)
	return ExitOK
}
