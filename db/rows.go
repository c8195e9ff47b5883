package db

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Articles' rows as a change reads and writes them. Changes take many ids
// so the window can apply an action to a selection or to every matching
// article (MatchingIDs); each batch of rewriteBatch articles is one
// transaction, so a long bulk action never holds the archive for long.
// Callers that want to show progress pass the ids in chunks.

// rewriteBatch articles are changed per transaction.
const rewriteBatch = 500

// NotFoundError lists ids that named no article. A bulk action still
// changes the articles that exist.
type NotFoundError struct{ IDs []int64 }

func (e *NotFoundError) Error() string {
	ids := make([]string, len(e.IDs))
	for i, id := range e.IDs {
		ids[i] = fmt.Sprintf("#%d", id)
	}
	if len(ids) == 1 {
		return "article " + ids[0] + ": " + ErrNotFound.Error()
	}
	return "articles " + strings.Join(ids, ", ") + ": " + ErrNotFound.Error()
}

func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// may touch.
type stored struct {
	id, doc                             int64
	added                               string
	title, subtitle, authors, source    string
	url                                 string
	published                           sql.NullString
	language, body, captions, captionsJ string
	words                               int
	format                              string
	hash                                []byte
	note                                string
	tags                                []string
	starred, read                       bool
	edits                               string
	keys                                string
}

const storedColumns = `id, doc, added, title, subtitle, authors, source, url, published, language, body,
	captions, captions_json, words, file_format, content_hash, note, tags, starred, read, edits, keys`

func (r *stored) scan(row scanner) error {
	var tags string
	err := row.Scan(&r.id, &r.doc, &r.added, &r.title, &r.subtitle, &r.authors, &r.source, &r.url, &r.published,
		&r.language, &r.body, &r.captions, &r.captionsJ, &r.words, &r.format, &r.hash, &r.note, &tags,
		&r.starred, &r.read, &r.edits, &r.keys)
	r.tags = splitLines(tags)
	return err
}

func (r *stored) clone() stored {
	c := *r
	c.tags = slices.Clone(r.tags)
	c.hash = slices.Clone(r.hash)
	return c
}

func (r *stored) sameIndex(o *stored) bool { return slices.Equal(r.indexRow(), o.indexRow()) }

func (r *stored) same(o *stored) bool {
	return r.sameIndex(o) && r.url == o.url && r.published == o.published && r.language == o.language &&
		r.captionsJ == o.captionsJ && r.words == o.words && r.format == o.format && bytes.Equal(r.hash, o.hash) &&
		slices.Equal(r.tags, o.tags) && r.starred == o.starred && r.read == o.read && r.edits == o.edits
}

// dayFiled is the day the article is filed under: its published date,
// else the day it was imported.
func (r *stored) dayFiled() (int64, error) {
	if r.published.Valid && r.published.String != "" {
		t, err := time.Parse("2006-01-02", r.published.String)
		if err != nil {
			return 0, fmt.Errorf("article #%d: published date %q: %w", r.id, r.published.String, err)
		}
		return dayNumber(t), nil
	}
	t, err := time.Parse(time.RFC3339, r.added)
	if err != nil {
		return 0, fmt.Errorf("article #%d: added time %q: %w", r.id, r.added, err)
	}
	return dayNumber(t), nil
}

const (
	updateStoredSQL = `UPDATE articles SET doc = ?, title = ?, subtitle = ?, authors = ?, source = ?, url = ?,
		published = ?, language = ?, body = ?, captions = ?, captions_json = ?, words = ?, file_format = ?,
		content_hash = ?, note = ?, tags = ?, starred = ?, read = ?, edits = ?, keys = ? WHERE id = ?`
)

