package db_test

import (
	"context"
	"testing"

	"github.com/clippings/clippings/db"
)

// BenchmarkKeyLookups times what reads articles by their doc keys: every
// matching id (as an action on all results takes them), the counts by
// source, author, language and year and the names of up to 10,000 results,
// the timeline, grouped pages and related articles. Since archive format 7
// a key no longer holds the article's id (see dockeys.go): run on the
// commit before it and after to compare.
func BenchmarkKeyLookups(b *testing.B) {
	n := benchArticles()
	s := organisedArchive(b, n)
	ctx := context.Background()
	b.Logf("%d articles", n)
	for _, q := range []string{"", "president", `tag:"mali coup"`} {
		b.Run("MatchingIDs/"+q, func(b *testing.B) {
			var ids []int64
			for b.Loop() {
				var err error
				if ids, err = s.MatchingIDs(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(ids)), "ids")
		})
		b.Run("Facets/"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Facets(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("EntityFacets/"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.EntityFacets(ctx, q, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("Timeline/"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Timeline(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, sort := range []db.Sort{db.Relevance, db.Newest} {
			if q == "" && sort == db.Relevance {
				continue
			}
			b.Run("Grouped/"+q+"/"+sort.String(), func(b *testing.B) {
				for b.Loop() {
					if _, err := s.Search(ctx, db.Request{Query: q, Sort: sort, Limit: 50, Group: true}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	b.Run("Related", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := s.Related(ctx, int64(1+i%n), 10); err != nil {
				b.Fatal(err)
			}
		}
	})
}
