package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/clippings/clippings/db"
)

// pageSize is how many search hits are fetched at a time.
const pageSize = 200

// Options says what to export and how.
type Options struct {
	Format Format
	Query  string // Clippings search syntax; "" exports every article
	// IDs, when not empty, are the articles to export (in this order)
	// instead of a search's results; ids that name no article are skipped.
	IDs []int64
}

// File is one exported article.
type File struct {
	ID   int64
	Path string
}

// Write exports the articles that match opts.Query, oldest first, one file
// each, into dir (created when missing). Existing files are never
// overwritten: a taken name gets a -2, -3, … suffix. onFile, if not nil, is
// called after each file. It returns how many articles were exported.
func Write(ctx context.Context, store *db.Store, dir string, opts Options, onFile func(File)) (int, error) {
	w, err := writerFor(opts.Format)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("export folder: %w", err)
	}
	if len(opts.IDs) > 0 {
		return writeIDs(ctx, store, dir, w, opts.IDs, onFile)
	}
	req := db.Request{Query: opts.Query, Sort: db.Oldest, Limit: pageSize}
	n := 0
	for {
		res, err := store.Search(ctx, req)
		if err != nil {
			return n, fmt.Errorf("export: %w", err)
		}
		for _, h := range res.Hits {
			path, err := writeOne(ctx, store, dir, w, h.ID)
			if errors.Is(err, db.ErrNotFound) {
				continue // deleted since the search
			}
			if err != nil {
				return n, err
			}
			n++
			if onFile != nil {
				onFile(File{ID: h.ID, Path: path})
			}
		}
		if res.Next == "" {
			return n, nil
		}
		req.Cursor = res.Next
	}
}

// writeIDs exports the articles ids name, skipping those deleted since.
func writeIDs(ctx context.Context, store *db.Store, dir string, w writer, ids []int64, onFile func(File)) (int, error) {
	n := 0
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		path, err := writeOne(ctx, store, dir, w, id)
		if errors.Is(err, db.ErrNotFound) {
			continue
		}
		if err != nil {
			return n, err
		}
		n++
		if onFile != nil {
			onFile(File{ID: id, Path: path})
		}
	}
	return n, nil
}

// writeOne exports one article; a file left half written is removed.
func writeOne(ctx context.Context, store *db.Store, dir string, w writer, id int64) (string, error) {
	a, err := store.Get(ctx, id)
	if err != nil {
		return "", err
	}
	var original []byte
	if w.needsOriginal {
		if original, err = store.Original(ctx, id); err != nil {
			return "", err
		}
	}
	prefix := ""
	if w.idPrefix {
		prefix = strconv.FormatInt(id, 10) + "-"
	}
	f, err := createUnique(dir, FileName(prefix, a.Title, w.ext))
	if err != nil {
		return "", fmt.Errorf("export article #%d: %w", id, err)
	}
	path := f.Name()
	if err := w.write(f, a, original); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("export article #%d to %s: %w", id, path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("export article #%d to %s: %w", id, path, err)
	}
	return filepath.Clean(path), nil
}
