package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/importer"
)

// importJSON is one line of `import --json`.
type importJSON struct {
	Path    string           `json:"path"`
	Status  importer.Status  `json:"status"`
	ID      int64            `json:"id,omitempty"`
	Title   string           `json:"title,omitempty"`
	Error   string           `json:"error,omitempty"`
	Article *article.Article `json:"article,omitempty"`
}

func runImport(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "import", "[--json] [--dry-run] PATH|URL|-...",
		"Import files ("+article.ReadsText()+"), folders (walked recursively), web pages\n"+
			"(http:// and https:// addresses, fetched once) and, with -, one article from standard\n"+
			"input. One line per file or address; exit status 0 when none failed, 1 when any did")
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	dryRun := fs.Bool("dry-run", false, "extract and report, store nothing (with --json: the whole article)")
	maxMB := fs.Int("max-size", int(article.DefaultMaxSize>>20), "largest file or page to import, in `MB`")
	var in stdinFlags
	fs.StringVar(&in.title, "title", "", "with -: the article's headline, instead of the one found")
	fs.StringVar(&in.url, "url", "", "with -: the article's web `address`")
	fs.StringVar(&in.format, "format", "", "with -: `html` or text, when the content does not tell")
	paths, ok, status := parseInterspersed(fs, args)
	if !ok {
		return status
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.Stderr, "clippings import: name at least one file, folder or web address, or - for standard input")
		fs.Usage()
		return ExitUsage
	}
	limit := int64(*maxMB) << 20
	batch, ok := in.batch(env, paths, limit)
	if !ok {
		return ExitUsage
	}
	// A dry run stores nothing and looks nothing up: it needs no archive.
	var store *db.Store
	if !*dryRun {
		s, ok := openStore(ctx, env, *dbFlag, adds)
		if !ok {
			return ExitUsage
		}
		store = s
		defer func() { store.Close() }()
	}

	im := &importer.Importer{Store: store, Opts: importer.Options{DryRun: *dryRun, MaxSize: limit}}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	progress := newProgress(env)
	sum := im.RunBatch(ctx, batch, func(r importer.Result) {
		progress.clear()
		if *asJSON {
			enc.Encode(resultJSON(r))
			return
		}
		fmt.Fprintln(env.Stdout, describeResult(r))
	}, progress.update)
	progress.clear()
	fmt.Fprintln(env.Stderr, summaryLine(sum))
	// An archive from an earlier version: its older articles get their
	// copies and entities now, once (grouping does not depend on the order
	// articles are done in, so the new ones could go first).
	if !*dryRun && ctx.Err() == nil {
		var ok bool
		if store, ok = backfill(ctx, env, store, "import"); !ok {
			return ExitFailed
		}
	}
	// No window is left open to merge the index when idle: what the import
	// wrote is merged now, for at most a quarter of the time it took, so
	// the next search reads few segments.
	if !*dryRun && ctx.Err() == nil && sum.Imported > 0 {
		if _, err := store.MergeFor(ctx, max(time.Second, time.Since(progress.start)/4)); err != nil {
			fmt.Fprintf(env.Stderr, "clippings import: everything is stored; merging the index afterwards failed: %v\n", err)
		}
	}
	if sum.Failed > 0 || sum.Cancelled > 0 {
		return ExitFailed
	}
	return ExitOK
}

func resultJSON(r importer.Result) importJSON {
	line := importJSON{Path: r.Path, Status: r.Status, ID: r.ID, Title: r.Title, Article: r.Article}
	if r.Err != nil {
		line.Error = r.Err.Error()
	}
	if line.Article != nil {
		normalise(line.Article)
	}
	return line
}

// normalise makes empty lists print as [] rather than null.
func normalise(a *article.Article) {
	if a.Authors == nil {
		a.Authors = []string{}
	}
	if a.Captions == nil {
		a.Captions = []article.Caption{}
	}
}

func describeResult(r importer.Result) string {
	switch r.Status {
	case importer.Imported:
		return fmt.Sprintf("imported   #%d %s  (%s)", r.ID, oneLine(r.Title), r.Path)
	case importer.Duplicate:
		return fmt.Sprintf("duplicate  %s: duplicate of #%d", r.Path, r.ID)
	case importer.Extracted:
		return fmt.Sprintf("extracted  %s  (%s; dry run, not stored)", oneLine(r.Title), r.Path)
	case importer.Skipped:
		return fmt.Sprintf("skipped    %s: %v", r.Path, r.Err)
	}
	return fmt.Sprintf("failed     %s: %v", r.Path, r.Err)
}

// summaryLine is "3 imported · 1 duplicate · 2 failed".
func summaryLine(s importer.Summary) string {
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(s.Imported, "imported", "imported")
	add(s.Extracted, "extracted", "extracted")
	add(s.Duplicates, "duplicate", "duplicates")
	add(s.Failed, "failed", "failed")
	add(s.Skipped, "skipped", "skipped")
	add(s.Cancelled, "cancelled", "cancelled")
	if len(parts) == 0 {
		return "nothing to import"
	}
	return strings.Join(parts, " · ")
}

// progress shows how far a long import is: a bar redrawn in place on a
// terminal, a line every few seconds otherwise.
type progress struct {
	env   Env
	unit  string // what is counted: "files"
	shown bool
	last  time.Time
	start time.Time
}

func newProgress(env Env) *progress { return &progress{env: env, unit: "files", start: time.Now()} }

func (p *progress) update(pr importer.Progress) {
	now := time.Now()
	if now.Sub(p.start) < time.Second || pr.Total < 2 {
		return // short imports need no progress report
	}
	if p.env.StderrIsTTY {
		if now.Sub(p.last) < 100*time.Millisecond && pr.Done != pr.Total {
			return
		}
		const width = 30
		filled := width * pr.Done / pr.Total
		fmt.Fprintf(p.env.tty, "\r[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), pr.Done, pr.Total, p.unit)
		p.shown = true
	} else {
		if now.Sub(p.last) < 5*time.Second {
			return
		}
		fmt.Fprintf(p.env.Stderr, "progress: %d/%d %s\n", pr.Done, pr.Total, p.unit)
	}
	p.last = now
}

// clear removes the bar before other output.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.env.tty, "\r\033[K")
		p.shown = false
	}
}
