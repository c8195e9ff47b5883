package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/clippings/clippings/article"
)

// Marks around matched words in snippets and highlighted text.
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

// Sort orders search results.
type Sort int

const (
	Relevance Sort = iota // best match first (bm25, title above body)
	Newest                // latest published first
	Oldest
)

// ParseSort reads "relevance", "newest" or "oldest".
func ParseSort(s string) (Sort, error) {
	switch strings.ToLower(s) {
	case "relevance", "rank", "":
		return Relevance, nil
	case "newest", "new", "date":
		return Newest, nil
	case "oldest", "old":
		return Oldest, nil
	}
	return 0, fmt.Errorf("unknown sort %q: use relevance, newest or oldest", s)
}

func (s Sort) String() string {
	switch s {
	case Newest:
		return "newest"
	case Oldest:
		return "oldest"
	}
	return "relevance"
}

// Request is one page of a search.
type Request struct {
	Query  string
	Sort   Sort
	Limit  int    // hits per page; 0 means 50
	Cursor string // from the previous page's Results.Next; "" for the first page
	// Group shows one hit per group of copies (the same story from
	// several outlets): of the members the query matches, the one that
	// sorts first, with the others' ids in Hit.Copies. Total still counts
	// articles.
	Group bool
	// Quick asks for the first page at once: a relevance search whose
	// ranking would take long (QuickRankCost, QuickRankWait) is listed
	// newest first, with Results.Refine set, and the same Request without
	// Quick then ranks it. The window shows the newest matches while it
	// waits. Later pages (a Cursor) ignore it: they keep the first page's
	// order.
	Quick bool
}

// Hit is one search result.
type Hit struct {
	ID        int64        `json:"id"`
	Title     string       `json:"title"`
	Source    string       `json:"source"`
	Published article.Date `json:"published"`
	Snippet   string       `json:"snippet"` // matched words between MarkStart and MarkEnd
	Score     float64      `json:"score"`   // higher is better; 0 when not sorted by relevance
	Tags      []string     `json:"tags"`
	Starred   bool         `json:"starred"`
	Read      bool         `json:"read"`
	// Copies are the ids of the other members of the hit's group of
	// copies, in id order, in a grouped search (Request.Group); nil when
	// it has none.
	Copies []int64 `json:"copies,omitempty"`
}

// Results is one page of hits.
type Results struct {
	Hits []Hit
	// Total counts all matches, not just this page — up to CountCap: with
	// TotalCapped, there are more than Total.
	Total       int
	TotalCapped bool
	// Ranked is non-zero when relevance ranked only the newest Ranked
	// matches (queries matching more than RankCap articles).
	Ranked int
	// ByDate: relevance was asked for, but the hits are listed newest
	// first: the query matches so much of the archive (more than
	// RankableMatches) that it is not ranked, or, with Refine, the ranking
	// of a Quick request was put off.
	ByDate bool
	// Refine: listed newest first only because the Request was Quick; the
	// same Request without Quick ranks the hits.
	Refine bool
	Next   string // cursor of the next page; "" on the last page
}

// RankableMatches: a query that matches more articles than this is listed
// newest first even when relevance is asked for. FTS5's bm25 weighs each
// word by how many articles have it, and counts them for every search: a
// word in 300,000 articles costs over 100 ms before the first score (and a
// phrase of common words ten times that); a word in a third of the archive
// says little about which article is wanted anyway.
const RankableMatches = 50000

// QuickRankCost: a Quick request lists a query newest first, to be ranked
// by a second request, when its evaluation over the whole archive would
// take longer than this, judged from how fast it was counted — bm25 pays
// about that before the first score (it weighs each word by how many
// articles have it, and counts them on every search), on top of counting,
// ranking and snippets, and the first page is due within 100 ms. A phrase
// of the commonest words ("to be or not to be") matches few articles, but
// bm25 checks it in nearly all of them: a second or two at a million.
const QuickRankCost = 25 * time.Millisecond

