package article

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/clippings/clippings/internal/extractscore"
	"github.com/clippings/clippings/internal/testcorpus"
)

// The extraction quality targets on the development corpus
// (testdata/corpus/extraction-dev), per input kind. Copied text is read
// by a model that never saw these pages (docs/text-model.md): its F1 is
// held to issue 14's 0.93; its headlines to 0.90 (it gets 0.936 on w3m's
// and 0.915 on select-all's; the hand-set weights it replaced were set on
// these pages and got 0.915, but 0.62–0.67 on pages they were not set on,
// where the model gets 0.72–0.80: see the table in docs/guide.md, Formats).
var devTargets = map[string]struct{ f1, title float64 }{
	"html":           {0.97, 0.95},
	"text":           {0.93, 0.90},
	"text_innertext": {0.93, 0.90},
}

// TestDevSet scores Extract on the development corpus with the benchmark's
// metric (internal/extractscore) and fails below the targets.
func TestDevSet(t *testing.T) {
	corpus := testcorpus.Dir(t, testcorpus.Dev)
	truth, err := extractscore.LoadTruth(filepath.Join(corpus, "truth"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%-15s %6s %6s %6s %6s  (%d documents)", "kind", "P", "R", "F1", "title", len(truth))
	for _, kind := range []string{"html", "text", "text_innertext"} {
		got := map[string]extractscore.Page{}
		for id := range truth {
			files, _ := filepath.Glob(filepath.Join(corpus, kind, id+".*"))
			if len(files) != 1 {
				t.Fatalf("%s/%s: want one input file, found %d", kind, id, len(files))
			}
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(filepath.Base(files[0]), data, Options{})
			if err != nil {
				t.Logf("%s/%s: %v", kind, id, err)
			}
			got[id] = extractscore.Page{Title: a.Title, Body: &a.Body}
		}
		r := extractscore.Score(truth, got)
		t.Logf("%-15s %6.3f %6.3f %6.3f %6.3f", kind, r.P, r.R, r.F1, r.TitleAccuracy())
		target := devTargets[kind]
		if r.F1 < target.f1 {
			t.Errorf("%s: shingle F1 %.3f is below the target %.2f", kind, r.F1, target.f1)
		}
		if r.TitleAccuracy() < target.title {
			t.Errorf("%s: title accuracy %.3f is below the target %.2f", kind, r.TitleAccuracy(), target.title)
		}
	}
}
