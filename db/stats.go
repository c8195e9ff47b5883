package db

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/clippings/clippings/article"
)

// Stats describes an archive, for `clippings stats` and Help ▸ About.
type Stats struct {
	Path      string          `json:"path"`
	Articles  int             `json:"articles"`
	Sources   int             `json:"sources"` // distinct, not counting unknown
	Languages []LanguageCount `json:"languages"`
	Published DateRange       `json:"published"` // of the articles whose date is known
	Added     DateRange       `json:"added"`

	FileBytes           int64 `json:"file_bytes"`            // the archive on disk, with its -wal file
	FreeBytes           int64 `json:"free_bytes"`            // of which free pages, kept for later writes
	TextBytes           int64 `json:"text_bytes"`            // titles, bylines, bodies and captions, UTF-8
	OriginalBytes       int64 `json:"original_bytes"`        // the imported files as they were
	StoredOriginalBytes int64 `json:"stored_original_bytes"` // the same, compressed in the archive
}

// LanguageCount is how many articles are in one language; Code is ISO 639-1,
// "" for articles whose language is unknown.
type LanguageCount struct {
	Code     string `json:"code"`
	Articles int    `json:"articles"`
}

// DateRange spans the first and last day; both are unknown (null) when no
// article has a date.
type DateRange struct {
	First article.Date `json:"first"`
	Last  article.Date `json:"last"`
}

// Stats counts the archive's articles and measures it. It reads a few
// aggregates: octet_length does not load the texts.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Path: s.path, Languages: []LanguageCount{}}
	var (
		published [2]sql.NullString
		added     [2]sql.NullString
	)
	err := s.read.QueryRowContext(ctx, `SELECT count(*),
		count(DISTINCT nullif(source, '')),
		min(published), max(published), min(added), max(added),
		coalesce(sum(octet_length(title) + octet_length(subtitle) + octet_length(authors) +
			octet_length(body) + octet_length(captions)), 0),
		coalesce(sum(file_size), 0)
		FROM articles`).Scan(&st.Articles, &st.Sources, &published[0], &published[1],
		&added[0], &added[1], &st.TextBytes, &st.OriginalBytes)
	if err != nil {
		return Stats{}, fmt.Errorf("archive statistics: %w", describeReadError(s.path, err))
	}
	if st.Published, err = dateRange(published); err != nil {
		return Stats{}, fmt.Errorf("archive statistics: %w", err)
	}
	if st.Added, err = addedRange(added); err != nil {
		return Stats{}, fmt.Errorf("archive statistics: %w", err)
	}
	q := s.schemaSQL(`SELECT (SELECT coalesce(sum(octet_length(original)), 0) FROM articles)
		+ (SELECT coalesce(sum(octet_length(data)), 0) FROM originals)`, "SELECT coalesce(sum(octet_length(data)), 0) FROM originals")
	err = s.read.QueryRowContext(ctx, q).Scan(&st.StoredOriginalBytes)
	if err != nil {
		return Stats{}, fmt.Errorf("archive statistics: %w", describeReadError(s.path, err))
	}
	if st.Languages, err = s.languages(ctx); err != nil {
		return Stats{}, err
	}
	// Pages freed by deletes and index merges stay in the file (SQLite
	// without auto_vacuum) until later writes reuse them.
	var free, pageSize int64
	if err := s.read.QueryRowContext(ctx, "SELECT freelist_count, page_size FROM pragma_freelist_count, pragma_page_size").Scan(&free, &pageSize); err != nil {
		return Stats{}, fmt.Errorf("archive statistics: %w", describeReadError(s.path, err))
	}
	st.FreeBytes = free * pageSize
	for _, name := range []string{s.path, s.path + "-wal"} {
		if fi, err := os.Stat(name); err == nil {
			st.FileBytes += fi.Size()
		}
	}
	return st, nil
}

func (s *Store) languages(ctx context.Context) ([]LanguageCount, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language")
	if err != nil {
		return nil, fmt.Errorf("count languages: %w", describeReadError(s.path, err))
	}
	defer rows.Close()
	out := []LanguageCount{}
	for rows.Next() {
		var l LanguageCount
		if err := rows.Scan(&l.Code, &l.Articles); err != nil {
			return nil, fmt.Errorf("count languages: %w", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count languages: %w", describeReadError(s.path, err))
	}
	return out, nil
}

func dateRange(v [2]sql.NullString) (DateRange, error) {
	first, err := article.ParseDate(v[0].String)
	if err != nil {
		return DateRange{}, err
	}
	last, err := article.ParseDate(v[1].String)
	return DateRange{First: first, Last: last}, err
}

// addedRange keeps the days of the first and last import.
func addedRange(v [2]sql.NullString) (DateRange, error) {
	var r DateRange
	for i, d := range []*article.Date{&r.First, &r.Last} {
		if !v[i].Valid {
			continue
		}
		t, err := time.Parse(time.RFC3339, v[i].String)
		if err != nil {
			return DateRange{}, fmt.Errorf("added time %q: %w", v[i].String, err)
		}
		*d = article.NewDate(t)
	}
	return r, nil
}

// fullTextOption finds an option of the full-text table's CREATE statement.
var fullTextOption = regexp.MustCompile(`(?i)\b(tokenize|prefix)\s*=\s*'([^']*)'`)

// FullTextOptions returns the tokenizer and prefix-index options of the
// archive's full-text index, as written in its schema (e.g. "tokenize =
// 'porter unicode61', prefix = '2 3'"), for a table to be compared with it.
func (s *Store) FullTextOptions(ctx context.Context) (string, error) {
	var schema string
	err := s.read.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE name = 'articles_fts'").Scan(&schema)
	if err != nil {
		return "", fmt.Errorf("read the full-text index's schema: %w", err)
	}
	var opts []string
	for _, m := range fullTextOption.FindAllStringSubmatch(schema, -1) {
		opts = append(opts, fmt.Sprintf("%s = '%s'", strings.ToLower(m[1]), m[2]))
	}
	return strings.Join(opts, ", "), nil
}
