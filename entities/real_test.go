package entities

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// devCorpus is the real-text development set, outside the repository.
var devCorpus = filepath.Join("..", "..", "shared", "corpus", "extraction-dev", "truth")

// TestRealTexts only logs what a few real articles of the development set
// yield, for a person to read (go test -v -run RealTexts): the texts are
// not labelled.
func TestRealTexts(t *testing.T) {
	ids := []string{
		"06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85", // WeWork investigated
		"1ee91d1fce65e09be8b8d2d29eab771546d98ca2ba5c862941e660e9fec12432", // Russia and Syria
		"374ac9a5", // Emirates orders Boeing jets (prefix)
		"4a44ab3e", // Bolivia protests (prefix)
		"0d461229", // Davis Cup
	}
	x := NewExtractor()
	for _, id := range ids {
		files, _ := filepath.Glob(filepath.Join(devCorpus, id+"*.json"))
		if len(files) == 0 {
			t.Skip("development corpus not found at", devCorpus)
		}
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		var truth struct{ Title, Body string }
		if err := json.Unmarshal(b, &truth); err != nil {
			t.Fatalf("%s: %v", files[0], err)
		}
		got := x.Extract(truth.Title, truth.Body)
		t.Logf("%s\n  people: %v\n  places: %v\n  organisations: %v", truth.Title, got.People, got.Places, got.Organisations)
	}
}
