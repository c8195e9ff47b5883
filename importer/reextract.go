package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
	"github.com/clippings/clippings/isolate"
)

// Statuses of a re-extraction.
const (
	Updated   Status = "updated"   // the extractor now gives something else: stored
	Unchanged Status = "unchanged" // the extractor gives what was stored
)

// ReextractResult is what became of one article. Failed ones keep what they
// had; Err says why (the original no longer extracts, is missing, or its
// new text is another article's).
type ReextractResult struct {
	ID     int64
	Title  string // as stored before
	Status Status // Updated, Unchanged or Failed
	Err    error
}

// ReextractSummary counts the results.
type ReextractSummary struct {
	Updated, Unchanged, Failed int
	Cancelled                  int // articles not reached before cancellation
}

func (s *ReextractSummary) add(r ReextractResult) {
	switch r.Status {
	case Updated:
		s.Updated++
	case Unchanged:
		s.Unchanged++
	default:
		s.Failed++
	}
}

// ReextractOptions tunes a re-extraction; the zero value uses every core.
type ReextractOptions struct {
	Workers   int // 0: one per core
	BatchSize int // articles per write transaction; 0: 256
	Extract   article.Options
	Pool      *isolate.Pool // extracts in worker processes; nil: a pool for the run
}

// Reextract runs the current extractor over the stored original file of
// each article and stores what it gives, keeping each article's id, tags,
// star, read state, note and the metadata the user corrected. onResult and
// onProgress (either may be nil) are called from one goroutine at a time,
// after each article. The error is for the archive failing to store a
// batch, or ctx being cancelled: the articles done by then stay done.
func Reextract(ctx context.Context, store *db.Store, ids []int64, opts ReextractOptions,
	onResult func(ReextractResult), onProgress func(Progress)) (ReextractSummary, error) {
	var (
		sum  ReextractSummary
		mu   sync.Mutex
		done int
	)
	report := func(r ReextractResult) {
		mu.Lock()
		defer mu.Unlock()
		sum.add(r)
		done++
		if onResult != nil {
			onResult(r)
		}
		if onProgress != nil {
			onProgress(Progress{Done: done, Total: len(ids), Current: fmt.Sprintf("#%d %s", r.ID, r.Title)})
		}
	}
	type fresh struct {
		title string
		item  db.Reextraction
	}
	var storeErr error
	pool := opts.Pool
	if pool == nil {
		pool = isolate.New(opts.Workers)
		defer pool.Close()
	}
	extract := extractorFor(pool, len(ids))
	pipeline(ctx, ids, opts.Workers, opts.BatchSize, func(id int64) (fresh, int64, bool) {
		if ctx.Err() != nil {
			return fresh{}, 0, false // counted as cancelled
		}
		title, a, err := reextractOne(ctx, store, extract, id, opts.Extract)
		if err != nil {
			report(ReextractResult{ID: id, Title: title, Status: Failed, Err: err})
			return fresh{}, 0, false
		}
		item := db.Reextraction{ID: id, Article: a}
		item.Prepare() // signing and finding entities, on this worker
		return fresh{title: title, item: item}, int64(len(a.Title) + len(a.Body)), true
	}, func(batch []fresh) {
		if storeErr != nil {
			return
		}
		items := make([]db.Reextraction, len(batch))
		for i, f := range batch {
			items[i] = f.item
		}
		// A batch begun is stored even after a cancel, as imports are.
		outcomes, err := store.Reextracted(context.WithoutCancel(ctx), items)
		if err != nil {
			storeErr = err
			return
		}
		for i, o := range outcomes {
			r := ReextractResult{ID: batch[i].item.ID, Title: batch[i].title, Status: Unchanged}
			switch {
			case o.Err != nil:
				r.Status, r.Err = Failed, o.Err
			case o.Changed:
				r.Status = Updated
			}
			report(r)
		}
	})

	mu.Lock()
	defer mu.Unlock()
	sum.Cancelled = len(ids) - done
	if storeErr != nil {
		return sum, fmt.Errorf("re-extract: %w", storeErr)
	}
	if err := ctx.Err(); err != nil && sum.Cancelled > 0 {
		return sum, err
	}
	return sum, nil
}

// reextractOne extracts an article's original again. The file's stored name
// picks the parser, as on import.
func reextractOne(ctx context.Context, store *db.Store, extract extractFunc, id int64, opts article.Options) (string, article.Article, error) {
	stored, err := store.Get(ctx, id)
	if err != nil {
		return "", article.Article{}, err
	}
	original, err := store.Original(ctx, id)
	if err != nil {
		return stored.Title, article.Article{}, err
	}
	name := stored.File.Name
	if _, ok := article.Supported(name); !ok {
		name = "original" + extensionOf(stored.File.Format)
	}
	a, err := extract(name, original, opts)
	if err != nil {
		return stored.Title, article.Article{}, fmt.Errorf("the original no longer extracts: %w", err)
	}
	a.File.Path = stored.File.Path
	if fetch.IsAddress(a.File.Path) { // fetched or pasted from a page
		cameFrom(&a, a.File.Path)
	}
	return stored.Title, a, nil
}

// extensionOf names a file of a stored format, for originals whose name
// does not tell it.
func extensionOf(format string) string {
	if ext := article.Extension(format); ext != "" {
		return ext
	}
	return filepath.Ext(format)
}
