package article

import (
	"strings"
)

// titleSeparators split "Headline - Site name" page titles.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " « ", " » "}

// chooseTitle picks the headline: a visible <h1> that one of the page's
// declared titles agrees with; else the JSON-LD headline (written for
// machines, it rarely carries the site name); else the declared title
// without its site-name part (the page's own og:title or <title> before
// the extractor's, which falls back on any <h1>, a logo's included, when
// the page declares nothing); else the first <h1>.
func chooseTitle(m pageMeta, declared, site string) string {
	declaredTitles := append(append([]string{}, m.headlines...), m.ogTitle, m.htmlTitle, declared)
	for _, h := range m.h1 {
		for _, d := range declaredTitles {
			if titleAgrees(h, d, site) {
				return h
			}
		}
	}
	if len(m.headlines) > 0 {
		return m.headlines[0]
	}
	for _, d := range declaredTitles {
		if t := stripSiteName(d, site); t != "" {
			return t
		}
	}
	if len(m.h1) > 0 {
		return m.h1[0]
	}
	return ""
}

// titleAgrees reports whether a visible heading is the declared title,
// possibly with a site name or section label around it.
func titleAgrees(h1, declared, site string) bool {
	h, d := foldTitle(h1), foldTitle(declared)
	if h == "" || d == "" {
		return false
	}
	if h == d || h == foldTitle(stripSiteName(declared, site)) {
		return true
	}
	for _, sep := range titleSeparators {
		for _, part := range strings.Split(d, strings.TrimSpace(sep)) {
			if strings.TrimSpace(part) == h && countWords(h) >= 3 {
				return true
			}
		}
	}
	return false
}

// titleFolder makes typographic variants of a title compare equal.
var titleFolder = strings.NewReplacer("‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'", "“", `"`, "”", `"`, "„", `"`,
	"–", "-", "—", "-", "…", "...", "\u00a0", " ")

func foldTitle(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(titleFolder.Replace(s))), " ")
}

// stripSiteName removes a " - Site name" part from a page title: the part
// naming site, or else the shorter side of the last separator.
func stripSiteName(title, site string) string {
	title = strings.Join(strings.Fields(title), " ")
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i < 0 {
			continue
		}
		head, tail := title[:i], title[i+len(sep):]
		if site != "" && sameTitle(tail, site) {
			return head
		}
		if j := strings.Index(title, sep); site != "" && sameTitle(title[:j], site) {
			return title[j+len(sep):]
		}
		if countWords(tail) <= 4 && countWords(head) >= 2*countWords(tail) {
			return head
		}
	}
	return title
}

func sameTitle(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
