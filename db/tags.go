package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Tags: adding and removing them on articles, listing, renaming and
// deleting them.

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
