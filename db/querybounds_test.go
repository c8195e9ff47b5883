package db

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A query that would cost more work than a search may take — the issue's
// `a* OR a* OR …` 240 times took 44 s on 5,000 articles — is refused at
// once, saying why, by every request that runs a query; one within the
// bounds is searched.
func TestTooBroadQueriesAreRefused(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	ctx := context.Background()
	repeat := func(term string, n int) string { return strings.TrimSuffix(strings.Repeat(term+" OR ", n), " OR ") }
	cases := []struct {
		query, says string
	}{
		{repeat("a*", 240), "query too broad: 240 terms"},
		{repeat("mali", 33), "query too broad: 33 terms"},
		{repeat("ma*", 9), "query too broad: 9 prefix searches"},
		{strings.Repeat("mali ", 40), "query too broad: 40 terms"},
	}
	for _, c := range cases {
		requests := map[string]func() error{
			"Search":       func() error { _, err := s.Search(ctx, Request{Query: c.query}); return err },
			"Search quick": func() error { _, err := s.Search(ctx, Request{Query: c.query, Quick: true}); return err },
			"Timeline":     func() error { _, err := s.Timeline(ctx, c.query); return err },
			"Facets":       func() error { _, err := s.Facets(ctx, c.query); return err },
			"EntityFacets": func() error { _, err := s.EntityFacets(ctx, c.query, 5); return err },
			"CountMatches": func() error { _, _, err := s.CountMatches(ctx, c.query); return err },
			"MatchingIDs":  func() error { _, err := s.MatchingIDs(ctx, c.query); return err },
		}
		for name, request := range requests {
			if err := request(); !errors.Is(err, ErrQueryTooBroad) || !strings.Contains(err.Error(), c.says) {
				t.Errorf("%s(%.30q…): %v; want %q", name, c.query, err, c.says)
			}
		}
	}
	for _, q := range []string{repeat("mali", 32), repeat("ma*", 8), "mali coup tag:x is:unread after:2020 -junta"} {
		if _, err := s.Search(ctx, Request{Query: q}); err != nil {
			t.Errorf("Search(%.40q…): %v; want it searched", q, err)
		}
	}
}

// A query within the bounds that still takes longer than the time budget
// is stopped there, with the same reason. The budget is made tiny here so
// that a query over the fixtures reaches it.
func TestQueryTimeBudget(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	s.SetQueryBudget(time.Nanosecond)
	_, err := s.Search(context.Background(), Request{Query: "ma* OR co* OR ne* OR ru*"})
	if !errors.Is(err, ErrQueryTooBroad) || !strings.Contains(err.Error(), "4 terms would take more than 1ns") {
		t.Errorf("err = %v; want ErrQueryTooBroad saying the budget ran out", err)
	}
	s.SetQueryBudget(QueryBudget)
	if res, err := s.Search(context.Background(), Request{Query: "ma* OR co* OR ne* OR ru*"}); err != nil || res.Total == 0 {
		t.Errorf("within the budget: %d, %v", res.Total, err)
	}
}

// A query's prefix searches are expanded (up to three lookups each) only
// up to the number a query may hold: the 240 prefixes cost 720
// lookups before any search began.
func TestPrefixExpansionsAreBounded(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	expand := s.prefixStems(context.Background(), currentIndex, MaxPrefixTerms)
	for i := range MaxPrefixTerms + 3 {
		got := expand("negotiat")
		if want := i < MaxPrefixTerms; (len(got) > 0) != want {
			t.Errorf("prefix %d: expanded to %v", i+1, got)
		}
	}
}
