package entities

import (
	"slices"
	"strings"
)

// entity gathers the mentions of one person, place or organisation.
type entity struct {
	kind      Kind
	name      string
	words     []string // a person's name words
	count     int
	bodyCount int // mentions outside a Title Case headline
	mergedTo  *entity
}

// resolve gives every mention a kind (coreference first, then cues), merges
// the short forms of names into the long ones, and counts.
func (e *Extractor) resolve(ms []mention) Entities {
	type key struct {
		kind Kind
		name string
	}
	byKey := make(map[key]*entity, len(ms))
	order := make([]*entity, 0, len(ms))
	var peopleList []*entity
	add := func(m *mention, kind Kind, name string, words []string) *entity {
		en := byKey[key{kind, name}]
		if en == nil {
			en = &entity{kind: kind, name: name, words: words}
			if kind == Organisation && strings.IndexByte(name, ' ') > 0 {
				en.words = strings.Fields(name)
			}
			byKey[key{kind, name}] = en
			order = append(order, en)
			if kind == Person {
				peopleList = append(peopleList, en)
			}
		}
		en.count++
		if !m.title {
			en.bodyCount++
		}
		return en
	}
	// Acronyms in brackets name their organisation everywhere.
	aliases := map[string]string{}
	for i := range ms {
		if m := &ms[i]; m.alias != "" && m.kind == Organisation {
			aliases[m.alias] = m.name
		}
	}
	orgName := func(name string) string {
		if full, ok := aliases[name]; ok {
			name = full
		}
		return stripLegalForm(name)
	}
	// Names from a Title Case headline other than gazetteer ones wait until
	// the body has been read (step 4).
	var fromTitle []*mention
	for i := range ms {
		if m := &ms[i]; m.title && !m.strong {
			fromTitle = append(fromTitle, m)
			m.kind = -1 // skipped below
		}
	}
	// 1. Mentions whose kind is known.
	for i := range ms {
		m := &ms[i]
		switch m.kind {
		case Person, Place:
			add(m, m.kind, m.name, m.words)
		case Organisation:
			name := m.name
			if _, ok := aliases[m.surface]; ok {
				// The text's own "(RSF)" wins over the gazetteer's.
				name = m.surface
			}
			add(m, m.kind, orgName(name), nil)
		}
	}
	people := func() []*entity { return peopleList }
	// 2. Unknown mentions: coreference with what is known, else the cue,
	// else the guess; those with neither wait for a second round.
	var waiting []*mention
	for i := range ms {
		m := &ms[i]
		m.index = i
		if m.kind != Unknown {
			continue
		}
		if en := e.corefer(m, people(), order); en != nil {
			m.kind = en.kind
			add(m, en.kind, nameFor(m, en), m.words)
			continue
		}
		m.kind = cmpKind(m.cue, m.guess)
		switch m.kind {
		case Person:
			add(m, Person, m.name, m.words)
		case Place:
			add(m, Place, m.name, nil)
		case Organisation:
			add(m, Organisation, orgName(m.name), nil)
		default:
			waiting = append(waiting, m)
		}
	}
	// 3. Second round for what had no cue: coreference, else the kind of
	// the items of the list it is in.
	next := map[int]int{}
	for i := range ms {
		if p := ms[i].listPrev; p >= 0 {
			next[p] = i
		}
	}
	for _, m := range waiting {
		if en := e.corefer(m, people(), order); en != nil {
			add(m, en.kind, nameFor(m, en), m.words)
			continue
		}
		if m.sentStart {
			continue
		}
		k := Unknown
		if m.listPrev >= 0 {
			k = ms[m.listPrev].kind
		}
		if n, ok := next[m.index]; ok && k == Unknown {
			k = ms[n].kind
		}
		switch k {
		case Place:
			if !m.plain {
				continue
			}
			m.kind = Place
			add(m, Place, m.name, nil)
		case Organisation:
			m.kind = Organisation
			add(m, Organisation, orgName(m.name), nil)
		}
	}
	// 4. A Title Case headline's names count when the body has them.
	for _, m := range fromTitle {
		var found *entity
		for _, en := range order {
			if en.name == m.name || (en.kind == Person && len(m.words) > 0 && en.words[len(en.words)-1] == m.words[len(m.words)-1]) {
				found = en
				break
			}
		}
		if found != nil {
			add(m, found.kind, found.name, found.words)
		}
	}
	mergePeople(order)
	var out Entities
	for _, en := range order {
		if en.mergedTo != nil || en.bodyCount == 0 {
			continue
		}
		x := Entity{Name: en.name, Count: en.count}
		switch en.kind {
		case Person:
			out.People = append(out.People, x)
		case Place:
			out.Places = append(out.Places, x)
		case Organisation:
			out.Organisations = append(out.Organisations, x)
		}
	}
	sortEntities(out.People)
	sortEntities(out.Places)
	sortEntities(out.Organisations)
	return out
}

