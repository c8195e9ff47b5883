package db

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
)

// Ranking by relevance is FTS5's bm25 (see bm25.go), with what bm25 works
// out on every search gathered here instead, once:
//
//   - the index's article count and mean length, from FTS5's own totals;
//   - the IDF of each phrase of the query, from how many articles hold it —
//     counted only for phrases that change the order: a query of one
//     weighted phrase (a word, a phrase, a word and filters) is ordered the
//     same whatever its IDF, so its count is the one the search made anyway,
//     or none. Counts are remembered until the index changes, so the pages
//     of one search, and the window's quick and ranked requests, score alike.
//
// A count that would take longer than the scan budget is estimated from
// the share of the archive counted in that time (newest first), as counting
// the matches is: the order then differs from bm25's only through the
// IDFs of phrases held by a large part of a large archive.

// rankedSQL is the query listing the newest matches of q in [?, ?) — after
// the plan's parameters and the match, up to a number — with their
// scores, lower first, as "SELECT doc, score". Each match's length is
// joined from _docsize: a B-tree seek each, a third of a common word's
// ranking at 100,000 articles.
const rankedSQL = "SELECT doc, score FROM (SELECT f.rowid AS doc, " + rankFunction + "(f.articles_fts, d.sz, ?) AS score" +
	" FROM articles_fts f LEFT JOIN articles_fts_docsize d ON d.id = f.rowid" +
	" WHERE f.articles_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?)"

// rankedBestSQL is rankedSQL for a statement that reads only its best
// rows (ORDER BY score, doc LIMIT keep, keep in the params' trailer):
// clippings_bm25 looks a length up only for a row that may be among them
// (see rankPrune). A page of 50 at 100,000 articles: "president" looks
// up 1,220 lengths of its newest 20,000 matches, "to to" 1,986 (in
// process 31.8 -> 21.3 ms for "president").
const rankedBestSQL = "SELECT doc, score FROM (SELECT f.rowid AS doc, " + rankFunction + "(f.articles_fts, NULL, ?) AS score" +
	" FROM articles_fts f WHERE f.articles_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?)"

// rankedFrom returns the query and arguments that score the newest most
// matches of q in [lo, hi); scan is how the search counted them. keep > 0:
// the query is read only for its keep best rows (ORDER BY score, doc LIMIT
// keep, no other condition), whose scores alone are exact, and what their
// snippets are made of is kept in tally (when not 0: see walkedRow). When
// the query cannot be planned (an expression this file does not read), it
// is FTS5's bm25.
func (s *Store) rankedFrom(ctx context.Context, q query, scan scanResult, lo, hi int64, most, keep int, tally uint64) (string, []any, error) {
	params, err := s.rankParams(ctx, q, scan)
	if errors.Is(err, errUnplanned) {
		return q.ix.sql("SELECT doc, score FROM (SELECT rowid AS doc, " + q.ix.bm25() + " AS score FROM articles_fts" +
				" WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?)"),
			[]any{q.match, lo, hi, most}, nil
	}
	if err != nil {
		return "", nil, err
	}
	if keep > 0 {
		return q.ix.sql(rankedBestSQL), []any{withRankTrailer(params, tally, keep), q.match, lo, hi, most}, nil
	}
	return q.ix.sql(rankedSQL), []any{params, q.match, lo, hi, most}, nil
}

var errUnplanned = errors.New("query not planned")

// rankParams encodes what clippings_bm25 takes: avgdl, the column
// weights, an IDF per phrase.
func (s *Store) rankParams(ctx context.Context, q query, scan scanResult) ([]byte, error) {
	params, _, err := s.planRank(ctx, q, &scan)
	return params, err
}

// aloneIDF is the IDF of a query's one weighted phrase, from the search's
// count of its matches.
type aloneIDF func(scan scanResult) (float64, error)

