package db

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// A ranked search counted in its ranking walk (no scan budget, as the
// command line searches) lists what the count-then-rank search lists —
// the same hits, scores, snippets (made from what the walk read: see
// walkedSnippets), total and flags — and its total is a separate
// count of the matches, for every kind of query on the dev corpus, with
// the default caps and with caps the corpus exceeds (capped counts,
// ranking of the newest only, too common to rank, pages with a next).
func TestRankWalkCountsAsACount(t *testing.T) {
	s := devCorpusStore(t)
	ctx := context.Background()
	queries := devQueries(t, s)
	snipped := walkedPages.Load()
	for _, lim := range []struct {
		name                     string
		count, rank, ranks, page int
	}{
		{"default caps", CountCap, RankCap, RankableMatches, 30},
		{"low caps", 8, 20, 60, 5},
		{"lower caps", 4, 10, 20, 3},
		{"too common to rank", 3, 5, 4, 2},
	} {
		s.limits.count, s.limits.rank, s.limits.rankable = lim.count, lim.rank, lim.ranks
		walked := 0
		for _, text := range queries {
			q := s.parse(ctx, text)
			req := Request{Query: text, Sort: Relevance, Limit: lim.page}
			s.SetScanBudget(time.Hour) // counted window by window, then ranked: two walks
			want, err := s.Search(ctx, req)
			if err != nil {
				t.Fatalf("%s: %s: %v", lim.name, text, err)
			}
			s.SetScanBudget(0)
			if s.walksOnce(q, req, false) {
				walked++
				// The walk's count is the scan's, edge and share too.
				lo, hi := q.docRange()
				w, err := s.walkRanked(ctx, q, lo, hi, req.Limit+1)
				if err != nil {
					t.Fatal(err)
				}
				scan, err := s.scanMatches(ctx, q.ix, q.match, lo, hi, true, lim.count+1, req.Limit)
				if err != nil {
					t.Fatal(err)
				}
				w.scan.took, scan.took = 0, 0
				if w.scan != scan {
					t.Errorf("%s: %s: walked %+v, scanned %+v", lim.name, text, w.scan, scan)
				}
			}
			got, err := s.Search(ctx, req)
			if err != nil {
				t.Fatalf("%s: %s: %v", lim.name, text, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s: one walk %s\ntwo walks %s", lim.name, text, listed(got), listed(want))
				continue
			}
			lo, hi := q.docRange()
			var n int
			if err := s.read.QueryRowContext(ctx, q.ix.sql("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?"), q.match, lo, hi).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if got.Total != min(n, lim.count) || got.TotalCapped != (n > lim.count) {
				t.Errorf("%s: %s: total %d (capped %v), counted %d", lim.name, text, got.Total, got.TotalCapped, n)
			}
			t.Logf("%s: %-40s %5d matches, ranked %d, by date %v", lim.name, text, n, got.Ranked, got.ByDate)
		}
		if walked < 2 {
			t.Errorf("%s: %d queries counted in the ranking walk; the test needs phrases", lim.name, walked)
		}
	}
	if walkedPages.Load() == snipped {
		t.Error("no page's snippets were made from its ranking walk")
	}
}

// listed is what a test shows of results that differ.
func listed(r Results) string {
	s := fmt.Sprintf("total %d capped %v ranked %d by date %v refine %v next %q:", r.Total, r.TotalCapped, r.Ranked, r.ByDate, r.Refine, r.Next)
	for _, h := range r.Hits {
		s += fmt.Sprintf(" #%d %v", h.ID, h.Score)
	}
	return s
}
