package importer

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// Importing a page never fetches what it refers to: every image, script,
// frame, style sheet, font, refresh and beacon in it points at a server on
// this machine that counts requests, and it must count none.
func TestImportedPageMakesNoRequests(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		t.Errorf("the import requested %s", r.URL)
		w.Write([]byte("<p>fetched</p>"))
	}))
	defer srv.Close()
	page, err := os.ReadFile("testdata/hostile/remote-resources.html")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "harbour.html")
	os.WriteFile(path, []byte(strings.ReplaceAll(string(page), "SERVER", srv.URL)), 0o644)

	s := openStore(t)
	got, _ := run(t, &Importer{Store: s}, path)
	r := got["harbour.html"]
	if r.Status != Imported {
		t.Fatalf("import: %s %v", r.Status, r.Err)
	}
	a, _ := s.Get(context.Background(), r.ID)
	if !strings.Contains(a.Body, "forty metres of decking") || strings.Contains(a.Body, "fetched") {
		t.Errorf("body %q", a.Body)
	}
	time.Sleep(100 * time.Millisecond) // anything started in the background has had time to arrive
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

// A file over the size limit is refused by its size, never read into
// memory. (Before the tests whose timed-out extractions run on in the
// background and would blur the measurement.)
func TestHugeFileIsRefusedUnread(t *testing.T) {
	huge := filepath.Join(t.TempDir(), "huge.html")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(60 << 20) // sparse: 60 MB that take no disk space
	f.Close()
	s := openStore(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, _ := run(t, &Importer{Store: s}, huge)
	runtime.ReadMemStats(&after)
	if r := got["huge.html"]; r.Status != Failed || !errors.Is(r.Err, article.ErrTooLarge) || !strings.Contains(r.Err.Error(), "60.0 MB") {
		t.Errorf("huge.html: %s %v; want failed as too large", r.Status, r.Err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10<<20 {
		t.Errorf("the import allocated %d MB: the huge file was read", alloc>>20)
	}
}

// Pages built to exhaust the extractor fail alone, quickly, with a reason;
// the files beside them import.
func TestHostileFilesFailWithinLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	nested := write("nested.html", "<html><body>"+strings.Repeat("<div>", 100000)+"<p>Deep text.</p>"+strings.Repeat("</div>", 100000)+"</body></html>")
	slow := write("slow.html", "<html><body><article>"+
		strings.Repeat("<p>The harbour reopened on Monday after three weeks of repairs to the storm-damaged pier.</p><div><span>x</span></div>\n", 8000)+
		"</article></body></html>")
	good := write("good.txt", "Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said.\n")

	s := openStore(t)
	im := &Importer{Store: s, Opts: Options{Timeout: time.Second}}
	start := time.Now()
	got, sum := run(t, im, nested, slow, good)
	elapsed := time.Since(start)

	cases := []struct {
		name string
		is   error
	}{
		{"nested.html", article.ErrNoArticle},
		{"slow.html", article.ErrTimeout},
	}
	for _, c := range cases {
		r := got[c.name]
		if r.Status != Failed || !errors.Is(r.Err, c.is) {
			t.Errorf("%s: %s %v; want failed with %v", c.name, r.Status, r.Err, c.is)
		}
	}
	if got["good.txt"].Status != Imported || sum.Imported != 1 {
		t.Errorf("the good file beside them: %+v", got["good.txt"])
	}
	if elapsed > 5*time.Second {
		t.Errorf("import took %s; the 1 s per-file limit did not hold", elapsed)
	}
}

// A folder holding PDFs built to exhaust the PDF reader (the issue's
// 721-byte file numbered its objects from 2,000,000,000 and killed the
// whole import with "out of memory": the files after it were never
// processed and no summary was given) imports what it can: each PDF fails
// with its reason, the good file beside them is imported.
func TestHostilePDFsDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	hostile, err := filepath.Glob("../article/testdata/hostile/*.pdf")
	if err != nil || len(hostile) < 6 {
		t.Fatalf("the hostile PDFs of article/testdata: %v %v", hostile, err)
	}
	for _, p := range hostile {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "zz-good.txt"), []byte("Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said.\n"), 0o644)
	s := openStore(t)
	got, sum := run(t, &Importer{Store: s}, dir)
	for _, p := range hostile {
		r := got[filepath.Base(p)]
		if r.Status != Failed || !errors.Is(r.Err, article.ErrNoArticle) || !strings.Contains(r.Err.Error(), "damaged PDF") && !strings.Contains(r.Err.Error(), "page") {
			t.Errorf("%s: %s %v; want failed as a damaged PDF", filepath.Base(p), r.Status, r.Err)
		}
	}
	if got["zz-good.txt"].Status != Imported || sum.Imported != 1 || sum.Failed != len(hostile) {
		t.Errorf("summary %+v", sum)
	}
}
