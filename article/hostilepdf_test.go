package article

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// PDFs built to exhaust the PDF reader (testdata/hostile/, written by
// make_hostile_pdfs.py) fail alone, quickly, with a reason, without the
// memory they ask for: the 721-byte file whose cross-reference
// subsection starts at object 2,000,000,000 killed the process with "out of
// memory". (Run before the fix, this test dies the same way.)
func TestHostilePDFsFailWithinLimits(t *testing.T) {
	cases := []struct {
		file, why string
	}{
		{"xref-start-2e9.pdf", "numbers up to 2000000001 objects"},
		{"xref-start-1e8.pdf", "numbers up to 100000001 objects"},
		{"xref-stream-size-2e9.pdf", "declares 2000000000 objects"},
		{"xref-stream-index-2e9.pdf", "numbers up to 2000000006 objects"},
		{"xref-prev-loop.pdf", "loop"},
		{"content-64mb.pdf", "a page's content is over 2 MB"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "hostile", c.file))
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err = Extract(c.file, data, Options{Timeout: 20 * time.Second})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrNoArticle) || !strings.Contains(err.Error(), c.why) {
				t.Errorf("err = %v; want ErrNoArticle saying %q", err, c.why)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("extraction allocated %d MB", alloc>>20)
			}
			if took > 10*time.Second {
				t.Errorf("took %s", took)
			}
		})
	}
}

// The same page with a sound cross-reference stream (PDF 1.5) still reads:
// the checks follow streams as well as tables.
func TestPDFWithCrossReferenceStreamReads(t *testing.T) {
	data, err := os.ReadFile("testdata/pdf/xref-stream.pdf")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract("xref-stream.pdf", data, Options{})
	if err != nil || !strings.Contains(a.Body+a.Title, "The harbour reopened on Monday") {
		t.Errorf("Extract = %q %q, %v", a.Title, a.Body, err)
	}
}
