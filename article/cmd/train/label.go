package main

import (
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
	title := foldTitle(p.truth.Title)
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
		if foldTitle(line) == title && title != "" {
			doc.body[i] = false
			doc.visible = true
		}
	}
	// Pages echo the headline (breadcrumbs, "Headline - Site", share
	// prompts): the headline is the copy closest above the first body line.
	first := -1
	for i, b := range doc.body {
		if b {
			first = i
			break
		}
	}
	doc.headline = -1
	for i, line := range d.Lines {
		if first >= 0 && i >= first {
			break
		}
		if title != "" && foldTitle(line) == title {
			doc.headline = i
		}
	}
	return doc
}

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