// planRank is rankParams; with scan nil (the search's count not made
// yet), the IDF of a query's one weighted phrase is left at 1 and alone
// works it out once the count is made: the scores are then that IDF times
// the ones computed, to the last bit (the other phrases add exact zeros).
// alone is nil when every IDF is in the params.
func (s *Store) planRank(ctx context.Context, q query, scan *scanResult) (params []byte, alone aloneIDF, err error) {
	phrases, ok := ftsPhrases(q.match)
	if !ok {
		return nil, nil, errUnplanned
	}
	totals, err := s.indexTotals(ctx, q.ix)
	if err != nil {
		return nil, nil, err
	}
	weights := make([]float64, len(q.ix.columns))
	for i, c := range q.ix.columns {
		fmt.Sscan(bm25Weights[c], &weights[i])
	}
	var weighted []int // the phrases that can add to a score
	for i, p := range phrases {
		if !p.absent && p.weighs(q.ix, weights) {
			weighted = append(weighted, i)
		}
	}
	if len(weighted) > 1 && s.limits.budget <= 0 {
		// Exact counts, all in one statement (see hitsFunction).
		if err := s.countPhrases(ctx, q, phrases, weighted, totals); err != nil {
			return nil, nil, err
		}
	}
	idf := make([]float64, len(phrases))
	for _, i := range weighted {
		if len(weighted) == 1 && scan == nil {
			expr := phrases[i].expr
			idf[i] = 1
			alone = func(scan scanResult) (float64, error) {
				hits, err := s.phraseHits(ctx, q, expr, totals, scan, true)
				return bm25IDF(totals.rows, hits), err
			}
			break
		}
		var counted scanResult
		if scan != nil {
			counted = *scan
		}
		hits, err := s.phraseHits(ctx, q, phrases[i].expr, totals, counted, len(weighted) == 1)
		if err != nil {
			return nil, nil, err
		}
		idf[i] = bm25IDF(totals.rows, hits)
	}
	params = make([]byte, 0, 8*(1+len(weights)+len(idf)))
	for _, v := range append(append([]float64{totals.avgdl()}, weights...), idf...) {
		params = binary.LittleEndian.AppendUint64(params, math.Float64bits(v))
	}
	return params, alone, nil
}

