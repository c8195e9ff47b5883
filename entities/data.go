package entities

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// gazEntry is what a gazetteer knows of a surface form.
type gazEntry struct {
	place, org string // canonical names; both set when the form is ambiguous ("Amazon")
}

// Extractor holds the gazetteers and word lists, built once. It is
// read-only after NewExtractor, so one Extractor is safe for concurrent use.
type Extractor struct {
	gaz        map[string]gazEntry // surface form (as written, and title-cased) → canonical
	gazFirst   map[string]int      // first word of a gazetteer form → most words of such a form
	firstNames map[string]bool
	titles     map[string]bool // capitalised titles ("President", "Col.")
	roles      map[string]bool // lowercase roles before a name ("spokesman")
	orgSuffix  map[string]bool
	plcSuffix  map[string]bool
	plcBefore  map[string]bool // "in", "near"
	plcOf      map[string]bool // "city" in "the city of X"
	plcAfter   map[string]bool // "province", "state"
	plcPrefix  map[string]bool // "Fort", "Port", "El"
	orgBefore  map[string]bool // "agency", "band"
	connectors map[string]bool // "of", "de", "bin"
	drop       map[string]bool // never in a name
	generic    map[string]bool // in names, but no name alone
	abbrevs    map[string]bool // words whose following "." is part of them ("Col", "Mr")
	sayVerbs   map[string]bool // "said", "told": the run before is a person
	acronymNo  map[string]bool // all-capital words that are no organisation
	headWords  map[string]bool // words after which "of" continues a name
	weak       map[string]bool // gazetteer forms that are common words too
	common     commonWords     // words dictionaries list only in lower case
}

// NewExtractor builds the tables from the embedded data. The data is part
// of the program, so a malformed file is a bug: it panics, and the tests
// catch it.
func NewExtractor() *Extractor {
	e, err := newExtractor()
	if err != nil {
		panic(err)
	}
	return e
}

func newExtractor() (*Extractor, error) {
	e := &Extractor{
		gaz:        map[string]gazEntry{},
		gazFirst:   map[string]int{},
		firstNames: map[string]bool{},
		common:     loadCommonWords(),
	}
	for _, f := range []struct {
		name string
		kind Kind
	}{{"countries.txt", Place}, {"regions.txt", Place}, {"cities.txt", Place}, {"organisations.txt", Organisation}} {
		if err := e.loadGazetteer(f.name, f.kind); err != nil {
			return nil, err
		}
	}
	words, err := readWords("firstnames.txt")
	if err != nil {
		return nil, err
	}
	for _, w := range words {
		e.firstNames[w] = true
	}
	cues, err := readSections("cues.txt")
	if err != nil {
		return nil, err
	}
	stops, err := readSections("stopwords.txt")
	if err != nil {
		return nil, err
	}
	set := func(sections map[string][]string, name string) (map[string]bool, error) {
		ws, ok := sections[name]
		if !ok {
			return nil, fmt.Errorf("entities: data has no [%s] section", name)
		}
		m := make(map[string]bool, len(ws))
		for _, w := range ws {
			m[w] = true
		}
		return m, nil
	}
	for _, s := range []struct {
		dst      *map[string]bool
		sections map[string][]string
		name     string
	}{
		{&e.titles, cues, "title"}, {&e.orgSuffix, cues, "orgsuffix"}, {&e.plcSuffix, cues, "placesuffix"},
		{&e.plcBefore, cues, "placebefore"}, {&e.plcAfter, cues, "placeafter"}, {&e.orgBefore, cues, "orgbefore"},
		{&e.connectors, cues, "connector"}, {&e.sayVerbs, cues, "say"}, {&e.roles, cues, "role"},
		{&e.plcOf, cues, "placeof"}, {&e.plcPrefix, cues, "placeprefix"}, {&e.drop, stops, "drop"}, {&e.generic, stops, "generic"}, {&e.acronymNo, stops, "notacronym"}, {&e.weak, stops, "weak"},
	} {
		m, err := set(s.sections, s.name)
		if err != nil {
			return nil, err
		}
		*s.dst = m
	}
	e.abbrevs = map[string]bool{}
	for t := range e.titles {
		if w, ok := strings.CutSuffix(t, "."); ok {
			e.abbrevs[w] = true
		}
	}
	for _, w := range cues["abbrev"] {
		e.abbrevs[w] = true
	}
	e.headWords = map[string]bool{}
	for m := range e.orgSuffix {
		e.headWords[m] = true
	}
	for m := range e.plcSuffix {
		e.headWords[m] = true
	}
	for _, w := range cues["head"] {
		e.headWords[w] = true
	}
	return e, nil
}

// loadGazetteer reads lines "Canonical|alias|alias". Each form is indexed
// as written; the first word of each form records how many words to try.
func (e *Extractor) loadGazetteer(name string, kind Kind) error {
	lines, err := readLines(name)
	if err != nil {
		return err
	}
	for _, line := range lines {
		forms := strings.Split(line, "|")
		canon := strings.TrimSpace(forms[0])
		if canon == "" {
			return fmt.Errorf("entities: data/%s: empty name in %q", name, line)
		}
		for _, f := range forms {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			g := e.gaz[f]
			switch kind {
			case Place:
				if g.place == "" {
					g.place = canon
				}
			case Organisation:
				if g.org == "" {
					g.org = canon
				}
			}
			e.gaz[f] = g
			ws := strings.Fields(f)
			e.gazFirst[ws[0]] = max(e.gazFirst[ws[0]], len(ws))
		}
	}
	return nil
}

// readLines returns the non-empty, non-comment lines of a data file.
func readLines(name string) ([]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("entities: reading data/%s: %w", name, err)
	}
	return out, nil
}

func readWords(name string) ([]string, error) {
	lines, err := readLines(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range lines {
		out = append(out, strings.Fields(l)...)
	}
	return out, nil
}

// readSections reads "[name]" headers each followed by space-separated words.
func readSections(name string) (map[string][]string, error) {
	lines, err := readLines(name)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	section := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			section = l[1 : len(l)-1]
			if _, dup := out[section]; dup {
				return nil, fmt.Errorf("entities: data/%s: section [%s] twice", name, section)
			}
			out[section] = []string{}
			continue
		}
		if section == "" {
			return nil, fmt.Errorf("entities: data/%s: words before any [section]: %q", name, l)
		}
		out[section] = append(out[section], strings.Fields(l)...)
	}
	return out, nil
}
