package db

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/clippings/clippings/article"
)

// Article is a stored article: the extracted article plus what the archive
// adds (its id and when it was imported) and what the user added.
type Article struct {
	ID    int64     `json:"id"`
	Added time.Time `json:"added"`
	article.Article
	Organised
}

// Organised is what the user adds to an article. A JSON export carries it
// and a restore keeps it.
type Organised struct {
	Tags    []string `json:"tags"` // names, sorted without regard to case
	Starred bool     `json:"starred"`
	Read    bool     `json:"read"`
	Note    string   `json:"note"` // plain text or Markdown
	// Edited names the metadata fields the user corrected ("title",
	// "authors", "source", "published", "url"); re-extraction keeps them.
	Edited []string `json:"edited"`
}

// NewArticle is an article to add together with its original file's bytes.
type NewArticle struct {
	Article  article.Article
	Original []byte
	Added    time.Time // when it was first imported; zero means now (a restore keeps the exported time)
	// Organised is empty for a new import (unread, no tags); a restore
	// passes what was exported. Edited fields are taken as the user's
	// edits with their values in Article.
	Organised Organised

	// Filled by Prepare: the costly work that need not happen inside the
	// single write transaction.
	prepared   bool
	hash       []byte
	codec      string
	compressed []byte
	traits     traits     // near-duplicate signature and entities
	words      []wordStem // the distinct words of its texts, for the words table
	forms      string     // its entry of the forms index (see forms.go)
}

// Prepare hashes the article's text, compresses its original, signs its
// body for grouping copies and finds the people, places and organisations
// it names. Add calls it when the caller has not; importers call it on
// their worker goroutines so the one writer only writes. It lets go of
// Original: the compressed copy is what is stored, and articles wait in
// memory for the writer.
func (n *NewArticle) Prepare() error {
	if n.prepared {
		return nil
	}
	codec, data, err := compress(n.Original)
	if err != nil {
		return err
	}
	n.hash, n.codec, n.compressed, n.prepared = ContentHash(n.Article), codec, data, true
	n.traits = traitsOf(n.Article.Title, n.Article.Body)
	a := n.Article
	if n.words, err = textWords(a.Title, a.Subtitle, strings.Join(a.Authors, "\n"), a.Source, a.Body, captionsText(a.Captions), cleanNote(n.Organised.Note)); err != nil {
		return err
	}
	n.forms = formsOf(n.words)
	n.Original = nil
	return nil
}

// Size is about the memory the article holds: its text, its original and
// (once prepared) its words.
func (n *NewArticle) Size() int64 {
	a := n.Article
	size := len(n.Original) + len(n.compressed) + len(a.Title) + len(a.Subtitle) + len(a.Body)
	for _, c := range a.Captions {
		size += len(c.Text) + len(c.Credit)
	}
	for _, w := range n.words {
		size += 32 + len(w.word) + len(w.stem) // two string headers
	}
	size += len(n.forms)
	return int64(size)
}

// DuplicateError reports that an article is already in the archive.
type DuplicateError struct{ ID int64 }

func (e *DuplicateError) Error() string { return fmt.Sprintf("duplicate of #%d", e.ID) }

// ErrDuplicate matches any *DuplicateError with errors.Is.
var ErrDuplicate = errors.New("duplicate")

func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// AddResult is the outcome of adding one article: its new id, or an error
// (a *DuplicateError for an article already stored).
type AddResult struct {
	ID  int64
	Err error
}

// ContentHash identifies an article by its text, whatever the file it came
// from: the hash of article.DuplicateText, the one duplicate rule, stored
// with every article (content_hash).
func ContentHash(a article.Article) []byte {
	sum := sha256.Sum256([]byte(article.DuplicateText(a)))
	return sum[:]
}

