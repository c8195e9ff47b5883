package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/clippings/clippings/bench"
	"github.com/clippings/clippings/db"
)

func runBench(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "bench", "[--articles N] [--keep FILE | --reuse FILE | --files DIR [--from K]] [--json]",
		"Build an archive of N synthetic articles through the real import path and time imports and searches")
	n := fs.Int("articles", 10000, "number of synthetic articles")
	keep := fs.String("keep", "", "keep the archive in `FILE` instead of a temporary one")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	reuse := fs.String("reuse", "", "only time the searches, on an archive `FILE` an earlier --keep run built")
	noBaseline := fs.Bool("no-baseline", false, "skip timing the sqlite3 shell on the same texts")
	peer := fs.String("peer", "", "index the same files with `recoll` too (recollindex, recollq: Debian package recollcmd) and run the same queries as commands, both")
	files := fs.String("files", "", "only write N synthetic articles as files into `DIR` (a quarter saved pages), to drop on the window")
	from := fs.Int("from", 10_000_000, "with --files, the first article's number: far past an archive bench built, so the files are new to it")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if *files != "" {
		if err := bench.NewCorpus(0).WriteFiles(*files, *from, *n); err != nil {
			fmt.Fprintf(env.Stderr, "clippings bench: %v\n", err)
			return ExitFailed
		}
		fmt.Fprintf(env.Stdout, "wrote %d articles into %s\n", *n, *files)
		return ExitOK
	}
	rep, err := bench.Run(ctx, bench.Options{
		Articles: *n, Keep: *keep, Reuse: *reuse, NoBaseline: *noBaseline, Peer: *peer,
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
	if r.ImportSeconds > 0 { // not when only searches were timed (--reuse)
		fmt.Fprintf(w, "import          %.0f articles/s, %.1f MB/s (%.0f s in all)\n", r.ArticlesPerSec, r.MBPerSec, r.ImportSeconds)
		fmt.Fprintf(w, "                first chunk %.0f/s, last chunk %.0f/s (%.0f%%)\n", r.FirstChunkRate, r.LastChunkRate, 100*r.LastChunkRate/r.FirstChunkRate)
	}
	if r.RateAt100k > 0 && r.RateLast50k > 0 {
		fmt.Fprintf(w, "                50,000–100,000 %.0f/s; the last 50,000 %.0f/s (%.0f%% of that)\n", r.RateAt100k, r.RateLast50k, 100*r.RateLast50k/r.RateAt100k)
	}
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "sqlite3 shell   %.0f articles/s on the same texts: Clippings takes %.2f× its time\n", b.ArticlesPerSec, b.Ratio)
		if f := b.FTS5; f != nil {
			fmt.Fprintf(w, "FTS5 alone      %.2f× the shell's time, index %.0f%% of the text (the first %d texts): this SQLite, the archive's %s\n",
				f.Ratio, percentOf(f.IndexBytes, f.TextBytes), f.Articles, f.Options)
		}
	}
	if r.HTMLPagesPerSec > 0 {
		fmt.Fprintf(w, "saved web pages %.0f pages/s\n", r.HTMLPagesPerSec)
	}
	if st := r.Start; st != nil {
		fmt.Fprintf(w, "command line    clippings --version %s p50, %s p95; clippings search (%d articles) %s p50, %s p95 (whole processes)\n",
			ms(st.VersionP50), ms(st.VersionP95), st.Articles, ms(st.SearchP50), ms(st.SearchP95))
	}
	if r.TextBytes > 0 {
		fmt.Fprintf(w, "archive         %.1f MB, %.0f bytes/article (text: %.0f bytes/article, %.0f%% overhead incl. compressed originals)\n",
			float64(r.ArchiveBytes)/(1<<20), r.BytesPerArticle, float64(r.TextBytes)/float64(r.Articles),
			100*(float64(r.ArchiveBytes)/float64(r.TextBytes)-1))
	} else {
		fmt.Fprintf(w, "archive         %.1f MB, %.0f bytes/article\n", float64(r.ArchiveBytes)/(1<<20), r.BytesPerArticle)
	}
	if r.StoredTextBytes > 0 {
		rest := r.ArchiveBytes - r.StoredTextBytes - r.StoredOriginalBytes
		fmt.Fprintf(w, "                as imported: index and metadata %.0f%% of the text, compressed originals %.0f%%\n",
			percentOf(rest, r.StoredTextBytes), percentOf(r.StoredOriginalBytes, r.StoredTextBytes))
	}
	if m := r.Merged; m != nil && r.StoredTextBytes > 0 {
		rest := m.ArchiveBytes - m.FreeBytes - r.StoredTextBytes - r.StoredOriginalBytes
		fmt.Fprintf(w, "merged          as at rest (the window merges when idle, clippings import before it exits; %.0f s): index and metadata %.0f%% of the text;\n",
			m.Seconds, percentOf(rest, r.StoredTextBytes))
		fmt.Fprintf(w, "                archive %.1f MB, of which %.1f MB free pages the file keeps for later imports\n",
			float64(m.ArchiveBytes)/(1<<20), float64(m.FreeBytes)/(1<<20))
	}
	fmt.Fprintf(w, "open to first page %s\n", ms(r.OpenToFirstPage))
	if r.OrganiseSeconds >= 0.01 {
		fmt.Fprintf(w, "organising      %.1f s to tag 6%% of the articles and star 1%%\n", r.OrganiseSeconds)
	}
	fmt.Fprintf(w, "peak RSS        %.0f MB\n\n", float64(r.PeakRSSBytes)/(1<<20))
	fmt.Fprintf(w, "%-16s %-10s %9s %9s %9s %9s  %s\n", "query", "sort", "p50", "p95", "max", "matches", "example")
	var deferred []string
	for _, q := range r.Queries {
		fmt.Fprintf(w, "%-16s %-10s %9s %9s %9s %9d  %s\n", q.Kind, q.Sort, ms(q.P50), ms(q.P95), ms(q.Max), q.Hits, q.Example)
		if q.Deferred > 0 {
			deferred = append(deferred, fmt.Sprintf("%s (%d of %d)", q.Kind, q.Deferred, q.Runs))
		}
	}
	fmt.Fprintln(w, "\nrelevance: a first page asked for as the window does (Quick); ranked: the ranked page, asked for on its own.")
	if len(deferred) > 0 {
		fmt.Fprintf(w, "First pages listed newest first, the ranked page following: %s.\n", strings.Join(deferred, ", "))
	}
	if p := r.Peer; p != nil {
		printPeer(w, r, p)
	}
}

