package db

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrQueryTooBroad: a query would cost more work than a search may take.
var ErrQueryTooBroad = errors.New("query too broad")

// Bounds of the work one query may cause. FTS5 evaluates every term of a
// query over its whole list of articles, a prefix over every word it
// starts, and an OR of terms adds each up: `a* OR a* OR …` 240 times took
// 44 s on 5,000 articles, growing with the square of the terms (20 terms
// 1.3 s, 80 terms 7.4 s). A query over the bounds is refused at once with
// the reason; one within them is still stopped after QueryBudget, so no
// query keeps the window or a command busy for long.
const (
	// MaxQueryTerms: words, phrases and filters in one query. A question
	// typed or pasted has a handful; a pasted paragraph is not a search.
	MaxQueryTerms = 32
	// MaxPrefixTerms: prefix searches (word*) in one query, each of which
	// also looks up up to three shorter stems of itself.
	MaxPrefixTerms = 8
	// QueryBudget: the time one request (a page of results, a timeline,
	// the facets) may spend on a query.
	QueryBudget = 2 * time.Second
)

// breadth counts a parsed query's terms and its prefix searches.
func (q query) breadth() (terms, prefixes int) {
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil {
			return
		}
		if n.kind == termNode {
			terms++
			if n.prefix {
				prefixes++
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(q.root)
	return terms, prefixes
}

// tooBroad refuses a query over MaxQueryTerms or MaxPrefixTerms.
func (q query) tooBroad() error {
	terms, prefixes := q.breadth()
	switch {
	case terms > MaxQueryTerms:
		return fmt.Errorf("query too broad: %d terms (a search takes at most %d words, phrases and filters); search for fewer: %w", terms, MaxQueryTerms, ErrQueryTooBroad)
	case prefixes > MaxPrefixTerms:
		return fmt.Errorf("query too broad: %d prefix searches (word*; a search takes at most %d); use whole words for the others: %w", prefixes, MaxPrefixTerms, ErrQueryTooBroad)
	}
	return nil
}

// withQuery parses a query and runs the work of one request on it within
// the bounds: refused at once when too broad, and interrupted after the
// time budget (SQLite stops the statement running). Syntax SQLite refuses
// is searched again as plain words, as Search always did.
// budget false leaves out the time budget (listing every match for an
// action on all of them may take longer, and is asked for on purpose).
func (s *Store) withQuery(ctx context.Context, text string, budget bool, run func(ctx context.Context, q query) error) error {
	text = cleanQueryText(text)
	q := s.parse(ctx, text)
	if err := q.tooBroad(); err != nil {
		return err
	}
	bounded, cancel := ctx, context.CancelFunc(func() {})
	if budget && s.limits.queryBudget > 0 {
		bounded, cancel = context.WithTimeout(ctx, s.limits.queryBudget)
	}
	defer cancel()
	err := run(bounded, q)
	if isLegacyGone(err) || (err == nil && s.rekeyedMeanwhile(ctx, q.ix.keys)) {
		// The new index was filled between choosing the index and using
		// it, or a batch of articles was re-keyed: the date bounds and
		// keys the query used may be of before.
		s.forgetIndex()
		q = s.parse(ctx, text)
		err = run(bounded, q)
	}
	if err != nil && isQuerySyntaxError(err) && bounded.Err() == nil {
		plain := plainQuery(text)
		plain.ix = q.ix
		err = run(bounded, plain)
	}
	if err != nil && ctx.Err() == nil && errors.Is(bounded.Err(), context.DeadlineExceeded) {
		terms, _ := q.breadth()
		return fmt.Errorf("query too broad: %d terms would take more than %s to search; use fewer words, or longer ones instead of short prefixes: %w",
			terms, s.limits.queryBudget, ErrQueryTooBroad)
	}
	return err
}

// SetQueryBudget changes how long one request may spend on a query (0: no
// limit), for tests and the benchmark.
func (s *Store) SetQueryBudget(d time.Duration) { s.limits.queryBudget = d }