// QuickRankWait: a Quick request's ranking that has not finished this long
// after the search began is given up for the newest matches (which take a
// few milliseconds more), and left to a second request. The cost estimate
// above misses part of bm25's: it walks each word's articles, while
// counting walks only those with all the words. At 35 ms (was 70) the
// first pages of the bench at 100,000 articles took at most 50 ms at p95
// (the phrase of two common words 74 ms before), the ranked page coming
// after it for more queries (a common word in 3 runs of 20).
const QuickRankWait = 35 * time.Millisecond

// Counting and ranking stop at these many matches by default: counting a
// million matches, or scoring them, takes far longer than a search may.
const (
	CountCap = 10000
	RankCap  = 20000
)

// searchLimits are the caps in force; tests lower them.
type searchLimits struct {
	count, rank int
	rankable    int           // see RankableMatches
	quickCost   time.Duration // see QuickRankCost; 0: none
	quickWait   time.Duration // see QuickRankWait; 0: none
	budget      time.Duration // for counting matches; 0: none
	queryBudget time.Duration // for one request's work on a query; 0: none
	checkable   int           // see CheckablePrefixMatches; 0: no limit
	settleable  int           // see SettleablePrefixMatches; 0: no limit
}

// CheckablePrefixMatches is how many candidate articles a prefix search
// reads at most to keep those holding a word with the prefix as written;
// with more, the prefix matches its stems unchecked (Store.tooManyToCheck).
// 5,000 reads take about 200 ms. (Until an upgraded archive has listed its
// words: see SettleablePrefixMatches.)
const CheckablePrefixMatches = 5000

// SettleablePrefixMatches is how many articles a prefix search reads at
// most where the words table leaves it in doubt (their stem is shared with
// words that do not start with the prefix: "reporter*" and "report") and
// the forms index cannot settle them: a phrase ending in the prefix, or a
// prefix in one field, among the articles holding one of its words, or
// any prefix while an upgraded archive's forms are being listed. With
// more, it matches every article of its stems (Store.settle). Reading an
// article and looking for the prefix took 25 µs at 100,000 articles, up
// to 150 µs on the busy machine shared by the tests: 20,000 take 0.5 s to
// a few, once, for the first of the requests the window makes for a query
// (the others wait for it, and use it until the archive changes).
const SettleablePrefixMatches = 20000

// ErrBadCursor is returned for a cursor this store did not make.
var ErrBadCursor = errors.New("invalid page cursor")

// snippetTokens is about two lines of the article list.
const snippetTokens = 24

// Search runs a query. Syntax the parser could not make sense of is searched
// as plain words; an error means the archive itself failed.
func (s *Store) Search(ctx context.Context, req Request) (Results, error) {
	s.used()
	if req.Limit <= 0 {
		req.Limit = 50
	}
	var res Results
	err := s.withQuery(ctx, req.Query, true, func(ctx context.Context, q query) (err error) {
		res, err = s.search(ctx, q, req)
		return err
	})
	if err != nil && ctx.Err() == nil {
		err = describeReadError(s.path, err) // a damaged archive says so
	}
	return res, err
}

func isQuerySyntaxError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "fts5:") || strings.Contains(msg, "syntax error") ||
		strings.Contains(msg, "no such column") || strings.Contains(msg, "unterminated string")
}

// cleanQueryText drops what SQLite's query parser cannot take and no user
// means: NUL and other control characters, broken UTF-8.
func cleanQueryText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// page is a position in results: a doc key, and for relevance the score.
type page struct {
	doc   int64
	score float64
}

func encodeCursor(sort Sort, p page) string {
	if sort == Relevance {
		return "r" + strconv.FormatFloat(p.score, 'g', -1, 64) + "/" + strconv.FormatInt(p.doc, 10)
	}
	return "d" + strconv.FormatInt(p.doc, 10)
}

