package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// walkedPages counts the pages whose snippets walkedSnippets made (tests).
var walkedPages atomic.Int64

// walkedSnippets makes the snippets of a page the ranking walk found from
// what the walk read of its rows (walked.rows: their instances of the
// query's phrases and their columns' lengths) and their text, read from
// the articles table, the index's content — the same snippets as
// clippings_snippet's (both are makeSnippet), without finding each row
// again in the index: for a phrase of common words that took a third of
// the search ("to to" at 100,000 articles, 50 look-ups each visiting every
// segment and checking positions). ok is false, nothing given to found,
// when the walk did not keep every row of the page.
func (s *Store) walkedSnippets(ctx context.Context, q query, pages []page, docs []any, in string, walk *walked, found func(doc int64, sn string)) (ok bool, err error) {
	if walk == nil || walk.rows == nil {
		return false, nil
	}
	for _, p := range pages {
		if _, kept := walk.rows[p.doc]; !kept {
			return false, nil
		}
	}
	cols := make([]string, len(q.ix.columns))
	for i, c := range q.ix.columns {
		cols[i] = `"` + c + `"`
	}
	rows, err := s.read.QueryContext(ctx, "SELECT doc, "+strings.Join(cols, ", ")+" FROM articles WHERE doc IN "+in, docs...)
	if err != nil {
		return false, fmt.Errorf("load snippets: %w", err)
	}
	defer rows.Close()
	texts := map[int64][]sql.NullString{}
	for rows.Next() {
		var doc int64
		row := make([]sql.NullString, len(cols))
		dest := []any{&doc}
		for i := range row {
			dest = append(dest, &row[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return false, fmt.Errorf("load snippets: %w", err)
		}
		texts[doc] = row
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("load snippets: %w", err)
	}

	tls := libc.NewTLS()
	defer tls.Close()
	for _, p := range pages {
		text, there := texts[p.doc]
		if !there {
			continue // deleted since: clippings_snippet would find no row
		}
		sn, err := walkedSnippet(tls, walk.rows[p.doc], walk.phraseSize, text)
		if err != nil {
			return false, fmt.Errorf("snippet of %d: %w", p.doc, err)
		}
		found(p.doc, sn)
	}
	walkedPages.Add(1)
	return true, nil
}

// walkedSnippet is one row's snippet, its columns' text copied to
// SQLite's heap as FTS5 would hold them.
func walkedSnippet(tls *libc.TLS, row walkedRow, phraseSize []int32, text []sql.NullString) (string, error) {
	held := make([]uintptr, len(text))
	defer func() {
		for _, p := range held {
			if p != 0 {
				sqlite3.Xsqlite3_free(tls, p)
			}
		}
	}()
	src := snippetSource{
		nCol:       int32(len(text)),
		insts:      row.insts,
		phraseSize: phraseSize,
		text: func(col int32) (uintptr, int32, int32) {
			t := text[col]
			if !t.Valid {
				return 0, 0, sqlite3.SQLITE_OK
			}
			if held[col] == 0 {
				if held[col] = cString(tls, t.String); held[col] == 0 {
					return 0, 0, sqlite3.SQLITE_NOMEM
				}
			}
			return held[col], int32(len(t.String)), sqlite3.SQLITE_OK
		},
		size: func(col int32) (int32, int32) { return row.sizes[col], sqlite3.SQLITE_OK },
	}
	res, null, rc := makeSnippet(tls, src, -1, snippetTokens, MarkStart, MarkEnd, "…")
	if rc != sqlite3.SQLITE_OK {
		return "", fmt.Errorf("sqlite error %d", rc)
	}
	if null {
		return "", nil
	}
	return string(res), nil
}
