package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/clippings/clippings/db"
)

func runStats(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "stats", "[--json]",
		"Count the archive's articles, sources and languages, and measure it")
	asJSON := fs.Bool("json", false, "print the numbers as JSON")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(env.Stderr, "clippings stats: takes no arguments; name the archive with --db")
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings stats: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(st)
		return ExitOK
	}
	printStats(env, st)
	return ExitOK
}

func printStats(env Env, st db.Stats) {
	w := env.Stdout
	row := func(label, value string) { fmt.Fprintf(w, "%-11s %s\n", label, value) }
	row("Archive", st.Path)
	row("Articles", fmt.Sprint(st.Articles))
	row("Sources", fmt.Sprint(st.Sources))
	var langs []string
	for _, l := range st.Languages {
		code := l.Code
		if code == "" {
			code = "unknown"
		}
		langs = append(langs, fmt.Sprintf("%s %d", code, l.Articles))
	}
	row("Languages", orDash(strings.Join(langs, " · ")))
	row("Published", formatDateRange(st.Published))
	row("Imported", formatDateRange(st.Added))
	row("File size", humanBytes(st.FileBytes))
	row("Text", humanBytes(st.TextBytes))
	row("Originals", fmt.Sprintf("%s (%s stored)", humanBytes(st.OriginalBytes), humanBytes(st.StoredOriginalBytes)))
}

func formatDateRange(r db.DateRange) string {
	if !r.First.Known() {
		return "–"
	}
	if r.First == r.Last {
		return r.First.String()
	}
	return r.First.String() + " – " + r.Last.String()
}

// humanBytes is "512 bytes", "3.4 KB", "12.0 MB", "1.2 GB".
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	v, suffixes := float64(n)/unit, []string{"KB", "MB", "GB", "TB"}
	i := 0
	for v >= unit && i < len(suffixes)-1 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %s", v, suffixes[i])
}
