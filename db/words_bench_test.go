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

// BenchmarkHoldsPrefix times looking for a prefix in an article's text,
// as a prefix search does for each article in doubt; ByWord reads every
// word, as it did before.
func BenchmarkHoldsPrefix(b *testing.B) {
	truths := testcorpus.Truths(b, testcorpus.Dev)
	for _, by := range []struct {
		name  string
		holds func(text, prefix string) bool
	}{{"FirstLetter", holdsPrefix}, {"ByWord", holdsPrefixByWord}} {
		b.Run(by.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				t := truths[i%len(truths)]
				by.holds(t.Body, "negotiat")
			}
		})
	}
}
