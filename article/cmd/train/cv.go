package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/clippings/clippings/article"
)

// folds is the number of cross-validation folds.
const folds = 5

// spanGaps are the SpanGap values cross-validation reports on.
var spanGaps = []float64{0, 0.25, 0.5, 1, 2}

// crossValidate trains on four fifths of the sites and extracts the pages
// of the fifth with that model, for each fifth, and prints the benchmark's
// figures over all pages against their silver truth, for each SpanGap.
func crossValidate(pages []*page) {
	scores := map[float64]map[string]*tally{}
	for _, g := range spanGaps {
		scores[g] = map[string]*tally{}
		for _, k := range kinds {
			scores[g][k] = &tally{}
		}
	}
	for f := uint32(0); f < folds; f++ {
		var train, test []*page
		for _, p := range pages {
			if bucket(p.group+"/cv", folds) == f {
				test = append(test, p)
			} else {
				train = append(train, p)
			}
		}
		m := fit(train)
		for _, g := range spanGaps {
			m.SpanGap = g
			for _, p := range test {
				for _, k := range kinds {
					a, err := article.ExtractTextWith(p.texts[k], m)
					if err != nil {
						a = article.Article{}
					}
					t := p.truth
					if !p.docs[k].visible {
						t.Title = ""
					}
					scores[g][k].add(t, a)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "fold %d: %d pages tested\n", f+1, len(test))
	}
	fmt.Printf("%d-fold cross-validation by site, %d pages (silver truth from the HTML path; headlines where both renderings show them)\n", folds, len(pages))
	fmt.Printf("%-8s %-15s %6s %6s %6s %6s\n", "span gap", "", "P", "R", "F1", "title")
	for _, g := range spanGaps {
		for _, k := range kinds {
			p, r, f1, title := scores[g][k].result()
			fmt.Printf("%-8g %-15s %6.3f %6.3f %6.3f %6.3f\n", g, k, p, r, f1, title)
		}
	}
	fmt.Printf("(the model ships with span gap %g)\n", spanGap)
}

// tally adds up the benchmark's figures over documents.
type tally struct {
	p, r           float64
	np, nr         int
	titles, titled int
}

func (t *tally) add(want truth, got article.Article) {
	tp, fp, fn := overlap(shingleCounts(caseTokens(want.Body)), shingleCounts(caseTokens(got.Body)))
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	if tp+fp > 0 {
		t.p += tp / (tp + fp)
		t.np++
	}
	if tp+fn > 0 {
		t.r += tp / (tp + fn)
		t.nr++
	}
	if want.Title != "" {
		t.titled++
		if normTitle(want.Title) == normTitle(got.Title) {
			t.titles++
		}
	}
}

func (t *tally) result() (p, r, f1, title float64) {
	p = t.p / float64(max(t.np, 1))
	r = t.r / float64(max(t.nr, 1))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1, float64(t.titles) / float64(max(t.titled, 1))
}

// caseTokens are the benchmark's tokens (case kept).
func caseTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// shingleCounts counts the 4-token shingles (a shorter text: one shingle).
func shingleCounts(toks []string) map[string]int {
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	for i := 0; i < max(len(toks)-3, 1); i++ {
		m[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return m
}

func overlap(t, p map[string]int) (tp, fp, fn float64) {
	for k, tc := range t {
		tp += float64(min(tc, p[k]))
		fn += float64(max(0, tc-p[k]))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-t[k]))
	}
	return tp, fp, fn
}

func normTitle(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// searchHeadline cross-validates the headline model alone (the line
// models trained on all pages), by site, as boosted trees of several
// sizes and as a linear softmax with several penalties: a quick way to
// pick one.
func searchHeadline(pages []*page) {
	m := fit(pages)
	type group struct {
		site string
		x    [][]float64
		y    []float64
	}
	var gs []group
	for _, p := range pages {
		for _, k := range kinds {
			d := p.docs[k]
			if d.headline < 0 {
				continue
			}
			idx, rows := d.doc.HeadlineCandidates(m)
			title := foldTitle(d.doc.Lines[d.headline])
			g := group{site: p.group, x: rows}
			for _, i := range idx {
				g.y = append(g.y, b2f(foldTitle(d.doc.Lines[i]) == title))
			}
			gs = append(gs, g)
		}
	}
	type model struct {
		name  string
		train func(x [][]float64, y []float64, groups []int) func([]float64) float64
	}
	var models []model
	for _, n := range []int{200, 400} {
		for _, mc := range []float64{2, 5} {
			models = append(models, model{fmt.Sprintf("trees %d, min leaf hessian %.0f", n, mc), func(x [][]float64, y []float64, groups []int) func([]float64) float64 {
				w := make([]float64, len(x))
				for i := range w {
					w[i] = 1
				}
				bias, trees := boost(x, y, w, groups, settings{trees: n, minChild: mc})
				t := article.Trees{Bias: bias, Trees: trees}
				return t.Logit
			}})
		}
	}
	for _, l2 := range []float64{0.3, 1, 3, 10, 30} {
		models = append(models, model{fmt.Sprintf("linear, L2 %g", l2), func(x [][]float64, y []float64, groups []int) func([]float64) float64 {
			w := softmaxLinear(x, y, groups, l2)
			return func(r []float64) float64 { return dot(w, r) }
		}})
	}
	for _, mdl := range models {
		right, all := 0, 0
		for f := uint32(0); f < folds; f++ {
			var x [][]float64
			var y []float64
			var offs []int
			for _, g := range gs {
				if bucket(g.site+"/cv", folds) == f || !slices.Contains(g.y, 1) {
					continue
				}
				offs = append(offs, len(x))
				x = append(x, g.x...)
				y = append(y, g.y...)
			}
			score := mdl.train(x, y, append(offs, len(x)))
			for _, g := range gs {
				if bucket(g.site+"/cv", folds) != f {
					continue
				}
				all++
				best := -1
				for i := range g.x {
					if best < 0 || score(g.x[i]) > score(g.x[best]) {
						best = i
					}
				}
				if best >= 0 && g.y[best] == 1 {
					right++
				}
			}
		}
		fmt.Printf("headline %s: %.3f of %d texts\n", mdl.name, float64(right)/float64(all), all)
	}
}
