package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/importer"
)

// Options configures a run.
type Options struct {
	Articles int    // how many synthetic articles
	Keep     string // keep the archive at this path; "" for a temporary one
	// Reuse times the searches only, on an archive an earlier run kept
	// (same seed): building a million articles takes most of an hour.
	Reuse   string
	Seed    uint64
	Repeats int // runs of each query; 0: 20
	// NoBaseline skips loading the same texts with the sqlite3 shell.
	NoBaseline bool
	// Peer is another program to index the same files and run the same
	// queries beside Clippings, whole processes both: "recoll" or "".
	Peer     string
	Progress func(string) // optional: reports what is happening
}

// Report is what a run measured.
type Report struct {
	Articles       int     `json:"articles"`
	Cores          int     `json:"cores"`
	ImportSeconds  float64 `json:"import_seconds"`
	ArticlesPerSec float64 `json:"import_articles_per_s"`
	MBPerSec       float64 `json:"import_mb_per_s"`
	FirstChunkRate float64 `json:"import_rate_first_chunk"` // articles/s into the empty archive
	LastChunkRate  float64 `json:"import_rate_last_chunk"`  // articles/s at full size
	// Rates over many chunks, as one chunk's swings with what the machine
	// does: 50,000–100,000, and the last 50,000 of a build of 200,000 or more.
	RateAt100k   float64 `json:"import_rate_at_100k,omitempty"`
	RateLast50k  float64 `json:"import_rate_last_50k,omitempty"`
	TextBytes    int64   `json:"text_bytes"`
	ArchiveBytes int64   `json:"archive_bytes"`
	// The archive's own measure of its articles' text and of the originals
	// it keeps compressed: the rest is index and metadata.
	StoredTextBytes     int64 `json:"stored_text_bytes"`
	StoredOriginalBytes int64 `json:"stored_original_bytes"`
	// The archive once its index is merged, as a user's is at rest (the
	// window merges when idle, clippings import before it exits): its size
	// and the free pages the file keeps for later imports. Built archives
	// only, not --reuse.
	Merged          *MergedSize   `json:"merged,omitempty"`
	BytesPerArticle float64       `json:"archive_bytes_per_article"`
	HTMLPagesPerSec float64       `json:"import_html_pages_per_s"`
	OpenToFirstPage time.Duration `json:"open_to_first_page_ns"`
	OrganiseSeconds float64       `json:"organise_seconds"` // tagging and starring a share of the archive
	PeakRSSBytes    int64         `json:"peak_rss_bytes"`
	Queries         []QueryTiming `json:"queries"`
	Baseline        *Baseline     `json:"sqlite3_baseline,omitempty"`
	Peer            *Peer         `json:"peer,omitempty"`
	Start           *StartTimes   `json:"start,omitempty"`
}

// QueryTiming is the time to the first page of 50 hits (with snippets and
// the total count) for one kind of query and sort. Sort "relevance" is a
// first page asked for as the window does (a Quick request: newest first
// when the ranking would keep it waiting, see Deferred; the window groups
// copies of a story too); "ranked" is the ranked page the window then
// shows, asked for on its own.
type QueryTiming struct {
	Kind    string        `json:"kind"`
	Sort    string        `json:"sort"`
	Example string        `json:"example"`
	P50     time.Duration `json:"p50_ns"`
	P95     time.Duration `json:"p95_ns"`
	Max     time.Duration `json:"max_ns"`
	Hits    int           `json:"median_total"`
	// Deferred counts the runs whose first page came newest first, its
	// ranking left to a second request (db.Results.Refine).
	Deferred int `json:"deferred,omitempty"`
	Runs     int `json:"runs"`
}

// timedSort is one column of the query mix: a sort, asked quick or not.
type timedSort struct {
	name  string
	sort  db.Sort
	quick bool
}

var (
	firstPage  = timedSort{"relevance", db.Relevance, true}
	rankedPage = timedSort{"ranked", db.Relevance, false}
	newestPage = timedSort{"newest", db.Newest, false}
)

// chunkSize is how many files exist on disk at once while building.
const chunkSize = 5000

