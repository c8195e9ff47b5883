package db

import (
	"context"
	"fmt"
	"time"
)

// ScanBudget is how long a search may spend counting its matches before it
// shows what it has: a phrase of common words ("to be or not to be") has to
// check the positions of nearly every article, seconds at a million. 30 ms
// (was 60) leaves room for the first page within 50 ms (issue #19).
const ScanBudget = 30 * time.Millisecond

// scanSteps: the first window is 1/2^scanSteps of the archive's date span at
// the end the sort starts from; each next one is sized by how fast the last
// went, and at least doubles what is counted.
const scanSteps = 8

// scanResult is how far a scan got.
type scanResult struct {
	n        int     // matches counted, at most the limit
	edge     int64   // newest first: every match in [edge, hi) was counted; oldest first: in [lo, edge)
	complete bool    // the whole range was scanned, and fewer than the limit matched
	timedOut bool    // stopped by the time budget
	share    float64 // of the range's time span that was counted
	covered  int64   // the width of doc keys counted
	took     time.Duration
}

// walkCost is how long evaluating the query over the doc keys [lo, hi]
// likely takes, from the speed of the scan.
func (r scanResult) walkCost(lo, hi int64) time.Duration {
	if r.covered <= 0 || hi < lo {
		return 0
	}
	return time.Duration(float64(r.took) * min(1, float64(hi-lo+1)/float64(r.covered)))
}

// fullCost is how long evaluating the query over the whole range likely
// takes, as FTS5's bm25 does to weigh each word or phrase.
func (r scanResult) fullCost() time.Duration {
	if r.complete || r.share <= 0 {
		return r.took
	}
	return time.Duration(float64(r.took) / r.share)
}

// estimate is how many matches the whole range likely has.
func (r scanResult) estimate() float64 {
	if r.complete || r.share <= 0 {
		return float64(r.n)
	}
	return float64(r.n) / r.share
}

// scanMatches counts an FTS5 expression's matches in [lo, hi) from the newest
// (or oldest) end, window by window, until it has counted limit, or the time
// budget is spent with at least a page (atLeast) counted, or the range is
// done. Doc keys start with the day, so windows of the key space are periods
// of time. A first page is never cut short: a search that finds little must
// not look like one that found nothing.
func (s *Store) scanMatches(ctx context.Context, ix ftsIndex, match string, lo, hi int64, newestFirst bool, limit, atLeast int) (scanResult, error) {
	lo, hi, err := s.archiveSpan(ctx, lo, hi)
	if err != nil {
		return scanResult{}, err
	}
	if lo >= hi {
		return scanResult{complete: true, edge: lo}, nil
	}
	order, edgeOf := "DESC", "min(rowid)"
	if !newestFirst {
		order, edgeOf = "ASC", "max(rowid)"
	}
	stmt := ix.sql("SELECT count(*), ifnull(" + edgeOf + ", 0) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid " + order + " LIMIT ?)")

	start := time.Now()
	span := hi - lo
	var r scanResult
	var done int64 // how much of the span, from the starting end, is counted
	reach := span >> scanSteps
	if s.limits.budget <= 0 {
		reach = span // no budget: one pass
	}
	for {
		reach = min(max(reach, done+1), span)
		wlo, whi := hi-reach, hi-done
		if !newestFirst {
			wlo, whi = lo+done, lo+reach
		}
		t0 := time.Now()
		var (
			c    int
			edge int64
		)
		if err := s.read.QueryRowContext(ctx, stmt, match, wlo, whi, limit-r.n).Scan(&c, &edge); err != nil {
			return scanResult{}, fmt.Errorf("count matches: %w", err)
		}
		r.n += c
		r.took = time.Since(start)
		if r.n >= limit {
			r.stopAt(edge, lo, hi, newestFirst)
			return r, nil
		}
		done = reach
		r.covered = done
		if done == span {
			r.finish(lo, hi, newestFirst)
			return r, nil
		}
		took, left := time.Since(t0), s.limits.budget-time.Since(start)
		if left < 2*took && r.n >= atLeast {
			r.timedOut = true
			r.share = float64(done) / float64(span)
			r.edge = hi - done
			if !newestFirst {
				r.edge = lo + done
			}
			return r, nil
		}
		// Size the next window from this one's speed to use half the time
		// left: a rare word is done in two steps, a phrase of common words
		// keeps to the budget.
		grow := float64(whi-wlo) / float64(max(took, time.Microsecond)) * float64(left/2)
		reach = done + max(done, int64(min(grow, float64(span))))
	}
}

// archiveSpan narrows [lo, hi) to the doc keys the archive holds; lo >= hi
// when none.
func (s *Store) archiveSpan(ctx context.Context, lo, hi int64) (int64, int64, error) {
	var first, last int64
	// Two subqueries: SQLite reads min() or max() straight off the index
	// only when it is the query's one aggregate; both at once scan it all.
	err := s.read.QueryRowContext(ctx, "SELECT ifnull((SELECT min(doc) FROM articles), 0), ifnull((SELECT max(doc) FROM articles), -1)").Scan(&first, &last)
	if err != nil {
		return 0, 0, fmt.Errorf("count matches: %w", err)
	}
	return max(lo, first), min(hi, last+1), nil
}

// stopAt records a scan of [lo, hi) that reached its limit at the match
// edge.
func (r *scanResult) stopAt(edge, lo, hi int64, newestFirst bool) {
	r.edge = edge
	r.covered = hi - edge
	if !newestFirst {
		r.edge = edge + 1
		r.covered = edge - lo
	}
	r.share = float64(r.covered) / float64(hi-lo)
}

// finish records a scan that went through [lo, hi) under its limit.
func (r *scanResult) finish(lo, hi int64, newestFirst bool) {
	r.complete = true
	r.covered = hi - lo
	r.edge = lo
	if !newestFirst {
		r.edge = hi
	}
}

// SetScanBudget changes how long a search may count before it shows what it
// has; 0 counts to the caps however long it takes (the command line, where
// an exact total matters more than the first tenth of a second).
func (s *Store) SetScanBudget(d time.Duration) { s.limits.budget = d }

// SetQuickRankCost changes QuickRankCost for this store: how long a Quick
// request's ranking may take before it lists the newest matches first; 0
// ranks at once. Tests raise or lower it.
func (s *Store) SetQuickRankCost(d time.Duration) { s.limits.quickCost = d }