func decodeCursor(sort Sort, c string) (page, error) {
	var p page
	var err error
	switch {
	case sort == Relevance && strings.HasPrefix(c, "r"):
		score, doc, ok := strings.Cut(c[1:], "/")
		if !ok {
			return p, ErrBadCursor
		}
		if p.score, err = strconv.ParseFloat(score, 64); err != nil {
			return p, ErrBadCursor
		}
		if p.doc, err = strconv.ParseInt(doc, 10, 64); err != nil {
			return p, ErrBadCursor
		}
	case sort != Relevance && strings.HasPrefix(c, "d"):
		if p.doc, err = strconv.ParseInt(c[1:], 10, 64); err != nil {
			return p, ErrBadCursor
		}
	default:
		return p, ErrBadCursor
	}
	return p, nil
}

// unrankable judges a relevance search by its count: never, when it
// matches too much of the archive (RankableMatches); later, when a quick
// request should not wait for the ranking (QuickRankCost).
func (s *Store) unrankable(scan scanResult, quick bool) (never, later bool) {
	never = scan.estimate() > float64(s.limits.rankable)
	later = !never && quick && s.limits.quickCost > 0 && scan.fullCost() > s.limits.quickCost
	return never, later
}

// docRange turns date filters into a range of doc keys.
func (q query) docRange() (lo, hi int64) {
	lo, hi = 0, 1<<62
	if !q.after.IsZero() {
		lo = q.ix.keys.dayStart(dayNumber(q.after))
	}
	if !q.before.IsZero() {
		hi = q.ix.keys.dayStart(dayNumber(q.before))
	}
	return lo, hi
}

