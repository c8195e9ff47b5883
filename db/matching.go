package db

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	querylang "github.com/clippings/clippings/query"
)

// parse reads a query the way Search does, for the index searches use now.
func (s *Store) parse(ctx context.Context, text string) query { return s.parseFor(ctx, text, true) }

// parseFor is parse; without settle, a prefix matches every article of the
// stems of its words (see Store.settle), which is enough to mark them.
func (s *Store) parseFor(ctx context.Context, text string, settle bool) query {
	ix, err := s.fts(ctx)
	if err != nil {
		ix = currentIndex // the search says what is wrong
	}
	text = cleanQueryText(text)
	if s.wordsReady(ctx) {
		if q, err := s.parseExact(ctx, querylang.Parse(text), ix, settle); err == nil {
			return q
		}
		// The words table could not be read: the search says what is
		// wrong, or finds as before the table.
	}
	q := parseQueryIn(text, ix, s.prefixStems(ctx, ix, MaxPrefixTerms))
	if q.ix.check != "" && s.tooManyToCheck(ctx, q) {
		q = compile(querylang.Parse(text), ix, s.prefixStems(ctx, ix, MaxPrefixTerms), false)
	}
	return q
}

// tooManyToCheck reports whether a query's prefixes have more candidate
// articles than may be checked as written (searchLimits.checkable): each
// is read, about 40 µs, and a prefix whose first letters are common words
// (bankr*, searched as ban*) has tens of thousands at 100,000 articles —
// over the 2 s a query may take, so the search failed as too broad. Such a
// prefix matches as it did before checks: its stems, shorter ones too.
func (s *Store) tooManyToCheck(ctx context.Context, q query) bool {
	if s.limits.checkable <= 0 {
		return false
	}
	unchecked := q.ix
	unchecked.check = ""
	lo, hi := q.docRange()
	var n int
	err := s.read.QueryRowContext(ctx, unchecked.sql("SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ? LIMIT ?)"),
		q.match, lo, hi, s.limits.checkable+1).Scan(&n)
	return err == nil && n > s.limits.checkable
}

// docsQuery is the SQL listing the doc keys a query matches, unordered and
// unscored, with its arguments: the index when there are words to match,
// else the articles table minus the excluded words.
func (q query) docsQuery() (string, []any) {
	lo, hi := q.docRange()
	switch {
	case q.match != "":
		return q.ix.sql("SELECT rowid AS doc FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?"), []any{q.match, lo, hi}
	case q.exclude != "":
		return q.ix.sql("SELECT doc FROM articles WHERE doc >= ? AND doc < ? AND doc NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"), []any{lo, hi, q.exclude}
	}
	return "SELECT doc FROM articles WHERE doc >= ? AND doc < ?", []any{lo, hi}
}

