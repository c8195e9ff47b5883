package db

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/clippings/clippings/article"
)

// Organising articles: tags, star, read state and notes. Every method takes
// many ids so the window can apply an action to a selection or to every
// matching article (MatchingIDs); each batch of rewriteBatch articles is one
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

// SetTags adds and removes tags on articles. Names are matched without
// regard to case or spacing; an added tag that exists under another
// spelling takes that spelling. A tag no article carries any more is gone.
func (s *Store) SetTags(ctx context.Context, ids []int64, add, remove []string) error {
	for _, n := range add {
		if CleanTagName(n) == "" {
			return fmt.Errorf("tag name %q: %w: a tag needs a name", n, ErrInvalid)
		}
		if slices.ContainsFunc(remove, func(r string) bool { return foldTag(r) == foldTag(n) }) {
			return fmt.Errorf("tag %q is both added and removed: %w", CleanTagName(n), ErrInvalid)
		}
	}
	return s.retag(ctx, ids, add, remove)
}

func (s *Store) retag(ctx context.Context, ids []int64, add, remove []string) error {
	drop := map[string]bool{}
	for _, n := range remove {
		drop[foldTag(n)] = true
	}
	var tags []tagRow
	return s.rewrite(ctx, ids, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		tags, err = resolveTags(ctx, tx, add) // per transaction: a tag may have gone since
		return err
	}, func(ctx context.Context, tx *sql.Tx, r *stored) error {
		// The link table is written whatever the tags column says, so
		// the two agree afterwards even if they did not before.
		for key := range drop {
			if _, err := tx.ExecContext(ctx, "DELETE FROM article_tags WHERE article_id = ? AND tag_id = (SELECT id FROM tags WHERE key = ?)", r.id, key); err != nil {
				return fmt.Errorf("untag article #%d: %w", r.id, err)
			}
		}
		r.tags = slices.DeleteFunc(r.tags, func(n string) bool { return drop[foldTag(n)] })
		for _, t := range tags {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO article_tags (tag_id, article_id) VALUES (?, ?)", t.id, r.id); err != nil {
				return fmt.Errorf("tag article #%d: %w", r.id, err)
			}
			if !slices.ContainsFunc(r.tags, func(n string) bool { return foldTag(n) == t.key }) {
				r.tags = append(r.tags, t.name)
			}
		}
		sortTags(r.tags)
		return nil
	}, func(ctx context.Context, tx *sql.Tx) error {
		// Tags made for articles that all had them already, or were gone.
		_, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE articles <= 0")
		return err
	})
}

// TagCount is a tag and how many articles carry it.
type TagCount struct {
	Name     string `json:"name"`
	Articles int    `json:"articles"`
}

// Tags lists every tag with its article count, by name. The counts are
// kept up to date as articles are tagged, so this reads one row per tag.
func (s *Store) Tags(ctx context.Context) ([]TagCount, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT name, articles FROM tags WHERE articles > 0 ORDER BY key, name")
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", describeReadError(s.path, err))
	}
	defer rows.Close()
	out := []TagCount{}
	for rows.Next() {
		var t TagCount
		if err := rows.Scan(&t.Name, &t.Articles); err != nil {
			return nil, fmt.Errorf("list tags: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tags: %w", describeReadError(s.path, err))
	}
	return out, nil
}

// RenameTag renames a tag on every article that carries it. Renaming to a
// tag that exists merges the two. A query saved with the old name keeps
// the old name: the caller may offer to update it.
func (s *Store) RenameTag(ctx context.Context, from, to string) error {
	if CleanTagName(to) == "" {
		return fmt.Errorf("tag name %q: %w: a tag needs a name", to, ErrInvalid)
	}
	if foldTag(from) == foldTag(to) {
		// Only the spelling changes: the index does not.
		var id int64
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			err := tx.QueryRowContext(ctx, "UPDATE tags SET name = ? WHERE key = ? RETURNING id", CleanTagName(to), foldTag(from)).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("tag %q: %w", from, ErrNoTag)
			}
			return err
		})
		if err != nil {
			return err
		}
		return s.eachTagged(ctx, foldTag(from), func(ids []int64) error {
			return s.rewrite(ctx, ids, nil, func(_ context.Context, _ *sql.Tx, r *stored) error {
				for i, n := range r.tags {
					if foldTag(n) == foldTag(to) {
						r.tags[i] = CleanTagName(to)
					}
				}
				sortTags(r.tags)
				return nil
			}, nil)
		}, false)
	}
	found := false
	err := s.eachTagged(ctx, foldTag(from), func(ids []int64) error {
		found = true
		return ignoreGone(s.retag(ctx, ids, []string{to}, []string{from}))
	}, true)
	if err == nil && !found {
		return fmt.Errorf("tag %q: %w", from, ErrNoTag)
	}
	return err
}

// DeleteTag removes a tag from every article.
func (s *Store) DeleteTag(ctx context.Context, name string) error {
	found := false
	err := s.eachTagged(ctx, foldTag(name), func(ids []int64) error {
		found = true
		return ignoreGone(s.retag(ctx, ids, nil, []string{name}))
	}, true)
	if err == nil && !found {
		return fmt.Errorf("tag %q: %w", name, ErrNoTag)
	}
	return err
}

// ignoreGone forgets articles deleted since they were listed.
func ignoreGone(err error) error {
	var nf *NotFoundError
	if errors.As(err, &nf) {
		return nil
	}
	return err
}

