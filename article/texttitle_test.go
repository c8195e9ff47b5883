package article

import (
	"strings"
	"testing"
)

// TestCutCopy: a line the line under it begins with, and goes on from, is
// a photo's alt text or a headline cut short, and no headline candidate.
func TestCutCopy(t *testing.T) {
	tests := []struct {
		name  string
		lines string // the first line is the one judged
		want  bool
	}{
		{"alt text over its caption", "Storm Ciarán is blasting the UK with strong winds\nStorm Ciarán is blasting the UK with strong winds (Picture: EOSDIS/Nasa/SWNS)", true},
		{"alt text over a caption with a dash", "Cowboyboots von Crocs\nCowboyboots von Crocs – werden auch \"Croots\" genannt. Foto: Crocs", true},
		{"a headline cut at a quote", "Полиция направила дело\nПолиция направила дело \"минера\" столичного метро в суд", true},
		{"a headline over its byline", "River ferry to run through the winter\nBy Ann Lee", false},
		{"a copy of the same length", "River ferry to run through the winter\nRiver ferry to run through the winter", false},
		{"the next line goes on within a word", "Essen\nEssener Tafel sucht Helfer für die Ausgabe", false},
		{"the last line", "River ferry to run through the winter", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := classifyLines(tt.lines)
			if got := cutCopy(lines, 0); got != tt.want {
				t.Errorf("cutCopy = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHeadlineSkipsAltText: the photo's alt text between the headline and
// the body, over its caption, is not taken for the headline.
func TestHeadlineSkipsAltText(t *testing.T) {
	text := strings.Join([]string{
		"Storm may bring a sting jet to the coast causing thirty miles of damage",
		"By Ann Lee",
		"Storm Ciarán is blasting the coast with strong winds",
		"Storm Ciarán is blasting the coast with strong winds (Picture: Tom Walker)",
		"As the storm continues to batter the south coast, meteorologists are warning that the worst could be yet to come for towns along the shore.",
		"Forecasters said a sting jet, a narrow band of very strong winds, could form on Thursday night and bring gusts of up to ninety miles an hour inland.",
	}, "\n\n")
	a, err := extractText(text)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Storm may bring a sting jet to the coast causing thirty miles of damage"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
}
