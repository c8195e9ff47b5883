package cli

import (
	"context"
	"fmt"

	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/importer"
	"github.com/clippings/clippings/internal/startgc"
)

// Bringing an archive of an earlier version up to date from the command
// line: its new search index (reindex) and its older articles' copies and
// names (backfill, which the commands that show them run first).

// backfill gives the articles of an archive from an earlier version their
// groups of copies and entities, when that is still to do, with progress
// on stderr. It reports false (after printing why) when it failed. A store
// opened to read is opened again for writing for it (and returned in its
// place) — or, when the archive cannot be written, the command goes on
// without, saying so.
func backfill(ctx context.Context, env Env, store *db.Store, name string) (*db.Store, bool) {
	pending, err := store.BackfillPending(ctx)
	if err == nil && pending && store.ReadOnly() {
		w, werr := db.OpenMode(ctx, store.Path(), db.Existing)
		if werr != nil {
			fmt.Fprintf(env.Stderr, "clippings %s: the copies and names of the archive's older articles are not found yet, "+
				"and the archive cannot be written (%v): they may be missing from the results\n", name, werr)
			return store, true
		}
		store.Close()
		store = w
	}
	if err == nil && pending {
		startgc.Restore() // a long job in a brief command: the collector back on
		p := newProgress(env)
		p.unit = "articles: finding copies and names (once, after an upgrade)"
		err = store.Backfill(ctx, func(done, total int) {
			p.update(importer.Progress{Done: done, Total: total})
		})
		p.clear()
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings %s: %v\n", name, err)
		return store, false
	}
	return store, true
}

func runReindex(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "reindex", "",
		"Fill the search index and the list of words of an archive from an earlier version now, and give its\n"+
			"articles the index keys of this version (a smaller index), with progress; interrupted, it goes on\n"+
			"from where it stopped the next time. Searches use the old index until it is done, and prefix\n"+
			"searches check more articles until the words are listed. The window does this in\n"+
			"the background when it opens such an archive.")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	store, ok := openStore(ctx, env, *dbFlag, changes)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	p := newProgress(env)
	p.unit = "articles re-indexed"
	err := store.Reindex(ctx, func(done, total int) {
		p.update(importer.Progress{Done: done, Total: total})
	})
	p.clear()
	if err == nil {
		p = newProgress(env)
		p.unit = "articles: words listed for prefix searches"
		err = store.IndexWords(ctx, func(done, total int) {
			p.update(importer.Progress{Done: done, Total: total})
		})
		p.clear()
	}
	if err != nil {
		return finish(env, "reindex", err)
	}
	fmt.Fprintln(env.Stderr, "the search index is up to date")
	return ExitOK
}
