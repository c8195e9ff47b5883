package entities

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/clippings/clippings/internal/testcorpus"
)

// TestRealTexts finds, in real articles of the development set, names a
// reader of each text checked are in it; what else is found can be read
// with go test -v -run RealTexts.
func TestRealTexts(t *testing.T) {
	truth := filepath.Join(testcorpus.Dir(t, testcorpus.Dev), "truth")
	for _, tc := range []struct {
		id                   string // a page id's first characters
		people, places, orgs []string
	}{
		{"06e5123e", []string{"Adam Neumann", "Letitia James"}, []string{"New York"}, []string{"WeWork", "SoftBank Group"}},
		{"1ee91d1f", []string{"Donald Trump"}, []string{"Syria", "Russia", "Jordan", "Damascus"}, []string{"United Nations", "Islamic State", "Pentagon"}},
		{"374ac9a5", []string{"Tim Clark"}, []string{"Dubai"}, []string{"Boeing", "Airbus"}},
		{"4a44ab3e", []string{"Evo Morales"}, []string{"Bolivia"}, []string{"Associated Press"}},
		{"0d461229", []string{"Rafael Nadal", "Novak Djokovic", "Andy Murray"}, []string{"Spain", "Russia", "Madrid"}, []string{"International Tennis Federation"}},
	} {
		files, _ := filepath.Glob(filepath.Join(truth, tc.id+"*.json"))
		if len(files) != 1 {
			t.Fatalf("page %s: %d files in %s", tc.id, len(files), truth)
		}
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		var page struct{ Title, Body string }
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatalf("%s: %v", files[0], err)
		}
		got := NewExtractor().Extract(page.Title, page.Body)
		t.Logf("%s\n  people: %v\n  places: %v\n  organisations: %v", page.Title, got.People, got.Places, got.Organisations)
		for _, want := range []struct {
			kind  string
			names []string
			found []Entity
		}{{"person", tc.people, got.People}, {"place", tc.places, got.Places}, {"organisation", tc.orgs, got.Organisations}} {
			for _, name := range want.names {
				if !slices.ContainsFunc(want.found, func(e Entity) bool { return e.Name == name }) {
					t.Errorf("%s: %s %q not found", tc.id, want.kind, name)
				}
			}
		}
	}
}
