package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/clippings/clippings/export"
)

func runExport(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "export", "--format json|markdown|html DIR [QUERY...]",
		"Write articles to DIR, one file each: every article, or those a search finds (same\n"+
			"syntax as `clippings search`). JSON keeps everything, the original files included, and\n"+
			"`clippings import DIR` restores it into any archive; Markdown and HTML are for reading.\n"+
			"Existing files are never overwritten")
	format := fs.String("format", "json", "`FORMAT`: json, markdown or html")
	quiet := fs.Bool("quiet", false, "print only the summary")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings export: %v\n", err)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "clippings export: name the folder DIR to write to")
		fs.Usage()
		return ExitUsage
	}
	dir, query := fs.Arg(0), strings.Join(fs.Args()[1:], " ")
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	n, err := export.Write(ctx, store, dir, export.Options{Format: f, Query: query}, func(file export.File) {
		if !*quiet {
			fmt.Fprintf(env.Stdout, "exported #%d %s\n", file.ID, file.Path)
		}
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings export: %v (%d articles were exported before)\n", err, n)
		return ExitFailed
	}
	noun := "articles"
	if n == 1 {
		noun = "article"
	}
	fmt.Fprintf(env.Stderr, "%d %s exported to %s\n", n, noun, dir)
	return ExitOK
}