func (s *Store) search(ctx context.Context, q query, req Request) (Results, error) {
	started := time.Now()
	quick := req.Quick && req.Cursor == "" // a later page keeps the first page's order
	sort := req.Sort
	if q.match == "" && sort == Relevance {
		sort = Newest // nothing to rank by
	}
	byDate := sort == Relevance && strings.HasPrefix(req.Cursor, "d") // a later page of a ByDate search
	if byDate {
		sort = Newest
	}
	var after *page
	if req.Cursor != "" {
		p, err := decodeCursor(sort, req.Cursor)
		if err != nil {
			return Results{}, err
		}
		after = &p
	}
	lo, hi := q.docRange()

	// Where the docs come from: the index when there are words to match,
	// else the articles table, minus the excluded words. ids lists them
	// without scores, for counting.
	var (
		from, ids string
		args      []any
	)
	switch {
	case q.match != "":
		ids = q.ix.sql("SELECT rowid AS doc FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?")
		args = []any{q.match, lo, hi}
	case q.exclude != "":
		ids = q.ix.sql("SELECT doc FROM articles WHERE doc >= ? AND doc < ? AND doc NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = []any{lo, hi, q.exclude}
	default:
		ids = "SELECT doc FROM articles WHERE doc >= ? AND doc < ?"
		args = []any{lo, hi}
	}

	res := Results{}
	var (
		scan scanResult
		walk *walked // the page, counted and ranked in one walk
	)
	switch {
	case q.match == "":
		if err := s.count(ctx, q, ids, args, &res); err != nil {
			return Results{}, err
		}
	case s.walksOnce(q, req, quick):
		w, err := s.walkRanked(ctx, q, lo, hi, req.Limit+1)
		if err != nil {
			return Results{}, fmt.Errorf("search: %w", err)
		}
		walk, scan = &w, w.scan
		res.Total = min(scan.n, s.limits.count)
		res.TotalCapped = scan.n > s.limits.count
		if w.never {
			sort, res.ByDate = Newest, true
		} else if scan.estimate() > float64(s.limits.rank) {
			res.Ranked = s.limits.rank
		}
	default:
		// Count from the end the page starts at.
		limit := s.limits.count + 1
		var err error
		if scan, err = s.scanMatches(ctx, q.ix, q.match, lo, hi, sort != Oldest, limit, req.Limit); err != nil {
			return Results{}, err
		}
		res.Total = min(scan.n, s.limits.count)
		res.TotalCapped = scan.n > s.limits.count || scan.timedOut
		if sort == Relevance {
			never, later := s.unrankable(scan, quick)
			if !never && q.words != "" && q.words != q.match {
				// Tags, stars and names weigh nothing in the ranking: with
				// them the score is the words' alone, and words too common
				// to rank stay so however few articles the filters leave.
				words, err := s.scanMatches(ctx, q.ix, q.words, lo, hi, true, limit, req.Limit)
				if err != nil {
					return Results{}, err
				}
				wordsNever, wordsLater := s.unrankable(words, quick)
				never, later = wordsNever, later || wordsLater
			}
			if never || later {
				sort, byDate = Newest, true
				res.Refine = !never
			}
		}
		res.ByDate = byDate
		if scan.timedOut && after == nil {
			// Show what the scan covered at once; the page's cursor goes on
			// from its edge.
			if sort == Oldest {
				hi = scan.edge
			} else {
				lo = scan.edge
			}
			args = []any{q.match, lo, hi}
		}
	}

	from = "SELECT doc, 0.0 AS score FROM (" + ids + ")"
	dateFrom, dateArgs := from, args       // newest first, should ranking be put off
	kept := func() *walked { return walk } // what the page's snippets may be made from
	if sort == Relevance && walk == nil {
		// Ranking every match of a common word at a million articles takes
		// seconds; ranking the newest RankCap matches takes milliseconds,
		// and in a news archive the newest matches are the likeliest wanted.
		// The ranking reads them newest first and stops there, so they
		// are walked once, not counted first.
		switch {
		case scan.timedOut:
			res.Ranked = scan.n
		case scan.estimate() > float64(s.limits.rank):
			res.Ranked = s.limits.rank
		}
		keep, id := 0, uint64(0)
		if after == nil && !req.Group {
			keep = req.Limit + 1 // fetch's first page: ORDER BY score, doc LIMIT keep
			// What the snippets of the rows that may be on it are made of
			// is kept as they are scored (see walkedSnippets).
			var tally *walkTally
			id, tally = walkTallies.open(-1, nil)
			defer walkTallies.close(id)
			kept = func() *walked { return &walked{rows: tally.rows, phraseSize: tally.phraseSize} }
		}
		var err error
		if from, args, err = s.rankedFrom(ctx, q, scan, lo, hi, s.limits.rank, keep, id); err != nil {
			return Results{}, fmt.Errorf("search: %w", err)
		}
	}

	// fetch reads up to n matches in order, after a position (nil: from
	// the first), within fetchCtx.
	fetchCtx := ctx
	fetch := func(after *page, n int) ([]page, error) {
		var order, where string
		pageArgs := append([]any{}, args...)
		switch sort {
		case Relevance:
			order = "score, doc"
			if after != nil {
				where = "WHERE score > ? OR (score = ? AND doc > ?)"
				pageArgs = append(pageArgs, after.score, after.score, after.doc)
			}
		case Newest:
			order = "doc DESC"
			if after != nil {
				where = "WHERE doc < ?"
				pageArgs = append(pageArgs, after.doc)
			}
		case Oldest:
			order = "doc"
			if after != nil {
				where = "WHERE doc > ?"
				pageArgs = append(pageArgs, after.doc)
			}
		}
		pageArgs = append(pageArgs, n)
		rows, err := s.read.QueryContext(fetchCtx, "SELECT doc, score FROM ("+from+") "+where+" ORDER BY "+order+" LIMIT ?", pageArgs...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var pages []page
		for rows.Next() {
			var p page
			if err := rows.Scan(&p.doc, &p.score); err != nil {
				return nil, err
			}
			pages = append(pages, p)
		}
		return pages, rows.Err()
	}
	readPages := func() ([]page, error) {
		switch {
		case !req.Group:
			return fetch(after, req.Limit+1)
		case sort == Relevance:
			// One hit per group, the best ranked: the ranking is read from
			// its start (see groupedRankedPages).
			rows, err := s.read.QueryContext(fetchCtx, "SELECT doc, score FROM ("+from+") ORDER BY score, doc", args...)
			if err != nil {
				return nil, err
			}
			return s.groupedRankedPages(fetchCtx, rows, after, req.Limit)
		default:
			return s.groupedDatePages(fetchCtx, q, sort, after, req.Limit, fetch)
		}
	}
	var (
		pages []page
		err   error
	)
	if walk != nil {
		pages = walk.pages
	} else if quick && sort == Relevance && s.limits.quickWait > 0 {
		// The ranking has until quickWait after the search began; past
		// that the newest matches are listed, and a second request ranks.
		rankCtx, cancel := context.WithDeadline(ctx, started.Add(s.limits.quickWait))
		fetchCtx = rankCtx
		pages, err = readPages()
		cancel()
		fetchCtx = ctx
		if err != nil && rankCtx.Err() != nil && ctx.Err() == nil {
			sort, from, args = Newest, dateFrom, dateArgs
			res.ByDate, res.Refine, res.Ranked = true, true, 0
			pages, err = readPages()
		}
	} else {
		pages, err = readPages()
	}
	if err != nil {
		return Results{}, fmt.Errorf("search: %w", err)
	}

	if len(pages) > req.Limit {
		pages = pages[:req.Limit]
		res.Next = encodeCursor(sort, pages[len(pages)-1])
	} else if scan.timedOut && after == nil && sort != Relevance {
		// The page ends where the scan stopped, not where the matches do.
		edge := scan.edge
		if sort == Oldest {
			edge--
		}
		res.Next = encodeCursor(sort, page{doc: edge})
	}
	if res.Hits, err = s.hits(ctx, q, pages, scan.walkCost(pagesSpan(pages)) > snippetLookupCost, kept()); err != nil || !req.Group {
		return res, err
	}
	shown := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		shown[i] = h.ID
	}
	copies, err := s.copiesOf(ctx, shown)
	for i := range res.Hits {
		res.Hits[i].Copies = copies[res.Hits[i].ID]
	}
	return res, err
}

// snippetLookupCost: when evaluating the query over the doc keys a page
// spans would take longer than this (a phrase of common words, a ranked
// page spread over many matches), its snippets are read article by
// article: 50 lookups take about a millisecond in a merged index, the
// walk over the newest 20,000 matches of "to to" 20 ms at 100,000
// articles.
const snippetLookupCost = 5 * time.Millisecond

// pagesSpan is the lowest and highest doc key of a page.
func pagesSpan(pages []page) (lo, hi int64) {
	if len(pages) == 0 {
		return 0, -1
	}
	lo, hi = pages[0].doc, pages[0].doc
	for _, p := range pages {
		lo, hi = min(lo, p.doc), max(hi, p.doc)
	}
	return lo, hi
}

// hits loads the shown page's titles and snippets; snippets are computed for
// these rows only, never for all matches. Each is one query for the whole
// page: fifty statements cost more than the work they do. lookup: the
// snippets are read article by article instead of over the page's span
// (see snippetLookupCost); walk: what the ranking kept of the rows that
// may be on the page (see walkedSnippets), or nil.
func (s *Store) hits(ctx context.Context, q query, pages []page, lookup bool, walk *walked) ([]Hit, error) {
	if len(pages) == 0 {
		return nil, nil
	}
	docs := make([]any, len(pages))
	for i, p := range pages {
		docs[i] = p.doc
	}
	in := "(?" + strings.Repeat(",?", len(pages)-1) + ")"
	byDoc := make(map[int64]*Hit, len(pages))
	hits := make([]Hit, len(pages))
	for i, p := range pages {
		hits[i].Score = -p.score
		byDoc[p.doc] = &hits[i]
	}

	rows, err := s.read.QueryContext(ctx, `SELECT doc, id, title, source, published,
		substr(body, 1, 400), tags, starred, read FROM articles WHERE doc IN `+in, docs...)
	if err != nil {
		return nil, fmt.Errorf("load hits: %w", err)
	}
	found := 0
	for rows.Next() {
		var (
			doc       int64
			h         Hit
			published sql.NullString
			lead      string
			tags      string
		)
		if err := rows.Scan(&doc, &h.ID, &h.Title, &h.Source, &published, &lead, &tags, &h.Starred, &h.Read); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load hits: %w", err)
		}
		if dst := byDoc[doc]; dst != nil {
			h.Score = dst.Score
			h.Published, _ = article.ParseDate(published.String)
			h.Snippet = leadSnippet(lead)
			h.Tags = splitLines(tags)
			*dst = h
			found++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load hits: %w", err)
	}
	if q.words != "" { // filters alone (tag:, is:) mark no words: the lead stays
		if err := s.snippets(ctx, q, pages, docs, in, byDoc, lookup, walk); err != nil {
			return nil, err
		}
	}
	if found != len(pages) {
		// Deleted between the search and now (another window or process):
		// the page shows what still exists.
		kept := hits[:0]
		for _, h := range hits {
			if h.ID != 0 {
				kept = append(kept, h)
			}
		}
		hits = kept
	}
	return hits, nil
}

// snippets replaces the lead of each hit with the passage that matched.
// A page in date order is every match between its first and last doc, so
// it is read as one range. A page ranked by relevance is scattered over
// the ranked (newest) matches: it is read as the range those span too,
// keeping the page's docs — given as rowid IN, FTS5 would start the query
// over for each doc, which took a rare word's first page from 12 to 17 ms
// at a million articles.
func (s *Store) snippets(ctx context.Context, q query, pages []page, docs []any, in string, byDoc map[int64]*Hit, lookup bool, walk *walked) error {
	var keyed []int64
	marks := newMarkFilter(q.root)
	found := func(doc int64, sn string) {
		if dst := byDoc[doc]; dst != nil && dst.ID != 0 && strings.Contains(sn, MarkStart) {
			if snippetOfKeys(sn) {
				keyed = append(keyed, doc)
				return
			}
			dst.Snippet = marks.apply(sn)
		}
	}
	walked, err := s.walkedSnippets(ctx, q, pages, docs, in, walk, found)
	if err != nil {
		return err
	}
	if !walked {
		if err := s.foundSnippets(ctx, q, pages, docs, in, lookup, found); err != nil {
			return err
		}
	}
	// The query matched filters too, and FTS5 chose the passage of the
	// index-only keys column: mark the words alone, or keep the lead.
	for _, doc := range keyed {
		var sn string
		err := s.read.QueryRowContext(ctx, q.ix.sql("SELECT "+snippetFunction+"(articles_fts, -1, ?, ?, '…', ?) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?"),
			MarkStart, MarkEnd, snippetTokens, q.words, doc).Scan(&sn)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("snippet: %w", err)
		}
		if strings.Contains(sn, MarkStart) && !snippetOfKeys(sn) {
			byDoc[doc].Snippet = marks.apply(sn)
		}
	}
	return nil
}

