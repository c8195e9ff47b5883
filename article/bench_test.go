package article

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/internal/testcorpus"
)

// loadDevFiles reads the files of one kind of the dev corpus.
func loadDevFiles(b *testing.B, kind string) (names []string, data [][]byte) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join(testcorpus.Dir(b, testcorpus.Dev), kind, "*"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no %s files in the dev corpus: %v", kind, err)
	}
	slices.Sort(files)
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, filepath.Base(f))
		data = append(data, d)
	}
	return names, data
}

// benchDevFiles extracts the files round-robin. ns/op is the mean time per
// file; ms/file-median is the median over the files of each one's mean time
// (a few huge pages do not move it).
func benchDevFiles(b *testing.B, kind string) {
	names, data := loadDevFiles(b, kind)
	total := make([]time.Duration, len(data))
	runs := make([]int, len(data))
	var bytes int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(data)
		t0 := time.Now()
		_, err := Extract(names[k], data[k], Options{})
		total[k] += time.Since(t0)
		runs[k]++
		bytes += int64(len(data[k]))
		if err != nil && !errors.Is(err, ErrNoArticle) {
			b.Fatalf("%s: %v", names[k], err)
		}
	}
	b.SetBytes(bytes / int64(b.N))
	var per []float64
	for k := range data {
		if runs[k] > 0 {
			per = append(per, float64(total[k].Nanoseconds())/float64(runs[k])/1e6)
		}
	}
	slices.Sort(per)
	if len(per) > 0 {
		b.ReportMetric(per[len(per)/2], "ms/file-median")
		b.ReportMetric(per[len(per)-1], "ms/file-max")
	}
}

// BenchmarkExtractDevHTML times the saved web pages of the dev corpus, per
// page. Run it on one core: -cpu 1.
func BenchmarkExtractDevHTML(b *testing.B) { benchDevFiles(b, "html") }

// BenchmarkExtractDevText times the copied texts of the dev corpus, per file.
func BenchmarkExtractDevText(b *testing.B) {
	b.Run("text", func(b *testing.B) { benchDevFiles(b, "text") })
	b.Run("innertext", func(b *testing.B) { benchDevFiles(b, "text_innertext") })
}

// BenchmarkExtractTextArticle times one copied-text article of 4.6 KB (the
// size of the synthetic articles of clippings bench): the copied-page
// fixture with its story told three times over. The budget is
// 0.5 ms an article.
func BenchmarkExtractTextArticle(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "text", "copied-page.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "The town council")
	end := strings.Index(text, "Share this article")
	story := text[start:end]
	for len(text) < 4600 {
		text = strings.Replace(text, "Share this article", story+"Share this article", 1)
	}
	in := []byte(text)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract("copied.txt", in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// devCorpus is the extraction development corpus (testdata/corpus), for
// tests that read its files as extra material; tests that need it use
// testcorpus.Dir, which fails when it is missing.
var devCorpus = filepath.Join(testcorpus.Root(), "testdata", "corpus", testcorpus.Dev)