// printPeer prints Clippings beside another program: the times as ratios,
// Clippings' time over the peer's (below 1: Clippings is faster).
func printPeer(w io.Writer, r *bench.Report, p *bench.Peer) {
	fmt.Fprintf(w, "\nBeside %s %s, on the same files in the same run (Clippings' time / %s's: below 1, Clippings is faster)\n\n", p.Name, p.Version, p.Name)
	fmt.Fprintf(w, "import          Clippings %.0f s, %s %.0f s: %.2f×\n", p.ClippingsSeconds, p.Name, p.ImportSeconds, p.ClippingsSeconds/max(p.ImportSeconds, 1e-9))
	fmt.Fprintf(w, "size            archive %.1f MB (with the text and the compressed originals), %s's index %.1f MB (with the text)\n\n",
		float64(r.ArchiveBytes)/(1<<20), p.Name, float64(p.IndexBytes)/(1<<20))
	fmt.Fprintf(w, "%-16s %-10s %9s %9s %9s %9s %7s %9s %9s  %s\n", "query, as a command", "sort", "p50", "p95", p.Name+" p50", "p95", "ratio", "matches", "theirs", "example")
	for _, q := range p.Queries {
		fmt.Fprintf(w, "%-16s %-10s %9s %9s %9s %9s %6.2f× %9d %9d  %s\n", q.Kind, q.Sort, ms(q.ClippingsP50), ms(q.ClippingsP95),
			ms(q.PeerP50), ms(q.PeerP95), float64(q.ClippingsP95)/float64(max(q.PeerP95, 1)), q.ClippingsMatches, q.PeerMatches, q.PeerExample)
	}
	fmt.Fprintf(w, "\nratio: p95 over p95. Each a whole process: clippings search --limit 50 (snippets, the count to %d), recollq -n 50 -A (newest: -S mtime -D).\n", db.CountCap)
}

func percentOf(part, whole int64) float64 { return 100 * float64(part) / float64(max(1, whole)) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
