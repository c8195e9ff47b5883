// Package export writes archive articles out as files — JSON that restores
// them completely, Markdown and HTML to read — and parses the JSON back for
// the importer.
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// Version is the JSON export format this build writes and reads. It is the
// value of the "clippings_export" key, which also marks the file as ours.
const Version = 1

// markerKey names the key every export file starts with.
const markerKey = `"clippings_export"`

// Domain errors of reading an export file.
var (
	ErrNotExport   = errors.New("not a Clippings export file")
	ErrNewerExport = errors.New("export file written by a newer Clippings")
	ErrBadExport   = errors.New("export file is damaged")
)

// Record is one article in a JSON export file: every field the archive
// keeps, the time it was first imported, and the original file byte for
// byte (base64 in JSON). ID is the article's number in the exporting
// archive, for reference only: a restore gives it a new one.
type Record struct {
	Format int `json:"clippings_export"`
	db.Article
	Original []byte `json:"original"`
}

// NewRecord packs a stored article and its original file.
func NewRecord(a db.Article, original []byte) Record {
	if a.Authors == nil {
		a.Authors = []string{}
	}
	if a.Captions == nil {
		a.Captions = []article.Caption{}
	}
	return Record{Format: Version, Article: a, Original: original}
}

// Marshal encodes a record the way export files hold it: indented, with
// HTML characters left as they are.
func Marshal(r Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode article #%d: %w", r.ID, err)
	}
	return buf.Bytes(), nil
}

// LooksLikeExport tells from a file's first bytes whether it is a Clippings
// export, so a folder's other JSON files are skipped without being read.
func LooksLikeExport(head []byte) bool {
	return bytes.Contains(head[:min(len(head), 512)], []byte(markerKey))
}

// Parse reads one export file and checks it is whole: the original must
// match the size and SHA-256 recorded with it.
func Parse(data []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		if !LooksLikeExport(data) {
			return Record{}, fmt.Errorf("%w (%v)", ErrNotExport, err)
		}
		return Record{}, fmt.Errorf("%w: %v", ErrBadExport, err)
	}
	switch {
	case r.Format == 0:
		return Record{}, fmt.Errorf("%w: no %s key", ErrNotExport, markerKey)
	case r.Format > Version:
		return Record{}, fmt.Errorf("%w (format %d; this Clippings reads %d): update Clippings to import it", ErrNewerExport, r.Format, Version)
	case r.Format < 0:
		return Record{}, fmt.Errorf("%w: format %d", ErrBadExport, r.Format)
	case r.Body == "" && r.Title == "":
		return Record{}, fmt.Errorf("%w: the article has no title and no text", ErrBadExport)
	}
	if r.File.Size != 0 && int64(len(r.Original)) != r.File.Size {
		return Record{}, fmt.Errorf("%w: the original file has %d bytes, %d were exported", ErrBadExport, len(r.Original), r.File.Size)
	}
	if r.File.SHA256 != "" {
		sum := sha256.Sum256(r.Original)
		if hex.EncodeToString(sum[:]) != r.File.SHA256 {
			return Record{}, fmt.Errorf("%w: the original file does not match its SHA-256", ErrBadExport)
		}
	}
	return r, nil
}
