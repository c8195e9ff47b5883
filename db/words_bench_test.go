package db

import (
	"testing"

	"github.com/clippings/clippings/internal/testcorpus"
)

// BenchmarkTextWords times listing an article's words with their stems,
// as the import's workers do (bytes: the article's text).
func BenchmarkTextWords(b *testing.B) {
	truths := testcorpus.Truths(b, testcorpus.Dev)
	var n int64
	for i := 0; b.Loop(); i++ {
		t := truths[i%len(truths)]
		n += int64(len(t.Title) + len(t.Body))
		if _, err := textWords(t.Title, t.Body); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(n / int64(b.N))
}

// BenchmarkTraits is what the workers did for each article before the
// words, beside it.
func BenchmarkTraits(b *testing.B) {
	truths := testcorpus.Truths(b, testcorpus.Dev)
	for i := 0; b.Loop(); i++ {
		t := truths[i%len(truths)]
		traitsOf(t.Title, t.Body)
	}
}
