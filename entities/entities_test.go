package entities

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// names renders one list of entities as "Name×Count, …" for comparisons.
func names(es []Entity) string {
	var parts []string
	for _, e := range es {
		parts = append(parts, fmt.Sprintf("%s×%d", e.Name, e.Count))
	}
	return strings.Join(parts, ", ")
}

func TestExtractCases(t *testing.T) {
	x := NewExtractor()
	for _, tc := range []struct {
		name, title, body    string
		people, places, orgs string // "" means none; "-" means not checked
	}{
		{
			name:   "a common word starting a sentence is no person, whatever the verb",
			body:   "Talks resumed in Bamako on Monday. Diplomats said the junta wanted guarantees. Researchers found no trace of the deal.",
			people: "", places: "Bamako×1", orgs: "",
		},
		{
			name:   "a titled phrase of common words is no person; a name of common-word surnames still is",
			body:   "The company told Business Insider on Monday that it would update its Privacy Policy and raise Social Security payments. The analyst Ruth Baker said she doubted it, as did Tom Price.",
			people: "Ruth Baker×1, Tom Price×1", places: "", orgs: "-",
		},
		{
			name:   "a surname starting a sentence still refers to the person",
			body:   "Prime Minister Gordon Brown spoke on Monday. Brown said the budget would hold. Sabalenka said she was tired.",
			people: "Gordon Brown×2, Sabalenka×1", places: "", orgs: "",
		},
		{
			name:   "title before a name, surname coreference",
			body:   "Former president Ibrahim Boubacar Keita was overthrown in August. Keita had ruled since 2013.",
			people: "Ibrahim Boubacar Keita×2", places: "", orgs: "",
		},
		{
			name:   "modifier before a title",
			body:   "ECB President Helena Marquardt spoke in Frankfurt on Thursday.",
			people: "Helena Marquardt×1", places: "Frankfurt×1", orgs: "European Central Bank×1",
		},
		{
			name:   "acronym in brackets is the same organisation",
			body:   "The Economic Community of West African States (ECOWAS) met in Accra. ECOWAS leaders left.",
			people: "", places: "Accra×1", orgs: "Economic Community of West African States×2",
		},
		{
			name:   "acronym defined by the text wins over the gazetteer",
			body:   "Sudan's Rapid Support Forces (RSF) attacked the town. The RSF denied it.",
			people: "", places: "Sudan×1", orgs: "Rapid Support Forces×2",
		},
		{
			name:   "demonyms and possessives",
			body:   "Malian soldiers and Mali's police guarded the French embassy.",
			people: "", places: "Mali×2, France×1", orgs: "",
		},
		{
			name:   "dateline, agency, country after the city",
			body:   "AUSTIN, Texas (AP) - A judge ruled on Friday that the law was void.",
			people: "", places: "Austin×1, Texas×1", orgs: "Associated Press×1",
		},
		{
			name:   "dateline with two cities",
			body:   "VIENNA/LONDON, April 3 - Oil prices jumped.",
			people: "", places: "London×1, Vienna×1", orgs: "",
		},
		{
			name:   "an all-capital word later in the text is no dateline",
			body:   "Prices rose.\n\nBHP, which owns the mine, said output fell.",
			people: "", places: "", orgs: "BHP×1",
		},
		{
			name:   "organisation and place suffixes, connectors",
			body:   "The Bank of Japan and the Interior Ministry met near the Ebola River with Lula da Silva's aides.",
			people: "-", places: "Ebola River×1", orgs: "Bank of Japan×1, Interior Ministry×1",
		},
		{
			name:   "and inside an organisation name",
			body:   "Britain's Competition and Markets Authority blocked the deal.",
			people: "", places: "United Kingdom×1", orgs: "Competition and Markets Authority×1",
		},
		{
			name:   "company with a legal form, then its short name",
			body:   "Norvex Systems Inc said profit rose. Shares in Norvex fell 3%.",
			people: "", places: "", orgs: "Norvex Systems×2",
		},
		{
			name:   "place cues and lists",
			body:   "Livestock died in Turkana, Marsabit and Wajir counties.",
			people: "", places: "Marsabit×1, Turkana×1, Wajir×1", orgs: "",
		},
		{
			name:   "person cues: said, role, relation",
			body:   "\"We will rebuild,\" said Arianto Ardi. His wife, Bisi, agreed. Sabalenka said she was tired.",
			people: "Arianto Ardi×1, Bisi×1, Sabalenka×1", places: "", orgs: "",
		},
		{
			name:   "sentence starts and generic words are no names",
			body:   "However, Police said on Monday that Markets were calm. The Government will meet.",
			people: "", places: "", orgs: "",
		},
		{
			name:   "a known common word at a sentence start needs support",
			body:   "Labour leaders marched. Turkey said it would help.",
			people: "", places: "Turkey×1", orgs: "",
		},
		{
			name:   "shouted words, hashtags and codes",
			body:   "Voters said VOTE now! Follow #MattBevin and t.co/XPxUJuyIAC for more. Please vote.",
			people: "", places: "", orgs: "",
		},
		{
			name:   "Title Case headline names count only when the body confirms",
			title:  "Republicans Are Following Trump to Nowhere",
			body:   "President Donald Trump spoke in Kentucky.",
			people: "Donald Trump×2", places: "Kentucky×1", orgs: "",
		},
		{
			name:   "sentence-case headline is read like the body",
			title:  "Salah double sinks Everton",
			body:   "Mohamed Salah scored twice.",
			people: "Mohamed Salah×2", places: "", orgs: "Everton×1",
		},
		{
			name:   "a text not in English gets only well-supported names",
			body:   "Il Cavaliere Oscuro e Ritorno al Futuro sono in offerta oggi per tutti i clienti del negozio, " + strings.Repeat("con prezzi bassi e spedizione gratuita per tutti, ", 6) + "dice Mario Rossi.",
			people: "Mario Rossi×1", places: "-", orgs: "",
		},
		{name: "empty", people: "", places: "", orgs: ""},
	} {
		got := x.Extract(tc.title, tc.body)
		for _, c := range []struct {
			kind string
			got  []Entity
			want string
		}{{"people", got.People, tc.people}, {"places", got.Places, tc.places}, {"organisations", got.Organisations, tc.orgs}} {
			if c.want != "-" && names(c.got) != c.want {
				t.Errorf("%s: %s = %q, want %q", tc.name, c.kind, names(c.got), c.want)
			}
		}
	}
}

