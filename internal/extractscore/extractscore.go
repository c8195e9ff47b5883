// Package extractscore scores article extraction with the metric of the
// public article-extraction benchmark (scrapinghub/article-extraction-
// benchmark): 4-token shingle precision, recall and F1 averaged over
// documents, and the share of headlines matched exactly (case and spacing
// aside). TestDevSet and `make score` use it, so both measure the same.
package extractscore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Page is one page's article: its truth, or what an extractor made of it.
type Page struct {
	Title string  `json:"title"`
	Body  *string `json:"body"` // nil: the truth knows only the headline
}

// LoadTruth reads the <id>.json files of a corpus's truth folder.
func LoadTruth(dir string) (map[string]Page, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no truth files in %s (%v)", dir, err)
	}
	out := make(map[string]Page, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var p Page
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = p
	}
	return out, nil
}

// Result is a set of pages' score.
type Result struct {
	Pages, Bodies, Titled int     // pages; with a body truth; with a headline truth
	P, R, F1              float64 // shingle precision, recall, F1 over Bodies
	Titles                int     // headlines matched
}

// TitleAccuracy is the share of headlines matched.
func (r Result) TitleAccuracy() float64 { return float64(r.Titles) / float64(max(r.Titled, 1)) }

// Score compares extracted pages with the truth; a page missing from got
// scores as an empty extraction.
func Score(truth, got map[string]Page) Result {
	var r Result
	var docs []doc
	for id, want := range truth {
		r.Pages++
		pred := got[id]
		if want.Body != nil {
			r.Bodies++
			body := ""
			if pred.Body != nil {
				body = *pred.Body
			}
			docs = append(docs, shingleScore(*want.Body, body))
		}
		if strings.TrimSpace(want.Title) != "" {
			r.Titled++
			if SameTitle(want.Title, pred.Title) {
				r.Titles++
			}
		}
	}
	r.P, r.R, r.F1 = aggregate(docs)
	return r
}

// SameTitle tells whether two headlines match: equal once lowercased and
// with runs of spaces made one.
func SameTitle(a, b string) bool { return normTitle(a) == normTitle(b) }

func normTitle(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// doc is one document's share of true positives, false positives and
// false negatives among its 4-token shingles.
type doc struct{ tp, fp, fn float64 }

// tokens are maximal runs of letters, numbers and '_', case kept.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts overlapping 4-token shingles; a shorter text yields one.
func shingles(toks []string) map[string]int {
	const n = 4
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	for i := 0; i < max(len(toks)-n+1, 1); i++ {
		m[strings.Join(toks[i:min(i+n, len(toks))], "\x00")]++
	}
	return m
}

func shingleScore(truth, pred string) doc {
	t, p := shingles(tokens(truth)), shingles(tokens(pred))
	var s doc
	for k, tc := range t {
		s.tp += float64(min(tc, p[k]))
		s.fn += float64(max(0, tc-p[k]))
	}
	for k, pc := range p {
		s.fp += float64(max(0, pc-t[k]))
	}
	if sum := s.tp + s.fp + s.fn; sum > 0 {
		s.tp, s.fp, s.fn = s.tp/sum, s.fp/sum, s.fn/sum
	}
	return s
}

func (s doc) precision() float64 {
	switch {
	case s.fp == 0 && s.fn == 0:
		return 1
	case s.tp == 0 && s.fp == 0:
		return 0
	}
	return s.tp / (s.tp + s.fp)
}

func (s doc) recall() float64 {
	switch {
	case s.fp == 0 && s.fn == 0:
		return 1
	case s.tp == 0 && s.fn == 0:
		return 0
	}
	return s.tp / (s.tp + s.fn)
}

// aggregate averages precision over documents with a prediction and
// recall over documents with a truth; F1 is their harmonic mean.
func aggregate(docs []doc) (p, r, f1 float64) {
	var np, nr int
	for _, d := range docs {
		if d.tp+d.fp > 0 {
			p += d.precision()
			np++
		}
		if d.tp+d.fn > 0 {
			r += d.recall()
			nr++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
