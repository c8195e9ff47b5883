package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineTags may sit inside a paragraph.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "dfn": true, "em": true, "i": true, "kbd": true,
	"mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true,
	"strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true,
	"font": true, "strike": true, "tt": true, "big": true, "ins": true, "del": true,
}

// wrapLooseText puts text that sits directly in a container (a <div> of
// text lines separated by <br>, common in older CMSs) into <p> elements.
// Extractors score and keep paragraphs; loose text next to block elements
// is otherwise dropped.
func wrapLooseText(doc *html.Node) {
	for _, n := range findAll(doc, byTag("div", "section", "article", "main", "td", "blockquote", "center")) {
		if !hasLooseText(n) {
			continue
		}
		var run []*html.Node
		flush := func(before *html.Node) {
			if len(run) == 0 {
				return
			}
			if runHasText(run) {
				p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
				n.InsertBefore(p, before)
				for _, c := range run {
					n.RemoveChild(c)
					p.AppendChild(c)
				}
			}
			run = nil
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.TextNode, c.Type == html.ElementNode && inlineTags[c.Data]:
				run = append(run, c)
			case c.Type == html.ElementNode && c.Data == "br":
				flush(c)
			case c.Type == html.CommentNode:
			default:
				flush(c)
			}
			c = next
		}
		flush(nil)
	}
}

// hasLooseText reports whether n holds text directly, beside block
// elements or line breaks.
func hasLooseText(n *html.Node) bool {
	text, other := false, false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			text = true
		case c.Type == html.ElementNode && !inlineTags[c.Data]:
			other = true
		}
	}
	return text && other
}

func runHasText(run []*html.Node) bool {
	for _, c := range run {
		if strings.TrimSpace(innerText(c)) != "" || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return true
		}
	}
	return false
}