// foundSnippets makes the page's snippets with clippings_snippet, the
// page's rows found again by the query (see snippets), each given to found.
func (s *Store) foundSnippets(ctx context.Context, q query, pages []page, docs []any, in string, lookup bool, found func(doc int64, sn string)) error {
	lo, hi := pagesSpan(pages)
	ordered := true
	for i, p := range pages {
		if i > 0 && (p.doc > pages[i-1].doc) != (pages[1].doc > pages[0].doc) {
			ordered = false
		}
	}
	args := []any{MarkStart, MarkEnd, snippetTokens, q.match, lo, hi}
	where := "rowid >= ? AND rowid <= ?"
	switch {
	case lookup:
		// FTS5 looks each doc up.
		where = "rowid IN " + in
		args = append(args[:4], docs...)
	case !ordered || len(pages) < 2 || pages[0].score != 0:
		// The unary + keeps the IN list from FTS5: a filter on the range.
		where += " AND +rowid IN " + in
		args = append(args, docs...)
	}
	rows, err := s.read.QueryContext(ctx, q.ix.sql("SELECT rowid, "+snippetFunction+"(articles_fts, -1, ?, ?, '…', ?) FROM articles_fts WHERE articles_fts MATCH ? AND "+where), args...)
	if err != nil {
		return fmt.Errorf("load snippets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			doc int64
			sn  string
		)
		if err := rows.Scan(&doc, &sn); err != nil {
			return fmt.Errorf("load snippets: %w", err)
		}
		found(doc, sn)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load snippets: %w", err)
	}
	return nil
}