// Add stores articles in one transaction and returns one result per article,
// in order. Duplicates (already stored, or twice in the batch) get a
// *DuplicateError; if the transaction fails, every result carries that error
// and nothing of the batch is stored.
func (s *Store) Add(ctx context.Context, items []NewArticle) ([]AddResult, error) {
	results := make([]AddResult, len(items))
	now := time.Now().UTC().Truncate(time.Second)
	var newWords []wordStem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		next, err := nextID(ctx, tx)
		if err != nil {
			return err
		}
		index, err := newIndexWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer index.close()
		insert, err := tx.PrepareContext(ctx, `INSERT INTO articles
			(id, doc, title, subtitle, authors, source, url, published, added, language, body,
			 captions, captions_json, words, file_name, file_path, file_format, file_size, file_sha256, content_hash,
			 note, tags, starred, read, edits, keys, original_codec, original)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return fmt.Errorf("prepare insert: %w", err)
		}
		defer insert.Close()
		found := s.traitWriter(ctx, tx)
		defer found.close()
		keys := s.keyAllocator(tx)
		var (
			entries []indexEntry
			traits  []articleTraits
			words   [][]wordStem
			forms   []formsEntry
		)
		for i, it := range items {
			if err := it.Prepare(); err != nil {
				results[i] = AddResult{Err: err}
				return err
			}
			entry, err := insertOne(ctx, tx, insert, keys, it, next, now)
			results[i] = AddResult{ID: entry.id, Err: err}
			if err == nil {
				entries = append(entries, entry)
				traits = append(traits, articleTraits{entry.id, it.traits})
				words = append(words, it.words)
				forms = append(forms, formsEntry{entry.row.doc(), it.forms})
				next++
				continue
			}
			if !errors.Is(err, ErrDuplicate) && !errors.Is(err, ErrDayFull) { // those two: the rest of the batch goes on
				return err
			}
		}
		// Their copies and the entities they name, for the batch at once;
		// before the index entries, which are written last.
		if err := found.store(traits...); err != nil {
			return err
		}
		newWords = s.words.unknown(mergeWords(words...))
		if err := storeWords(ctx, tx, newWords); err != nil {
			return err
		}
		// FTS5 writes a new segment whenever a rowid is not above the last
		// one; doc keys follow publication dates, not import order, so
		// index the batch in doc order: one segment per batch.
		sort.Slice(entries, func(i, j int) bool { return entries[i].row.doc() < entries[j].row.doc() })
		for _, e := range entries {
			if err := index.add(ctx, e.id, e.row); err != nil {
				return fmt.Errorf("index article #%d: %w", e.id, err)
			}
		}
		if s.schema >= formsSchema {
			return putForms(ctx, tx, forms, false)
		}
		return nil
	})
	if err != nil {
		for i := range results {
			results[i] = AddResult{Err: err}
		}
		return results, err
	}
	s.words.add(newWords) // committed
	return results, nil
}

func nextID(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = 'articles'").Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("next article id: %w", err)
	}
	return seq.Int64 + 1, nil
}

// indexEntry is an article's entry of the full-text index, made from its
// row (see stored.indexRow).
type indexEntry struct {
	id  int64
	row indexRow
}

func insertOne(ctx context.Context, tx *sql.Tx, insert *sql.Stmt, keys *keyAllocator, it NewArticle, id int64, now time.Time) (indexEntry, error) {
	if err := it.Prepare(); err != nil {
		return indexEntry{}, err
	}
	a := it.Article
	hash := it.hash
	var existing int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE content_hash = ?", hash).Scan(&existing)
	if err == nil {
		return indexEntry{}, &DuplicateError{ID: existing}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return indexEntry{}, fmt.Errorf("look for duplicate: %w", err)
	}
	if !it.Added.IsZero() {
		now = it.Added.UTC().Truncate(time.Second)
	}
	day := now
	if a.Published.Known() {
		day = a.Published.Time
	}
	captionsJSON, err := json.Marshal(nonNilCaptions(a.Captions))
	if err != nil {
		return indexEntry{}, fmt.Errorf("encode captions: %w", err)
	}
	o := it.Organised
	tags, err := resolveTags(ctx, tx, o.Tags)
	if err != nil {
		return indexEntry{}, err
	}
	names := tagNames(tags)
	edits, err := editsOf(a, o.Edited).encode()
	if err != nil {
		return indexEntry{}, err
	}
	// The columns the index holds, in the row as the index entry is made
	// from it.
	doc, err := keys.key(ctx, dayNumber(day), id)
	if err != nil {
		return indexEntry{}, fmt.Errorf("store article %q: %w", a.Title, err)
	}
	r := stored{id: id, doc: doc, title: a.Title, subtitle: a.Subtitle, authors: strings.Join(a.Authors, "\n"),
		source: a.Source, body: a.Body, captions: captionsText(a.Captions), note: cleanNote(o.Note),
		keys: withEntityTokens(indexKeys(a.Language, o.Read, o.Starred, names), it.traits.tokens)}
	_, err = insert.ExecContext(ctx, id, r.doc, r.title, r.subtitle,
		r.authors, r.source, a.URL, nullDate(a.Published), now.Format(time.RFC3339),
		a.Language, r.body, r.captions, string(captionsJSON), a.Words,
		a.File.Name, a.File.Path, a.File.Format, a.File.Size, a.File.SHA256, hash,
		r.note, strings.Join(names, "\n"), o.Starred, o.Read, edits, r.keys, it.codec, it.compressed)
	if err != nil {
		return indexEntry{}, fmt.Errorf("store article %q: %w", a.Title, err)
	}
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO article_tags (tag_id, article_id) VALUES (?, ?)", t.id, id); err != nil {
			return indexEntry{}, fmt.Errorf("tag article %q: %w", a.Title, err)
		}
	}

	return indexEntry{id: id, row: r.indexRow()}, nil
}

func nonNilCaptions(c []article.Caption) []article.Caption {
	if c == nil {
		return []article.Caption{}
	}
	return c
}

// captionsText is what the index sees of the captions.
func captionsText(cs []article.Caption) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Text)
		if c.Credit != "" {
			b.WriteString(" ")
			b.WriteString(c.Credit)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func nullDate(d article.Date) any {
	if !d.Known() {
		return nil
	}
	return d.String()
}

// gzipWriters recycles compressors across articles: a free list of a few,
// one per worker. (A sync.Pool is emptied by every garbage collection, and
// finding entities makes enough garbage that each article paid for a new
// megabyte of tables.)
var gzipWriters = make(chan *gzip.Writer, 16)

// compress gzips an original file; tiny files are kept as they are.
func compress(data []byte) (string, []byte, error) {
	if len(data) < 256 {
		return "none", append([]byte{}, data...), nil // never NULL
	}
	var buf bytes.Buffer
	// A gzip writer allocates about a megabyte of tables: reuse them.
	var zw *gzip.Writer
	select {
	case zw = <-gzipWriters:
	default:
	}
	if zw == nil {
		var err error
		if zw, err = gzip.NewWriterLevel(&buf, gzip.BestSpeed); err != nil {
			return "", nil, fmt.Errorf("compress original: %w", err)
		}
	} else {
		zw.Reset(&buf)
	}
	defer func() {
		select {
		case gzipWriters <- zw:
		default:
		}
	}()
	if _, err := zw.Write(data); err != nil {
		return "", nil, fmt.Errorf("compress original: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", nil, fmt.Errorf("compress original: %w", err)
	}
	return "gzip", buf.Bytes(), nil
}

func decompress(codec string, data []byte) ([]byte, error) {
	switch codec {
	case "none":
		return data, nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("decompress original: %w", err)
		}
		defer zr.Close()
		out, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("decompress original: %w", err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("original stored with unknown codec %q", codec)
}

// inTx runs fn in a write transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.used()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return describeWriteError(s.path, fmt.Errorf("begin write: %w", err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		s.recent.invalidate() // it may hold what was rolled back
		return describeWriteError(s.path, err)
	}
	if err := tx.Commit(); err != nil {
		s.recent.invalidate()
		return describeWriteError(s.path, fmt.Errorf("commit: %w", err))
	}
	return nil
}

// describeWriteError adds what to do to the write failures users can fix.
func describeWriteError(path string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "database is locked"), strings.Contains(msg, "SQLITE_BUSY"):
		return fmt.Errorf("%w: %s is busy with another program's long write; try again", ErrLocked, path)
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"):
		return fmt.Errorf("%w: %s is read-only; check the permissions of the file and its folder (%v)", ErrReadOnly, path, err)
	case strings.Contains(msg, "database or disk is full"), strings.Contains(msg, "SQLITE_FULL"):
		return fmt.Errorf("the disk holding %s is full; free some space and try again — nothing of this step was stored (%v): %w", path, err, ErrDiskFull)
	}
	return describeReadError(path, err)
}

const articleColumns = `id, added, title, subtitle, authors, source, url, published, language, body,
	captions_json, words, file_name, file_path, file_format, file_size, file_sha256,
	tags, starred, read, note, edits`

// Get returns one article, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (Article, error) {
	row := s.read.QueryRowContext(ctx, "SELECT "+articleColumns+" FROM articles WHERE id = ?", id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, fmt.Errorf("article #%d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Article{}, fmt.Errorf("read article #%d: %w", id, describeReadError(s.path, err))
	}
	return a, nil
}

type scanner interface{ Scan(...any) error }

func scanArticle(row scanner) (Article, error) {
	var (
		a              Article
		added, authors string
		published      sql.NullString
		captions       string
		tags, edits    string
	)
	err := row.Scan(&a.ID, &added, &a.Title, &a.Subtitle, &authors, &a.Source, &a.URL, &published,
		&a.Language, &a.Body, &captions, &a.Words, &a.File.Name, &a.File.Path, &a.File.Format,
		&a.File.Size, &a.File.SHA256, &tags, &a.Starred, &a.Read, &a.Note, &edits)
	if err != nil {
		return Article{}, err
	}
	a.Tags = splitLines(tags)
	e, err := decodeEdits(edits)
	if err != nil {
		return Article{}, err
	}
	a.Edited = e.fields()
	if a.Added, err = time.Parse(time.RFC3339, added); err != nil {
		return Article{}, fmt.Errorf("added time %q: %w", added, err)
	}
	if authors != "" {
		a.Authors = strings.Split(authors, "\n")
	}
	if a.Published, err = article.ParseDate(published.String); err != nil {
		return Article{}, err
	}
	if err := json.Unmarshal([]byte(captions), &a.Captions); err != nil {
		return Article{}, fmt.Errorf("captions: %w", err)
	}
	return a, nil
}

// Original returns the bytes of the file an article was imported from.
func (s *Store) Original(ctx context.Context, id int64) ([]byte, error) {
	var (
		codec string
		data  []byte
	)
	// In the article's row (schema 4), or in originals (before).
	q := s.schemaSQL(`SELECT original_codec, original FROM articles WHERE id = ? AND original IS NOT NULL
		UNION ALL SELECT codec, data FROM originals WHERE article_id = ?`, "SELECT codec, data FROM originals WHERE article_id = ? OR article_id = ?")
	err := s.read.QueryRowContext(ctx, q, id, id).Scan(&codec, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("original of article #%d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read original of article #%d: %w", id, describeReadError(s.path, err))
	}
	return decompress(codec, data)
}

// FindByFileHash returns the id of an article imported from a file with this
// SHA-256, so a file imported twice need not be extracted again.
func (s *Store) FindByFileHash(ctx context.Context, sha string) (int64, bool, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, "SELECT id FROM articles WHERE file_sha256 = ? LIMIT 1", sha).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up file hash: %w", err)
	}
	return id, true, nil
}

// Delete removes articles (with their originals and index entries) in one
// transaction. Ids that do not exist are reported with ErrNotFound and
// nothing is deleted.
//
// Many articles are deleted by one statement per rewriteBatch, in index
// order: the delete trigger then removes their index entries into one FTS5
// segment, where a statement per article wrote a segment each (10,000
// segments to merge after deleting a search's 10,000 results).
func (s *Store) Delete(ctx context.Context, ids ...int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		ids := uniqueIDs(ids)
		for len(ids) > 0 {
			n := min(len(ids), rewriteBatch)
			batch := ids[:n]
			ids = ids[n:]
			args := make([]any, len(batch))
			for i, id := range batch {
				args[i] = id
			}
			list := "(?" + strings.Repeat(",?", len(batch)-1) + ")"
			rows, err := tx.QueryContext(ctx, "SELECT id, doc FROM articles WHERE id IN "+list, args...)
			if err != nil {
				return fmt.Errorf("delete articles: %w", err)
			}
			found := map[int64]bool{}
			var docs []any
			for rows.Next() {
				var id, doc int64
				if err := rows.Scan(&id, &doc); err != nil {
					rows.Close()
					return fmt.Errorf("delete articles: %w", err)
				}
				found[id] = true
				docs = append(docs, doc)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("delete articles: %w", err)
			}
			for _, id := range batch {
				if !found[id] {
					return fmt.Errorf("article #%d: %w", id, ErrNotFound)
				}
			}
			// Band keys have no foreign key to cascade (see migration
			// 0003): they go first, found from the signatures. The rest of
			// what was found in the text (signature, group, entities)
			// goes with the row.
			bands := s.traitWriter(ctx, tx)
			for _, id := range batch {
				if err := bands.forgetBands(id); err != nil {
					bands.close()
					return err
				}
			}
			bands.close()
			// `doc IN (…)` walks the doc index: rows go in index order.
			if _, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE doc IN (?"+strings.Repeat(",?", len(docs)-1)+")", docs...); err != nil {
				return fmt.Errorf("delete articles: %w", err)
			}
		}
		return nil
	})
}
