package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/clippings/clippings/bench"
)

func runBench(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "bench", "[--articles N] [--keep FILE] [--json]",
		"Build an archive of N synthetic articles through the real import path and time imports and searches")
	n := fs.Int("articles", 10000, "number of synthetic articles")
	keep := fs.String("keep", "", "keep the archive in `FILE` instead of a temporary one")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	noBaseline := fs.Bool("no-baseline", false, "skip timing the sqlite3 shell on the same texts")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	rep, err := bench.Run(ctx, bench.Options{
		Articles: *n, Keep: *keep, NoBaseline: *noBaseline,
		Progress: func(s string) { fmt.Fprintln(env.Stderr, "bench:", s) },
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings bench: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
		return ExitOK
	}
	printBench(env.Stdout, rep)
	return ExitOK
}

func printBench(w io.Writer, r *bench.Report) {
	fmt.Fprintf(w, "Clippings bench: %d articles, %d cores\n\n", r.Articles, r.Cores)
	fmt.Fprintf(w, "import          %.0f articles/s, %.1f MB/s (%.0f s in all)\n", r.ArticlesPerSec, r.MBPerSec, r.ImportSeconds)
	fmt.Fprintf(w, "                first chunk %.0f/s, last chunk %.0f/s (%.0f%%)\n", r.FirstChunkRate, r.LastChunkRate, 100*r.LastChunkRate/r.FirstChunkRate)
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "sqlite3 shell   %.0f articles/s on the same texts: Clippings takes %.2f× its time\n", b.ArticlesPerSec, b.Ratio)
	}
	fmt.Fprintf(w, "saved web pages %.0f pages/s\n", r.HTMLPagesPerSec)
	fmt.Fprintf(w, "archive         %.1f MB, %.0f bytes/article (text: %.0f bytes/article, %.0f%% overhead incl. compressed originals)\n",
		float64(r.ArchiveBytes)/(1<<20), r.BytesPerArticle, float64(r.TextBytes)/float64(r.Articles),
		100*(float64(r.ArchiveBytes)/float64(r.TextBytes)-1))
	fmt.Fprintf(w, "open to first page %s\n", ms(r.OpenToFirstPage))
	fmt.Fprintf(w, "peak RSS        %.0f MB\n\n", float64(r.PeakRSSBytes)/(1<<20))
	fmt.Fprintf(w, "%-16s %-10s %9s %9s %9s %9s  %s\n", "query", "sort", "p50", "p95", "max", "matches", "example")
	for _, q := range r.Queries {
		fmt.Fprintf(w, "%-16s %-10s %9s %9s %9s %9d  %s\n", q.Kind, q.Sort, ms(q.P50), ms(q.P95), ms(q.Max), q.Hits, q.Example)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
