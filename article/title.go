package article

import (
	"sort"
	"strings"
	"unicode"
)

// titleSeparators split "Headline - Site name" page titles.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " « ", " » "}

// chooseTitle picks the headline: a visible <h1> that one of the page's
// declared titles agrees with; else the JSON-LD headline (written for
// machines, it rarely carries the site name); else og:title without its
// site-name part; else, where the page declares no headline, the part of
// its <title> that one of its headings shows (headingInTitle); else the
// declared title without its site-name part (the page's <title> before
// the extractor's, which falls back on any <h1>, a logo's included, when
// the page declares nothing); else the first <h1>.
func chooseTitle(m pageMeta, declared, site string) string {
	if len(m.h1) > 0 && foldTitle(declared) == foldTitle(m.h1[0]) && (len(m.h1) == 1 || m.htmlTitle == "") {
		// The extractor's title is the page's only (or first) <h1> when
		// nothing declares one: it confirms nothing.
		declared = ""
	}
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
	if t := stripSiteName(m.ogTitle, site); t != "" {
		return t
	}
	headings := append(append([]string{}, m.h1...), m.h23...)
	if t := headingInTitle(headings, m.htmlTitle, site, titleSeparators); t != "" {
		return t
	}
	if len(m.h1) > 1 && m.bodyHeading != "" {
		return m.bodyHeading
	}
	if len(m.h1) == 1 && m.h1[0] != "" {
		// The page's one heading, where its <title> is another wording
		// (written for search engines) or a section's name.
		return m.h1[0]
	}
	if t := headingInTitle(headings, m.htmlTitle, site, weakTitleSeparators); t != "" {
		return t
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

// titleSegment is a run of a page title's parts between separators.
type titleSegment struct {
	text  string // as written in the title
	key   string // titleKey(text)
	words int
	first bool // starts the title
	whole bool // the whole title
}

// titleSegments splits a page title at its separators (seps) and returns
// every run of consecutive parts.
func titleSegments(title string, seps []string) []titleSegment {
	title = strings.Join(strings.Fields(title), " ")
	type cut struct{ start, end int } // a separator's bytes
	var cuts []cut
	for _, sep := range seps {
		for i := 0; ; {
			j := strings.Index(title[i:], sep)
			if j < 0 {
				break
			}
			cuts = append(cuts, cut{i + j, i + j + len(sep)})
			i += j + len(sep)
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].start < cuts[j].start })
	starts, ends := []int{0}, []int{}
	for _, c := range cuts {
		if c.start < starts[len(starts)-1] {
			continue // overlapping separators (" - " inside " -- ")
		}
		ends = append(ends, c.start)
		starts = append(starts, c.end)
	}
	ends = append(ends, len(title))
	var segs []titleSegment
	for i := range starts {
		for j := i; j < len(ends); j++ {
			text := strings.TrimSpace(title[starts[i]:ends[j]])
			if text == "" {
				continue
			}
			segs = append(segs, titleSegment{text, titleKey(text), countWords(text), i == 0, i == 0 && j == len(ends)-1})
		}
	}
	return segs
}

// titleKey folds a title to its lower-case words, for comparing a heading
// with a page title whatever their punctuation ("Kicker - Headline" in
// <title> is "Kicker Headline" in the <h1>).
func titleKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(titleFolder.Replace(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}), " ")
}

// weakTitleSeparators also split a page title, but the parts they leave
// are as often "Topic: Headline" as "Headline: Site".
var weakTitleSeparators = append([]string{": ", " / "}, titleSeparators...)

// headingInTitle picks the headline where a page declares none but its
// <title>: the part of the title a heading of the page (h1s, then h2/h3s)
// shows. Measured on go-trafilatura's 947 comparison pages stripped of
// their <meta> and JSON-LD (article/cmd/html-headlines).
func headingInTitle(headings []string, title, site string, seps []string) string {
	if strings.TrimSpace(title) == "" {
		return ""
	}
	type heading struct {
		key   string
		words int
	}
	hs := make([]heading, len(headings))
	for i, h := range headings {
		hs[i] = heading{titleKey(h), countWords(h)}
	}
	answer := func(s titleSegment) string {
		if s.whole {
			return stripSiteName(s.text, site)
		}
		return s.text
	}
	segs := titleSegments(title, seps)
	// A heading that is a part of the title: the longest such, as a
	// site's logo in an <h1> is the title's site-name part (a heading
	// of one word only where it starts the title).
	best := -1
	for _, h := range hs {
		for i, s := range segs {
			if h.key != "" && h.key == s.key && (h.words >= 2 || s.first) && (best < 0 || s.words > segs[best].words) {
				best = i
			}
		}
	}
	if best >= 0 {
		return answer(segs[best])
	}
	// A heading with a kicker, date or byline around a part of the
	// title ("Ernährung sichern Schulze: …" for "Schulze: … - Site").
	for _, h := range hs {
		best := -1
		for i, s := range segs {
			if h.key != "" && s.words >= 3 && 3*s.words >= h.words && strings.Contains(h.key, s.key) && (best < 0 || s.words > segs[best].words) {
				best = i
			}
		}
		if best >= 0 {
			return answer(segs[best])
		}
	}
	// A heading shorter than the part of the title holding it: the
	// page shows it, the title adds to it for search engines.
	for i, h := range hs {
		for _, s := range segs {
			if h.key != "" && h.words >= 2 && 3*h.words >= s.words && strings.Contains(s.key, h.key) {
				return headings[i]
			}
		}
	}
	return ""
}
