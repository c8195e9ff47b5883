package db

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Counting and ranking in one walk. With no scan budget (the command
// line), a search by relevance counted the newest CountCap+1 matches, then
// ranked the newest RankCap: the ranking walked the count's matches a
// second time (a fifth of a ranked search of "to to" at 100,000 articles).
// The ranking walk goes newest first, so clippings_bm25 counts the rows as
// it scores them: the count-th gives the count and its estimate, as the
// scan would, and a query matching too much to rank stops there.

// walked is what one walk found: the count, as scanMatches would have
// made it, and the page.
type walked struct {
	scan  scanResult
	pages []page // up to the page's length, in the order listed
	never bool   // too many matches to rank: pages are the newest, unscored
	// rows are what the snippets of the rows that may be on the page are
	// made of, as the walk read them (see walkedRow), and phraseSize the
	// query's phrases' lengths: the page's snippets are made from them.
	rows       map[int64]walkedRow
	phraseSize []int32
}

// walksOnce reports whether a search counts its matches in its ranking
// walk: by relevance, counted in one pass (no budget), where the scan and
// the ranking read the same matches, and the query has a phrase of several
// words, whose count checks positions. The page is shorter than the count
// (a query too common to rank lists the newest from the walk, which stops
// at the count). Measured in the process at 100,000
// articles (loaded machine): "the president" 72-80 -> 43-48 ms, "to to"
// 66-68 -> 56 ms; but a query too common to rank pays for scoring what the
// count walks before it knows: "of the" 22-23 -> 31 ms, and the single
// words "the" 8 -> 26 ms, "said" 6 -> 13 ms (a word's count reads no
// positions): words keep the two walks.
func (s *Store) walksOnce(q query, req Request, quick bool) bool {
	return req.Sort == Relevance && q.match != "" && req.Cursor == "" && !req.Group && !quick &&
		s.limits.budget <= 0 && (q.words == "" || q.words == q.match) &&
		s.limits.rank > s.limits.count && s.limits.count > req.Limit && hasPhrase(q.match)
}

// hasPhrase reports whether an FTS5 expression that clippings_bm25 ranks
// has a quoted phrase of more than one word.
func hasPhrase(match string) bool {
	phrases, _ := ftsPhrases(match)
	for _, p := range phrases {
		if i := strings.IndexByte(p.expr, '"'); i >= 0 && strings.ContainsAny(strings.Trim(p.expr[i:], `"*`), " ") {
			return true
		}
	}
	return false
}

// walkRanked counts and ranks the matches of q in [lo, hi) in one walk;
// n is the page's length. The ranking statement sorts its rows itself
// (reading the 20,000 rows of "to to" into Go instead took 25 ms more than
// the count saved); clippings_bm25 notes each row it scores in a tally,
// which gives the count.
func (s *Store) walkRanked(ctx context.Context, q query, lo, hi int64, n int) (walked, error) {
	var w walked
	slo, shi, err := s.archiveSpan(ctx, lo, hi)
	if err != nil || slo >= shi {
		w.scan = scanResult{complete: true, edge: slo}
		return w, err
	}
	params, alone, err := s.planRank(ctx, q, nil)
	if err != nil {
		return w, err
	}
	limit := s.limits.count + 1 // as search counts
	id, tally := walkTallies.open(limit, func(edge int64) bool {
		// Too many matches to rank, as search would find from its count:
		// the walk stops here, where the count would have.
		var scan scanResult
		scan.n = limit
		scan.stopAt(edge, slo, shi, true)
		return scan.estimate() > float64(s.limits.rankable)
	})
	defer walkTallies.close(id)

	// With the IDF left out, scores may tie once scaled where they did not
	// before: the rows scored within a billionth of the page's last are
	// read too, and sorted again once scaled.
	const extra = 64
	start := time.Now()
	read := func(most int) ([]page, error) {
		tally.docs = tally.docs[:0]
		rows, err := s.read.QueryContext(ctx, "SELECT doc, score FROM ("+q.ix.sql(rankedBestSQL)+") ORDER BY score, doc LIMIT ?",
			withRankTrailer(params, id, most), q.match, lo, hi, s.limits.rank, most)
		if err != nil {
			return nil, fmt.Errorf("rank matches: %w", err)
		}
		defer rows.Close()
		var pages []page
		for rows.Next() {
			var p page
			if err := rows.Scan(&p.doc, &p.score); err != nil {
				return nil, fmt.Errorf("rank matches: %w", err)
			}
			if len(pages) >= n && alone != nil && p.score > pages[n-1].score*(1-1e-9) {
				break
			}
			pages = append(pages, p)
		}
		return pages, rows.Err()
	}
	most := n + extra
	pages, err := read(most)
	for err == nil && alone != nil && len(pages) == most && !tally.stopped {
		most *= 4
		pages, err = read(most)
	}
	if err != nil && !tally.stopped {
		return w, err
	}

	docs := tally.walked()
	took := time.Since(start)
	if len(docs) >= limit {
		w.scan.n = limit
		w.scan.took = time.Duration(float64(took) * float64(limit) / float64(len(docs)))
		w.scan.stopAt(docs[limit-1], slo, shi, true)
	} else {
		w.scan.n, w.scan.took = len(docs), took
		w.scan.finish(slo, shi, true)
	}
	if tally.stopped || w.scan.estimate() > float64(s.limits.rankable) {
		// Too many to rank: the newest are listed.
		w.never = true
		for _, d := range docs[:min(len(docs), n)] {
			w.pages = append(w.pages, page{doc: d})
		}
		return w, nil
	}
	if alone != nil {
		idf, err := alone(w.scan)
		if err != nil {
			return w, err
		}
		for i := range pages {
			pages[i].score = -1.0 * (idf * -pages[i].score)
		}
		sort.Slice(pages, func(i, j int) bool {
			if pages[i].score != pages[j].score {
				return pages[i].score < pages[j].score
			}
			return pages[i].doc < pages[j].doc
		})
	}
	w.pages = pages[:min(len(pages), n)]
	w.rows, w.phraseSize = tally.rows, tally.phraseSize
	return w, nil
}

// walkTally is the rows one ranking statement scored, as clippings_bm25
// notes them, newest first: at the limit-th, too says whether the walk
// should stop (the statement then fails, stopped).
type walkTally struct {
	docs    []int64
	limit   int // < 0: the rows scored are not noted, only rows kept
	too     func(edge int64) bool
	stopped bool
	// rows are what the snippets of the rows that were among the
	// statement's best when scored are made of; phraseSize the query's
	// phrases' lengths.
	rows       map[int64]walkedRow
	phraseSize []int32
}

// walkedRow is what a ranked row's snippet is made of, as the ranking walk
// read it (see snippetSource): its instances of the query's phrases and
// its columns' lengths. Looking the page's rows up again for their
// snippets took a third of "to to"'s search at 100,000 articles (each
// look-up visits every segment of the index, and checks positions).
type walkedRow struct {
	insts []phraseInst
	sizes []int32
}

// walked is the rows scored, newest first, each once.
func (t *walkTally) walked() []int64 {
	docs := slices.Clone(t.docs)
	slices.SortFunc(docs, func(a, b int64) int { return cmp.Compare(b, a) })
	return slices.Compact(docs)
}

// tallies are the walks under way, by number; clippings_bm25 finds its
// statement's by the number its params end with.
type tallies struct {
	mu   sync.Mutex
	last uint64
	by   map[uint64]*walkTally
}

var walkTallies tallies

func (t *tallies) open(limit int, too func(edge int64) bool) (uint64, *walkTally) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.by == nil {
		t.by = map[uint64]*walkTally{}
	}
	t.last++
	w := &walkTally{limit: limit, too: too}
	t.by[t.last] = w
	return t.last, w
}

func (t *tallies) close(id uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.by, id)
}

// note adds a row to its tally; false: the walk is to stop.
func (t *tallies) note(id uint64, doc int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	w := t.by[id]
	if w == nil || w.limit < 0 {
		return true // none, or one that keeps rows only
	}
	if n := len(w.docs); n > 0 && w.docs[n-1] == doc {
		return true // scored twice
	}
	w.docs = append(w.docs, doc)
	if len(w.docs) == w.limit && w.too(doc) {
		w.stopped = true
		return false
	}
	return true
}

// keepRow keeps a row's walkedRow in its tally; phraseSize gives the
// phrases' lengths, asked once.
func (t *tallies) keepRow(id uint64, doc int64, row walkedRow, phraseSize func() []int32) {
	t.mu.Lock()
	defer t.mu.Unlock()
	w := t.by[id]
	if w == nil {
		return
	}
	if w.rows == nil {
		w.rows = map[int64]walkedRow{}
		w.phraseSize = phraseSize()
	}
	w.rows[doc] = row
}
