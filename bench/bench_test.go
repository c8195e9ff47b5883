package bench

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// BenchmarkExtractSynthetic times extraction of one copied-text article.
func BenchmarkExtractSynthetic(b *testing.B) {
	c := NewCorpus(1)
	texts := make([][]byte, 100)
	for i := range texts {
		texts[i] = []byte(c.Article(i).Text())
	}
	b.ResetTimer()
	var n int64
	for i := 0; b.Loop(); i++ {
		t := texts[i%len(texts)]
		n += int64(len(t))
		if _, err := article.Extract("a.txt", t, article.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(n / int64(b.N))
}

// BenchmarkStoreAdd times storing extracted articles in batches of 64.
func BenchmarkStoreAdd(b *testing.B) {
	c := NewCorpus(1)
	s, err := db.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// Extraction is timed by BenchmarkExtractSynthetic: here only storing.
	prepared := extracted(b, c, 512)
	b.ResetTimer()
	arts := make([]db.NewArticle, 0, storeBatch)
	for i := 0; i < b.N; i++ {
		a := prepared[i%len(prepared)]
		a.Article.Title += strconv.Itoa(i) // not a duplicate
		b.StopTimer()
		if err := a.Prepare(); err != nil { // done by the importer's workers
			b.Fatal(err)
		}
		b.StartTimer()
		arts = append(arts, a)
		if len(arts) == storeBatch || i == b.N-1 {
			if _, err := s.Add(context.Background(), arts); err != nil {
				b.Fatal(err)
			}
			arts = arts[:0]
		}
	}
}

// storeBatch is the importer's default batch size.
const storeBatch = 64

func TestPeerQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"flobriekack", "flobriekack"},
		{`"to to"`, `"to to"`},
		{"gl*", "gl*"},
		{"crisis after:2020-01-01", "crisis date:2020-01-01/"},
		{"title:public", ""}, // a text file's title is its name to Recoll
		{`tag:"mali coup"`, ""},
		{"president tag:read-later", ""},
		{"is:starred", ""},
		{`army author:"Sarah Khan"`, ""},
	} {
		if got := peerQuery(tt.in); got != tt.want {
			t.Errorf("peerQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCountsPrinted(t *testing.T) {
	recoll := "Recoll query: Query(president)\n1634 results (printing  50 max):\ntext/html\t[file:///x/p1.html]\t[x]\t6922\tbytes\n"
	if m := recollCount.FindStringSubmatch(recoll); m == nil || m[1] != "1634" {
		t.Errorf("recoll count: %v", m)
	}
	for in, want := range map[string]string{"50 of 10000+ matches\n": "10000", "2 of 86 matches\n": "86"} {
		if m := clippingsCount.FindStringSubmatch(in); m == nil || m[1] != want {
			t.Errorf("clippings count of %q: %v", in, m)
		}
	}
}

// BenchmarkPrepare times what the importer's workers do for each article
// before the writer stores it.
func BenchmarkPrepare(b *testing.B) {
	prepared := extracted(b, NewCorpus(1), 512)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := prepared[i%len(prepared)]
		if err := a.Prepare(); err != nil {
			b.Fatal(err)
		}
	}
}

// extracted is n articles of the corpus, extracted.
func extracted(b *testing.B, c *Corpus, n int) []db.NewArticle {
	out := make([]db.NewArticle, n)
	for i := range out {
		text := c.Article(i).Text()
		ext, err := article.Extract("a.txt", []byte(text), article.Options{})
		if err != nil {
			b.Fatal(err)
		}
		out[i] = db.NewArticle{Article: ext, Original: []byte(text)}
	}
	return out
}