// bm25IDF is FTS5's: log((N − n + 0.5) / (n + 0.5)), and a millionth for
// words in more than half the articles.
func bm25IDF(rows, hits int64) float64 {
	idf := math.Log((float64(rows-hits) + 0.5) / (float64(hits) + 0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

// indexTotals is FTS5's record of the index's articles and words per
// column (the "averages" row of its _data table).
type indexTotals struct {
	raw   string // the record as stored: the index's state, for the cache
	rows  int64
	words int64
}

// avgdl is the mean article length in words, as bm25 takes it.
func (t indexTotals) avgdl() float64 {
	if t.rows == 0 {
		return 0
	}
	return float64(t.words) / float64(t.rows)
}

func (s *Store) indexTotals(ctx context.Context, ix ftsIndex) (indexTotals, error) {
	var rec []byte
	err := s.read.QueryRowContext(ctx, ix.sql("SELECT block FROM articles_fts_data WHERE id = 1")).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return indexTotals{}, nil // nothing indexed yet
	}
	if err != nil {
		return indexTotals{}, fmt.Errorf("read the index's totals: %w", err)
	}
	t := indexTotals{raw: string(rec)}
	v, k := sqliteVarint(rec)
	t.rows = int64(v)
	for rec = rec[k:]; k > 0 && len(rec) > 0; rec = rec[k:] {
		v, k = sqliteVarint(rec)
		t.words += int64(v)
	}
	return t, nil
}

// phraseHits is how many articles of the index hold a phrase (its
// expression alone, with its column filter): what bm25 counts with
// xQueryPhrase. alone: the phrase is the query's one weighted phrase, whose
// count only scales the scores: the search's own count is taken (the
// phrase's, when the query is the phrase over the whole archive, and the
// scores are then bm25's).
func (s *Store) phraseHits(ctx context.Context, q query, expr string, totals indexTotals, scan scanResult, alone bool) (int64, error) {
	key := q.ix.table + "\x00" + expr
	if alone {
		key = "1" + key // not always the phrase's count: kept apart
	}
	if n, ok := s.rankCounts.get(totals.raw, key); ok {
		return n, nil
	}
	n := scan.estimate()
	if !alone {
		r, err := s.scanMatches(ctx, q.ix, expr, 0, 1<<62, true, math.MaxInt, 0)
		if err != nil {
			return 0, err
		}
		n = r.estimate()
	}
	hits := min(int64(math.Round(n)), totals.rows)
	s.rankCounts.put(totals.raw, key, hits)
	return hits, nil
}

// countPhrases finds how many articles hold each weighted phrase of q
// that is not remembered yet, through clippings_hits, and remembers it for
// phraseHits. A query that matches nothing is left to phraseHits (and has
// nothing to rank).
func (s *Store) countPhrases(ctx context.Context, q query, phrases []ftsPhrase, weighted []int, totals indexTotals) error {
	missing := false
	for _, i := range weighted {
		if _, ok := s.rankCounts.get(totals.raw, q.ix.table+"\x00"+phrases[i].expr); !ok {
			missing = true
		}
	}
	if !missing {
		return nil
	}
	var counts []byte
	err := s.read.QueryRowContext(ctx, q.ix.sql("SELECT "+hitsFunction+"(articles_fts) FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1"), q.match).Scan(&counts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("count the query's phrases: %w", err)
	}
	if len(counts) != 8*len(phrases) {
		return nil // not the phrases FTS5 reads (never so: see ftsPhrases): phraseHits counts them
	}
	for _, i := range weighted {
		n := int64(binary.LittleEndian.Uint64(counts[8*i:]))
		s.rankCounts.put(totals.raw, q.ix.table+"\x00"+phrases[i].expr, min(n, totals.rows))
	}
	return nil
}

// hitCounts remembers phrases' article counts while the index is as it
// was (its totals record unchanged: any article added, removed or
// re-indexed changes it).
type hitCounts struct {
	mu    sync.Mutex
	state string
	n     map[string]int64
}

// hitCountsKept bounds the phrases remembered.
const hitCountsKept = 512

func (h *hitCounts) get(state, key string) (int64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.state != state {
		return 0, false
	}
	n, ok := h.n[key]
	return n, ok
}

func (h *hitCounts) put(state, key string, n int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil || h.state != state || len(h.n) >= hitCountsKept {
		h.state, h.n = state, map[string]int64{}
	}
	h.n[key] = n
}

// ftsPhrase is one phrase of an FTS5 expression, in FTS5's numbering
// (the order they are written in).
type ftsPhrase struct {
	expr    string   // the phrase alone with its column filter, as a MATCH expression
	columns []string // its column filter; nil for every column
	// absent: the phrase is negated so that no row matching the
	// expression holds it (NOT a, NOT (a OR b)), and adds nothing.
	absent bool
}

// weighs reports whether the phrase can add to a score: some column it
// may be found in has a weight.
func (p ftsPhrase) weighs(ix ftsIndex, weights []float64) bool {
	for i, c := range ix.columns {
		if weights[i] != 0 && (p.columns == nil || containsString(p.columns, c)) {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ftsPhrases lists the phrases of an FTS5 expression as the query
// renderer writes them: quoted strings, a * after for a prefix, a column
// filter before ("col : " or "{a b} : "), AND, OR, NOT and brackets. ok is
// false for anything else, which is then ranked by FTS5's bm25 itself.
func ftsPhrases(expr string) (phrases []ftsPhrase, ok bool) {
	r := ftsExprReader{s: expr}
	root, ok := r.group()
	if !ok || r.i != len(r.s) {
		return nil, false
	}
	root.collect(true, &phrases)
	return phrases, true
}

// ftsOperand is a phrase, or a bracketed group of operands joined by
// operators (ops[i] joins operands i and i+1).
type ftsOperand struct {
	phrase *ftsPhrase
	items  []ftsOperand
	ops    []string
}

// collect appends the operand's phrases in order. held: every row the
// whole expression matches satisfies this operand. The phrases of "NOT x"
// in such a place are absent from those rows when x is phrases joined by
// OR alone (a row holding any of them is excluded); with AND, or under an
// OR, a matching row may hold some, and FTS5 then counts them.
func (o ftsOperand) collect(held bool, out *[]ftsPhrase) {
	if o.phrase != nil {
		*out = append(*out, *o.phrase)
		return
	}
	hasOr := false
	for _, op := range o.ops {
		hasOr = hasOr || op == "OR"
	}
	for i, item := range o.items {
		negated := i > 0 && o.ops[i-1] == "NOT"
		from := len(*out)
		item.collect(held && !hasOr && !negated, out)
		if negated && held && !hasOr && item.onlyOr() {
			for j := from; j < len(*out); j++ {
				(*out)[j].absent = true
			}
		}
	}
}

// onlyOr reports whether the operand is phrases joined by OR alone.
func (o ftsOperand) onlyOr() bool {
	if o.phrase != nil {
		return true
	}
	for _, op := range o.ops {
		if op != "OR" {
			return false
		}
	}
	for _, item := range o.items {
		if !item.onlyOr() {
			return false
		}
	}
	return true
}

type ftsExprReader struct {
	s string
	i int
}

func (r *ftsExprReader) space() {
	for r.i < len(r.s) && r.s[r.i] == ' ' {
		r.i++
	}
}

// group reads operands and operators up to a closing bracket or the end.
func (r *ftsExprReader) group() (ftsOperand, bool) {
	var g ftsOperand
	for {
		r.space()
		if r.i >= len(r.s) || r.s[r.i] == ')' {
			break
		}
		if len(g.items) > 0 {
			op := "AND" // FTS5's implicit AND between operands
			for _, o := range []string{"AND", "OR", "NOT"} {
				if strings.HasPrefix(r.s[r.i:], o+" ") {
					op = o
					r.i += len(o) + 1
					r.space()
					break
				}
			}
			g.ops = append(g.ops, op)
		}
		if r.i < len(r.s) && r.s[r.i] == '(' {
			r.i++
			sub, ok := r.group()
			if !ok || r.i >= len(r.s) || r.s[r.i] != ')' {
				return g, false
			}
			r.i++
			g.items = append(g.items, sub)
			continue
		}
		p, ok := r.phrase()
		if !ok {
			return g, false
		}
		g.items = append(g.items, ftsOperand{phrase: &p})
	}
	return g, len(g.items) > 0
}

// phrase reads [column filter :] "quoted"[*].
func (r *ftsExprReader) phrase() (ftsPhrase, bool) {
	start := r.i
	var p ftsPhrase
	switch {
	case r.s[r.i] == '{':
		end := strings.IndexByte(r.s[r.i:], '}')
		if end < 0 {
			return p, false
		}
		p.columns = strings.Fields(r.s[r.i+1 : r.i+end])
		r.i += end + 1
	case r.s[r.i] != '"':
		end := r.i
		for end < len(r.s) && (r.s[end] >= 'a' && r.s[end] <= 'z' || r.s[end] == '_' || r.s[end] >= '0' && r.s[end] <= '9') {
			end++
		}
		if end == r.i {
			return p, false
		}
		p.columns = []string{r.s[r.i:end]}
		r.i = end
	}
	if p.columns != nil {
		r.space()
		if r.i >= len(r.s) || r.s[r.i] != ':' {
			return p, false
		}
		r.i++
		r.space()
	}
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		return p, false
	}
	r.i++
	for {
		end := strings.IndexByte(r.s[r.i:], '"')
		if end < 0 {
			return p, false
		}
		r.i += end + 1
		if r.i < len(r.s) && r.s[r.i] == '"' { // "" inside
			r.i++
			continue
		}
		break
	}
	if r.i < len(r.s) && r.s[r.i] == '*' {
		r.i++
	}
	p.expr = r.s[start:r.i]
	return p, true
}
