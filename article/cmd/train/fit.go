package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/clippings/clippings/article"
)

// The boosting settings: the headline model's were picked by
// cross-validation (train -search-headline: 400 trees and leaves of at
// least 5 units of hessian beat 100 or 200 trees and smaller leaves, 0.708
// against 0.682–0.704 of texts with the headline picked).
var (
	lineSettings     = settings{trees: 200, minChild: 0.5}
	headlineSettings = settings{trees: 400, minChild: 5}
)

// fit trains the three models on pages, in order: the local model, then
// the body model on the local model's region, then the headline model on
// the candidates the first two leave.
func fit(pages []*page) *article.TextModel {
	m := article.NewTextModel()
	var x [][]float64
	var y, w []float64
	for _, p := range linePages(pages) {
		for _, k := range kinds {
			d := p.docs[k]
			rows := d.doc.LocalFeatures()
			pw := pageWeight(len(rows))
			for i, r := range rows {
				x, y, w = append(x, r), append(y, b2f(d.body[i])), append(w, pw)
			}
		}
	}
	m.Local.Bias, m.Local.Trees = boost(x, y, w, nil, lineSettings)

	x, y, w = nil, nil, nil
	for _, p := range linePages(pages) {
		for _, k := range kinds {
			d := p.docs[k]
			rows := d.doc.BodyFeatures(m)
			pw := pageWeight(len(rows))
			for i, r := range rows {
				x, y, w = append(x, r), append(y, b2f(d.body[i])), append(w, pw)
			}
		}
	}
	m.Body.Bias, m.Body.Trees = boost(x, y, w, nil, lineSettings)

	x, y, w = nil, nil, nil
	var groups []int   // where each page's candidates start in x
	var sites []string // each group's site
	labelled := 0
	for _, p := range pages {
		for _, k := range kinds {
			d := p.docs[k]
			if d.headline < 0 || p.noHeadline {
				continue
			}
			idx, rows := d.doc.HeadlineCandidates(m)
			labelled++
			if !slices.Contains(idx, d.headline) {
				if os.Getenv("DIAG") != "" {
					first := -1
					if len(idx) > 0 {
						first = idx[0]
					}
					fmt.Fprintf(os.Stderr, "MISS %s %s h=%d firstcand=%d lastcand=%d ncand=%d lines=%d %s %q\n", p.ID, k, d.headline, first, func() int {
						if len(idx) == 0 {
							return -1
						}
						return idx[len(idx)-1]
					}(), len(idx), len(d.doc.Lines), d.doc.Describe(d.headline), d.doc.Lines[d.headline])
				}
				continue // nothing to learn from: the headline is no candidate
			}
			groups = append(groups, len(x))
			sites = append(sites, p.group)
			// Every copy of the headline among the candidates is right.
			title := foldTitle(d.doc.Lines[d.headline])
			for j, r := range rows {
				x, y, w = append(x, r), append(y, b2f(foldTitle(d.doc.Lines[idx[j]]) == title)), append(w, 1)
			}
		}
	}
	groups = append(groups, len(x))
	m.Headline.Bias, m.Headline.Trees = bagged(x, y, w, groups, sites, headlineBags, headlineSettings)
	right := 0
	for k := 0; k+1 < len(groups); k++ {
		best := groups[k]
		for i := groups[k]; i < groups[k+1]; i++ {
			if m.Headline.Logit(x[i]) > m.Headline.Logit(x[best]) {
				best = i
			}
		}
		if y[best] == 1 {
			right++
		}
	}
	fmt.Fprintf(os.Stderr, "headline: of %d texts with a headline line, ", labelled)
	fmt.Fprintf(os.Stderr, "%d texts with their headline among the candidates, %.3f picked right (in sample)\n",
		len(groups)-1, float64(right)/float64(max(len(groups)-1, 1)))
	return m
}

// headlineBags is how many headline models are averaged (train -bags).
var headlineBags = 1

// bagged boosts bags models on the groups of rows (as boost reads them),
// each leaving out the sites of one bags-th share, and returns their mean
// as one model: their trees, each leaf divided by bags. With bags 1 it is
// boost on all the groups.
func bagged(x [][]float64, y, w []float64, groups []int, sites []string, bags int, set settings) (float64, [][]float64) {
	if bags <= 1 {
		return boost(x, y, w, groups, set)
	}
	var bias float64
	var trees [][]float64
	for b := 0; b < bags; b++ {
		var bx [][]float64
		var by, bw []float64
		var bg []int
		for k := 0; k+1 < len(groups); k++ {
			if bucket(sites[k]+"/bag", uint32(bags)) == uint32(b) {
				continue
			}
			bg = append(bg, len(bx))
			lo, hi := groups[k], groups[k+1]
			bx, by, bw = append(bx, x[lo:hi]...), append(by, y[lo:hi]...), append(bw, w[lo:hi]...)
		}
		bb, bt := boost(bx, by, bw, append(bg, len(bx)), set)
		bias += bb / float64(bags)
		for _, t := range bt {
			for i := treeSplits; i < len(t); i++ {
				t[i] /= float64(bags)
			}
			trees = append(trees, t)
		}
	}
	return bias, trees
}

// treeSplits is where a flat tree's leaves start (after its three splits).
const treeSplits = 6

// linePages are the pages the line models learn from: go-trafilatura's,
// whose benchmark snippets correct the silver body. go-htmldate's pages
// (news, for its benchmark of dates) have none, and bodies as the HTML
// path has them, readers' comments and related links at times: they teach
// the headline model only. (With them, the line models lost 0.015 of F1 on
// extraction-dev's select-all text.)
func linePages(pages []*page) []*page {
	var out []*page
	for _, p := range pages {
		if p.Module == "" {
			out = append(out, p)
		}
	}
	return out
}

// pageWeight gives each page's rows a weight that grows slower than their
// number: the benchmark averages over pages, and long pages (forums,
// comment threads) would otherwise outweigh many short ones.
func pageWeight(rows int) float64 { return 1 / math.Sqrt(float64(max(rows, 1))) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// encodeModel writes the model with its numbers rounded to six
// significant digits: the file does not change with the last bits of a
// floating-point sum.
func encodeModel(m *article.TextModel) ([]byte, error) {
	for _, t := range []*article.Trees{&m.Local, &m.Body, &m.Headline} {
		for _, tree := range t.Trees {
			for i, v := range tree {
				tree[i] = round6(v)
			}
		}
		t.Bias = round6(t.Bias)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func round6(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return r
}
