package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/extractscore"
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
					t.Title = ""
					if d := p.docs[k]; d.visible {
						t.Title = d.doc.Lines[d.headline]
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

// tally collects pages to score with the benchmark's metric
// (internal/extractscore, as make score and TestDevSet do).
type tally struct {
	truth, got map[string]extractscore.Page
}

func (t *tally) add(want truth, got article.Article) {
	if t.truth == nil {
		t.truth, t.got = map[string]extractscore.Page{}, map[string]extractscore.Page{}
	}
	id := strconv.Itoa(len(t.truth))
	t.truth[id] = extractscore.Page{Title: want.Title, Body: &want.Body}
	t.got[id] = extractscore.Page{Title: got.Title, Body: &got.Body}
}

func (t *tally) result() (p, r, f1, title float64) {
	res := extractscore.Score(t.truth, t.got)
	return res.P, res.R, res.F1, res.TitleAccuracy()
}

// searchHeadline cross-validates the headline model alone (the line
// models trained on all pages), by site, as boosted trees of several
// sizes and as a linear softmax with several penalties: a quick way to
// pick one. Environment variables steer it while experimenting: QUICK
// (one model: 400 trees), BIG (more trees), LINEMODEL=FILE (the line
// models read from FILE, or trained once and written there: a run then
// takes a minute), SHOWERR (the held-out texts' wrong picks; CONTEXT adds
// the lines around them, DEBUGID=ID the features of one text's), ORACLE
// (candidates around the labelled body, not the predicted one: how much
// the body's span costs), SPANDIFF, DISTS, HALF.
func searchHeadline(pages, held []*page) {
	var m *article.TextModel
	if f := os.Getenv("LINEMODEL"); f != "" {
		if b, err := os.ReadFile(f); err == nil {
			var mm article.TextModel
			if err := json.Unmarshal(b, &mm); err == nil {
				m = article.NewTextModel()
				m.Local.Bias, m.Local.Trees = mm.Local.Bias, mm.Local.Trees
				m.Body.Bias, m.Body.Trees = mm.Body.Bias, mm.Body.Trees
				m.SpanGap = spanGap
			}
		}
		if m == nil {
			m = fit(pages)
			m.SpanGap = spanGap
			b, _ := encodeModel(m)
			os.WriteFile(f, b, 0o644)
		}
	} else {
		m = fit(pages)
	}
	type group struct {
		site string
		x    [][]float64
		y    []float64
		held bool
		id   string
		text []string
		idx  []int
		all  []string
		news bool
	}
	var gs []group
	for _, p := range append(append([]*page{}, pages...), held...) {
		for _, k := range kinds {
			d := p.docs[k]
			if d.headline < 0 {
				continue
			}
			idx, rows := d.doc.HeadlineCandidates(m)
			if os.Getenv("SPANDIFF") != "" {
				first := -1
				for i, b := range d.body {
					if b && countTokens(d.doc.Lines[i]) >= 4 {
						first = i
						break
					}
				}
				ps, _ := d.doc.BodySpan(m)
				diff := ps - first
				bucket := "0"
				switch {
				case diff < -5:
					bucket = "early>5"
				case diff < 0:
					bucket = "early1-5"
				case diff > 5:
					bucket = "late>5"
				case diff > 0:
					bucket = "late1-5"
				}
				inside := "hl-above-pred"
				if d.headline >= ps {
					inside = "hl-in-pred-body"
				}
				fmt.Printf("SPAN %s %s %v\n", bucket, inside, p.Module != "")
			}
			if os.Getenv("ORACLE") != "" {
				first, last := -1, -1
				for i, b := range d.body {
					if b {
						if first < 0 {
							first = i
						}
						last = i + 1
					}
				}
				if first >= 0 {
					idx, rows = d.doc.HeadlineCandidatesAt(m, first, last)
				}
			}
			title := foldTitle(d.doc.Lines[d.headline])
			g := group{site: p.group, x: rows, held: heldOut(p.group), id: p.ID + " " + k, idx: idx, all: d.doc.Lines, news: p.Module != ""}
			for _, i := range idx {
				g.text = append(g.text, d.doc.Lines[i])
			}
			if !slices.Contains(idx, d.headline) {
				ps, _ := d.doc.BodySpan(m)
				g.text = append(g.text, fmt.Sprintf("NOT A CANDIDATE (%s, at %d, body from %d): %s", d.doc.Describe(d.headline), d.headline, ps, d.doc.Lines[d.headline]))
			}
			if os.Getenv("DISTS") != "" {
				for j, i := range idx {
					if i == d.headline {
						fmt.Printf("DIST %.0f %v\n", math.Round(math.Copysign(math.Expm1(math.Abs(rows[j][0])), rows[j][0])), rows[j][1])
					}
				}
			}
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
	for _, n := range []int{400, 800, 1600} {
		for _, mc := range []float64{2, 5} {
			if os.Getenv("QUICK") != "" && (n != 400 || mc != 5) || os.Getenv("BIG") != "" && mc != 5 {
				continue
			}
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
		if os.Getenv("QUICK") != "" {
			break
		}
		models = append(models, model{fmt.Sprintf("linear, L2 %g", l2), func(x [][]float64, y []float64, groups []int) func([]float64) float64 {
			w := softmaxLinear(x, y, groups, l2)
			return func(r []float64) float64 { return dot(w, r) }
		}})
	}
	for _, mdl := range models {
		right, all := 0, 0
		newsRight, newsAll := 0, 0
		for f := uint32(0); f <= folds; f++ { // the last: all training pages, tested on the held-out ones
			if f == folds {
				fmt.Printf("headline %s: %.3f of %d texts (cross-validated); go-htmldate's: %.3f of %d\n", mdl.name, float64(right)/float64(all), all, float64(newsRight)/float64(newsAll), newsAll)
				right, all = 0, 0
				newsRight, newsAll = 0, 0
			}
			var x [][]float64
			var y []float64
			var offs []int
			for _, g := range gs {
				if g.held || bucket(g.site+"/cv", folds) == f || !slices.Contains(g.y, 1) {
					continue
				}
				if os.Getenv("HALF") != "" && bucket(g.site+"/half", 2) == 0 {
					continue
				}
				offs = append(offs, len(x))
				x = append(x, g.x...)
				y = append(y, g.y...)
			}
			score := mdl.train(x, y, append(offs, len(x)))
			for _, g := range gs {
				if f < folds && (g.held || bucket(g.site+"/cv", folds) != f) || f == folds && !g.held {
					continue
				}
				all++
				if g.news {
					newsAll++
				}
				best := -1
				for i := range g.x {
					if best < 0 || score(g.x[i]) > score(g.x[best]) {
						best = i
					}
				}
				if best >= 0 && g.y[best] == 1 {
					right++
					if g.news {
						newsRight++
					}
				} else if os.Getenv("SHOWERR") != "" && (f == folds || os.Getenv("NEWSERR") != "" && g.news) {
					want := -1
					for i := range g.y {
						if g.y[i] == 1 {
							want = i
						}
					}
					if want >= 0 {
						fmt.Printf("ERR %s want[%d] %q\n    got[%d] %q\n", g.id, want, g.text[want], best, g.text[best])
						fmt.Printf("WHERE %v %v %v\n", g.idx[best] < g.idx[want], g.x[best][1] == 1, g.news)
						if os.Getenv("DEBUGID") != "" && strings.HasPrefix(g.id, os.Getenv("DEBUGID")) {
							for fi, name := range article.HeadlineFeatureNames {
								fmt.Printf("   %-20s want %8.3f got %8.3f\n", name, g.x[want][fi], g.x[best][fi])
							}
							fmt.Printf("   score want %.3f got %.3f\n", score(g.x[want]), score(g.x[best]))
						}
						if os.Getenv("CONTEXT") != "" {
							a, b := min(g.idx[want], g.idx[best]), max(g.idx[want], g.idx[best])
							for i := max(0, a-2); i < min(len(g.all), b+4); i++ {
								mark := "  "
								if i == g.idx[want] {
									mark = "W "
								} else if i == g.idx[best] {
									mark = "G "
								}
								fmt.Printf("      %s%.110s\n", mark, g.all[i])
							}
						}
					} else {
						fmt.Printf("ERR %s %s\n", g.id, g.text[len(g.text)-1])
					}
				}
			}
		}
		fmt.Printf("headline %s: %.3f of %d held-out texts; go-htmldate's: %.3f of %d\n", mdl.name, float64(right)/float64(all), all, float64(newsRight)/float64(newsAll), newsAll)
	}
}
