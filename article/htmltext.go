package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags start a new paragraph in the plain-text rendering of HTML.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dd": true, "dt": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "figure": true,
	"figcaption": true, "header": true, "footer": true, "aside": true,
	"hr": true, "address": true, "summary": true, "details": true, "center": true,
	"form": true, "fieldset": true, "nav": true, "caption": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "embed": true,
	"head": true, "button": true, "select": true, "textarea": true, "input": true,
}

// htmlSpaceRe is a run of HTML white space.
var htmlSpaceRe = lazyRe(`[ \t\n\r\f]+`)

// nodeText renders an HTML subtree as plain text: one paragraph per block
// element, separated by blank lines; <br> becomes a paragraph break too,
// since the body format has no other line break.
func nodeText(n *html.Node) string {
	var b strings.Builder
	pre := 0 // inside <pre>, line breaks in the source are meant
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if pre > 0 {
				b.WriteString(n.Data)
			} else {
				// Elsewhere, source line breaks are only spaces.
				b.WriteString(htmlSpaceRe.ReplaceAllString(n.Data, " "))
			}
			return
		case html.ElementNode:
			name := n.Data
			if skipTags[name] && n.DataAtom != atom.Html {
				return
			}
			if name == "br" {
				b.WriteString("\n")
				return
			}
			if name == "pre" {
				pre++
				defer func() { pre-- }()
			}
			if name == "td" || name == "th" {
				b.WriteString(" ")
			}
			if blockTags[name] {
				b.WriteString("\n\n")
				defer b.WriteString("\n\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// htmlToText renders a whole HTML document as plain text.
func htmlToText(src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return ""
	}
	return nodeText(doc)
}

// innerText is the text of a subtree on one line.
func innerText(n *html.Node) string {
	return strings.Join(strings.Fields(nodeText(n)), " ")
}

// findAll returns the elements under n for which match is true.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func byTag(tags ...string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, t := range tags {
			if n.Data == t {
				return true
			}
		}
		return false
	}
}
