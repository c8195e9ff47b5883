package db

import (
	"context"
	"testing"

	"github.com/clippings/clippings/article"
)

// FuzzSearchQuery: whatever a user types, Search answers without an error.
func FuzzSearchQuery(f *testing.F) {
	for _, seed := range []string{
		"", "mali", `"negotiating table"`, "negotiat*", "title:Mali", "a OR b", "-x", "NOT y",
		"(a (b) OR", `"`, "AND AND", "*", "title:", "after:2020-01-01 before:2021", `col:"x`,
		"NEAR(a b)", "^x", "{title}: x", "a:b:c", "-(-a)", "\x00", "é*", "OR", ")(", `""*`,
	} {
		f.Add(seed)
	}
	s, err := Open(context.Background(), f.TempDir()+"/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Add(context.Background(), []NewArticle{{Article: fixturesForFuzz()}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, sort := range []Sort{Relevance, Newest} {
			if _, err := s.Search(context.Background(), Request{Query: q, Sort: sort, Limit: 5}); err != nil {
				t.Fatalf("Search(%q, %v): %v", q, sort, err)
			}
		}
	})
}

func fixturesForFuzz() (a article.Article) {
	a.Title = "Russia calls for negotiations to end Mali crisis"
	a.Body = "Russia has called for a peaceful solution at the negotiating table. Ismaël Wagué spoke."
	return a
}
