package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/clippings/clippings/importer"
	"github.com/clippings/clippings/inbox"
	"github.com/clippings/clippings/isolate"
)

func runWatch(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "watch", "[--json] DIR",
		"Import the files that arrive in folder DIR — where the browser saves pages, say — once\n"+
			"each is complete (unchanged for a second), until interrupted (Ctrl+C). Files are left\n"+
			"in place. The files already there are imported first; those already in the archive\n"+
			"are counted as duplicates, not listed. A file that fails is reported and tried again\n"+
			"when it changes, or the next time the folder is watched")
	asJSON := fs.Bool("json", false, "print one JSON object per file, duplicates too")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "clippings watch: name one folder")
		fs.Usage()
		return ExitUsage
	}
	w, err := inbox.Watch(fs.Arg(0), inbox.Options{Existing: true, Accept: importer.Importable})
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings watch: %v\n", err)
		return ExitUsage
	}
	defer w.Close()
	store, ok := openStore(ctx, env, *dbFlag, adds)
	if !ok {
		return ExitUsage
	}
	defer func() { store.Close() }()
	if store, ok = backfill(ctx, env, store, "watch"); !ok {
		return ExitFailed
	}
	fmt.Fprintf(env.Stderr, "watching %s (Ctrl+C to stop)\n", w.Dir())

	// One pool of extraction workers for the whole watch, not one a batch.
	pool := isolate.New(0)
	defer pool.Close()
	im := &importer.Importer{Store: store, Pool: pool}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for {
		select {
		case <-ctx.Done():
			return ExitOK
		case err := <-w.Errors():
			fmt.Fprintf(env.Stderr, "clippings watch: %v\n", err)
		case files, ok := <-w.Files():
			if !ok {
				return ExitOK
			}
			sum := im.Run(ctx, files, func(r importer.Result) {
				switch {
				case *asJSON:
					enc.Encode(resultJSON(r))
				case r.Status != importer.Duplicate:
					fmt.Fprintln(env.Stdout, describeResult(r))
				}
			}, nil)
			fmt.Fprintln(env.Stderr, summaryLine(sum))
		}
	}
}