// rewrite changes articles, rewriteBatch per transaction: begin runs first
// in each transaction, change once per article found, end last. It keeps
// the keys column, the index key (doc) and the full-text index in step with
// what change did, and writes nothing for an article change left as it
// was. Ids that name no article are reported together at the end, as a
// *NotFoundError, after the others were changed.
//
// Articles are rewritten in index order, deleting and adding each one's
// index entry directly: FTS5 then writes one segment per batch, where an
// UPDATE trigger made it write one per article.
func (s *Store) rewrite(ctx context.Context, ids []int64,
	begin func(context.Context, *sql.Tx) error,
	change func(context.Context, *sql.Tx, *stored) error,
	end func(context.Context, *sql.Tx) error) error {
	ids = uniqueIDs(ids)
	var missing []int64
	for len(ids) > 0 {
		n := min(len(ids), rewriteBatch)
		batch := ids[:n]
		ids = ids[n:]
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if begin != nil {
				if err := begin(ctx, tx); err != nil {
					return err
				}
			}
			rows, err := loadStored(ctx, tx, batch)
			if err != nil {
				return err
			}
			missing = append(missing, missingIDs(batch, rows)...)
			if err := s.rewriteRows(ctx, tx, rows, change); err != nil {
				return err
			}
			if end != nil {
				return end(ctx, tx)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		return &NotFoundError{IDs: missing}
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func loadStored(ctx context.Context, tx *sql.Tx, ids []int64) ([]stored, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return queryStored(ctx, tx, "SELECT "+storedColumns+" FROM articles WHERE id IN (?"+
		strings.Repeat(",?", len(ids)-1)+") ORDER BY doc", args...)
}

// queryStored reads the rows a query of storedColumns gives.
func queryStored(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]stored, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	defer rows.Close()
	var out []stored
	for rows.Next() {
		var r stored
		if err := r.scan(rows); err != nil {
			return nil, fmt.Errorf("read articles: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func missingIDs(want []int64, found []stored) []int64 {
	have := make(map[int64]bool, len(found))
	for _, r := range found {
		have[r.id] = true
	}
	var out []int64
	for _, id := range want {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out
}

func (s *Store) rewriteRows(ctx context.Context, tx *sql.Tx, rows []stored, change func(context.Context, *sql.Tx, *stored) error) error {
	var (
		index *indexWriter
		upd   *sql.Stmt
		keys  *keyAllocator
	)
	prepare := func() error {
		if upd != nil {
			return nil
		}
		var err error
		if index, err = newIndexWriter(ctx, tx); err != nil {
			return err
		}
		upd, err = tx.PrepareContext(ctx, updateStoredSQL)
		return err
	}
	defer func() {
		if index != nil {
			index.close()
		}
		if upd != nil {
			upd.Close()
		}
	}()
	// First every change, then every write: statements with triggers (the
	// tag links') open a statement savepoint, and each savepoint after the
	// first write to the index makes FTS5 flush a segment.
	befores := make([]stored, len(rows))
	var (
		words          [][]wordStem
		gone           []int64 // doc keys of forms entries to remove
		forms          []formsEntry
		formsChecked   bool
		formsInArchive bool
	)
	for i := range rows {
		r := &rows[i]
		befores[i] = r.clone()
		if err := change(ctx, tx, r); err != nil {
			return err
		}
		// The entity tokens stay as they are, or as change set them.
		r.keys = withEntityTokens(indexKeys(r.language, r.read, r.starred, r.tags), entityTokensOf(r.keys))
		if r.published != befores[i].published {
			if keys == nil {
				keys = s.keyAllocator(tx)
			}
			doc, err := keys.refile(ctx, r)
			if err != nil {
				return err
			}
			r.doc = doc
		}
	}
	for i := range rows {
		r, before := &rows[i], befores[i]
		if r.same(&before) {
			continue
		}
		if err := prepare(); err != nil {
			return fmt.Errorf("rewrite articles: %w", err)
		}
		reindex := !r.sameIndex(&before)
		if reindex {
			if err := index.remove(ctx, before.id, before.indexRow()); err != nil {
				return fmt.Errorf("unindex article #%d: %w", r.id, err)
			}
		}
		_, err := upd.ExecContext(ctx, r.doc, r.title, r.subtitle, r.authors, r.source, r.url,
			r.published, r.language, r.body, r.captions, r.captionsJ, r.words, r.format,
			r.hash, r.note, strings.Join(r.tags, "\n"), r.starred, r.read, r.edits, r.keys, r.id)
		if err != nil {
			return fmt.Errorf("update article #%d: %w", r.id, err)
		}
		if reindex {
			row := r.indexRow()
			if err := index.add(ctx, r.id, row); err != nil {
				return fmt.Errorf("index article #%d: %w", r.id, err)
			}
			changed := row.changedTexts(before.indexRow())
			if len(changed) > 0 {
				w, err := textWords(changed...)
				if err != nil {
					return fmt.Errorf("index article #%d: %w", r.id, err)
				}
				words = append(words, w)
			}
			if len(changed) > 0 || r.doc != before.doc {
				if !formsChecked {
					formsChecked = true
					var err error
					if formsInArchive, err = hasFormsTable(ctx, tx); err != nil {
						return err
					}
				}
				if formsInArchive {
					// Its whole entry again, from all its texts: an entry
					// is removed and written whole.
					w, err := textWords(row.texts()...)
					if err != nil {
						return fmt.Errorf("index article #%d: %w", r.id, err)
					}
					gone = append(gone, before.doc)
					forms = append(forms, formsEntry{r.doc, formsOf(w)})
				}
			}
		}
	}
	// The words of changed texts after the index's writes, which a
	// statement savepoint would flush.
	if err := storeWords(ctx, tx, mergeWords(words...)); err != nil {
		return err
	}
	if err := dropForms(ctx, tx, gone); err != nil {
		return err
	}
	return putForms(ctx, tx, forms, false)
}
