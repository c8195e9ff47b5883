package article

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// The extraction quality targets on the development corpus
// (../shared/corpus/extraction-dev), per input kind. Copied text is read
// by a model that never saw these pages (docs/text-model.md): its F1 is
// held to issue 14's 0.93; its headlines to 0.85 (it gets 0.87 on both
// renderings; the hand-set weights it replaced were set on these pages and
// got 0.915, but 0.62–0.67 on pages they were not set on, where the model
// gets 0.68–0.73: see the README's table).
var devTargets = map[string]struct{ f1, title float64 }{
	"html":           {0.97, 0.95},
	"text":           {0.93, 0.85},
	"text_innertext": {0.93, 0.85},
}

// TestDevSet scores Extract on the development corpus with the benchmark's
// metric (see ../shared/tools/extract-score) and fails below the targets.
func TestDevSet(t *testing.T) {
	corpus := filepath.Join("..", "..", "shared", "corpus", "extraction-dev")
	if _, err := os.Stat(corpus); errors.Is(err, os.ErrNotExist) {
		t.Skip("dev corpus not found:", corpus)
	}
	truth := loadDevTruth(t, filepath.Join(corpus, "truth"))
	t.Logf("%-15s %6s %6s %6s %6s  (%d documents)", "kind", "P", "R", "F1", "title", len(truth))
	for _, kind := range []string{"html", "text", "text_innertext"} {
		var docs []shingleScore
		titles, titled := 0, 0
		for id, want := range truth {
			files, _ := filepath.Glob(filepath.Join(corpus, kind, id+".*"))
			if len(files) != 1 {
				t.Fatalf("%s/%s: want one input file, found %d", kind, id, len(files))
			}
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			got, err := Extract(filepath.Base(files[0]), data, Options{})
			if err != nil {
				t.Logf("%s/%s: %v", kind, id, err)
			}
			docs = append(docs, scoreShingles(want.Body, got.Body))
			if strings.TrimSpace(want.Title) != "" {
				titled++
				if normTitle(want.Title) == normTitle(got.Title) {
					titles++
				}
			}
		}
		p, r, f1 := aggregateShingles(docs)
		titleAcc := float64(titles) / float64(max(titled, 1))
		t.Logf("%-15s %6.3f %6.3f %6.3f %6.3f", kind, p, r, f1, titleAcc)
		target := devTargets[kind]
		if f1 < target.f1 {
			t.Errorf("%s: shingle F1 %.3f is below the target %.2f", kind, f1, target.f1)
		}
		if titleAcc < target.title {
			t.Errorf("%s: title accuracy %.3f is below the target %.2f", kind, titleAcc, target.title)
		}
	}
}

type devTruth struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

func loadDevTruth(t *testing.T, dir string) map[string]devTruth {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no truth files in %s: %v", dir, err)
	}
	out := map[string]devTruth{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d devTruth
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = d
	}
	return out
}

// shingleScore is one document's share of true positives, false positives
// and false negatives among its 4-token shingles.
type shingleScore struct{ tp, fp, fn float64 }

// benchTokens are maximal runs of letters, numbers and '_', case kept.
func benchTokens(s string) []string {
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

func scoreShingles(truth, pred string) shingleScore {
	t, p := shingles(benchTokens(truth)), shingles(benchTokens(pred))
	var s shingleScore
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

func (s shingleScore) precision() float64 {
	switch {
	case s.fp == 0 && s.fn == 0:
		return 1
	case s.tp == 0 && s.fp == 0:
		return 0
	}
	return s.tp / (s.tp + s.fp)
}

func (s shingleScore) recall() float64 {
	switch {
	case s.fp == 0 && s.fn == 0:
		return 1
	case s.tp == 0 && s.fn == 0:
		return 0
	}
	return s.tp / (s.tp + s.fn)
}

// aggregateShingles averages precision over documents with a prediction and
// recall over documents with a truth; F1 is their harmonic mean.
func aggregateShingles(docs []shingleScore) (p, r, f1 float64) {
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

func normTitle(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