func TestTokenize(t *testing.T) {
	x := NewExtractor()
	for _, tc := range []struct{ text, want string }{
		{"Mali's junta", "Mali[poss] junta"},
		{"Mali’s junta", "Mali[poss] junta"},
		{"the U.S. said", "the U.S. said"},
		{"Col. Goita", "Col. Goita"},
		{"UN-brokered deal", "UN brokered[tail] deal"},
		{"pro-Russian forces", "pro Russian forces"},
		{"Calvert-Lewin and al-Qaeda", "Calvert-Lewin and al-Qaeda"},
		{"O'Neill, AT&T and OPEC+", "O'Neill , AT&T and OPEC+"},
		{"German Farmers' Association", "German Farmers[plural] Association"},
		{"see Polygraph.info now", "see Polygraph.info now"},
		{"#MattBevin", "# MattBevin[handle]"},
	} {
		var parts []string
		for _, tok := range x.tokenize(tc.text, nil) {
			p := tok.text
			for _, f := range []struct {
				on   bool
				name string
			}{{tok.poss, "poss"}, {tok.tail, "tail"}, {tok.plural, "plural"}, {tok.handle, "handle"}} {
				if f.on {
					p += "[" + f.name + "]"
				}
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("tokenize(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestSortedByCountThenName(t *testing.T) {
	got := Extract("", "Paris and Lyon. Paris again, then Berlin and Lyon and Paris.")
	want := []Entity{{"Paris", 3}, {"Lyon", 2}, {"Berlin", 1}}
	if !slices.Equal(got.Places, want) {
		t.Errorf("places %v, want %v", got.Places, want)
	}
}

// TestConcurrentUse runs one Extractor from many goroutines (run with
// -race): its tables are only read.
func TestConcurrentUse(t *testing.T) {
	x := NewExtractor()
	body := "ECB President Helena Marquardt spoke in Frankfurt. Marquardt said rates would stay."
	want := x.Extract("", body)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := x.Extract("", body); names(got.People) != names(want.People) {
					t.Errorf("concurrent Extract: %v, want %v", got.People, want.People)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestDataLoads(t *testing.T) {
	x, err := newExtractor()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		n    int
		min  int
	}{{"gazetteer forms", len(x.gaz), 1500}, {"given names", len(x.firstNames), 1200}, {"titles", len(x.titles), 100}} {
		if c.n < c.min {
			t.Errorf("%d %s, want at least %d", c.n, c.name, c.min)
		}
	}
	if g := x.gaz["Malian"]; g.place != "Mali" {
		t.Errorf("Malian → %+v, want the place Mali", g)
	}
	if g := x.gaz["ECOWAS"]; g.org != "Economic Community of West African States" {
		t.Errorf("ECOWAS → %+v", g)
	}
}

func TestCommonWords(t *testing.T) {
	c := loadCommonWords()
	if strings.HasPrefix(string(c), "#") {
		t.Fatal("the header was not skipped")
	}
	words := strings.Fields(string(c))
	if len(words) < 10000 {
		t.Fatalf("%d common words, want the dictionaries' tens of thousands", len(words))
	}
	for _, tc := range []struct {
		word string
		want bool
	}{
		{words[0], true}, {words[len(words)-1], true}, {words[len(words)/2], true},
		{"diplomats", true}, {"researchers", true}, {"investigators", true},
		{"brown", false}, // "Brown" is a name too
		{"may", false}, {"sabalenka", false}, {"", false}, {"zzzzzz", false}, {"aaa", false},
		{words[len(words)/2] + "x", false},
	} {
		if got := c.has(tc.word); got != tc.want {
			t.Errorf("has(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
	if !slices.IsSorted(words) {
		t.Error("data/common.txt is not in byte order: binary search would miss words")
	}
}
