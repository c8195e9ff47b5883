package bench

import (
	"os"
	"path/filepath"
	"strconv"
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

// The files written for a drop are the corpus's articles, a quarter of
// them saved pages, and extract to those articles.
func TestWriteFilesForADrop(t *testing.T) {
	dir := t.TempDir()
	c := NewCorpus(5)
	if err := c.WriteFiles(dir, 1000, 8); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got, err := article.Extract(e.Name(), data, article.Options{})
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(e.Name()[1:], ".txt"), ".html"))
		if err != nil {
			t.Fatalf("unexpected file %s", e.Name())
		}
		if want := c.Article(i).Title; got.Title != want {
			t.Errorf("%s: title %q, want %q", e.Name(), got.Title, want)
		}
		if strings.HasSuffix(e.Name(), ".html") {
			pages++
		}
	}
	if len(entries) != 8 || pages != 2 {
		t.Errorf("%d files, %d saved pages; want 8 files, 2 pages", len(entries), pages)
	}
}
