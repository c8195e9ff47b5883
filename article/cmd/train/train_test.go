package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
)

// fixturePages are pages made of the package article's copied-text
// fixtures, with their truth written out: a pool small enough for a test.
func fixturePages(t *testing.T) []*page {
	t.Helper()
	const ferryTitle = "Eastbrook votes to bring back its river ferry"
	ferryBody := "The town council of Eastbrook voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap.\n\n" +
		"“We have waited a long time for this,” said the mayor, Helen Ortiz, after the vote. “The bridge is twenty minutes away by car, and many people here do not drive.”\n\n" +
		"The new ferry will carry up to forty passengers and ten bicycles. It is expected to start service in the spring, once the landing stages on both banks have been repaired.\n\n" +
		"Local shop owners welcomed the decision, saying the crossing would bring visitors back to the high street on weekends."
	var pages []*page
	for i, f := range []string{"copied-page.txt", "meta-published.txt", "meta-story-list.txt", "meta-wire-dateline.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "text", f))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		p := &page{ID: f, group: f, texts: map[string]string{}, docs: map[string]*document{}}
		if i == 0 {
			p.truth = truth{Title: ferryTitle, Body: ferryBody}
		} else {
			// The other fixtures: the headline is their first line of
			// five words or more, the body their lines of twenty or more.
			var body []string
			for _, l := range strings.Split(text, "\n") {
				n := len(strings.Fields(l))
				if p.truth.Title == "" && n >= 5 && n < 20 {
					p.truth.Title = strings.TrimSpace(l)
				}
				if n >= 20 {
					body = append(body, strings.TrimSpace(l))
				}
			}
			p.truth.Body = strings.Join(body, "\n\n")
		}
		for _, k := range kinds {
			p.texts[k] = text
			p.docs[k] = label(article.NewTrainingDoc(text), p)
		}
		pages = append(pages, p)
	}
	return pages
}

// TestTrainDeterministic: training twice on the same pages writes the same
// file, byte for byte, whether the pages were used before (as by
// cross-validation) or are read afresh.
func TestTrainDeterministic(t *testing.T) {
	pages := fixturePages(t)
	a, err := encodeModel(fit(pages))
	if err != nil {
		t.Fatal(err)
	}
	for _, again := range [][]*page{pages, fixturePages(t)} {
		b, err := encodeModel(fit(again))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two trainings on the same pages gave different files")
		}
	}
	m, err := article.ParseTextModel(a)
	if err != nil {
		t.Fatalf("the trained model does not read back: %v", err)
	}
	// (Eight headlines are too few for a leaf of the headline model.)
	if len(m.Local.Trees) == 0 || len(m.Body.Trees) == 0 {
		t.Errorf("trees: %d local, %d body", len(m.Local.Trees), len(m.Body.Trees))
	}
}

// TestTrainLearns: a model trained on the fixtures extracts a fixture it
// was trained on as labelled (the labels and the training reach the
// extractor).
func TestTrainLearns(t *testing.T) {
	pages := fixturePages(t)
	// Four copies of each page: enough headlines for the headline model
	// to grow leaves (with none it picks the first candidate, a "Skip to
	// main content" link).
	var more []*page
	for range 4 {
		more = append(more, fixturePages(t)...)
	}
	m := fit(more)
	m.SpanGap = spanGap
	p := pages[0]
	a, err := article.ExtractTextWith(p.texts["text"], m)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != p.truth.Title {
		t.Errorf("title = %q, want %q", a.Title, p.truth.Title)
	}
	var s tally
	s.add(p.truth, a)
	if _, _, f1, _ := s.result(); f1 < 0.9 {
		t.Errorf("body F1 %.2f, want 0.9 or more:\n%s", f1, a.Body)
	}
}

// TestLabel marks body lines by the page's body and snippets, and the
// headline as its copy closest above the body.
func TestLabel(t *testing.T) {
	text := "Home\nFerry returns\nNews\nFerry returns\nBy Jo\nThe town council voted on Tuesday to reopen the old river ferry.\nShare this article\nThe first boats run in May, the council said on Friday.\n"
	p := &page{
		truth:   truth{Title: "Ferry returns", Body: "The town council voted on Tuesday to reopen the old river ferry."},
		With:    []string{"first boats run in May"},
		Without: []string{"Share this"},
	}
	d := label(article.NewTrainingDoc(text), p)
	want := map[string]bool{
		"The town council voted on Tuesday to reopen the old river ferry.": true,
		"The first boats run in May, the council said on Friday.":          true,
	}
	for i, l := range d.doc.Lines {
		if d.body[i] != want[l] {
			t.Errorf("%q: body = %v", l, d.body[i])
		}
	}
	if d.headline != 3 || !d.visible {
		t.Errorf("headline at line %d (visible %v), want 3", d.headline, d.visible)
	}
}

