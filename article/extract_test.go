package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/clippings/clippings/internal/testcorpus"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func extractFixture(t *testing.T, name string) (Article, error) {
	t.Helper()
	return Extract(filepath.Base(name), readFixture(t, name), Options{})
}

const (
	ferryTitle   = "Eastbrook votes to bring back its river ferry"
	ferryFirst   = "The town council of Eastbrook voted on Tuesday"
	cafeTitle    = "Le café du port rouvre après l’été"
	cafeFirst    = "Après trois mois de travaux, le café du port a rouvert ses portes samedi matin."
	cafeLastPart = "de six heures à vingt heures."
)

func TestExtractGoodFiles(t *testing.T) {
	tests := []struct {
		file          string
		format        string
		title         string
		bodyStart     string
		bodyEnd       string
		language      string
		authors       []string
		source, url   string
		published     string
		captions      int
		mustNotAppear []string
	}{
		{file: "text/copied-page.txt", format: "text", title: ferryTitle, bodyStart: ferryFirst,
			bodyEnd: "on weekends.", language: "en", captions: 1,
			mustNotAppear: []string{"Skip to", "Read 3 minutes", "cookie", "newsletter", "Share this", "©", "Menu"}},
		{file: "text/utf8-bom.txt", format: "text", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr"},
		{file: "text/utf16le-bom.txt", format: "text", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr"},
		{file: "text/utf16be-bom.txt", format: "text", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr"},
		{file: "text/windows-1252.txt", format: "text", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr"},
		{file: "text/iso-8859-1.txt", format: "text", title: "Le café du port rouvre après l'été", bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr"},
		{file: "text/broken-utf8.txt", format: "text", title: cafeTitle, bodyEnd: cafeLastPart, language: "fr"},
		{file: "text/messy-unicode.txt", format: "text", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr",
			mustNotAppear: []string{"\u00ad", "\u00a0", "  ", "e\u0301"}},
		{file: "html/article.html", format: "html", title: ferryTitle, bodyStart: ferryFirst, bodyEnd: "on weekends.",
			language: "en", authors: []string{"Tom Walker"}, source: "Eastbrook Gazette",
			url: "https://gazette.example/news/ferry", published: "2024-03-12",
			mustNotAppear: []string{"Most read", "All rights reserved", "Storm closes"}},
		{file: "html/windows-1252.html", format: "html", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart, language: "fr"},
		{file: "html/fragment.htm", format: "html", bodyStart: ferryFirst, bodyEnd: "on weekends.", language: "en"},
		// A byline kept by the extractor as the first paragraph is the
		// authors, not the body; without metadata it names them.
		{file: "html/byline-paragraph.html", format: "html", title: "Ferries return to the islands after the storm",
			bodyStart: "The ferries to the islands sailed again", bodyEnd: "until the backlog had cleared.", language: "en",
			authors: []string{"Ana Lopes"}, mustNotAppear: []string{"By Ana"}},
		{file: "html/byline-only.html", format: "html", title: "Ferries return to the islands after the storm",
			bodyStart: "The ferries to the islands sailed again", language: "en",
			authors: []string{"Ana Lopes", "Tom Reyes"}, mustNotAppear: []string{"By Ana"}},
		{file: "bad/html-in-text.txt", format: "html", title: ferryTitle, bodyStart: ferryFirst, language: "en"},
		{file: "markdown/front-matter.md", format: "markdown", title: ferryTitle,
			bodyStart: "The town council of Eastbrook voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap.",
			bodyEnd:   "Local shop owners welcomed the decision.", authors: []string{"Tom Walker", "Ann Lee"},
			source: "Eastbrook Gazette", url: "https://gazette.example/news/ferry", published: "2024-03-12",
			mustNotAppear: []string{"**", "](", "![", "`", "# ", "> ", "- The"}},
		{file: "email/newsletter.eml", format: "email", title: ferryTitle, bodyStart: ferryFirst, bodyEnd: "on weekends.",
			language: "en", authors: []string{"Élodie Marchand"}, published: "2024-03-12",
			mustNotAppear: []string{"View in browser", "Unsubscribe", "Fwd"}},
		{file: "email/plain-cp1252.eml", format: "email", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart,
			language: "fr", authors: []string{"Journal du Port"}, published: "2024-10-05"},
		// A Subject: that cannot be decoded (an unknown charset, broken
		// base64) gives the title the body's headline, not none.
		{file: "email/undecodable-subject.eml", format: "email", title: ferryTitle, bodyStart: ferryFirst, bodyEnd: "on weekends.", language: "en"},
		{file: "email/undecodable-subject-plain.eml", format: "email", title: ferryTitle, bodyStart: ferryFirst, bodyEnd: "on weekends.", language: "en"},
		{file: "pdf/with-metadata.pdf", format: "pdf", title: ferryTitle, bodyStart: ferryFirst, bodyEnd: "on weekends.",
			language: "en", authors: []string{"Tom Walker"}, published: "2024-03-12"},
		{file: "pdf/heading-title.pdf", format: "pdf", title: cafeTitle, bodyStart: cafeFirst, bodyEnd: cafeLastPart,
			language: "fr", mustNotAppear: []string{"Microsoft Word"}},
		{file: "markdown/heading-title.markdown", format: "markdown", title: cafeTitle, bodyStart: cafeFirst,
			bodyEnd: cafeLastPart, language: "fr", mustNotAppear: []string{"***", "_"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := extractFixture(t, tt.file)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.File.Format != tt.format {
				t.Errorf("format = %q, want %q", a.File.Format, tt.format)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) {
				t.Errorf("body starts %q, want %q", head(a.Body, 120), tt.bodyStart)
			}
			if !strings.HasSuffix(a.Body, tt.bodyEnd) {
				t.Errorf("body ends %q, want %q", tail(a.Body, 120), tt.bodyEnd)
			}
			if tt.language != "" && a.Language != tt.language {
				t.Errorf("language = %q, want %q", a.Language, tt.language)
			}
			if tt.authors != nil && strings.Join(a.Authors, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if a.Source != tt.source && tt.source != "" {
				t.Errorf("source = %q, want %q", a.Source, tt.source)
			}
			if a.URL != tt.url && tt.url != "" {
				t.Errorf("url = %q, want %q", a.URL, tt.url)
			}
			if a.Published.String() != tt.published && tt.published != "" {
				t.Errorf("published = %q, want %q", a.Published, tt.published)
			}
			if tt.captions != 0 && len(a.Captions) != tt.captions {
				t.Errorf("captions = %q, want %d", a.Captions, tt.captions)
			}
			all := a.Title + "\n" + a.Body
			for _, c := range a.Captions {
				all += "\n" + c.Text + " " + c.Credit
			}
			for _, bad := range tt.mustNotAppear {
				if strings.Contains(all, bad) {
					t.Errorf("output contains %q:\n%s", bad, all)
				}
			}
			checkWellFormed(t, a)
			if a.File.Size == 0 || len(a.File.SHA256) != 64 || a.File.Name != filepath.Base(tt.file) {
				t.Errorf("file = %+v", a.File)
			}
		})
	}
}

// checkWellFormed asserts the invariants every extracted article keeps.
func checkWellFormed(t *testing.T, a Article) {
	t.Helper()
	for _, s := range append([]string{a.Title, a.Body, a.Source, a.URL, a.Subtitle}, a.Authors...) {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 in %q", s)
		}
	}
	if strings.Contains(a.Body, "\n\n\n") || strings.TrimSpace(a.Body) != a.Body {
		t.Errorf("body paragraphs are not separated by single blank lines: %q", head(a.Body, 200))
	}
	if a.Words == 0 && a.Body != "" {
		t.Errorf("words = 0 for a body of %d bytes", len(a.Body))
	}
}

func TestExtractMaliSample(t *testing.T) {
	data := testcorpus.Sample(t, testcorpus.MaliSample)
	a, err := Extract("mali-russia-negotiations.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Russia calls for negotiations to end Mali crisis" {
		t.Errorf("title = %q", a.Title)
	}
	want := Caption{
		Text:   "A Malian army soldier is seen outside the private house of president Ibrahim Boubacar Keita who resigned overnight after the military mutinied and arrested him, in Bamako, Mali August 19, 2020.",
		Credit: "REUTERS/ Idrissa Sangare",
	}
	if len(a.Captions) != 1 || a.Captions[0] != want {
		t.Errorf("captions = %q", a.Captions)
	}
	if !strings.HasPrefix(a.Body, "Russia has called for a peaceful solution") {
		t.Errorf("body starts %q", head(a.Body, 80))
	}
	if !strings.HasSuffix(a.Body, "after making an analysis of the country’s situation.”") {
		t.Errorf("body ends %q", tail(a.Body, 80))
	}
	for _, bad := range []string{"Skip links", "Read 2 minutes", "cookie", "REUTERS"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("body contains %q", bad)
		}
	}
	if a.Language != "en" {
		t.Errorf("language = %q", a.Language)
	}
	if n := strings.Count(a.Body, "\n\n"); n != 9 {
		t.Errorf("body has %d paragraph breaks, want 9", n)
	}
	checkWellFormed(t, a)
}

func TestExtractBadFiles(t *testing.T) {
	tests := []struct {
		file    string
		opts    Options
		want    error
		message string
	}{
		{file: "bad/empty.txt", want: ErrEmpty, message: "empty file (0 bytes)"},
		{file: "bad/nul-bytes.txt", want: ErrBinary, message: "binary data (NUL bytes) in a .txt file"},
		{file: "bad/png-image.txt", want: ErrBinary, message: "binary data (a PNG image) in a .txt file"},
		{file: "bad/only-menu.txt", want: ErrNoArticle, message: "no article text found"},
		{file: "bad/unknown.docx", want: ErrUnsupported, message: ".docx files are not supported"},
		{file: "bad/not-an-email.eml", want: ErrNoArticle, message: "not an e-mail message"},
		{file: "bad/broken.pdf", want: ErrNoArticle, message: "damaged PDF"},
		{file: "bad/no-text-layer.pdf", want: ErrNoArticle, message: "no text layer"},
		{file: "bad/login.html", want: ErrNoArticle, message: "no article text found"},
		{file: "bad/index.html", want: ErrNoArticle, message: "no article text found"},
		{file: "bad/deeply-nested.html", want: ErrNoArticle, message: "no article text found"},
		{file: "text/copied-page.txt", opts: Options{MaxSize: 1000}, want: ErrTooLarge, message: "file is 1 KB, over the 1000 bytes limit"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			start := time.Now()
			_, err := Extract(filepath.Base(tt.file), readFixture(t, tt.file), tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("message %q does not say %q", err, tt.message)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestExtractTooLargeMessage(t *testing.T) {
	_, err := Extract("big.txt", make([]byte, 210<<20), Options{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "file is 210 MB, over the 50 MB limit") {
		t.Fatalf("error = %v", err)
	}
}

func TestWithTimeout(t *testing.T) {
	start := time.Now()
	_, err := withTimeout(50*time.Millisecond, func() (Article, error) {
		time.Sleep(2 * time.Second)
		return Article{}, nil
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("waited %s", d)
	}
	_, err = withTimeout(time.Second, func() (Article, error) { panic("boom") })
	if !errors.Is(err, ErrNoArticle) {
		t.Errorf("panic gave %v, want ErrNoArticle", err)
	}
}

func TestSupported(t *testing.T) {
	tests := []struct {
		name, format string
		ok           bool
	}{
		{"a.txt", "text", true}, {"A.TXT", "text", true}, {"page.html", "html", true},
		{"page.htm", "html", true}, {"page.xhtml", "html", true}, {"notes.md", "markdown", true},
		{"notes.markdown", "markdown", true}, {"mail.eml", "email", true}, {"paper.PDF", "pdf", true}, {"photo.jpg", "", false}, {"README", "", false},
	}
	for _, tt := range tests {
		format, ok := Supported(tt.name)
		if format != tt.format || ok != tt.ok {
			t.Errorf("Supported(%q) = %q, %v; want %q, %v", tt.name, format, ok, tt.format, tt.ok)
		}
	}
}

func TestDuplicateText(t *testing.T) {
	a := Article{Title: "Don’t Panic!", Body: "It’s  “fine”.\n\nReally\u00a0fine…"}
	b := Article{Title: "don't panic", Body: "It's \"fine\". Really fine..."}
	if DuplicateText(a) != DuplicateText(b) {
		t.Errorf("%q != %q", DuplicateText(a), DuplicateText(b))
	}
	if got, want := DuplicateText(a), "don t panic\x00it s fine really fine"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// The title and the body stay apart: a word moved from one to the
	// other makes another article.
	if DuplicateText(Article{Title: "Mali", Body: "coup"}) == DuplicateText(Article{Title: "Mali coup", Body: ""}) {
		t.Error("a title and body run together")
	}
}

func head(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
