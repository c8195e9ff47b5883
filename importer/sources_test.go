package importer

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
)

// site is a local web server that counts what it is asked for.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	asked []string
}

func newSite(t *testing.T, handler http.HandlerFunc) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.asked = append(s.asked, r.URL.RequestURI())
		s.mu.Unlock()
		if handler != nil {
			handler(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) requests() []string {
	time.Sleep(50 * time.Millisecond) // anything loaded behind our back would have arrived
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// results imports a batch and returns the results in the order reported.
func results(t *testing.T, im *Importer, b Batch) ([]Result, Summary) {
	t.Helper()
	var mu sync.Mutex
	var got []Result
	sum := im.RunBatch(context.Background(), b, func(r Result) {
		mu.Lock()
		got = append(got, r)
		mu.Unlock()
	}, nil)
	return got, sum
}

func TestImportWebAddress(t *testing.T) {
	page := readFile(t, "../fetch/testdata/article.html") // the page fetch tests with
	srv := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/s/123": // a short link
			http.Redirect(w, r, "/news/harbour-cranes-idle?utm_source=feed", http.StatusMovedPermanently)
		case "/news/harbour-cranes-idle":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	})
	s := openStore(t)
	im := &Importer{Store: s}

	got, sum := results(t, im, Batch{Paths: []string{srv.URL + "/s/123"}})
	if sum.Imported != 1 || len(got) != 1 {
		t.Fatalf("summary %+v, results %+v", sum, got)
	}
	r := got[0]
	if r.Path != srv.URL+"/s/123" || r.Title != "Harbour cranes idle as dockers strike" {
		t.Errorf("result %+v", r)
	}
	a, err := s.Get(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The page names its canonical address (relative): that is the
	// article's; the address it was fetched from is the original's.
	if a.URL != srv.URL+"/news/harbour-cranes-idle" {
		t.Errorf("URL %q, want the canonical address", a.URL)
	}
	if a.File.Path != srv.URL+"/news/harbour-cranes-idle?utm_source=feed" || a.File.Name != "harbour-cranes-idle.html" || a.File.Format != "html" {
		t.Errorf("file %+v", a.File)
	}
	if orig, err := s.Original(context.Background(), r.ID); err != nil || string(orig) != string(page) {
		t.Errorf("original is not the bytes fetched (%v)", err)
	}
	if asked := srv.requests(); !slices.Equal(asked, []string{"/s/123", "/news/harbour-cranes-idle?utm_source=feed"}) {
		t.Errorf("the site was asked for %v: only the page and its redirect may be", asked)
	}

	// The same page again is a duplicate.
	got, sum = results(t, im, Batch{Paths: []string{srv.URL + "/news/harbour-cranes-idle"}})
	if sum.Duplicates != 1 || got[0].ID != r.ID {
		t.Errorf("again: summary %+v, results %+v", sum, got)
	}
}

func TestAddressesFilesAndItemsMixed(t *testing.T) {
	srv := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/plain":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte("Ferry timetable changes\n\nThe ferry to the islands will sail twice a day from Monday, the operator said, after a winter of one sailing a day.\n\nTickets bought for the old times remain valid."))
		case "/members":
			http.Error(w, "log in first", http.StatusForbidden)
		case "/logo.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		default:
			http.NotFound(w, r)
		}
	})
	s := openStore(t)
	im := &Importer{Store: s}
	mali, _ := filepath.Abs("testdata/batch/mali-russia-negotiations.txt")
	got, sum := results(t, im, Batch{Paths: []string{srv.URL + "/plain", mali, srv.URL + "/members", srv.URL + "/gone", srv.URL + "/logo.png"}})

	if sum.Imported != 2 || sum.Failed != 3 {
		t.Errorf("summary %+v", sum)
	}
	want := map[string]string{
		srv.URL + "/members":  "the site refused: it may need a login (HTTP 403 Forbidden)",
		srv.URL + "/gone":     "page not found (HTTP 404 Not Found)",
		srv.URL + "/logo.png": "not an article: the address gives image/png",
	}
	for _, r := range got {
		if msg, ok := want[r.Path]; ok {
			var fe *fetch.Error
			if r.Status != Failed || !errors.As(r.Err, &fe) || !strings.Contains(r.Err.Error(), msg) {
				t.Errorf("%s: %s %v, want failed: %s", r.Path, r.Status, r.Err, msg)
			}
		} else if r.Status != Imported {
			t.Errorf("%s: %s %v", r.Path, r.Status, r.Err)
		}
	}
	var plain Result
	for _, r := range got {
		if r.Path == srv.URL+"/plain" {
			plain = r
		}
	}
	a, err := s.Get(context.Background(), plain.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Ferry timetable changes" || a.URL != srv.URL+"/plain" || a.File.Name != "plain.txt" {
		t.Errorf("plain text page: title %q, URL %q, file %+v", a.Title, a.URL, a.File)
	}
}

const pastedHTML = `<meta charset='utf-8'><h1 style="font-size: 2em; color: rgb(0, 0, 0);">Ferries return to the islands</h1><p style="margin: 0px;">By Ana Lopes</p><p style="margin: 0px;">The ferries to the islands sailed again on Monday after a week in port, as the storm that had kept them there moved east.</p><p style="margin: 0px;">The operator said every sailing of the week was full, and added two evening crossings.</p>`