// ErrNoTag is returned for a tag name no article carries.
var ErrNoTag = errors.New("no such tag")

// eachTagged calls fn with batches of the articles carrying the tag. When
// fn takes the tag away (consumes), each batch is read afresh until none is
// left, which also catches articles tagged meanwhile; else it pages on.
func (s *Store) eachTagged(ctx context.Context, key string, fn func([]int64) error, consumes bool) error {
	var after int64
	for {
		rows, err := s.read.QueryContext(ctx, `SELECT article_id FROM article_tags
			WHERE tag_id = (SELECT id FROM tags WHERE key = ?) AND article_id > ? ORDER BY article_id LIMIT ?`, key, after, rewriteBatch)
		if err != nil {
			return fmt.Errorf("tagged articles: %w", describeReadError(s.path, err))
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return fmt.Errorf("tagged articles: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		if err := fn(ids); err != nil {
			return err
		}
		if !consumes {
			after = ids[len(ids)-1]
		}
	}
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// SetStarred stars or unstars articles.
func (s *Store) SetStarred(ctx context.Context, ids []int64, starred bool) error {
	return s.rewrite(ctx, ids, nil, func(_ context.Context, _ *sql.Tx, r *stored) error {
		r.starred = starred
		return nil
	}, nil)
}

// SetRead marks articles read or unread.
func (s *Store) SetRead(ctx context.Context, ids []int64, read bool) error {
	return s.rewrite(ctx, ids, nil, func(_ context.Context, _ *sql.Tx, r *stored) error {
		r.read = read
		return nil
	}, nil)
}

// SetNote replaces an article's note; an empty (or blank) text removes it.
// The note is searched with the article's words, and alone with note:.
func (s *Store) SetNote(ctx context.Context, id int64, text string) error {
	return s.rewrite(ctx, []int64{id}, nil, func(_ context.Context, _ *sql.Tx, r *stored) error {
		r.note = cleanNote(text)
		return nil
	}, nil)
}

// cleanNote keeps a note's lines, without control characters (as a
// correction) or invalid UTF-8.
func cleanNote(s string) string {
	return strings.TrimSpace(article.CleanText(strings.ToValidUTF8(s, "\uFFFD")))
}

// tagRow is a tag of the tags table.
type tagRow struct {
	id        int64
	name, key string
}

// resolveTags finds or makes the tags named, once each; a name that exists
// under another spelling resolves to it.
func resolveTags(ctx context.Context, tx *sql.Tx, names []string) ([]tagRow, error) {
	var out []tagRow
	seen := map[string]bool{}
	for _, n := range names {
		name, key := CleanTagName(n), foldTag(n)
		if name == "" || seen[key] {
			continue
		}
		seen[key] = true
		t := tagRow{key: key}
		err := tx.QueryRowContext(ctx, `INSERT INTO tags (name, key) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id, name`, name, key).Scan(&t.id, &t.name)
		if err != nil {
			return nil, fmt.Errorf("tag %q: %w", name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func tagNames(ts []tagRow) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.name
	}
	sortTags(out)
	return out
}

func sortTags(names []string) {
	sort.SliceStable(names, func(i, j int) bool { return foldTag(names[i]) < foldTag(names[j]) })
}

func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

// stored is an article's row as the Store rewrites it: every column a change
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

// docFor is the article's index key, from the day it is filed under: its
// published date, else the day it was imported.
func (r *stored) docFor() (int64, error) {
	if r.published.Valid && r.published.String != "" {
		t, err := time.Parse("2006-01-02", r.published.String)
		if err != nil {
			return 0, fmt.Errorf("article #%d: published date %q: %w", r.id, r.published.String, err)
		}
		return docKey(t, r.id), nil
	}
	t, err := time.Parse(time.RFC3339, r.added)
	if err != nil {
		return 0, fmt.Errorf("article #%d: added time %q: %w", r.id, r.added, err)
	}
	return docKey(t, r.id), nil
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
			if err := rewriteRows(ctx, tx, rows, change); err != nil {
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
	rows, err := tx.QueryContext(ctx, "SELECT "+storedColumns+" FROM articles WHERE id IN (?"+
		strings.Repeat(",?", len(ids)-1)+") ORDER BY doc", args...)
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

func rewriteRows(ctx context.Context, tx *sql.Tx, rows []stored, change func(context.Context, *sql.Tx, *stored) error) error {
	var (
		index *indexWriter
		upd   *sql.Stmt
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
	for i := range rows {
		r := &rows[i]
		befores[i] = r.clone()
		if err := change(ctx, tx, r); err != nil {
			return err
		}
		// The entity tokens stay as they are, or as change set them.
		r.keys = withEntityTokens(indexKeys(r.language, r.read, r.starred, r.tags), entityTokensOf(r.keys))
		if r.published != befores[i].published {
			doc, err := r.docFor()
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
			if err := index.add(ctx, r.id, r.indexRow()); err != nil {
				return fmt.Errorf("index article #%d: %w", r.id, err)
			}
		}
	}
	return nil
}

// snippetOfKeys reports whether a snippet marks a keys column token.
func snippetOfKeys(sn string) bool {
	return strings.Contains(sn, MarkStart+"0tag") || strings.Contains(sn, MarkStart+"0is") || strings.Contains(sn, MarkStart+"0lang") ||
		strings.Contains(sn, MarkStart+"0e")
}