// TestBoostSeparates: boosting fits a rule of one feature, and the softmax
// of groups picks the positive row.
func TestBoostSeparates(t *testing.T) {
	var x [][]float64
	var y, w []float64
	for i := 0; i < 200; i++ {
		v := float64(i % 10)
		x = append(x, []float64{v, float64(i % 3)})
		y = append(y, b2f(v >= 5))
		w = append(w, 1)
	}
	bias, trees := boost(x, y, w, nil, settings{trees: 50, minChild: 0.5})
	m := article.Trees{Bias: bias, Trees: trees}
	for i, r := range x {
		if (m.Logit(r) > 0) != (y[i] == 1) {
			t.Fatalf("row %v: logit %.2f, label %v", r, m.Logit(r), y[i])
		}
	}
	// Groups of three rows; the positive one has the largest feature 0.
	x, y, w = nil, nil, nil
	var groups []int
	for g := 0; g < 60; g++ {
		groups = append(groups, len(x))
		for k := 0; k < 3; k++ {
			x = append(x, []float64{float64((g + k) % 3), float64(g % 5)})
			y = append(y, b2f((g+k)%3 == 2))
			w = append(w, 1)
		}
	}
	bias, trees = boost(x, y, w, append(groups, len(x)), settings{trees: 50, minChild: 0.5})
	m = article.Trees{Bias: bias, Trees: trees}
	for g := range groups {
		best := groups[g]
		for i := groups[g]; i < groups[g]+3; i++ {
			if m.Logit(x[i]) > m.Logit(x[best]) {
				best = i
			}
		}
		if y[best] != 1 {
			t.Fatalf("group %d: picked row %v", g, x[best])
		}
	}
}

// TestBaggedIsTheMean: the bagged headline model scores a row as the mean
// of the models fit each without one share of the sites.
func TestBaggedIsTheMean(t *testing.T) {
	var x [][]float64
	var y, w []float64
	var groups []int
	var sites []string
	for g := 0; g < 90; g++ {
		groups = append(groups, len(x))
		sites = append(sites, fmt.Sprintf("site%d", g%30))
		for k := 0; k < 4; k++ {
			x = append(x, []float64{float64((g*7 + k*3) % 5), float64((g + k) % 4)})
			y = append(y, b2f(k == g%4))
			w = append(w, 1)
		}
	}
	groups = append(groups, len(x))
	set := settings{trees: 20, minChild: 0.5}
	bias, trees := bagged(x, y, w, groups, sites, 3, set)
	if len(trees) != 3*set.trees {
		t.Fatalf("%d trees, want %d", len(trees), 3*set.trees)
	}
	mean := article.Trees{Bias: bias, Trees: trees}
	var parts []article.Trees
	for b := uint32(0); b < 3; b++ {
		var bx [][]float64
		var by, bw []float64
		var bg []int
		for k := 0; k+1 < len(groups); k++ {
			if bucket(sites[k]+"/bag", 3) == b {
				continue
			}
			bg = append(bg, len(bx))
			bx, by, bw = append(bx, x[groups[k]:groups[k+1]]...), append(by, y[groups[k]:groups[k+1]]...), append(bw, w[groups[k]:groups[k+1]]...)
		}
		if len(bg) == len(groups)-1 {
			t.Fatalf("bag %d leaves no site out", b)
		}
		pb, pt := boost(bx, by, bw, append(bg, len(bx)), set)
		parts = append(parts, article.Trees{Bias: pb, Trees: pt})
	}
	for _, r := range x {
		want := (parts[0].Logit(r) + parts[1].Logit(r) + parts[2].Logit(r)) / 3
		if got := mean.Logit(r); math.Abs(got-want) > 1e-9 {
			t.Fatalf("row %v: %.6f, the mean of the bags %.6f", r, got, want)
		}
	}
	if b1, t1 := bagged(x, y, w, groups, sites, 1, set); len(t1) != set.trees || b1 != 0 {
		t.Fatalf("one bag: %d trees, bias %g", len(t1), b1)
	}
}
