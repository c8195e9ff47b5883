// Package importer brings files and folders into the archive: it walks
// folders, extracts articles on every core and stores them in batches,
// reporting one result per file. The CLI and the desktop app share it.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
	"github.com/clippings/clippings/isolate"
)

// Status is what became of one file.
type Status string

const (
	Imported  Status = "imported"
	Duplicate Status = "duplicate"
	Failed    Status = "failed"
	Skipped   Status = "skipped"   // inside a folder and not an article file
	Extracted Status = "extracted" // dry run: extracted, nothing stored
)

// Result is the outcome for one file.
type Result struct {
	Path    string
	Status  Status
	ID      int64 // the new article, or the one it duplicates
	Title   string
	Err     error            // why it failed or was skipped
	Article *article.Article // the extracted article, in dry runs
}

// Progress is reported after each file.
type Progress struct {
	Done, Total int
	Current     string // the file just finished
}

// Summary counts results.
type Summary struct {
	Imported, Duplicates, Failed, Skipped, Extracted int
	Cancelled                                        int // files not reached before cancellation
	LastID                                           int64
}

// Add counts one result.
func (s *Summary) Add(r Result) {
	switch r.Status {
	case Imported:
		s.Imported++
		s.LastID = r.ID
	case Duplicate:
		s.Duplicates++
	case Failed:
		s.Failed++
	case Skipped:
		s.Skipped++
	case Extracted:
		s.Extracted++
	}
}

// Options tunes an import. The zero value imports with one worker per core.
type Options struct {
	DryRun    bool
	Workers   int   // 0: one per core
	MaxSize   int64 // 0: article.DefaultMaxSize
	Timeout   time.Duration
	BatchSize int // articles per write transaction; 0: 256
}

// Importer runs imports into one archive.
type Importer struct {
	Store *db.Store
	Opts  Options
	// Web fetches the web addresses given; nil: a fetch.Client with the
	// defaults and Opts.MaxSize, made when first needed.
	Web     *fetch.Client
	webOnce sync.Once
	// Pool extracts the files in worker processes (see isolate); nil: a
	// pool for the run. The window keeps one for its imports.
	Pool *isolate.Pool
}

// Run imports paths (files, folders and web addresses). onResult is
// called once per file or address, and onProgress after each, from a
// single goroutine at a time; either may be nil. When ctx is cancelled,
// what was not yet started is counted as cancelled.
func (im *Importer) Run(ctx context.Context, paths []string, onResult func(Result), onProgress func(Progress)) Summary {
	return im.RunBatch(ctx, Batch{Paths: paths}, onResult, onProgress)
}

// RunBatch imports a batch of paths, web addresses and articles in hand,
// all through the same duplicate check, results and progress.
func (im *Importer) RunBatch(ctx context.Context, b Batch, onResult func(Result), onProgress func(Progress)) Summary {
	paths, addresses := splitAddresses(b.Paths)
	files, early := Collect(paths)
	jobs := make([]job, 0, len(files)+len(addresses)+len(b.Items))
	for _, f := range files {
		jobs = append(jobs, job{path: f})
	}
	for _, a := range addresses {
		jobs = append(jobs, job{address: a})
	}
	for i := range b.Items {
		jobs = append(jobs, job{item: &b.Items[i]})
	}
	var (
		sum  Summary
		mu   sync.Mutex
		done int
	)
	total := len(jobs) + len(early)
	report := func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		sum.Add(r)
		done++
		if onResult != nil {
			onResult(r)
		}
		if onProgress != nil {
			onProgress(Progress{Done: done, Total: total, Current: r.Path})
		}
	}
	for _, r := range early {
		report(r)
	}
	pool := im.Pool
	if pool == nil && len(jobs) > 0 {
		pool = isolate.New(im.Opts.Workers)
		defer pool.Close()
	}
	extract := extractorFor(pool, len(jobs))

	pipeline(ctx, jobs, im.Opts.Workers, im.Opts.BatchSize, func(j job) (pending, int64, bool) {
		p := im.prepareJob(ctx, extract, j)
		if p.result != nil {
			report(*p.result)
			return p, 0, false
		}
		if p.cancelled {
			return p, 0, false // counted as cancelled
		}
		return p, p.size, true
	}, func(batch []pending) { im.store(ctx, batch, report) })

	mu.Lock()
	sum.Cancelled = total - done
	mu.Unlock()
	return sum
}

// extractFunc extracts one file: isolate.Pool's Extract or ExtractHere.
type extractFunc func(name string, data []byte, opts article.Options) (article.Article, error)

