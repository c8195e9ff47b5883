package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/clippings/clippings/importer"
)

// reextractJSON is one line of `reextract --json`.
type reextractJSON struct {
	ID     int64           `json:"id"`
	Title  string          `json:"title"`
	Status importer.Status `json:"status"`
	Error  string          `json:"error,omitempty"`
}

func runReextract(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "reextract", "[--json] [QUERY...]",
		"Run the current extractor again over the original files of every article, or of those a\n"+
			"search finds (same syntax as `clippings search`). Tags, star, read state, notes and\n"+
			"corrected metadata are kept. Prints the articles that changed or failed (those keep\n"+
			"their text) and a summary; exit status 1 when any failed")
	asJSON := fs.Bool("json", false, "print one JSON object per article, unchanged ones included")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	store, ok := openStore(ctx, env, *dbFlag, changes)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	ids, err := store.MatchingIDs(ctx, strings.Join(fs.Args(), " "))
	if err != nil {
		return finish(env, "reextract", err)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	progress := newProgress(env)
	progress.unit = "articles"
	sum, err := importer.Reextract(ctx, store, ids, importer.ReextractOptions{}, func(r importer.ReextractResult) {
		progress.clear()
		if *asJSON {
			line := reextractJSON{ID: r.ID, Title: r.Title, Status: r.Status}
			if r.Err != nil {
				line.Error = r.Err.Error()
			}
			enc.Encode(line)
			return
		}
		switch r.Status {
		case importer.Updated:
			fmt.Fprintf(env.Stdout, "updated    #%d %s\n", r.ID, oneLine(r.Title))
		case importer.Failed:
			fmt.Fprintf(env.Stdout, "failed     #%d %s: %v\n", r.ID, oneLine(r.Title), r.Err)
		}
	}, progress.update)
	progress.clear()
	fmt.Fprintln(env.Stderr, reextractSummary(sum))
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings reextract: %v\n", err)
		return ExitFailed
	}
	if sum.Failed > 0 || sum.Cancelled > 0 {
		return ExitFailed
	}
	return ExitOK
}

// reextractSummary is "2 updated · 40 unchanged · 1 failed".
func reextractSummary(s importer.ReextractSummary) string {
	var parts []string
	for _, p := range []struct {
		n    int
		name string
	}{{s.Updated, "updated"}, {s.Unchanged, "unchanged"}, {s.Failed, "failed"}, {s.Cancelled, "cancelled"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.name))
		}
	}
	if len(parts) == 0 {
		return "no articles to re-extract"
	}
	return strings.Join(parts, " · ")
}