// MatchingIDs lists every article a query matches, newest first, without
// a cap: for applying an action to all the results. The ids come from the
// doc index, so no article's row is read.
func (s *Store) MatchingIDs(ctx context.Context, queryText string) ([]int64, error) {
	var ids []int64
	err := s.withQuery(ctx, queryText, false, func(ctx context.Context, q query) (err error) {
		ids, err = s.matchingIDs(ctx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("matching articles: %w", describeReadError(s.path, err))
	}
	return ids, nil
}

func (s *Store) matchingIDs(ctx context.Context, q query) ([]int64, error) {
	// The ids from the doc index (which holds each key's id): scanned in
	// key order without words, else looked up per match in the order the
	// index gives them, about 1 µs each.
	lo, hi := q.docRange()
	var (
		query string
		args  []any
	)
	switch {
	case q.match != "":
		query = q.ix.sql("SELECT a.id FROM (SELECT rowid AS doc FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?) AS m " +
			"CROSS JOIN articles AS a ON a.doc = m.doc ORDER BY m.doc DESC")
		args = []any{q.match, lo, hi}
	case q.exclude != "":
		query = q.ix.sql("SELECT id FROM articles WHERE doc >= ? AND doc < ? AND doc NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) ORDER BY doc DESC")
		args = []any{lo, hi, q.exclude}
	default:
		query, args = "SELECT id FROM articles WHERE doc >= ? AND doc < ? ORDER BY doc DESC", []any{lo, hi}
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// CountMatches counts a query's matches up to CountCap; capped says there
// are more. It reads no article, so a sidebar may count every saved search.
func (s *Store) CountMatches(ctx context.Context, queryText string) (n int, capped bool, err error) {
	count := func(ctx context.Context, q query) error {
		docs, args := q.docsQuery()
		if !q.hasWords() && q.after.IsZero() && q.before.IsZero() {
			n, err = s.Count(ctx)
			return err
		}
		err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM ("+docs+" LIMIT ?)", append(args, s.limits.count+1)...).Scan(&n)
		if n > s.limits.count {
			n, capped = s.limits.count, true
		}
		return err
	}
	err = s.withQuery(ctx, queryText, true, count)
	if err != nil {
		return 0, false, fmt.Errorf("count matches: %w", describeReadError(s.path, err))
	}
	return n, capped, nil
}

// FacetKind is a kind of value results are broken down by; a click on a
// value narrows the search by the query package's Clause.
type FacetKind = querylang.Facet

// Facet kinds.
const (
	FacetSource   = querylang.FacetSource
	FacetAuthor   = querylang.FacetAuthor
	FacetLanguage = querylang.FacetLanguage
	FacetYear     = querylang.FacetYear
	FacetTag      = querylang.FacetTag
)

// FacetCount is one value of a facet and how many results have it.
type FacetCount struct {
	Value string `json:"value"` // a language's "" is unknown
	Count int    `json:"count"`
}

// Facets break a search's results down by source, author, language and
// year. Over a query with many matches they count the newest CountCap
// (Capped, like the search's own total).
type Facets struct {
	Sources   []FacetCount `json:"sources"`   // by count, most first
	Authors   []FacetCount `json:"authors"`   // by count
	Languages []FacetCount `json:"languages"` // by count
	Years     []FacetCount `json:"years"`     // newest first; undated articles by the year they were imported
	Counted   int          `json:"counted"`   // the results the counts cover
	Capped    bool         `json:"capped"`    // there are more results than Counted
}

// Facets counts the sources, authors, languages and years of a query's
// results. FacetQuery and Narrow make the query a click on a value runs.
func (s *Store) Facets(ctx context.Context, queryText string) (Facets, error) {
	var f Facets
	err := s.withQuery(ctx, queryText, true, func(ctx context.Context, q query) (err error) {
		f, err = s.facets(ctx, q)
		return err
	})
	if err != nil {
		return Facets{}, fmt.Errorf("facets: %w", describeReadError(s.path, err))
	}
	return f, nil
}

func (s *Store) facets(ctx context.Context, q query) (Facets, error) {
	docs, args := q.docsQuery()
	limit := s.limits.count
	// The newest matches come from the index (or the doc index) in key
	// order; source, authors and language sit before the body in the row,
	// so reading them does not read the text.
	rows, err := s.read.QueryContext(ctx, `SELECT m.doc, a.source, a.authors, a.language
		FROM (SELECT doc FROM (`+docs+`) ORDER BY doc DESC LIMIT ?) AS m JOIN articles AS a ON a.doc = m.doc`,
		append(args, limit+1)...)
	if err != nil {
		return Facets{}, err
	}
	defer rows.Close()
	sources, authors, langs, years := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	var f Facets
	for rows.Next() {
		var (
			doc           int64
			src, by, lang string
		)
		if err := rows.Scan(&doc, &src, &by, &lang); err != nil {
			return Facets{}, err
		}
		if f.Counted == limit {
			f.Capped = true
			break
		}
		f.Counted++
		if src != "" {
			sources[src]++
		}
		for _, a := range strings.Split(by, "\n") {
			if a != "" {
				authors[a]++
			}
		}
		langs[lang]++
		years[strconv.Itoa(dayTime(q.ix.keys.dayOf(doc)).Year())]++
	}
	if err := rows.Err(); err != nil {
		return Facets{}, err
	}
	f.Sources, f.Authors, f.Languages = byCount(sources), byCount(authors), byCount(langs)
	f.Years = byCount(years)
	sort.Slice(f.Years, func(i, j int) bool { return f.Years[i].Value > f.Years[j].Value })
	return f, nil
}

func byCount(m map[string]int) []FacetCount {
	out := make([]FacetCount, 0, len(m))
	for v, n := range m {
		out = append(out, FacetCount{Value: v, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}
