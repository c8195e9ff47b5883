package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/clippings/clippings/article"
)

// Text imported from a plain .txt (testdata/live-markup.txt: an <img
// onerror>, a <script>, javascript: links, a tracking image, a hostile
// headline, lines that start as headings, quotes and lists do, code,
// emphasis, entities, an iframe) is exported to Markdown as text. Rendered
// as CommonMark with GitHub's extensions and raw HTML let through, as a
// permissive viewer does, the page holds no element, attribute or link
// the article did not show as text (checkInert), shows the headline and
// each paragraph exactly as written, and Clippings' own reader takes the
// article back unchanged.
func TestMarkdownExportIsInert(t *testing.T) {
	data, err := os.ReadFile("testdata/live-markup.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Extract("live-markup.txt", data, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a.Subtitle = "<b onmouseover=alert(1)>*sub*</b>"
	a.Captions = []article.Caption{{Text: "![x](http://tracker.example/c.gif) a [caption](javascript:alert(3))", Credit: "<i>Ann</i>"}}
	s := storeWith(t, a)
	dir := t.TempDir()
	var files []File
	if _, err := Write(context.Background(), s, dir, Options{Format: Markdown}, func(f File) { files = append(files, f) }); err != nil || len(files) != 1 {
		t.Fatalf("Write: %v %v", files, err)
	}
	md, err := os.ReadFile(files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(md), "\n---\n") // viewers show front matter as data, not Markdown
	if !ok {
		t.Fatalf("no front matter in\n%s", md)
	}
	var page bytes.Buffer
	renderer := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := renderer.Convert([]byte(body), &page); err != nil {
		t.Fatal(err)
	}
	checkInert(t, page.Bytes())

	shown := blockTexts(t, page.Bytes())
	want := append([]string{a.Title, a.Subtitle, "Photo: " + a.Captions[0].Text + " (" + a.Captions[0].Credit + ")"}, strings.Split(a.Body, "\n\n")...)
	if len(shown) != len(want) {
		t.Fatalf("%d blocks shown, want %d:\n%q\nfrom\n%s", len(shown), len(want), shown, md)
	}
	for i := range want {
		if shown[i] != want[i] {
			t.Errorf("block %d shows\n%q\nwant\n%q", i, shown[i], want[i])
		}
	}

	back, err := article.Extract(filepath.Base(files[0].Path), md, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// (The reader takes the subtitle and caption lines as paragraphs too.)
	if back.Title != a.Title || !strings.HasSuffix(back.Body, "\n\n"+a.Body) {
		t.Errorf("read back:\n%q\n%s\nwant\n%q\n%s", back.Title, back.Body, a.Title, a.Body)
	}
}

// blockTexts is the text of each heading, paragraph and quote of a page.
func blockTexts(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var text func(n *html.Node, b *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "h1" || n.Data == "p") {
			var b strings.Builder
			text(n, &b)
			out = append(out, strings.TrimSpace(b.String()))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// FuzzMarkdownText: whatever one line of an article says, its Markdown
// (rendered as CommonMark with GitHub's extensions and raw HTML let
// through) is one paragraph showing that line as written, and nothing else:
// no element but the paragraph and the links GitHub makes of bare web
// addresses.
func FuzzMarkdownText(f *testing.F) {
	data, err := os.ReadFile("testdata/live-markup.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		f.Add(line)
	}
	for _, s := range []string{"# x", "- x", "+ x", "1. x", "1) x", "===", "---", "***", "> x", "`x`", "<b>x</b>", "&amp;", "&copy", "&#x41;",
		"a\\", "x #", "[a]: http://x", "[^1]", "| a | b |", "~~~", "```", "www.example.com", "a@b.example", "*a*", "_a_", "x  ", "\tx"} {
		f.Add(s)
	}
	renderer := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	f.Fuzz(func(t *testing.T, line string) {
		line = strings.ToValidUTF8(strings.ReplaceAll(line, "\n", " "), "")
		want := strings.Join(strings.Fields(withoutControls(line)), " ")
		if want == "" || strings.ContainsRune(want, '\uFFFD') {
			return
		}
		var page bytes.Buffer
		if err := renderer.Convert([]byte(mdText(line)), &page); err != nil {
			t.Fatal(err)
		}
		checkInert(t, page.Bytes())
		shown := blockTexts(t, page.Bytes())
		if len(shown) != 1 || strings.Join(strings.Fields(shown[0]), " ") != want {
			t.Errorf("%q written as %q shows %q", line, mdText(line), shown)
		}
	})
}
