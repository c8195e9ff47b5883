package extractscore

import (
	"math"
	"testing"
)

func body(s string) *string { return &s }

func TestScore(t *testing.T) {
	truth := map[string]Page{
		"same":    {Title: "Ferry returns", Body: body("The ferry returned on Saturday after repairs.")},
		"half":    {Title: "Dockers strike", Body: body("a b c d e")},
		"missing": {Title: "Never extracted", Body: body("one two three four five six")},
		"title":   {Title: "Headline only"},
	}
	got := map[string]Page{
		"same":  {Title: "  ferry   RETURNS ", Body: body("The ferry returned on Saturday after repairs.")},
		"half":  {Title: "Dockers strike!", Body: body("a b c d")},
		"title": {Title: "Headline only", Body: body("anything")},
	}
	r := Score(truth, got)
	if r.Pages != 4 || r.Bodies != 3 || r.Titled != 4 || r.Titles != 2 {
		t.Fatalf("counts: %+v", r)
	}
	// Precision over the two documents with a prediction (1 and 1), recall
	// over the three with a truth (1, 1/2 and 0).
	wantP, wantR := 1.0, 0.5
	if math.Abs(r.P-wantP) > 1e-9 || math.Abs(r.R-wantR) > 1e-9 || math.Abs(r.F1-2*wantP*wantR/(wantP+wantR)) > 1e-9 {
		t.Errorf("P %.4f R %.4f F1 %.4f, want %.4f %.4f", r.P, r.R, r.F1, wantP, wantR)
	}
	if got := r.TitleAccuracy(); got != 0.5 {
		t.Errorf("title accuracy %.3f", got)
	}
}

func TestShingles(t *testing.T) {
	for _, tc := range []struct {
		truth, pred string
		p, r        float64
	}{
		{"a b c d e", "a b c d e", 1, 1},
		{"a b c d e", "v w x y z", 0, 0},
		{"a b", "a b", 1, 1},             // shorter than a shingle: one shingle
		{"A b c d", "a b c d", 0, 0},     // case is kept
		{"a, b; c d", "a b c (d)", 1, 1}, // punctuation is not a token
	} {
		d := shingleScore(tc.truth, tc.pred)
		if math.Abs(d.precision()-tc.p) > 1e-9 || math.Abs(d.recall()-tc.r) > 1e-9 {
			t.Errorf("%q vs %q: P %.3f R %.3f, want %.3f %.3f", tc.truth, tc.pred, d.precision(), d.recall(), tc.p, tc.r)
		}
	}
}