// leadSnippet is the start of the body, for hits with no matched words.
func leadSnippet(lead string) string {
	words := strings.Fields(lead)
	if len(words) > snippetTokens {
		return strings.Join(words[:snippetTokens], " ") + "…"
	}
	return strings.Join(words, " ")
}

// Highlight returns an article's title and body with the words a query
// matches marked, for the detail view. Without matches the text is returned
// unmarked.
func (s *Store) Highlight(ctx context.Context, id int64, queryText string) (title, body string, err error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return "", "", err
	}
	q := s.parseFor(ctx, queryText, false) // the article matched: its words are marked
	if q.match == "" || q.tooBroad() != nil {
		return a.Title, a.Body, nil
	}
	var doc int64
	if err := s.read.QueryRowContext(ctx, "SELECT doc FROM articles WHERE id = ?", id).Scan(&doc); err != nil {
		return "", "", fmt.Errorf("highlight #%d: %w", id, err)
	}
	err = s.read.QueryRowContext(ctx, q.ix.sql(fmt.Sprintf(`SELECT highlight(articles_fts, %d, ?, ?), highlight(articles_fts, %d, ?, ?)
		FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`, q.ix.column("title"), q.ix.column("body"))),
		MarkStart, MarkEnd, MarkStart, MarkEnd, q.match, doc).Scan(&title, &body)
	if errors.Is(err, sql.ErrNoRows) || (err != nil && isQuerySyntaxError(err)) {
		return a.Title, a.Body, nil
	}
	if err != nil {
		return "", "", fmt.Errorf("highlight #%d: %w", id, err)
	}
	f := newMarkFilter(q.root)
	return f.apply(title), f.apply(body), nil
}

