package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"golang.org/x/net/html"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/extractscore"
)

// evalHTMLTitles measures the HTML path's headline against each page's
// labelled headline (the line both renderings show), on the page as saved
// and on the page without what it declares of itself (its <meta> tags,
// JSON-LD and, last, its <title>): where a page's metadata is missing, the
// headline must come from the page.
func evalHTMLTitles(pages []*page, modcache string) error {
	type variant struct {
		name  string
		strip func(*html.Node)
	}
	variants := []variant{
		{"as saved", nil},
		{"without <meta> and JSON-LD", func(n *html.Node) { stripMeta(n, false) }},
		{"without <meta>, JSON-LD and <title>", func(n *html.Node) { stripMeta(n, true) }},
	}
	right := make([]int, len(variants))
	all := 0
	for _, p := range pages {
		a, b := p.docs[kinds[0]], p.docs[kinds[1]]
		if !a.visible || !b.visible || foldTitle(a.doc.Lines[a.headline]) != foldTitle(b.doc.Lines[b.headline]) {
			continue
		}
		want := b.doc.Lines[b.headline]
		src, err := os.ReadFile(p.path(modcache))
		if err != nil {
			return err
		}
		all++
		for k, v := range variants {
			data := src
			if v.strip != nil {
				doc, err := html.Parse(bytes.NewReader(src))
				if err != nil {
					continue
				}
				v.strip(doc)
				var buf bytes.Buffer
				if err := html.Render(&buf, doc); err != nil {
					continue
				}
				data = buf.Bytes()
			}
			got, _ := article.Extract("page.html", data, article.Options{})
			if extractscore.SameTitle(got.Title, want) {
				right[k]++
			} else if os.Getenv("HTMLMISS") != "" && k == len(variants)-1 {
				fmt.Printf("MISS %s want %q got %q\n", p.ID, want, got.Title)
			}
		}
	}
	for k, v := range variants {
		fmt.Printf("HTML headline, %s: %.3f of %d pages\n", v.name, float64(right[k])/float64(max(all, 1)), all)
	}
	return nil
}

// stripMeta removes what a page declares of itself: its <meta> tags and
// JSON-LD, and its <title> too with title.
func stripMeta(n *html.Node, title bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			drop := c.Data == "meta" || title && c.Data == "title"
			if c.Data == "script" {
				for _, a := range c.Attr {
					if a.Key == "type" && strings.Contains(strings.ToLower(a.Val), "ld+json") {
						drop = true
					}
				}
			}
			if drop {
				n.RemoveChild(c)
				c = next
				continue
			}
		}
		stripMeta(c, title)
		c = next
	}
}
