package db

import (
	"context"
	"database/sql"
	"strings"

	"github.com/clippings/clippings/article"
)

// What a reader marks on articles besides tags: a star, read or unread,
// a note.

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
