// Package entities finds the people, places and organisations an English
// news article names. No maintained Go library does this, so it is a careful
// heuristic over capitalised words: gazetteers (countries and demonyms,
// cities, well-known organisations, given names) in data/, titles and
// honorifics that announce a person, suffixes that announce an organisation
// ("… Ministry", "… Party") or a place ("… River"), cue words ("in X",
// "spokesman X", "X said"), acronyms, and coreference of surnames ("Keita"
// after "Ibrahim Boubacar Keita"). Other languages get a best effort.
//
// It knows nothing of storage or of the GUI.
package entities

import (
	"cmp"
	"slices"
	"sync"
)

// Entity is one named entity of an article and how often it is mentioned.
type Entity struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Entities are what an article names, each list sorted by count, most
// mentioned first, then by name.
type Entities struct {
	People        []Entity `json:"people"`
	Places        []Entity `json:"places"`
	Organisations []Entity `json:"organisations"`
}

// Kind is the type of an entity.
type Kind int8

const (
	Unknown Kind = iota
	Person
	Place
	Organisation
)

func (k Kind) String() string {
	switch k {
	case Person:
		return "person"
	case Place:
		return "place"
	case Organisation:
		return "organisation"
	}
	return "unknown"
}

// defaultExtractor is built on first use and only read afterwards.
var defaultExtractor = sync.OnceValue(NewExtractor)

// Extract finds the entities of an article with a shared Extractor.
func Extract(title, body string) Entities {
	return defaultExtractor().Extract(title, body)
}

// sortEntities orders by count, most first, then by name.
func sortEntities(es []Entity) {
	slices.SortFunc(es, func(a, b Entity) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
}
