package neardup_test

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/bench"
	"github.com/clippings/clippings/neardup"
)

// article700 is a bench corpus article of about 700 words, as imports see.
func article700(b *testing.B) string {
	c := bench.NewCorpus(1)
	for i := 0; ; i++ {
		a := c.Article(i)
		text := strings.Join(a.Paragraphs, "\n\n")
		if n := len(strings.Fields(text)); n >= 680 && n <= 720 {
			return text
		}
	}
}

// BenchmarkSign measures Sign on a 700-word article; the import budget for
// grouping and entities together is about 0.125 ms.
func BenchmarkSign(b *testing.B) {
	text := article700(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		neardup.Sign(text)
	}
}

func BenchmarkSimilar(b *testing.B) {
	text := article700(b)
	x, y := neardup.Sign(text), neardup.Sign(text[:len(text)/2])
	for b.Loop() {
		neardup.Similar(x, y)
	}
}

func BenchmarkBands(b *testing.B) {
	s := neardup.Sign(article700(b))
	b.ReportAllocs()
	for b.Loop() {
		s.Bands()
	}
}