// prefixStems finds the stems a prefix query must match too. The index holds
// Porter stems, and a stem can be shorter than what the user typed:
// "negotiations" is stored as "negoti", which "negotiat*" does not start
// with. So the prefix's own truncations that are terms of the index (at most
// three letters shorter, as stemming cuts suffixes) are matched as well.
// Whether a term is indexed is one doclist lookup that stops at the first
// match (fts5vocab would count the whole doclist: slow for common words).
//
// Only the first most prefixes are expanded: a query with more is refused
// (see MaxPrefixTerms), and must not cost three lookups for each first.
func (s *Store) prefixStems(ctx context.Context, ix ftsIndex, most int) stemExpander {
	calls := 0
	return func(prefix string) []string {
		if calls++; calls > most {
			return nil
		}
		p := []rune(strings.ToLower(prefix))
		var out []string
		for k := len(p) - 1; k >= max(3, len(p)-3); k-- {
			var doc int64
			err := s.read.QueryRowContext(ctx, ix.sql("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1"), quote(string(p[:k]))).Scan(&doc)
			if err == nil {
				out = append(out, string(p[:k]))
			}
		}
		return out
	}
}

// count fills res.Total for searches without words: exactly for the whole
// archive, else up to the count cap.
func (s *Store) count(ctx context.Context, q query, ids string, args []any, res *Results) error {
	if !q.hasWords() && q.after.IsZero() && q.before.IsZero() {
		n, err := s.Count(ctx)
		res.Total = n
		return err
	}
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM ("+ids+" LIMIT ?)", append(args, s.limits.count+1)...).Scan(&n)
	if err != nil {
		return fmt.Errorf("count matches: %w", err)
	}
	res.Total = n
	if n > s.limits.count {
		res.Total, res.TotalCapped = s.limits.count, true
	}
	return nil
}

// snippetOfKeys reports whether a snippet marks a keys column token.
func snippetOfKeys(sn string) bool {
	return strings.Contains(sn, MarkStart+"0tag") || strings.Contains(sn, MarkStart+"0is") || strings.Contains(sn, MarkStart+"0lang") ||
		strings.Contains(sn, MarkStart+"0e")
}
