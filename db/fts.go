package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// ftsIndex is a layout of the full-text index: its table and the order of
// its columns. Archives made before schema 4 search the legacy layout
// until the current one is filled (see migration 0004 and reindexStep).
type ftsIndex struct {
	table   string
	columns []string
	// check is an SQL condition every match of the query must meet too
	// (see prefixChecks), "" for none.
	check string
	// keys is the state of the archive's doc keys when the query began.
	keys docKeys
}

// oldestReadable is the oldest schema version read without an upgrade (a
// read-only archive of the version before): its index is searched as it
// is, and its originals read from their table.
const oldestReadable = 3

var (
	// schema3Index is the index of a schema-3 archive read as it is.
	schema3Index = ftsIndex{table: "articles_fts",
		columns: []string{"title", "subtitle", "authors", "source", "body", "captions", "note", "keys"}}
	currentIndex = ftsIndex{table: "articles_fts",
		columns: []string{"body", "title", "subtitle", "authors", "source", "captions", "note", "keys"}}
	legacyIndex = ftsIndex{table: "articles_fts_v3",
		columns: []string{"title", "subtitle", "authors", "source", "body", "captions", "note", "keys"}}
)

// indexedColumns are the columns of an index row after the doc key, in
// the order indexRow gives them.
var indexedColumns = []string{"title", "subtitle", "authors", "source", "body", "captions", "note", "keys"}

// indexRow is an article's entry of the full-text index: its doc key, then
// the values of indexedColumns. The index is external-content: its entry
// must hold exactly what the article's row in articles holds, or deleting
// the entry corrupts the index — so the entry is made from the row, here
// and nowhere else, on insert and on every change.
type indexRow []any

// indexRow is the full-text index entry of the row.
func (r *stored) indexRow() indexRow {
	return indexRow{r.doc, r.title, r.subtitle, r.authors, r.source, r.body, r.captions, r.note, r.keys}
}

// doc is the entry's doc key.
func (row indexRow) doc() int64 { return row[0].(int64) }

// bm25Weights rank title and subtitle above the rest; keys (tags, state,
// language, names) are filters and weigh nothing.
var bm25Weights = map[string]string{"title": "10.0", "subtitle": "5.0", "authors": "3.0", "source": "3.0",
	"body": "1.0", "captions": "1.0", "note": "1.0", "keys": "0.0"}

// sql is q with the index's table in place of articles_fts (and its
// shadow tables'); q may name either layout's.
// With a check, each match of a parameter (the query's) must meet it.
func (ix ftsIndex) sql(q string) string {
	if ix.check != "" {
		// The check names the match's row as the query names the index
		// (the ranking's query joins it to another table as f), never as
		// a bare rowid another table of the query has too.
		q = matchParam.ReplaceAllStringFunc(q, func(match string) string {
			qualifier := matchParam.FindStringSubmatch(match)[1]
			if qualifier == "" {
				qualifier = "articles_fts."
			}
			return match + " AND " + strings.ReplaceAll(ix.check, matchedRow, qualifier)
		})
	}
	return indexName.ReplaceAllLiteralString(q, ix.table)
}

var (
	indexName  = regexp.MustCompile(`articles_fts(?:_v3)?`)
	matchParam = regexp.MustCompile(`(\w+\.)?articles_fts(?:_v3)? MATCH \?\d*`)
)

// bm25 is the ranking expression over this layout's columns.
func (ix ftsIndex) bm25() string {
	w := make([]string, len(ix.columns))
	for i, c := range ix.columns {
		w[i] = bm25Weights[c]
	}
	return "bm25(" + ix.table + ", " + strings.Join(w, ", ") + ")"
}

// column is the position of a column, for highlight().
func (ix ftsIndex) column(name string) int {
	for i, c := range ix.columns {
		if c == name {
			return i
		}
	}
	panic("no index column " + name)
}

// insertSQL and deleteSQL add and remove an entry, taking the values in
// stored.indexRow order.
func (ix ftsIndex) insertSQL() string {
	return "INSERT INTO " + ix.table + " (rowid, " + strings.Join(indexedColumns, ", ") + ") VALUES (?" + strings.Repeat(",?", len(indexedColumns)) + ")"
}

func (ix ftsIndex) deleteSQL() string {
	return "INSERT INTO " + ix.table + " (" + ix.table + ", rowid, " + strings.Join(indexedColumns, ", ") + ") VALUES ('delete', ?" + strings.Repeat(",?", len(indexedColumns)) + ")"
}

// reindexState is how far the current index has been filled in an archive
// made before it: articles with id <= lastID are in it when doc < nextDoc,
// later ones always. Without pending, every article is in it.
type reindexState struct {
	pending         bool
	nextDoc, lastID int64
}