// fewFiles: a run of at most this many files extracts its small copied
// texts in this process (isolate.Pool.ExtractHere), where a worker's start
// (0.35 s of CPU) would cost more than they do. Past it, every file goes to
// a worker: 5,000 texts imported in 9–10 s so, against 13–14 s with their
// extraction in the importing process (clippings bench, see docs/speed.md).
const fewFiles = 64

func extractorFor(pool *isolate.Pool, files int) extractFunc {
	if files <= fewFiles {
		return pool.ExtractHere
	}
	return pool.Extract
}

// pending is an extracted article waiting to be stored, or a finished result.
type pending struct {
	path      string
	item      db.NewArticle
	size      int64 // bytes held: the original, compressed, and the text
	result    *Result
	cancelled bool // a fetch the cancel stopped
}

// prepare reads and extracts one file; files already imported are spotted by
// their hash before the (slower) extraction.
func (im *Importer) prepare(ctx context.Context, extract extractFunc, path string) pending {
	if isExportName(path) {
		return im.prepareRestore(ctx, path)
	}
	data, err := readLimited(path, im.maxSize())
	if err != nil {
		return failed(path, err)
	}
	return im.prepareData(ctx, extract, origin{label: path, name: filepath.Base(path), path: path}, data)
}

func failed(label string, err error) pending {
	return pending{result: &Result{Path: label, Status: Failed, Err: err}}
}

// prepareData extracts an article from bytes in hand; bytes already
// imported are spotted by their hash before the (slower) extraction.
func (im *Importer) prepareData(ctx context.Context, extract extractFunc, o origin, data []byte) pending {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if !im.Opts.DryRun {
		// A file begun is finished even after a cancel, as its storing is.
		if id, ok, err := im.Store.FindByFileHash(context.WithoutCancel(ctx), sha); err != nil {
			return failed(o.label, err)
		} else if ok {
			return pending{result: &Result{Path: o.label, Status: Duplicate, ID: id, Err: &db.DuplicateError{ID: id}}}
		}
	}
	a, err := extract(o.name, data, article.Options{MaxSize: im.Opts.MaxSize, Timeout: im.Opts.Timeout})
	if err != nil {
		return failed(o.label, err)
	}
	a.File.Path = o.path
	edited := o.apply(&a)
	if im.Opts.DryRun {
		return pending{result: &Result{Path: o.label, Status: Extracted, Title: a.Title, Article: &a}}
	}
	item := db.NewArticle{Article: a, Original: data, Organised: db.Organised{Edited: edited}}
	if err := item.Prepare(); err != nil { // hashing and compressing, on this worker
		return failed(o.label, err)
	}
	return pending{path: o.label, item: item, size: item.Size()}
}

func (im *Importer) maxSize() int64 {
	if im.Opts.MaxSize > 0 {
		return im.Opts.MaxSize
	}
	return article.DefaultMaxSize
}

// readLimited reads a file, refusing one over the limit before reading it:
// a 200 MB file must not cost 200 MB of memory to turn down.
//
// It opens without waiting (openNoDelay) and reads only a regular file: a
// file swapped for a named pipe after it was listed would block the import
// for ever (the extraction's time limit does not cover reading).
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := openNoDelay(path)
	if err != nil {
		return nil, describeFileError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, describeFileError(err)
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("file is %.1f MB, over the %.0f MB limit: %w",
			float64(st.Size())/(1<<20), float64(limit)/(1<<20), article.ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit { // it grew while we read it
		return nil, fmt.Errorf("file is over the %.0f MB limit: %w", float64(limit)/(1<<20), article.ErrTooLarge)
	}
	return data, nil
}

func describeFileError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied: Clippings may not read this file")
	}
	return err
}

// store writes a batch of extracted articles in one transaction: far faster
// than one per article, and all-or-nothing.
func (im *Importer) store(ctx context.Context, batch []pending, report func(Result)) {
	items := make([]db.NewArticle, len(batch))
	for i, p := range batch {
		items[i] = p.item
	}
	// Storing goes on after a cancel: what was extracted is kept.
	results, _ := im.Store.Add(context.WithoutCancel(ctx), items)
	for i, r := range results {
		res := Result{Path: batch[i].path, Title: batch[i].item.Article.Title, ID: r.ID}
		var dup *db.DuplicateError
		switch {
		case r.Err == nil:
			res.Status = Imported
		case errors.As(r.Err, &dup):
			res.Status, res.ID, res.Err = Duplicate, dup.ID, r.Err
		default:
			res.Status, res.Err = Failed, r.Err
		}
		report(res)
	}
}
