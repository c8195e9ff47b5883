package db

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Counting and ranking in one walk. With no scan budget (the command
// line), a search by relevance counted the newest CountCap+1 matches, then
// ranked the newest RankCap: the ranking walked the count's matches a
// second time (a fifth of a ranked search of "to to" at 100,000 articles).
// The ranking walk reads its matches newest first, so it counts them as
// it goes: the count-th match gives the count and its estimate (as the
// scan would), and a query matching too much to rank stops there.

// rankWalkedSQL scores the newest matches of q in [?, ?), newest first,
// after the params and the match, up to a number.
const rankWalkedSQL = "SELECT f.rowid, " + rankFunction + "(f.articles_fts, d.sz, ?)" +
	" FROM articles_fts f LEFT JOIN articles_fts_docsize d ON d.id = f.rowid" +
	" WHERE f.articles_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?"

// walked is what one walk found: the count, as scanMatches would have
// made it, and the page.
type walked struct {
	scan  scanResult
	pages []page // up to the page's length, in the order listed
	never bool   // too many matches to rank: pages are the newest, unscored
}

// walksOnce reports whether a search counts its matches in its ranking
// walk: by relevance, counted in one pass (no budget), where the scan and
// the ranking read the same matches, and the query has a phrase of several
// words. Reading the ranked rows into Go costs about 0.75 µs a row; a
// phrase's count checks positions and costs more (at 100,000 articles
// "the president" 0.10 -> 0.07 s as a command), a word's count less
// ("president" 0.05 -> 0.06 s): words keep the two walks.
func (s *Store) walksOnce(q query, req Request, quick bool) bool {
	return req.Sort == Relevance && q.match != "" && req.Cursor == "" && !req.Group && !quick &&
		s.limits.budget <= 0 && (q.words == "" || q.words == q.match) &&
		s.limits.rank >= s.limits.count+1 && hasPhrase(q.match)
}

// hasPhrase reports whether an FTS5 expression has a quoted phrase of more
// than one word.
func hasPhrase(match string) bool {
	phrases, ok := ftsPhrases(match)
	for _, p := range phrases {
		if i := strings.IndexByte(p.expr, '"'); i >= 0 && strings.ContainsAny(strings.Trim(p.expr[i:], `"*`), " ") {
			return true
		}
	}
	return !ok
}

// walkRanked counts and ranks the matches of q in [lo, hi) in one walk;
// n is the page's length (walked to, newest first, when the matches are
// too many to rank).
func (s *Store) walkRanked(ctx context.Context, q query, lo, hi int64, n int) (walked, error) {
	var w walked
	params, alone, err := s.planRank(ctx, q, nil)
	stmt, args := q.ix.sql(rankWalkedSQL), []any{params, q.match, lo, hi, max(s.limits.rank, n)}
	if errors.Is(err, errUnplanned) {
		stmt = q.ix.sql("SELECT rowid, " + q.ix.bm25() + " FROM articles_fts" +
			" WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?")
		args = args[1:]
	} else if err != nil {
		return w, err
	}
	slo, shi, err := s.archiveSpan(ctx, lo, hi)
	if err != nil {
		return w, err
	}
	if slo >= shi {
		w.scan = scanResult{complete: true, edge: slo}
		return w, nil
	}

	start := time.Now()
	limit := s.limits.count + 1 // as search counts
	counted := false
	all, err := s.readWalk(ctx, stmt, args, func(all []page) bool {
		if len(all) == limit {
			counted = true
			w.scan.n, w.scan.took = limit, time.Since(start)
			w.scan.stopAt(all[len(all)-1].doc, slo, shi, true)
		}
		// Too many to rank: the newest page is what is listed.
		return counted && len(all) >= n && w.scan.estimate() > float64(s.limits.rankable)
	})
	if err != nil {
		return w, err
	}
	if !counted {
		w.scan.n, w.scan.took = len(all), time.Since(start)
		w.scan.finish(slo, shi, true)
	}
	if w.scan.estimate() > float64(s.limits.rankable) {
		w.never = true
		w.pages = all[:min(len(all), n)]
		for i := range w.pages {
			w.pages[i].score = 0
		}
		return w, nil
	}
	all = all[:min(len(all), s.limits.rank)] // the newest are ranked
	if alone != nil {
		idf, err := alone(w.scan)
		if err != nil {
			return w, err
		}
		for i := range all {
			all[i].score = -1.0 * (idf * -all[i].score)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score < all[j].score
		}
		return all[i].doc < all[j].doc
	})
	w.pages = all[:min(len(all), n)]
	return w, nil
}

// readWalk reads the walk's rows, newest first, until done says so.
func (s *Store) readWalk(ctx context.Context, stmt string, args []any, done func([]page) bool) (all []page, err error) {
	rows, err := s.read.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("rank matches: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p page
		if err := rows.Scan(&p.doc, &p.score); err != nil {
			return nil, fmt.Errorf("rank matches: %w", err)
		}
		if all = append(all, p); done(all) {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rank matches: %w", err)
	}
	return all, nil
}