// has reports whether the current index holds an article.
func (r reindexState) has(id, doc int64) bool {
	return !r.pending || id > r.lastID || doc < r.nextDoc
}

type queryer interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func readReindex(ctx context.Context, q queryer) (reindexState, error) {
	var r reindexState
	err := q.QueryRowContext(ctx, "SELECT next_doc, last_id FROM reindex").Scan(&r.nextDoc, &r.lastID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return r, nil
	case err != nil:
		return r, fmt.Errorf("read the re-indexing state: %w", err)
	}
	r.pending = true
	return r, nil
}

// searchIndex is the index searches use: the legacy one while the current
// one is being filled. It is read once per schema change.
type searchIndex struct {
	mu      sync.Mutex
	version int64 // the schema_version it was read at
	ix      ftsIndex
}

// fts returns the index searches use now.
func (s *Store) fts(ctx context.Context) (ftsIndex, error) {
	var version int64
	if err := s.read.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&version); err != nil {
		return ftsIndex{}, fmt.Errorf("read the schema version: %w", describeReadError(s.path, err))
	}
	keys, err := s.keysState(ctx, s.read)
	if err != nil {
		return ftsIndex{}, describeReadError(s.path, err)
	}
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	if s.index.ix.table != "" && s.index.version == version {
		ix := s.index.ix
		ix.keys = keys
		return ix, nil
	}
	if s.schema < 4 {
		s.index.ix, s.index.version = schema3Index, version
		ix := s.index.ix
		ix.keys = keys
		return ix, nil
	}
	r, err := readReindex(ctx, s.read)
	if err != nil {
		return ftsIndex{}, err
	}
	s.index.ix, s.index.version = currentIndex, version
	if r.pending {
		s.index.ix = legacyIndex
	}
	ix := s.index.ix
	ix.keys = keys
	return ix, nil
}

// forgetIndex drops the remembered layout: the re-indexing finished between
// reading it and using it.
func (s *Store) forgetIndex() {
	s.index.mu.Lock()
	s.index.ix = ftsIndex{}
	s.index.mu.Unlock()
}

// isLegacyGone reports an error from a search of the legacy index that was
// dropped meanwhile.
func isLegacyGone(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table: "+legacyIndex.table)
}

// indexWriter keeps the indexes in step with articles in a write
// transaction: the current index for the articles it holds, and the
// legacy one while it serves searches.
type indexWriter struct {
	state    reindexState
	ins, del []*sql.Stmt // current first, then legacy
}

func newIndexWriter(ctx context.Context, tx *sql.Tx) (*indexWriter, error) {
	st, err := readReindex(ctx, tx)
	if err != nil {
		return nil, err
	}
	w := &indexWriter{state: st}
	layouts := []ftsIndex{currentIndex}
	if st.pending {
		layouts = append(layouts, legacyIndex)
	}
	for _, ix := range layouts {
		ins, err := tx.PrepareContext(ctx, ix.insertSQL())
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare index insert: %w", err)
		}
		w.ins = append(w.ins, ins)
		del, err := tx.PrepareContext(ctx, ix.deleteSQL())
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare index delete: %w", err)
		}
		w.del = append(w.del, del)
	}
	return w, nil
}

// add indexes an article.
func (w *indexWriter) add(ctx context.Context, id int64, row indexRow) error {
	return w.exec(ctx, w.ins, id, row)
}

// remove takes an article's entry out: the row it was indexed with.
func (w *indexWriter) remove(ctx context.Context, id int64, row indexRow) error {
	return w.exec(ctx, w.del, id, row)
}

func (w *indexWriter) exec(ctx context.Context, stmts []*sql.Stmt, id int64, row indexRow) error {
	for i, st := range stmts {
		if i == 0 && !w.state.has(id, row.doc()) {
			continue // the re-indexing reaches it later
		}
		if _, err := st.ExecContext(ctx, row...); err != nil {
			return err
		}
	}
	return nil
}

func (w *indexWriter) close() {
	for _, st := range append(w.ins, w.del...) {
		st.Close()
	}
}

// reindexBatch articles are added to the new index per transaction: a
// second or so, so an import waiting for the archive waits little.
var reindexBatch = 1000

// ReindexPending reports whether the new index is still being filled or
// the old one is still to be removed (see Reindex).
func (s *Store) ReindexPending(ctx context.Context) (bool, error) {
	r, err := readReindex(ctx, s.read)
	if err != nil || r.pending {
		return r.pending, err
	}
	if left, err := s.legacyLeft(ctx); err != nil || left {
		return left, err
	}
	return s.rekeyPending(ctx)
}

func (s *Store) legacyLeft(ctx context.Context) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = ?", legacyIndex.table).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read the schema: %w", describeReadError(s.path, err))
	}
	return n > 0, nil
}

