package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/export"
)

// ErrNotExport marks a .json file that is not a Clippings export.
var ErrNotExport = errors.New("not a Clippings export")

// isExportName reports whether a file may be a JSON export, by its name.
func isExportName(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".json")
}

// sniffExport reads a file's first bytes for the export marker, so other
// JSON files in a folder are skipped without being read whole.
func sniffExport(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return describeFileError(err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read: %w", err)
	}
	if !export.LooksLikeExport(head[:n]) {
		return fmt.Errorf("a .json file that Clippings did not export: %w", ErrNotExport)
	}
	return nil
}

// importable says why a file cannot be imported, or nil: Clippings reads
// article files and its own JSON exports.
func importable(path string) error {
	if _, ok := article.Supported(path); ok {
		return nil
	}
	if isExportName(path) {
		return sniffExport(path)
	}
	return unsupported(path)
}

// prepareRestore reads a JSON export file: the article is restored as it was
// exported — every field, the time it was first imported and the original
// file — instead of being extracted again. A restored article that is
// already in the archive is a duplicate like any other.
func (im *Importer) prepareRestore(ctx context.Context, path string) pending {
	fail := func(err error) pending {
		return pending{result: &Result{Path: path, Status: Failed, Err: err}}
	}
	// Base64 makes the original a third larger, and the text comes on top.
	data, err := readLimited(path, 2*im.maxSize())
	if err != nil {
		return fail(err)
	}
	rec, err := export.Parse(data)
	if err != nil {
		return fail(err)
	}
	if !im.Opts.DryRun && rec.File.SHA256 != "" {
		if id, ok, err := im.Store.FindByFileHash(context.WithoutCancel(ctx), rec.File.SHA256); err != nil {
			return fail(err)
		} else if ok {
			return pending{result: &Result{Path: path, Status: Duplicate, ID: id, Title: rec.Title, Err: &db.DuplicateError{ID: id}}}
		}
	}
	// An export file is text anyone can write: its fields are cleaned as
	// extraction cleans what it reads (a title that would retitle the
	// user's terminal loses its control characters).
	a := rec.Article.Article
	a.Clean()
	if im.Opts.DryRun {
		return pending{result: &Result{Path: path, Status: Extracted, Title: a.Title, Article: &a}}
	}
	// Tags, star, read state, note and edits come back too; an export of an
	// older Clippings has none, and its articles come back unread.
	item := db.NewArticle{Article: a, Original: rec.Original, Added: rec.Added, Organised: rec.Organised}
	if err := item.Prepare(); err != nil {
		return fail(err)
	}
	return pending{path: path, item: item, size: item.Size()}
}
