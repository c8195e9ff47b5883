package db

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/clippings/clippings/article"
)

// clippings_snippet is FTS5's snippet() to the byte: on the dev corpus and
// on texts made to try its edges (sentences ending in '.' and ':', white
// space of every kind, accents, other scripts, a match at the very start
// and end, columns but the body), for every kind of query, every matching
// row, several lengths and a column given or not.
func TestSnippetIsFTS5s(t *testing.T) {
	s := devCorpusStore(t)
	ctx := context.Background()
	edges := []string{
		"Crisis talks: the minister said. Crisis again:\tcrisis.\n\nCrisis",
		"  \t leading white space, then crisis at the fourth word and nothing else",
		"Un café à Genève: la crise économique. Über Straße crisis naïve résumé crise",
		"東京 crisis 北京 кризис Москва crisis. Ελλάδα: crisis",
		"crisis",
		"A. B. C. D: E. crisis. F: G. H. I. J. K. L. M. N. O. P. Q. R. S. T. U. V. W. X. Y. Z. crisis end.",
	}
	var items []NewArticle
	for i, body := range edges {
		items = append(items, NewArticle{Article: article.Article{
			Title: fmt.Sprintf("Edge %d: crisis in the title", i), Subtitle: "a crisis subtitle", Body: body,
			Source: "example.org", Published: mustDate(t, fmt.Sprintf("2020-01-%02d", 1+i)),
			File: article.File{Name: fmt.Sprintf("edge%d.txt", i), Format: "text", SHA256: fmt.Sprintf("edge%d", i)},
		}})
	}
	if _, err := s.Add(ctx, items); err != nil {
		t.Fatal(err)
	}
	queries := append(devQueries(t, s), "crisis", `"crisis again"`, "crisis OR genève", "cri*", "title:crisis", "crisis tag:later", "kpизис OR кризис")
	compared := 0
	for _, text := range queries {
		q := s.parse(ctx, text)
		if q.match == "" {
			t.Fatalf("%s: no expression", text)
		}
		for _, col := range []int{-1, 0, 1} {
			for _, tokens := range []int{24, 1, 8, 64, 100, 0, -3} {
				n := compareSnippets(t, s, q.ix, text, q.match, col, tokens)
				if col == -1 && tokens == 24 && n == 0 && text != "kpизис OR кризис" {
					t.Errorf("%s (%s): no row to compare", text, q.match)
				}
				compared += n
			}
		}
	}
	t.Logf("%d snippets compared", compared)
}

// compareSnippets compares the two functions on every row matching an
// expression, and returns how many rows it compared.
func compareSnippets(t *testing.T, s *Store, ix ftsIndex, text, match string, col, tokens int) int {
	t.Helper()
	rows, err := s.read.QueryContext(context.Background(), ix.sql(
		"SELECT rowid, snippet(articles_fts, ?, '[', ']', '…', ?), "+snippetFunction+"(articles_fts, ?, '[', ']', '…', ?) FROM articles_fts WHERE articles_fts MATCH ?"),
		col, tokens, col, tokens, match)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var doc int64
		var want, got sql.NullString
		if err := rows.Scan(&doc, &want, &got); err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if want != got {
			t.Errorf("%s (%s), column %d, %d tokens, doc %d:\nsnippet()          %q\nclippings_snippet() %q", text, match, col, tokens, doc, want.String, got.String)
			return n
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return n
}

// BenchmarkSnippets times a page of 50 snippets of a common word on the
// dev corpus, FTS5's snippet() against clippings_snippet (same output).
func BenchmarkSnippets(b *testing.B) {
	s := devCorpusStore(b)
	ctx := context.Background()
	q := s.parse(ctx, "the")
	for _, fn := range []string{"snippet", snippetFunction} {
		b.Run(fn, func(b *testing.B) {
			for b.Loop() {
				rows, err := s.read.QueryContext(ctx, q.ix.sql("SELECT "+fn+"(articles_fts, -1, ?, ?, '…', 24) FROM articles_fts WHERE articles_fts MATCH ? LIMIT 50"),
					MarkStart, MarkEnd, q.match)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				rows.Close()
				if n != 50 {
					b.Fatalf("%d snippets", n)
				}
			}
		})
	}
}
