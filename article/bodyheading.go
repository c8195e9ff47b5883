package article

import (
	"strings"

	"golang.org/x/net/html"
)

// headingBeforeBody returns the last <h1>, and the last <h2> or <h3> (of
// two words or more), before the page's paragraph that holds one of the
// article's first paragraphs: the heading that opens the article, where a
// logo's or a section's <h1> sits elsewhere on the page. (The last h2 or
// h3 is as often a standfirst or a promo's: on go-trafilatura's comparison
// pages without metadata, taken first it was right on 0.67 of pages
// against 0.74 for the first <h1>; it is the last resort.)
func headingBeforeBody(doc *html.Node, body string) (h1, h23 string) {
	var keys []string
	for i, p := range strings.SplitN(body, "\n\n", 4) {
		if k := paragraphKey(p); i < 3 && len(k) >= 20 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "", ""
	}
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "nav", "aside", "footer":
				return
			case "h1":
				if t := innerText(n); countWords(t) >= 2 && !sideHeading(n) {
					h1 = t
				}
				return
			case "h2", "h3":
				if t := innerText(n); countWords(t) >= 2 {
					h23 = t
				}
				return
			case "p":
				k := paragraphKey(innerText(n))
				for _, key := range keys {
					if k == key {
						found = true
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !found {
		return "", ""
	}
	return h1, h23
}

// paragraphKey is a paragraph's first ten words, folded.
func paragraphKey(p string) string {
	words := strings.Fields(titleKey(p))
	return strings.Join(words[:min(len(words), 10)], " ")
}