func TestItemsInHand(t *testing.T) {
	s := openStore(t)
	im := &Importer{Store: s}
	pasted := Item{Name: "pasted.html", Data: []byte(pastedHTML), Label: "clipboard", From: "https://news.example/ferries?ref=home"}
	typed := Item{Name: "stdin.txt", Label: "standard input", Title: "Ferries: my headline", URL: "https://other.example/ferries",
		Data: []byte("Untitled\n\nThe ferries to the islands will run an extra crossing each evening this summer, the operator said on Tuesday.\n\nIt expects more visitors than last year.")}
	got, sum := results(t, im, Batch{Items: []Item{pasted, typed}})
	if sum.Imported != 2 {
		t.Fatalf("summary %+v: %+v", sum, got)
	}
	byLabel := map[string]Result{}
	for _, r := range got {
		byLabel[r.Path] = r
	}

	a, err := s.Get(context.Background(), byLabel["clipboard"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Ferries return to the islands" || a.URL != "https://news.example/ferries?ref=home" || a.Source != "news.example" || a.File.Name != "pasted.html" ||
		a.File.Path != "https://news.example/ferries?ref=home" || len(a.Edited) != 0 {
		t.Errorf("pasted: title %q, URL %q, file %+v, edited %v", a.Title, a.URL, a.File, a.Edited)
	}
	if orig, _ := s.Original(context.Background(), a.ID); string(orig) != pastedHTML {
		t.Errorf("original %q", orig)
	}

	b, err := s.Get(context.Background(), byLabel["standard input"].ID)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(b.Edited)
	if b.Title != "Ferries: my headline" || b.URL != "https://other.example/ferries" || !slices.Equal(b.Edited, []string{db.FieldTitle, db.FieldURL}) {
		t.Errorf("typed: title %q, URL %q, edited %v", b.Title, b.URL, b.Edited)
	}

	// Re-extraction keeps the address the paste came from (the content
	// names none) and the user's title.
	if _, err := Reextract(context.Background(), s, []int64{a.ID, b.ID}, ReextractOptions{}, nil, nil); err != nil {
		t.Fatal(err)
	}
	a2, _ := s.Get(context.Background(), a.ID)
	b2, _ := s.Get(context.Background(), b.ID)
	if a2.URL != a.URL || a2.Source != "news.example" || b2.Title != b.Title || b2.URL != b.URL {
		t.Errorf("after re-extraction: %q, %q; %q, %q", a2.URL, a2.Source, b2.Title, b2.URL)
	}

	// Pasting the same again is a duplicate.
	got, sum = results(t, im, Batch{Items: []Item{pasted}})
	if sum.Duplicates != 1 || got[0].ID != a.ID || got[0].Path != "clipboard" {
		t.Errorf("again: %+v %+v", sum, got)
	}
}

// TestImportingLoadsNothing imports pages, Markdown, an e-mail, copied text
// and a paste full of references to a local server — images, scripts,
// styles, frames, a refresh, a tracking pixel — and checks that the server
// was asked for nothing: Clippings only goes on the network to fetch an
// address it was given.
func TestImportingLoadsNothing(t *testing.T) {
	srv := newSite(t, nil)
	dir := t.TempDir()
	entries, err := os.ReadDir("testdata/references")
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	for _, e := range entries {
		data := strings.ReplaceAll(string(readFile(t, filepath.Join("testdata/references", e.Name()))), "SERVER", srv.URL)
		if err := os.WriteFile(filepath.Join(dir, e.Name()), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if e.Name() == "page.html" {
			items = append(items, Item{Name: "pasted.html", Data: []byte(strings.Replace(data, "</article>", "<p>A paragraph only the paste has, about the ships in the roads.</p></article>", 1)), Label: "clipboard", From: srv.URL + "/page"})
		}
	}
	s := openStore(t)
	got, sum := results(t, &Importer{Store: s}, Batch{Paths: []string{dir}, Items: items})
	if sum.Imported != len(entries)+1 {
		t.Errorf("summary %+v: %+v", sum, got)
	}
	// Re-extraction reads the same originals.
	if _, err := Reextract(context.Background(), s, []int64{1, 2, 3, 4, 5}, ReextractOptions{}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if asked := srv.requests(); len(asked) != 0 {
		t.Errorf("importing asked the network for %v", asked)
	}
}

func TestCancelStopsAFetch(t *testing.T) {
	release := make(chan struct{})
	srv := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
	})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	var got []Result
	sum := (&Importer{Store: openStore(t)}).RunBatch(ctx, Batch{Paths: []string{srv.URL + "/slow"}}, func(r Result) { got = append(got, r) }, nil)
	if time.Since(start) > 5*time.Second {
		t.Errorf("the cancel took %v", time.Since(start))
	}
	if sum.Cancelled != 1 || sum.Failed != 0 || len(got) != 0 {
		t.Errorf("summary %+v, results %+v", sum, got)
	}
}

func TestPageAddress(t *testing.T) {
	for _, tc := range []struct{ named, from, want string }{
		{"", "https://a.example/x?utm=1", "https://a.example/x?utm=1"},
		{"https://a.example/canonical", "https://a.example/x", "https://a.example/canonical"},
		{"/news/story", "https://a.example/s/1", "https://a.example/news/story"},
		{"//cdn.a.example/story", "https://a.example/s/1", "https://cdn.a.example/story"},
		{"javascript:void(0)", "https://a.example/x", "https://a.example/x"},
		{"https://a.example/named", "", "https://a.example/named"},
	} {
		if got := PageAddress(tc.named, tc.from); got != tc.want {
			t.Errorf("PageAddress(%q, %q) = %q, want %q", tc.named, tc.from, got, tc.want)
		}
	}
}
