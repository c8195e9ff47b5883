package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/internal/safeurl"
	"golang.org/x/net/html"
)

func storeWith(t *testing.T, as ...article.Article) *db.Store {
	t.Helper()
	s, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	items := make([]db.NewArticle, len(as))
	for i, a := range as {
		items[i] = db.NewArticle{Article: a, Original: []byte(a.Body)}
	}
	if _, err := s.Add(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	return s
}

func art(title, body string) article.Article {
	return article.Article{Title: title, Body: body, Source: "Gazette", Authors: []string{"Ann Lee", "Bo Chen"}, Language: "en"}
}

// Exported HTML is inert: whatever the article holds is shown as text, the
// only link is a vetted http(s) one, and the page may load nothing.
func TestHTMLExportIsInert(t *testing.T) {
	a := art(`<script>alert("title")</script>`, "First <img src=\"http://127.0.0.1:1/pixel.gif\"> paragraph.\n\n<iframe src=//evil.example></iframe> Second.")
	a.URL = "javascript:alert(1)"
	a.Subtitle = `"><svg onload=alert(1)>`
	a.Captions = []article.Caption{{Text: "<b>caption</b>", Credit: "<i>x</i>"}}
	a.Language = `en" onmouseover="alert(1)`
	s := storeWith(t, a)
	dir := t.TempDir()
	if n, err := Write(context.Background(), s, dir, Options{Format: HTML}, nil); err != nil || n != 1 {
		t.Fatalf("Write: %d, %v", n, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	page, _ := os.ReadFile(files[0])
	checkInert(t, page)
	if !strings.Contains(string(page), "default-src 'none'") || !strings.Contains(string(page), "&lt;script&gt;") {
		t.Errorf("page lacks its content security policy or escaping:\n%s", page)
	}
	if filepath.Base(files[0]) != "script-alert-title-script.html" {
		t.Errorf("file name %s", filepath.Base(files[0]))
	}
}

func TestHTMLExportLinksOnlyWebURLs(t *testing.T) {
	a := art("Linked", "Body.")
	a.URL = "https://gazette.example/news?a=1&b=2"
	s := storeWith(t, a)
	dir := t.TempDir()
	Write(context.Background(), s, dir, Options{Format: HTML}, nil)
	page, _ := os.ReadFile(filepath.Join(dir, "linked.html"))
	checkInert(t, page)
	if !strings.Contains(string(page), `<a href="https://gazette.example/news?a=1&amp;b=2" rel="noopener noreferrer nofollow">`) {
		t.Errorf("link missing:\n%s", page)
	}
}

// Markdown exports carry their metadata in front matter that Clippings'
// own Markdown reader takes back.
func TestMarkdownExportReadsBack(t *testing.T) {
	a := art(`Mali: "talks" resume`, "Russia has called for a peaceful solution at the negotiating table to the situation in Mali.\n\nForeign Ministry Spokeswoman Maria Zakharova said her country is seriously concerned.")
	a.Published, _ = article.ParseDate("2020-08-21")
	a.URL = "https://example.com/mali"
	s := storeWith(t, a)
	dir := t.TempDir()
	var files []File
	if _, err := Write(context.Background(), s, dir, Options{Format: Markdown}, func(f File) { files = append(files, f) }); err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].ID != 1 {
		t.Fatalf("files %+v", files)
	}
	data, _ := os.ReadFile(files[0].Path)
	got, err := article.Extract(filepath.Base(files[0].Path), data, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || strings.Join(got.Authors, ",") != "Ann Lee,Bo Chen" || got.Source != a.Source ||
		got.URL != a.URL || got.Published != a.Published || !strings.Contains(got.Body, "Zakharova") {
		t.Errorf("read back %+v\nfrom\n%s", got, data)
	}
}

// A query exports only its matches, across pages of results.
func TestWriteExportsAQuerysResults(t *testing.T) {
	var as []article.Article
	for i := range 450 {
		topic := "harbour"
		if i%3 == 0 {
			topic = "election"
		}
		as = append(as, art("Story "+itoa(i)+" on the "+topic, "A report about the "+topic+" number "+itoa(i)+"."))
	}
	s := storeWith(t, as...)
	for _, c := range []struct {
		query string
		want  int
	}{{"election", 150}, {"", 450}, {"nothing-matches-this", 0}} {
		dir := t.TempDir()
		n, err := Write(context.Background(), s, dir, Options{Format: JSON, Query: c.query}, nil)
		files, _ := os.ReadDir(dir)
		if err != nil || n != c.want || len(files) != c.want {
			t.Errorf("export %q: %d written, %d files, %v; want %d", c.query, n, len(files), err, c.want)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkInert parses a page as a browser would and fails on any element or
// attribute that could run code or fetch something.
func checkInert(t *testing.T, page []byte) {
	t.Helper()
	allowed := map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
		"article": true, "h1": true, "p": true, "em": true, "figure": true, "figcaption": true, "a": true,
		"blockquote": true} // captions, in Markdown
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if !allowed[tok.Data] {
			t.Errorf("exported page has a <%s> element", tok.Data)
		}
		for _, at := range tok.Attr {
			k := strings.ToLower(at.Key)
			switch {
			case strings.HasPrefix(k, "on"), k == "src", k == "srcset", k == "action", k == "formaction":
				t.Errorf("exported page has <%s %s=%q>", tok.Data, at.Key, at.Val)
			case k == "href" && !strings.HasPrefix(at.Val, "mailto:"): // a Markdown viewer links e-mail addresses
				if _, ok := safeurl.SafeURL(at.Val); !ok {
					t.Errorf("exported page links to %q", at.Val)
				}
			}
		}
	}
}

// Chosen articles are exported by id, in the order given, skipping ids
// that name no article (deleted since they were chosen).
func TestWriteChosenIDs(t *testing.T) {
	s := storeWith(t, art("First", "One."), art("Second", "Two."), art("Third", "Three."))
	dir := t.TempDir()
	var got []int64
	n, err := Write(context.Background(), s, dir, Options{Format: Markdown, IDs: []int64{3, 99, 1}}, func(f File) { got = append(got, f.ID) })
	if err != nil || n != 2 {
		t.Fatalf("Write: %d, %v", n, err)
	}
	if len(got) != 2 || got[0] != 3 || got[1] != 1 {
		t.Errorf("exported ids %v, want [3 1]", got)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) != 2 {
		t.Errorf("files %v", files)
	}
}

// An HTML page declares a language only when the article has one (a page
// of unknown language said lang="article"), and holds no control
// character: stored text from an earlier version may have them (ESC ] 0;…
// BEL in a title), and HTML allows none.
func TestHTMLExportLanguageAndControls(t *testing.T) {
	known := art("Mali talks", "Body of the article.")
	unknown := art("Harbour \x1b]0;pwned\x07reopens\u009b", "Body \x1b[2Jof the other.\x07")
	unknown.Language = ""
	unknown.Source = "Gazette\x1b[8m"
	s := storeWith(t, known, unknown)
	dir := t.TempDir()
	if _, err := Write(context.Background(), s, dir, Options{Format: HTML}, nil); err != nil {
		t.Fatal(err)
	}
	for name, lang := range map[string]string{"mali-talks.html": `<html lang="en">`, "harbour-0-pwned-reopens.html": "<html>"} {
		page, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			entries, _ := os.ReadDir(dir)
			t.Fatalf("%v; the folder holds %v", err, entries)
		}
		if !strings.Contains(string(page), lang+"\n") {
			t.Errorf("%s: want %s in\n%s", name, lang, page)
		}
		for _, r := range string(page) {
			if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
				t.Errorf("%s holds %U", name, r)
			}
		}
		checkInert(t, page)
	}
}
