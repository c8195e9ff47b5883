package db

import (
	"context"
	"errors"
	"testing"

	"github.com/clippings/clippings/article"
)

// FuzzSearchQuery: whatever a user types, Search (grouped too, and the
// facets, the entity counts, the timeline, and a count of it narrowed)
// answers without an error — or refuses a query too broad, saying so.
func FuzzSearchQuery(f *testing.F) {
	for _, seed := range []string{
		"", "mali", `"negotiating table"`, "negotiat*", "title:Mali", "a OR b", "-x", "NOT y",
		"(a (b) OR", `"`, "AND AND", "*", "title:", "after:2020-01-01 before:2021", `col:"x`,
		"NEAR(a b)", "^x", "{title}: x", "a:b:c", "-(-a)", "\x00", "é*", "OR", ")(", `""*`,
		`tag:"mali coup"`, "tag:read-later", "-tag:x", `tag:""`, "tag:", `tag:"a"b"`, "is:starred", "-is:read",
		"NOT is:unread", "is:", "is:x", "lang:fr", "lang:none", "lang:", "note:x", `note:"a b"*`, "0*", "0tag1*",
		`mali tag:"mali coup" -is:read lang:fr`, "(is:read OR tag:x) -tag:y", "tag:(x)", `-tag:"`,
		"date:2020", "date:2020-03-14", "date:2019..2021-06", "date:..", "date:2021..2019", "-date:2020", `date:"2020"`,
		`person:"Maria Zakharova"`, "place:bamako", "org:ECOWAS", "-place:mali", `org:""`, "person:", "place:é",
	} {
		f.Add(seed)
	}
	s, err := Open(context.Background(), f.TempDir()+"/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	res, err := s.Add(context.Background(), []NewArticle{{Article: fixturesForFuzz()}})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.SetTags(context.Background(), []int64{res[0].ID}, []string{"Mali coup", "x"}, nil); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		failed := func(err error) bool { return err != nil && !errors.Is(err, ErrQueryTooBroad) }
		for _, sort := range []Sort{Relevance, Newest} {
			if _, err := s.Search(context.Background(), Request{Query: q, Sort: sort, Limit: 5}); failed(err) {
				t.Fatalf("Search(%q, %v): %v", q, sort, err)
			}
		}
		if _, err := s.Search(context.Background(), Request{Query: q, Sort: Newest, Limit: 1, Group: true}); failed(err) {
			t.Fatalf("Search(%q, grouped): %v", q, err)
		}
		if _, err := s.Facets(context.Background(), q); failed(err) {
			t.Fatalf("Facets(%q): %v", q, err)
		}
		if _, err := s.EntityFacets(context.Background(), q, 3); failed(err) {
			t.Fatalf("EntityFacets(%q): %v", q, err)
		}
		if _, err := s.Timeline(context.Background(), q); failed(err) {
			t.Fatalf("Timeline(%q): %v", q, err)
		}
		if _, _, err := s.CountMatches(context.Background(), narrow(q, FacetSource, q)); failed(err) {
			t.Fatalf("CountMatches(Narrow(%q)): %v", q, err)
		}
	})
}

func fixturesForFuzz() (a article.Article) {
	a.Title = "Russia calls for negotiations to end Mali crisis"
	a.Body = "Russia has called for a peaceful solution at the negotiating table. Ismaël Wagué spoke."
	return a
}
