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
// site-name part. Where the page declares no headline: the part of its
// <title> that one of its headings shows (headingInTitle); else the <h1>
// opening the article among several, or the page's one <h1> of three words
// or more, but not a logo; else a heading in the <title> split at weaker
// separators (": "); else the <title> without its site-name part, the
// extractor's title; else the first <h1>; else the h2/h3 opening the
// article. Measured on go-trafilatura's comparison pages stripped of their
// metadata (article/cmd/html-headlines).
func chooseTitle(m pageMeta, declared, site string) string {
	if m.siteName == "" && isTitlePart(m.htmlTitle, site) && 2*countWords(site) > countWords(m.htmlTitle) {
		// The extractor's site name is a guess from the <title>, and
		// the longer part of it: the headline, not the site.
		site = ""
	}
	for _, l := range m.logos {
		if foldTitle(declared) == foldTitle(l) {
			declared = "" // the extractor took the site's logo
		}
	}
	declaredTitles := append(append([]string{}, m.headlines...), m.ogTitle, m.htmlTitle, declared)
	confirming := declaredTitles
	for _, h := range m.h1 {
		if foldTitle(declared) == foldTitle(h) {
			// The extractor's title is one of the page's <h1>s when
			// nothing declares one: it confirms none of them.
			confirming = confirming[:len(confirming)-1]
			break
		}
	}
	for _, h := range m.h1 {
		for _, d := range confirming {
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
	if t := headingInTitle(m.h1, m.h23, m.htmlTitle, site, titleSeparators); t != "" {
		return t
	}
	logo := func(h string) bool { // the site's name, or a heading every page repeats
		n := 0
		for _, o := range m.h1 {
			if o == h {
				n++
			}
		}
		return n > 1 || titleKey(h) == siteInTitle(m.htmlTitle, site)
	}
	if len(m.h1) > 1 && m.bodyHeading != "" && !logo(m.bodyHeading) {
		return m.bodyHeading
	}
	if len(m.h1) == 1 && (countWords(m.h1[0]) >= 3 || m.htmlTitle == "" || countWords(m.h1[0]) == 2 && sharesWord(m.h1[0], m.htmlTitle)) && !logo(m.h1[0]) {
		// The page's one heading, where its <title> is another wording
		// (written for search engines) or a section's name; not a
		// "Log In" that has no word of the <title>, nor a one-word section.
		return m.h1[0]
	}
	if t := headingInTitle(m.h1, m.h23, m.htmlTitle, site, weakTitleSeparators); t != "" {
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
	return m.bodySubheading
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

// maxTitleParts bounds the parts a page title is split into (a real one
// has two to four; a hostile one thousands).
const maxTitleParts = 12

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
		if len(starts) == maxTitleParts {
			break // the rest is one part: runs grow with the square of the parts
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
// <title>: the part of the title one of its headings (h1s, then h2/h3s)
// shows. Measured on go-trafilatura's comparison pages stripped of their
// <meta> and JSON-LD (article/cmd/html-headlines).
func headingInTitle(h1, h23 []string, title, site string, seps []string) string {
	if strings.TrimSpace(title) == "" {
		return ""
	}
	type heading struct {
		text, key string
		words     int
		h1        bool
	}
	var hs []heading
	for i, h := range append(append([]string{}, h1...), h23...) {
		if k := titleKey(h); k != "" {
			hs = append(hs, heading{h, k, countWords(h), i < len(h1)})
		}
	}
	segs := titleSegments(title, seps)
	siteKey := siteInTitle(title, site)
	// A heading that is a part of the title, not its site-name part (a
	// logo's <h1>): the longest such (an <h1> of one word only where it
	// starts the title).
	best, bestSeg := -1, -1
	for i, h := range hs {
		for j, s := range segs {
			if h.key == s.key && h.key != siteKey && (h.words >= 2 || s.first && h.h1) && (bestSeg < 0 || s.words > segs[bestSeg].words) {
				best, bestSeg = i, j
			}
		}
	}
	if best >= 0 {
		if segs[bestSeg].whole {
			return trimSeparators(stripSiteName(hs[best].text, site))
		}
		return segs[bestSeg].text
	}
	// An <h1> with a kicker, date or byline around a part of the title
	// ("Ernährung sichern Schulze: …" for "Schulze: … - Site").
	for _, h := range hs {
		best := -1
		for j, s := range segs {
			if h.h1 && s.key != siteKey && s.words >= 3 && 3*s.words >= h.words && strings.Contains(h.key, s.key) && (best < 0 || s.words > segs[best].words) {
				best = j
			}
		}
		switch {
		case best < 0:
		case strings.HasSuffix(segs[best].text, "...") || strings.HasSuffix(segs[best].text, "…"):
			return h.text // the title is cut short
		case segs[best].whole:
			return trimSeparators(stripSiteName(segs[best].text, site))
		default:
			return segs[best].text
		}
	}
	// A heading shorter than the part of the title holding it: the page
	// shows it, the title adds to it for search engines.
	for _, h := range hs {
		for _, s := range segs {
			if h.key != siteKey && h.words >= 2 && 3*h.words >= s.words && strings.Contains(" "+s.key+" ", " "+h.key+" ") {
				return h.text
			}
		}
	}
	return ""
}

// siteInTitle is the titleKey of the part of title that names the site
// (what stripSiteName drops), or "".
func siteInTitle(title, site string) string {
	title = strings.Join(strings.Fields(title), " ")
	head := stripSiteName(title, site)
	if head == title {
		return ""
	}
	return titleKey(strings.Replace(title, head, "", 1))
}

// sharesWord reports whether a and b have a word of three letters or more
// in common.
func sharesWord(a, b string) bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(titleKey(b)) {
		words[w] = true
	}
	for _, w := range strings.Fields(titleKey(a)) {
		if len([]rune(w)) >= 3 && words[w] {
			return true
		}
	}
	return false
}

// trimSeparators removes what a separator left at either end of a
// headline ("Headline :" of "Headline : Site", ": Headline" of a kicker).
func trimSeparators(s string) string { return strings.Trim(s, " :|-–—·•/") }

// isTitlePart reports whether part is one of the parts a separator
// splits title into.
func isTitlePart(title, part string) bool {
	k := titleKey(part)
	for _, s := range titleSegments(title, titleSeparators) {
		if k != "" && s.key == k && !s.whole {
			return true
		}
	}
	return false
}