// Run builds the archive and measures it.
func Run(ctx context.Context, opts Options) (*Report, error) {
	if opts.Articles <= 0 && opts.Reuse == "" {
		return nil, fmt.Errorf("bench: --articles must be at least 1")
	}
	if opts.Peer != "" && opts.Peer != "recoll" {
		return nil, fmt.Errorf("bench: unknown --peer %q: recoll is the one known", opts.Peer)
	}
	if opts.Peer != "" && opts.Reuse != "" {
		return nil, fmt.Errorf("bench: --peer needs the files, so it cannot time an archive --reuse names")
	}
	if opts.Repeats <= 0 {
		opts.Repeats = 20
	}
	say := opts.Progress
	if say == nil {
		say = func(string) {}
	}
	tmp, err := os.MkdirTemp("", "clippings-bench-")
	if err != nil {
		return nil, fmt.Errorf("bench: temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	corpus := NewCorpus(opts.Seed)
	rep := &Report{Articles: opts.Articles, Cores: runtime.NumCPU()}
	var peer *recoll
	if opts.Peer != "" {
		if peer, err = newRecoll(tmp); err != nil {
			return nil, err
		}
		rep.Peer = &Peer{Name: "Recoll", Version: peer.version(ctx)}
	}
	path := opts.Reuse
	if path == "" {
		path = opts.Keep
		if path == "" {
			path = filepath.Join(tmp, "bench.db")
		}
		if err := build(ctx, corpus, path, tmp, opts, rep, peer); err != nil {
			return nil, err
		}
	}
	rep.ArchiveBytes = fileSize(path) + fileSize(path+"-wal")

	say("timing searches")
	t0 := time.Now()
	store, err := db.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	if _, err := store.Search(ctx, db.Request{Limit: 50}); err != nil {
		return nil, err
	}
	rep.OpenToFirstPage = time.Since(t0)
	st, err := store.Stats(ctx)
	if err != nil {
		return nil, err
	}
	rep.StoredTextBytes, rep.StoredOriginalBytes = st.TextBytes, st.StoredOriginalBytes
	if opts.Reuse != "" {
		if rep.Articles, err = store.Count(ctx); err != nil {
			return nil, err
		}
	}
	rep.BytesPerArticle = float64(rep.ArchiveBytes) / float64(max(1, rep.Articles))
	t0 = time.Now()
	if err := organise(ctx, store, say); err != nil {
		return nil, err
	}
	rep.OrganiseSeconds = time.Since(t0).Seconds()

	for _, mix := range queryMix(corpus, opts.Repeats) {
		sorts := []timedSort{firstPage, rankedPage, newestPage}
		if mix.facets {
			sorts = sorts[2:] // facets do not depend on the order
		} else if err := warmUp(ctx, store, mix); err != nil {
			return nil, err
		}
		for _, sort := range sorts {
			qt, err := timeQueries(ctx, store, mix, sort)
			if err != nil {
				return nil, err
			}
			rep.Queries = append(rep.Queries, qt)
		}
	}
	if opts.Reuse == "" {
		say("importing saved web pages")
		small := filepath.Join(tmp, "html")
		pages := min(opts.Articles, htmlPages)
		if rep.HTMLPagesPerSec, err = htmlImportRate(ctx, corpus, small, pages); err != nil {
			return nil, err
		}
		say("timing the command line's start")
		if rep.Start, err = timeStart(ctx, filepath.Join(small, "html.db"), pages, corpus.Word(300)); err != nil {
			return nil, err
		}
	}
	rep.PeakRSSBytes = peakRSS()
	if opts.Reuse == "" {
		say("merging the index, as the window does when idle")
		if rep.Merged, err = mergedSize(ctx, store, path); err != nil {
			return nil, err
		}
	}
	if peer != nil {
		// As commands, both: the archive is closed here.
		if err := store.Close(); err != nil {
			return nil, err
		}
		say("timing the same queries as commands, Clippings and " + rep.Peer.Name)
		rep.Peer.ImportSeconds, rep.Peer.ClippingsSeconds = peer.seconds, rep.ImportSeconds
		rep.Peer.IndexBytes = dirSize(filepath.Join(peer.conf, "xapiandb"))
		if rep.Peer.Queries, err = timePeer(ctx, peer, path, queryMix(corpus, opts.Repeats)); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// MergedSize is the archive after its index was merged whole.
type MergedSize struct {
	Seconds      float64 `json:"seconds"` // merging took
	ArchiveBytes int64   `json:"archive_bytes"`
	FreeBytes    int64   `json:"free_bytes"` // of which free pages
}

// mergedSize merges the index of the archive at path whole, in the steps
// the window takes when idle, and measures the file once written back
// from the log (store is closed meanwhile; a fresh one is opened to read
// the free pages).
func mergedSize(ctx context.Context, store *db.Store, path string) (*MergedSize, error) {
	t0 := time.Now()
	for {
		done, err := store.MergeFor(ctx, time.Minute)
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
	}
	m := &MergedSize{Seconds: time.Since(t0).Seconds()}
	if err := store.Close(); err != nil { // writes the log back into the file
		return nil, err
	}
	again, err := db.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer again.Close()
	st, err := again.Stats(ctx)
	if err != nil {
		return nil, err
	}
	m.ArchiveBytes, m.FreeBytes = st.FileBytes, st.FreeBytes
	return m, nil
}

// build imports the synthetic articles in chunks, timing each, and the same
// texts into the sqlite3 shell for the baseline.
func build(ctx context.Context, corpus *Corpus, path, tmp string, opts Options, rep *Report, peer *recoll) error {
	say := opts.Progress
	if say == nil {
		say = func(string) {}
	}
	store, err := db.Open(ctx, path)
	if err != nil {
		return err
	}

	im := &importer.Importer{Store: store}
	var (
		base  *baseliner
		floor *floorLoader
	)
	if !opts.NoBaseline {
		base = newBaseliner(tmp)
	}
	if base != nil {
		options, err := store.FullTextOptions(ctx)
		if err == nil {
			floor, err = newFloorLoader(ctx, tmp, options)
		}
		if err != nil {
			store.Close()
			return err
		}
		defer floor.db.Close() // on the way out of a failed build
	}
	chunkDir := filepath.Join(tmp, "chunk")
	var chunks []chunkTime
	for start := 0; start < opts.Articles; start += chunkSize {
		end := min(start+chunkSize, opts.Articles)
		n, err := writeChunk(corpus, chunkDir, start, end)
		if err != nil {
			store.Close()
			return err
		}
		rep.TextBytes += n
		t0 := time.Now()
		sum := im.Run(ctx, []string{chunkDir}, nil, nil)
		took := time.Since(t0)
		if ctx.Err() != nil {
			store.Close()
			return ctx.Err()
		}
		if sum.Failed > 0 || sum.Imported != end-start {
			store.Close()
			return fmt.Errorf("bench: chunk %d–%d: %d imported, %d duplicates, %d failed", start, end, sum.Imported, sum.Duplicates, sum.Failed)
		}
		rep.ImportSeconds += took.Seconds()
		rate := float64(end-start) / took.Seconds()
		if start == 0 {
			rep.FirstChunkRate = rate
		}
		rep.LastChunkRate = rate
		chunks = append(chunks, chunkTime{start, end, took.Seconds()})
		if base != nil {
			shellSeconds, err := base.load(ctx, chunkDir)
			if err == nil && floor.wants() {
				if err = floor.load(ctx, chunkDir, shellSeconds); err == nil && !floor.wants() {
					_, err = floor.finish(ctx)
				}
			}
			if err != nil {
				store.Close()
				return err
			}
		}
		if peer != nil {
			peerSeconds, err := peer.add(ctx, chunkDir)
			if err != nil {
				store.Close()
				return err
			}
			say(fmt.Sprintf("imported %d/%d (%.0f articles/s; Recoll %.0f/s)", end, opts.Articles, rate, float64(end-start)/peerSeconds))
			continue
		}
		say(fmt.Sprintf("imported %d/%d (%.0f articles/s)", end, opts.Articles, rate))
		os.RemoveAll(chunkDir)
	}
	if opts.Articles >= 100_000 {
		rep.RateAt100k = rateOver(chunks, 50_000, 100_000)
	}
	if opts.Articles >= 200_000 {
		rep.RateLast50k = rateOver(chunks, opts.Articles-50_000, opts.Articles)
	}
	rep.ArticlesPerSec = float64(opts.Articles) / rep.ImportSeconds
	rep.MBPerSec = float64(rep.TextBytes) / (1 << 20) / rep.ImportSeconds
	if base != nil {
		f, err := floor.finish(ctx)
		if err != nil {
			store.Close()
			return err
		}
		rep.Baseline = base.report(opts.Articles, rep.ImportSeconds, f)
	}
	return store.Close()
}

// chunkTime is how long a chunk of the build took to import.
type chunkTime struct {
	start, end int
	seconds    float64
}

// rateOver is the import rate, in articles per second, over the chunks
// within [from, to].
func rateOver(chunks []chunkTime, from, to int) float64 {
	var n int
	var seconds float64
	for _, c := range chunks {
		if c.start >= from && c.end <= to {
			n += c.end - c.start
			seconds += c.seconds
		}
	}
	if seconds == 0 {
		return 0
	}
	return float64(n) / seconds
}

// The share of the archive organise tags and stars, as a user would have:
// one article in a hundred tagged "mali coup" and starred, one in twenty
// "read-later".
const (
	coupTag  = "mali coup"
	laterTag = "read-later"
)

// organise tags and stars a fixed share of the archive, so the query mix can
// time filtering by them. An archive a run kept is organised already.
func organise(ctx context.Context, store *db.Store, say func(string)) error {
	tags, err := store.Tags(ctx)
	if err != nil {
		return err
	}
	for _, t := range tags {
		if t.Name == coupTag {
			return nil
		}
	}
	ids, err := store.MatchingIDs(ctx, "")
	if err != nil {
		return err
	}
	var coup, later []int64
	for _, id := range ids {
		if id%100 == 7 {
			coup = append(coup, id)
		}
		if id%20 == 3 {
			later = append(later, id)
		}
	}
	say(fmt.Sprintf("tagging %d + %d articles, starring %d", len(coup), len(later), len(coup)))
	for _, step := range []func() error{
		func() error { return store.SetTags(ctx, coup, []string{coupTag}, nil) },
		func() error { return store.SetTags(ctx, later, []string{laterTag}, nil) },
		func() error { return store.SetStarred(ctx, coup, true) },
	} {
		if err := step(); err != nil {
			return fmt.Errorf("bench: organise: %w", err)
		}
	}
	return nil
}

// htmlPages is how many saved pages the HTML import rate is measured on.
const htmlPages = 2000

// htmlImportRate imports n synthetic saved pages into a new archive and
// returns pages per second: HTML extraction is far costlier than text.
func htmlImportRate(ctx context.Context, c *Corpus, dir string, n int) (float64, error) {
	pages := filepath.Join(dir, "pages")
	if err := os.MkdirAll(pages, 0o755); err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	for i := range n {
		name := filepath.Join(pages, "p"+strconv.Itoa(i)+".html")
		if err := os.WriteFile(name, []byte(c.Article(i).HTML()), 0o644); err != nil {
			return 0, fmt.Errorf("bench: write %s: %w", name, err)
		}
	}
	store, err := db.Open(ctx, filepath.Join(dir, "html.db"))
	if err != nil {
		return 0, err
	}
	defer store.Close()
	t0 := time.Now()
	sum := (&importer.Importer{Store: store}).Run(ctx, []string{pages}, nil, nil)
	took := time.Since(t0)
	if sum.Imported != n {
		return 0, fmt.Errorf("bench: saved pages: %d of %d imported, %d failed", sum.Imported, n, sum.Failed)
	}
	return float64(n) / took.Seconds(), nil
}

func writeChunk(c *Corpus, dir string, start, end int) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	var total int64
	for i := start; i < end; i++ {
		a := c.Article(i)
		text := a.Text()
		total += int64(len(text))
		name := filepath.Join(dir, "a"+strconv.Itoa(i)+".txt")
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return 0, fmt.Errorf("bench: write %s: %w", name, err)
		}
		// Dated as the article is, for a peer that dates files so (Recoll).
		if err := os.Chtimes(name, a.Published, a.Published); err != nil {
			return 0, fmt.Errorf("bench: date %s: %w", name, err)
		}
	}
	return total, nil
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

// queryKind is one line of the query mix: several queries of one kind.
type queryKind struct {
	kind    string
	queries []string
	facets  bool // time the facets of the results instead of the first page
}

// queryMix picks words by frequency rank so that each kind behaves the same
// at every archive size.
func queryMix(c *Corpus, n int) []queryKind {
	pick := func(from, step int, format string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf(format, c.Word(from+i*step))
		}
		return out
	}
	twoWords := make([]string, n)
	phrases := make([]string, n)
	for i := range twoWords {
		twoWords[i] = c.Word(300+i*37) + " " + c.Word(500+i*41)
		a := c.Article(i * 7)
		words := strings.Fields(strings.ToLower(strings.Trim(a.Paragraphs[0], ".")))
		phrases[i] = `"` + strings.Join(words[2:4], " ") + `"`
	}
	prefix := func(k int) []string {
		out := make([]string, n)
		for i := range out {
			w := c.Word(400 + i*53)
			out[i] = w[:min(k, len(w))] + "*"
		}
		return out
	}
	return []queryKind{
		{"rare word", pick(30000, 997, "%s"), false},
		{"common word", pick(150, 11, "%s"), false},
		{"stop word", []string{"the"}, false},
		{"two words", twoWords, false},
		{"phrase", phrases, false},
		{"2-letter prefix", prefix(2), false},
		{"3-letter prefix", prefix(3), false},
		{"title:", pick(200, 13, "title:%s"), false},
		{"after:", pick(180, 7, "%s after:2020-01-01"), false},
		{"tag: (1%)", []string{`tag:"` + coupTag + `"`}, false},
		{"word + tag (5%)", pick(150, 11, "%s tag:"+laterTag), false},
		{"is:starred", []string{"is:starred"}, false},
		{"word + author", pick(160, 13, `%s author:"Sarah Khan"`), false},
		{"facets", pick(150, 11, "%s"), true},
	}
}

func timeQueries(ctx context.Context, store *db.Store, mix queryKind, sort timedSort) (QueryTiming, error) {
	var times []time.Duration
	var totals []int
	deferred := 0
	for _, q := range mix.queries {
		for range max(1, 20/len(mix.queries)) {
			t0 := time.Now()
			var total int
			if mix.facets {
				f, err := store.Facets(ctx, q)
				if err != nil {
					return QueryTiming{}, fmt.Errorf("bench: facets %q: %w", q, err)
				}
				total = f.Counted
			} else {
				res, err := store.Search(ctx, db.Request{Query: q, Sort: sort.sort, Limit: 50, Quick: sort.quick})
				if err != nil {
					return QueryTiming{}, fmt.Errorf("bench: search %q: %w", q, err)
				}
				total = res.Total
				if res.Refine {
					deferred++
				}
			}
			times = append(times, time.Since(t0))
			totals = append(totals, total)
		}
	}
	sortDurations(times)
	sortInts(totals)
	return QueryTiming{
		Kind: mix.kind, Sort: sort.name, Example: mix.queries[0],
		P50: percentile(times, 0.50), P95: percentile(times, 0.95), Max: times[len(times)-1],
		Hits: totals[len(totals)/2], Deferred: deferred, Runs: len(times),
	}, nil
}

// warmUp runs each query of a kind once, ranked, untimed: the first of
// the sorts timed would otherwise pay for reading the pages all of them use.
func warmUp(ctx context.Context, store *db.Store, mix queryKind) error {
	for _, q := range mix.queries {
		if _, err := store.Search(ctx, db.Request{Query: q, Sort: db.Relevance, Limit: 50}); err != nil {
			return fmt.Errorf("bench: search %q: %w", q, err)
		}
	}
	return nil
}

func sortDurations(d []time.Duration) { sort.Slice(d, func(i, j int) bool { return d[i] < d[j] }) }
func sortInts(d []int)                { sort.Ints(d) }

func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}

// peakRSS reads the process's high-water resident memory (Linux).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