// legalForms end company names; "Lumetric Ltd" and "Lumetric" are one
// company, named without the form so articles agree.
var legalForms = map[string]bool{"Inc": true, "Inc.": true, "Ltd": true, "Ltd.": true, "Limited": true, "LLC": true, "PLC": true, "Plc": true, "plc": true,
	"Corp": true, "Corp.": true, "Co": true, "Co.": true, "AG": true, "SA": true, "S.A.": true, "GmbH": true, "NV": true, "BV": true, "SpA": true, "SE": true, "ASA": true, "AB": true, "Pty": true}

func stripLegalForm(name string) string {
	for {
		k := strings.LastIndexByte(name, ' ')
		if k < 0 || !legalForms[name[k+1:]] {
			return strings.TrimSuffix(name, ",")
		}
		name = name[:k]
	}
}

// waitCoref is the cue of a mention that only coreference may name.
const waitCoref Kind = -1

// cmpKind prefers the cue to the guess.
func cmpKind(cue, guess Kind) Kind {
	switch cue {
	case waitCoref:
		return Unknown
	case Unknown:
		return guess
	}
	return cue
}

// nameFor is the name an unknown mention takes when it refers to en: a
// multi-word mention keeps its own (longer) words, to be merged later.
func nameFor(m *mention, en *entity) string {
	if en.kind == Person && len(m.words) > 1 {
		return m.name
	}
	return en.name
}

// corefer finds the entity an unknown mention refers to: a person one of
// whose name words it is ("Keita", "Zheng"), the last word preferred; an
// entity with exactly this name; or an organisation one of whose own words
// it is ("Norvex" for "Norvex Systems").
func (e *Extractor) corefer(m *mention, people []*entity, all []*entity) *entity {
	if len(m.words) == 0 {
		for _, en := range all {
			// "Amazon" is the rainforest if the text says so elsewhere.
			if (m.altPlace != "" && en.kind == Place && en.name == m.altPlace) || en.name == m.name {
				return en
			}
		}
		return nil
	}
	if len(m.words) > 1 {
		// "Aryna Sabalenka" once "Sabalenka" is known to be a person.
		surname := m.words[len(m.words)-1]
		for _, p := range people {
			if len(p.words) == 1 && p.words[0] == surname {
				return p
			}
			if len(p.words) > 1 && p.words[len(p.words)-1] == surname && !e.firstNames[surname] {
				return p
			}
		}
		return nil
	}
	w := m.words[0]
	var best *entity
	bestScore := 0
	for _, p := range people {
		if len(p.words) < 2 {
			continue
		}
		score := 0
		switch {
		case p.words[len(p.words)-1] == w:
			score = 3
		case p.words[0] == w && len(p.words) == 2 && e.firstNames[w]:
			score = 2 // "Zheng" for "Zheng Qinwen", not "Disney" for "Disney Channel"
		case slices.Contains(p.words[1:len(p.words)-1], w):
			score = 1
		}
		if score > bestScore {
			best, bestScore = p, score
		}
	}
	if best != nil {
		return best
	}
	for _, en := range all {
		if en.name == w {
			return en
		}
	}
	// "Norvex" for "Norvex Systems", "Disney" for "Walt Disney".
	for _, en := range all {
		if en.kind != Organisation {
			continue
		}
		for _, ow := range en.words {
			if ow == w && !e.orgSuffix[ow] && !e.generic[ow] && !e.connectors[ow] {
				return en
			}
		}
	}
	return nil
}

// mergePeople merges each person known by fewer words into the one person
// whose name contains them all in order ("Salah" and "Mohamed Salah";
// "Marcos Jr" and "Ferdinand Marcos Jr"). When several could take it, the
// most mentioned does.
func mergePeople(order []*entity) {
	for _, short := range order {
		if short.kind != Person {
			continue
		}
		var into *entity
		for _, long := range order {
			if long == short || long.kind != Person || long.mergedTo != nil || len(long.words) <= len(short.words) {
				continue
			}
			if !subsequence(short.words, long.words) {
				continue
			}
			if into == nil || long.count > into.count {
				into = long
			}
		}
		if into != nil {
			short.mergedTo = into
			into.count += short.count
			into.bodyCount += short.bodyCount
		}
	}
}

// subsequence reports whether the words of a appear in b in order.
func subsequence(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}