// Reindex fills the archive's new full-text index from its articles (an
// archive made before schema 4), a batch per transaction in doc order, and
// then removes the old index in steps; then it gives the articles of an
// archive made before format 7 their dense keys (see reKey). Searches use the old index until
// the new one is full. It resumes where it stopped; progress, if not nil,
// is told the articles done and to do after each batch. Once done, it
// returns at once.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	r, err := readReindex(ctx, s.read)
	if err != nil {
		return err
	}
	if r.pending {
		var done, total int
		err := s.read.QueryRowContext(ctx, "SELECT count(*), ifnull(sum(doc < ?), 0) FROM articles WHERE id <= ?", r.nextDoc, r.lastID).Scan(&total, &done)
		if err != nil {
			return fmt.Errorf("re-index: %w", describeReadError(s.path, err))
		}
		if err := inSteps(ctx, "re-index", done, total, progress, s.reindexStep); err != nil {
			return err
		}
	}
	if err := s.dropLegacy(ctx); err != nil {
		return err
	}
	return s.reKey(ctx, progress)
}

// reindexStep adds the next batch to the new index, or when none is left,
// makes the new index the one searched. It returns how many it added.
func (s *Store) reindexStep(ctx context.Context) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := readReindex(ctx, tx)
		if err != nil || !r.pending {
			return err
		}
		var hi sql.NullInt64
		err = tx.QueryRowContext(ctx, "SELECT max(doc), count(*) FROM (SELECT doc FROM articles WHERE doc >= ? AND id <= ? ORDER BY doc LIMIT ?)",
			r.nextDoc, r.lastID, reindexBatch).Scan(&hi, &n)
		if err != nil {
			return err
		}
		if !hi.Valid {
			// All in: searches move to the new index, and the old one
			// is no longer kept up to date.
			_, err := tx.ExecContext(ctx, "DROP TRIGGER IF EXISTS articles_fts_v3_delete; DELETE FROM reindex")
			return err
		}
		// In doc order, so FTS5 writes one segment for the batch.
		_, err = tx.ExecContext(ctx, "INSERT INTO articles_fts (rowid, "+strings.Join(indexedColumns, ", ")+") SELECT doc, "+
			strings.Join(indexedColumns, ", ")+" FROM articles WHERE doc >= ? AND doc <= ? AND id <= ? ORDER BY doc", r.nextDoc, hi.Int64, r.lastID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE reindex SET next_doc = ?", hi.Int64+1)
		return err
	})
	if err == nil {
		s.forgetIndex()
	}
	return n, err
}

// legacyDropRows is how many rows of the old index one transaction
// deletes: dropping an index of gigabytes at once would hold the archive
// for minutes.
const legacyDropRows = 2000

// dropLegacy removes the old index once no search uses it, in steps.
func (s *Store) dropLegacy(ctx context.Context) error {
	left, err := s.legacyLeft(ctx)
	if err != nil || !left {
		return err
	}
	// (_idx, a row per leaf page, goes with the table.)
	for _, shadow := range []string{"_data", "_docsize"} {
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			var deleted int64
			err := s.inTx(ctx, func(tx *sql.Tx) error {
				t := legacyIndex.table + shadow
				res, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE rowid IN (SELECT rowid FROM "+t+" LIMIT ?)", legacyDropRows)
				if err != nil {
					return err
				}
				deleted, err = res.RowsAffected()
				return err
			})
			if err != nil {
				return fmt.Errorf("remove the old index: %w", err)
			}
			if deleted < legacyDropRows {
				break
			}
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DROP TRIGGER IF EXISTS articles_fts_v3_delete; DROP TABLE IF EXISTS "+legacyIndex.table)
		return err
	})
}

// dropEmptyLegacy drops the old index of an archive that had no articles
// when it was upgraded (a new archive's schema goes through every version),
// at once: there is nothing to re-index.
func dropEmptyLegacy(ctx context.Context, conn *sql.DB) error {
	var n int
	err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name IN (?, 'reindex')", legacyIndex.table).Scan(&n)
	if err != nil || n < 2 {
		return err // not schema 4 (tests open earlier versions), or done
	}
	err = conn.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM reindex) AND NOT EXISTS (SELECT 1 FROM articles)").Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	_, err = conn.ExecContext(ctx, "DROP TRIGGER IF EXISTS articles_fts_v3_delete; DROP TABLE IF EXISTS "+legacyIndex.table)
	return err
}

// schemaSQL is current, or for a read-only archive of schema 3, schema3.
func (s *Store) schemaSQL(current, schema3 string) string {
	if s.schema < 4 {
		return schema3
	}
	return current
}
