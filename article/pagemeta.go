package article

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
)

// pageMeta is what a page says about itself, for picking the headline.
type pageMeta struct {
	htmlTitle string   // <title>
	ogTitle   string   // og:title or twitter:title
	headlines []string // JSON-LD "headline" values
	h1        []string // visible <h1> texts, in order, but logos'
	logos     []string // <h1>s that are a link home or hidden (sideHeading)
	h1Shown   []string // every <h1>'s text as the page shows it, logos and kickers kept (training labels)
	h23       []string // <h2> and <h3> texts, in order (a blog's post title under its name's <h1>)
	siteName  string   // og:site_name, application-name
	canonical string   // <link rel=canonical> or og:url
	// bodyHeading and bodySubheading are the <h1> and the h2/h3 just
	// before the article's first paragraphs (headingBeforeBody), set once
	// the article is extracted.
	bodyHeading, bodySubheading string
}

func readPageMeta(doc *html.Node) pageMeta {
	var m pageMeta
	for _, n := range findAll(doc, byTag("title", "meta", "link", "h1", "h2", "h3", "script")) {
		switch n.Data {
		case "script":
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				m.headlines = append(m.headlines, jsonLDHeadlines(n.FirstChild.Data)...)
			}
		case "title":
			if m.htmlTitle == "" && !insideSVG(n) {
				m.htmlTitle = innerText(n)
			}
		case "h1":
			if t := innerText(n); t != "" {
				m.h1Shown = append(m.h1Shown, t)
			}
			if t := headlineText(n); t != "" && sideHeading(n) {
				m.logos = append(m.logos, t)
			} else if t != "" {
				m.h1 = append(m.h1, t)
			}
		case "h2", "h3":
			if t := innerText(n); t != "" {
				m.h23 = append(m.h23, t)
			}
		case "link":
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
		case "meta":
			key := strings.ToLower(attr(n, "property") + attr(n, "name"))
			val := strings.TrimSpace(attr(n, "content"))
			switch key {
			case "og:title", "twitter:title":
				if m.ogTitle == "" {
					m.ogTitle = val
				}
			case "og:site_name", "application-name":
				if m.siteName == "" {
					m.siteName = val
				}
			case "og:url":
				if m.canonical == "" {
					m.canonical = val
				}
			}
		}
	}
	return m
}

// secondaryClass matches the classes that mark a heading's kicker, date,
// byline or label ("<span class=roofline>Immobilienkrise</span> Rene
// Benko-Firma …"), words found on go-trafilatura's comparison pages.
var secondaryClass = lazyRe(`(?i)kicker|roofline|overline|supertitle|toptitle|topline|dachzeile|eyebrow|subheadline|subtitle|category|rubric|byline|dateline|date|visuallyhidden|visually-hidden|sr-only|screen-reader`)

// headlineText is a heading's text without its kicker, date or byline:
// <small> and <time> elements and elements of a secondaryClass, where
// some of the heading is left.
func headlineText(n *html.Node) string {
	var b strings.Builder
	dropped := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case c.Data == "small" || c.Data == "time" || secondaryClass.MatchString(attr(c, "class")):
				dropped = true
				b.WriteByte(' ')
			case c.Data == "br" || c.Data == "script" || c.Data == "style":
				b.WriteByte(' ')
			default:
				walk(c)
			}
		}
	}
	walk(n)
	full := innerText(n)
	if t := trimSeparators(strings.Join(strings.Fields(b.String()), " ")); dropped && countWords(t) >= 2 {
		return t
	}
	return full
}

// sideHeading reports whether a heading is the site's logo (its text a
// link to the site's home page: "<h1><a href="/">Site</a></h1>") or
// hidden for screen readers ("Navigation und Service"), not a headline.
func sideHeading(n *html.Node) bool {
	class := " " + strings.ToLower(attr(n, "class")) + " "
	for _, c := range []string{" aural ", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader", " hidden "} {
		if strings.Contains(class, c) {
			return true
		}
	}
	links := findAll(n, byTag("a"))
	if len(links) != 1 || innerText(links[0]) != innerText(n) {
		return false
	}
	href := strings.TrimSpace(attr(links[0], "href"))
	if i := strings.LastIndex(href, "://"); i >= 0 {
		href = href[i+3:] // an archived page's links wrap the original address
		if j := strings.IndexByte(href, '/'); j >= 0 {
			href = href[j:]
		} else {
			href = "/"
		}
	}
	return href == "/" || href == "./" || href == "/index.html"
}

func insideSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "svg" {
			return true
		}
	}
	return false
}

// jsonLDHeadlines returns the "headline" values of a JSON-LD block, at any
// depth (they hide in @graph arrays and mainEntity objects).
func jsonLDHeadlines(src string) []string {
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return nil
	}
	var out []string
	var walk func(any, int)
	walk = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if h, ok := x["headline"].(string); ok && strings.TrimSpace(h) != "" {
				out = append(out, strings.TrimSpace(h))
			}
			for _, c := range x {
				walk(c, depth+1)
			}
		case []any:
			for _, c := range x {
				walk(c, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}
