package db_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/bench"
	"github.com/clippings/clippings/db"
)

// benchArticles is the size of BenchmarkSearchTag's archive;
// CLIPPINGS_BENCH_ARTICLES sets another (building takes about a minute per
// 25,000 articles on two cores).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("CLIPPINGS_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// organisedArchive stores n synthetic articles (bench's corpus: Zipf
// vocabulary, twenty years of dates), organised as a heavy user might:
// 1% tagged "Mali coup", 30% "read-later", 2% starred, half of them read,
// a tenth in French, one in fifty with a note.
func organisedArchive(b *testing.B, n int) *db.Store {
	b.Helper()
	ctx := context.Background()
	s, err := db.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	c := bench.NewCorpus(1)
	batch := make([]db.NewArticle, 0, 500)
	for i := range n {
		sa := c.Article(i)
		a := article.Article{Title: sa.Title, Authors: []string{sa.Author}, Source: sa.Source,
			Published: article.NewDate(sa.Published), Body: strings.Join(sa.Paragraphs, "\n\n"), Language: "en"}
		if i%10 == 3 {
			a.Language = "fr"
		}
		o := db.Organised{Read: i%2 == 0, Starred: i%50 == 7}
		if i%100 == 11 {
			o.Tags = append(o.Tags, "Mali coup")
		}
		if i%10 < 3 {
			o.Tags = append(o.Tags, "read-later")
		}
		if i%50 == 1 {
			o.Note = "Follow up with the ministry about " + c.Word(200+i%300)
		}
		batch = append(batch, db.NewArticle{Article: a, Original: []byte(a.Title), Organised: o})
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := s.Add(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return s
}

// BenchmarkSearchTag times the first page (50 hits, snippets, count) of
// searches that filter by tag, state and facet, against plain words on the
// same archive.
func BenchmarkSearchTag(b *testing.B) {
	n := benchArticles()
	s := organisedArchive(b, n)
	ctx := context.Background()
	b.Logf("%d articles", n)
	queries := []struct{ name, query string }{
		{"word", "president"},
		{"tag-rare", `tag:"mali coup"`},
		{"tag-common", "tag:read-later"},
		{"word+tag", `president tag:"mali coup"`},
		{"word+tag-common", "president tag:read-later"},
		{"is:unread", "is:unread"},
		{"is:starred", "is:starred"},
		{"-is:starred", "-is:starred"},
		{"word-is:read", "president -is:read"},
		{"combo", `president tag:read-later -is:read -is:starred`},
		{"-tag", "-tag:read-later"},
		{"lang", "president lang:fr"},
		{"source-facet", `president source:"Le Monde"`},
		{"year-facet", "president after:2012 before:2013"},
		{"note", "note:ministry"},
	}
	for _, q := range queries {
		for _, sort := range []db.Sort{db.Relevance, db.Newest} {
			b.Run(q.name+"/"+sort.String(), func(b *testing.B) {
				var total int
				for b.Loop() {
					r, err := s.Search(ctx, db.Request{Query: q.query, Sort: sort, Limit: 50})
					if err != nil {
						b.Fatal(err)
					}
					total = r.Total
				}
				b.ReportMetric(float64(total), "matches")
			})
		}
	}
	for _, q := range []string{"", "president", `tag:"mali coup"`, "tag:read-later"} {
		b.Run("facets/"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Facets(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("tags", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Tags(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("count-saved/is:unread", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := s.CountMatches(ctx, "is:unread"); err != nil {
				b.Fatal(err)
			}
		}
	})
	ids, err := s.MatchingIDs(ctx, "president")
	if err != nil {
		b.Fatal(err)
	}
	ids = ids[:min(len(ids), 500)]
	b.Run("SetTags-500", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			add, remove := []string{"bench"}, []string(nil)
			if i%2 == 1 {
				add, remove = nil, add
			}
			if err := s.SetTags(ctx, ids, add, remove); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("SetStarred-500", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if err := s.SetStarred(ctx, ids, i%2 == 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}
