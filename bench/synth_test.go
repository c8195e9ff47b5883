package bench

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
)

// The synthetic pages must extract like real ones, or the benchmark
// measures the wrong thing: every field found, no boilerplate kept.
func TestSyntheticArticlesExtractCleanly(t *testing.T) {
	c := NewCorpus(7)
	for i := range 20 {
		a := c.Article(i)
		for _, f := range []struct {
			name string
			data string
		}{{"a.txt", a.Text()}, {"a.html", a.HTML()}} {
			got, err := article.Extract(f.name, []byte(f.data), article.Options{})
			if err != nil {
				t.Fatalf("article %d %s: %v", i, f.name, err)
			}
			if got.Title != a.Title {
				t.Errorf("article %d %s: title %q, want %q", i, f.name, got.Title, a.Title)
			}
			if got.Published.String() != a.Published.Format("2006-01-02") {
				t.Errorf("article %d %s: published %q, want %s", i, f.name, got.Published, a.Published.Format("2006-01-02"))
			}
			if len(got.Authors) != 1 || got.Authors[0] != a.Author {
				t.Errorf("article %d %s: authors %q, want %q", i, f.name, got.Authors, a.Author)
			}
			wantBody := strings.Join(a.Paragraphs, "\n\n")
			if got.Body != wantBody {
				at := 0
				for at < min(len(got.Body), len(wantBody)) && got.Body[at] == wantBody[at] {
					at++
				}
				t.Errorf("article %d %s: body differs at byte %d of %d:\n%.120q\nwant\n%.120q", i, f.name, at, len(wantBody), got.Body[max(0, at-40):], wantBody[max(0, at-40):])
			}
		}
	}
}

func TestCorpusIsDeterministic(t *testing.T) {
	a, b := NewCorpus(3).Article(42), NewCorpus(3).Article(42)
	if a.Text() != b.Text() || a.HTML() != b.HTML() {
		t.Error("the same seed gave different articles")
	}
	if NewCorpus(4).Article(42).Text() == a.Text() {
		t.Error("another seed gave the same article")
	}
	words := len(strings.Fields(strings.Join(a.Paragraphs, " ")))
	if words < 500 || words > 900 {
		t.Errorf("article has %d words, want 500–900", words)
	}
}
