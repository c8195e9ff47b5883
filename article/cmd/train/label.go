package main

import (
	"os"
	"strings"
	"unicode"

	"github.com/clippings/clippings/article"
)

// document is one copied text with its lines labelled.
type document struct {
	doc      *article.TrainingDoc
	body     []bool // each line is article text
	headline int    // the headline's line, or -1
	visible  bool   // the silver headline is a line of the text
}

// minLineOverlap: a line is body text when this share of its 4-token
// shingles is in the page's body.
const minLineOverlap = 0.5

// label marks each line of d: body when most of its shingles are in the
// page's silver body (a short line: when it is a whole paragraph of it),
// corrected by the page's snippets; the headline is the line that reads as
// the silver headline.
func label(d *article.TrainingDoc, p *page) *document {
	bodyShingles := map[string]bool{}
	for _, s := range shingles(tokens(p.truth.Body)) {
		bodyShingles[s] = true
	}
	paragraphs := map[string]bool{}
	for _, para := range strings.Split(p.truth.Body, "\n\n") {
		paragraphs[strings.Join(tokens(para), " ")] = true
	}
	doc := &document{doc: d, body: make([]bool, len(d.Lines)), headline: -1}
	for i, line := range d.Lines {
		toks := tokens(line)
		if len(toks) >= 4 {
			in := 0
			sh := shingles(toks)
			for _, s := range sh {
				if bodyShingles[s] {
					in++
				}
			}
			doc.body[i] = float64(in) >= minLineOverlap*float64(len(sh))
		} else if len(toks) > 0 {
			doc.body[i] = paragraphs[strings.Join(toks, " ")]
		}
		flat := collapse(line)
		for _, w := range p.With {
			if strings.Contains(flat, collapse(w)) {
				doc.body[i] = true
			}
		}
		for _, w := range p.Without {
			if strings.Contains(flat, collapse(w)) {
				doc.body[i] = false
			}
		}
	}
	at, target := headlineLine(d.Lines, doc.body, headlineTargets(p))
	if at >= 0 {
		doc.headline, doc.visible = at, true
		for i, line := range d.Lines {
			if key(line) == target {
				doc.body[i] = false // the headline's copies (a breadcrumb, a share prompt)
			}
		}
	}
	return doc
}

// headlineTargets are the texts a page's headline line may read, most
// trusted first: a visible <h1> that a declared title (JSON-LD, og:title,
// <title>) agrees with; an <h2> or <h3> that one agrees with (blogs set
// their name in the <h1> and the post's title in an <h2>); the other
// <h1>s, bar the site's name; and last the HTML path's headline, which
// may be a declared title that no line of the page shows.
func headlineTargets(p *page) [][]string {
	if os.Getenv("SILVER") != "" {
		return [][]string{{p.truth.Title}}
	}
	t := p.titles
	declared := append(append([]string{}, t.Declared...), p.truth.Title)
	agreeing := func(hs []string, with []string) []string {
		var out []string
		for _, h := range hs {
			for _, d := range with {
				if article.TitleAgrees(h, d, t.Site) {
					out = append(out, h)
					break
				}
			}
		}
		return out
	}
	site := key(t.Site)
	var others []string
	for _, h := range t.H1 {
		if k := key(h); k != site && !siteNamePart(k, t.Declared) {
			others = append(others, h)
		}
	}
	var near []string
	for _, h := range others {
		for _, d := range declared {
			if nearlyAgrees(h, d) {
				near = append(near, h)
				break
			}
		}
	}
	return [][]string{agreeing(t.H1, declared), agreeing(t.H23, t.Declared), near, others, {p.truth.Title}}
}

// siteNamePart reports whether a heading is the site-name part of a
// declared "Headline - Site" title (a logo's <h1>).
func siteNamePart(h string, declared []string) bool {
	for _, d := range declared {
		dk := key(d)
		if h == "" || h == dk || len(h) >= len(dk) {
			continue
		}
		if strings.HasSuffix(dk, " "+h) || strings.HasPrefix(dk, h+" ") {
			return true
		}
	}
	return false
}

// headlineLine finds the headline among lines: a line reading as one of
// the targets of the first tier any line reads as, the copy closest above
// the first body line (pages echo the headline in breadcrumbs, "Headline -
// Site" titles, share prompts), not a repeat of the line before it. It
// returns the line and its key, or -1.
func headlineLine(lines []string, body []bool, tiers [][]string) (int, string) {
	targets := map[string]bool{}
	for _, tier := range tiers {
		for _, t := range tier {
			if k := key(t); k != "" {
				targets[k] = true
			}
		}
	}
	first := len(lines) // the first body line of a sentence's length
	for i, b := range body {
		if b && !targets[key(lines[i])] && countTokens(lines[i]) >= 4 {
			first = i
			break
		}
	}
	for t, tier := range tiers {
		want := map[string]bool{}
		for _, h := range tier {
			if k := key(h); k != "" {
				want[k] = true
			}
		}
		// The copy closest above the body, else the first below it (the
		// silver body may begin with lines above the headline: a welcome,
		// a teaser). An <h1> no declared title agrees with counts only
		// near the body, and so does the HTML path's headline.
		from, to := 0, len(lines)
		if t >= unsureTier {
			from, to = max(0, first-unsureDistance), min(len(lines), first+unsureDistance)
		}
		at := -1
		for i := from; i < to; i++ {
			if want[key(lines[i])] && (i < first || at < 0) {
				at = i
			}
		}
		if at >= 0 {
			k := key(lines[at])
			for at > 0 && key(lines[at-1]) == k {
				at-- // the first of repeated copies: extraction skips repeats
			}
			return at, k
		}
	}
	return -1, ""
}

// unsureTier is the first tier of headlineTargets that may not be the
// headline (<h1>s no declared title agrees with, some a navigation's or a
// logo's; the HTML path's headline), and unsureDistance how far from the
// body such a line may be.
const (
	unsureTier     = 3
	unsureDistance = 10
)

// key is the form in which a line and a headline compare: their tokens,
// without soft hyphens and zero-width characters (renderers drop them).
func key(s string) string { return strings.Join(tokens(invisible.Replace(s)), " ") }

var invisible = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "")

// nearlyAgrees reports whether most of a heading's words are in a declared
// title and they share several (an <h1> that the SEO title reworded or
// cut: "Frei erfunden: Grab-Bote fliegt nach Singapur" and "… Singapur,
// Thailand").
func nearlyAgrees(h, declared string) bool {
	ht, dt := tokens(invisible.Replace(h)), tokens(invisible.Replace(declared))
	in := map[string]bool{}
	for _, t := range dt {
		in[t] = true
	}
	shared := 0
	for _, t := range ht {
		if in[t] {
			shared++
		}
	}
	return shared >= 3 && float64(shared) >= nearAgreement*float64(len(ht))
}

// nearAgreement: the share of a heading's words a declared title must hold.
const nearAgreement = 0.6

// tokens are maximal runs of letters, numbers and '_', lower-cased (the
// benchmark's tokens, case folded).
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !isWordRune(r)
	})
}

func countTokens(s string) int { return len(tokens(s)) }

// shingles are the overlapping 4-token shingles of toks.
func shingles(toks []string) []string {
	var out []string
	for i := 0; i+4 <= len(toks); i++ {
		out = append(out, strings.Join(toks[i:i+4], " "))
	}
	return out
}

// collapse folds white space runs to one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

var titleFolder = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "…", "...", "\u00a0", " ")

// foldTitle is the form in which two headlines compare equal.
func foldTitle(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(titleFolder.Replace(s))), " ")
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }
