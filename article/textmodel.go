package article

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
)

// The model of copied text: three models of boosted decision trees over
// features of each line (textfeatures.go), learned from web pages rendered as copied
// text by article/cmd/train (make train) and shipped in textmodel.json.
//
//   - local: is a line article text, judged on itself and its neighbours?
//     Its log-odds, summed over a stretch of lines, pick the article's
//     region (articleRegion).
//   - body: is a line article text, knowing the region too?
//   - headline: which line above the body is the headline?

//go:embed textmodel.json
var textModelJSON []byte

// Trees is a model of boosted decision trees of depth two: the log-odds
// of yes is the sum of one leaf of each tree, over the features Features
// names (in the order the code computes them).
type Trees struct {
	Features []string `json:"features"`
	Bias     float64  `json:"bias"`
	// Trees are flat: each is 3 splits (root, its left child, its right
	// child), a split being feature index and threshold (go left when
	// x[feature] <= threshold), then 4 leaf values, left to right.
	Trees [][]float64 `json:"trees"`

	nodes []treeNodes // Trees, compiled for Logit (compile)
}

// treeNodes is one tree of Trees.Trees with its feature indexes as ints.
type treeNodes struct {
	f      [3]int32
	t      [3]float64
	leaves [4]float64
}

// compile prepares the trees for Logit; a model is compiled before use,
// once (Logit on a shared model is then safe from several goroutines).
func (m *Trees) compile() {
	m.nodes = make([]treeNodes, len(m.Trees))
	for i, t := range m.Trees {
		n := &m.nodes[i]
		for k := 0; k < 3; k++ {
			n.f[k], n.t[k] = int32(t[2*k]), t[2*k+1]
		}
		copy(n.leaves[:], t[6:10])
	}
}

// treeSize is the length of one tree in Trees.Trees.
const treeSize = 3*2 + 4

// Logit is the model's log-odds for feature vector x.
func (m *Trees) Logit(x []float64) float64 {
	if len(m.nodes) != len(m.Trees) {
		m.compile() // a model being trained (article/cmd/train)
	}
	s := m.Bias
	for i := range m.nodes {
		n := &m.nodes[i]
		// The leaf is picked by index, without branches: which way a
		// split goes is a coin toss to the processor, and its
		// mispredictions were most of Logit's time.
		right := goesRight(x[n.f[0]], n.t[0])
		child := 1 + right
		s += n.leaves[2*right+goesRight(x[n.f[child]], n.t[child])]
	}
	return s
}

// goesRight is 1 when a split sends x right (not x <= t), else 0.
func goesRight(x, t float64) int {
	r := 1
	if x <= t {
		r = 0
	}
	return r
}

// TextModel holds the three models of copied text.
type TextModel struct {
	Local    Trees `json:"local"`
	Body     Trees `json:"body"`
	Headline Trees `json:"headline"`
	// SpanGap bounds what a line the body model rejects costs the body's
	// span (bodySpan): a caption or an advertisement between paragraphs
	// does not split the article, a run of comments' signatures does (see
	// article/cmd/train).
	SpanGap float64 `json:"span_gap"`
}

// ParseTextModel reads a model written by article/cmd/train, checking its
// features are the ones this code computes.
func ParseTextModel(data []byte) (*TextModel, error) {
	var m TextModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("text model: %w", err)
	}
	for _, c := range []struct {
		name  string
		model *Trees
		want  []string
	}{{"local", &m.Local, LocalFeatureNames}, {"body", &m.Body, BodyFeatureNames}, {"headline", &m.Headline, HeadlineFeatureNames}} {
		if !slices.Equal(c.model.Features, c.want) {
			return nil, fmt.Errorf("text model: the %s model's features are not this code's (run make train)", c.name)
		}
		for _, t := range c.model.Trees {
			if len(t) != treeSize || !validFeature(t[0], len(c.want)) || !validFeature(t[2], len(c.want)) || !validFeature(t[4], len(c.want)) {
				return nil, fmt.Errorf("text model: a tree of the %s model is malformed", c.name)
			}
		}
		c.model.compile()
	}
	return &m, nil
}

// shippedTextModel is the shipped model, read when first needed (reading it
// took 2 ms of every process's start, a search's as much as an import's),
// or why it could not be read (features changed without make train:
// TestTextModelShipped fails, and so does every extraction of text, while
// the trainer still runs).
var shippedTextModel = sync.OnceValues(func() (*TextModel, error) { return ParseTextModel(textModelJSON) })

func validFeature(f float64, n int) bool { return f >= 0 && f < float64(n) && f == math.Trunc(f) }

// clampLogit bounds a line's log-odds: no single line decides a region.
func clampLogit(x float64) float64 { return max(-maxLineLogit, min(maxLineLogit, x)) }

// maxLineLogit: a line's log-odds counts at most this much in a region.
const maxLineLogit = 6
