package entities

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// article700 joins labelled test texts into a news article of about 700
// words: real capitalisation, names and cues, as imports see.
func article700(b *testing.B) (title, body string) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) < 4 {
		b.Fatal("no test texts")
	}
	var parts []string
	words := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		t, body := splitArticle(string(raw))
		if title == "" {
			title = t
		}
		parts = append(parts, body)
		if words += len(strings.Fields(body)); words >= 700 {
			break
		}
	}
	return title, strings.Join(parts, "\n\n")
}

// BenchmarkExtract measures Extract on a 700-word article; the import budget
// for grouping and entities together is about 0.125 ms.
func BenchmarkExtract(b *testing.B) {
	title, body := article700(b)
	x := NewExtractor()
	b.SetBytes(int64(len(title) + len(body)))
	b.ReportAllocs()
	for b.Loop() {
		x.Extract(title, body)
	}
	// The text is a little over 700 words: report the time per 700.
	words := len(strings.Fields(title)) + len(strings.Fields(body))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words)*700, "ns/700words")
}

func BenchmarkNewExtractor(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewExtractor()
	}
}
