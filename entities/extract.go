package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mention is one occurrence of a (possible) entity in the text.
type mention struct {
	kind  Kind     // Unknown until context or coreference decides
	name  string   // canonical name (gazetteer) or the words as written
	words []string // a person's name words, for coreference
	pos   int      // index of its first token (title and body in one count)
	// cue is the kind the words around suggest ("in X", "X said"); guess
	// is the default for unknown capitalised words in mid-sentence. For a
	// mention of Unknown kind, coreference with an entity found elsewhere
	// wins over both.
	cue, guess Kind
	// listPrev is the mention before this one in a list ("Turkana,
	// Marsabit and Wajir counties"), or -1: list items share their kind.
	listPrev int
	index    int // in the list of mentions, set by resolve
	// plain marks words a list may make a place (see plainWords).
	plain bool
	// strong marks a kind known from the gazetteers, an acronym or a
	// dateline, which a Title Case headline does not weaken.
	strong bool
	// sentStart marks a mention that starts a sentence ("Eventually, …"):
	// a list does not give it a kind.
	sentStart bool
	// surface is the form a gazetteer name was found as ("RSF").
	surface string
	// altPlace is the place an ambiguous name may be instead ("Amazon").
	altPlace string
	// alias is an acronym given in brackets after the name:
	// "Economic Community of West African States (ECOWAS)".
	alias string
	// title marks mentions from a Title Case headline: they count only
	// when the body confirms them.
	title bool
}

// Extract finds the people, places and organisations of an article.
func (e *Extractor) Extract(title, body string) Entities {
	// One allocation for all tokens: about one per five bytes of text.
	titleToks := e.tokenize(title, make([]token, 0, (len(title)+len(body))/5+16))
	nTitle := len(titleToks)
	// Title Case headlines capitalise every word: their capitals prove
	// nothing, so what they name must be confirmed by the body.
	titleCase := isTitleCase(titleToks)
	toks := e.tokenize(body, titleToks[nTitle:nTitle])
	strict := !looksEnglish(toks)
	ms := make([]mention, 0, len(titleToks)/16+len(toks)/8)
	if nTitle > 0 {
		before := len(ms)
		ms = e.scan(titleToks[:nTitle:nTitle], ms, 0, strict, false)
		if titleCase {
			for i := before; i < len(ms); i++ {
				ms[i].title = true
			}
		}
	}
	ms = e.scan(toks, ms, nTitle, strict, true)
	return e.resolve(ms)
}

// isEnglishWord reports words frequent in any English text.
func isEnglishWord(w string) bool {
	switch w {
	case "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "said", "by", "at", "from", "a", "an":
		return true
	}
	return false
}

// looksEnglish reports whether the text is English enough for the guesses
// this package makes, judged on its first 300 words; short texts get the
// benefit of the doubt.
func looksEnglish(toks []token) bool {
	words, common := 0, 0
	for _, t := range toks {
		if t.word && !t.number {
			words++
			if isEnglishWord(t.text) {
				common++
			}
			if words == 300 {
				break
			}
		}
	}
	return words < 40 || common*100 >= words*8
}

// isTitleCase reports whether most words of a headline are capitalised.
func isTitleCase(toks []token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.word && !t.number && utf8.RuneCountInString(t.text) > 3 {
			words++
			if t.cap {
				caps++
			}
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// scan finds the mentions of one text's tokens. pos0 offsets positions so
// title and body mentions are ordered. strict (for texts not in English)
// keeps only names that gazetteers, titles or given names support. Only a
// body starts with a dateline.
func (e *Extractor) scan(toks []token, ms []mention, pos0 int, strict, body bool) []mention {
	consumed := 0 // tokens before this index belong to a dateline
	lastEnd, lastMention := -1, -1
	for i := 0; i < len(toks); {
		if i < consumed {
			i = consumed
			continue
		}
		t := toks[i]
		if t.lineStart && body && firstLine(toks, i) {
			if end, dm := e.dateline(toks, i, pos0); end > i {
				ms = append(ms, dm...)
				consumed = end
				i = end
				continue
			}
		}
		if !e.canStart(toks, i) {
			i++
			continue
		}
		j := e.extendRun(toks, i)
		n := len(ms)
		ms = e.classify(toks, i, j, ms, pos0, strict)
		for k := n; k < len(ms); k++ {
			ms[k].listPrev = -1
			ms[k].sentStart = t.sentStart
		}
		if len(ms) > n && lastMention >= 0 && inList(toks, lastEnd, i) {
			ms[n].listPrev = lastMention
		}
		// "… West African States (ECOWAS)": the acronym is another name of
		// the same organisation, not a second mention.
		if len(ms) == n+1 && j+2 < len(toks) && toks[j].text == "(" && toks[j+1].caps && toks[j+2].text == ")" &&
			ms[n].kind != Person && ms[n].kind != Place && len(toks[j+1].text) <= 8 {
			ms[n].alias = toks[j+1].text
			if ms[n].kind == Unknown {
				ms[n].kind = Organisation
			}
			j += 3
		}
		if len(ms) > n {
			lastEnd, lastMention = j, len(ms)-1
		}
		i = j
	}
	return ms
}

// firstLine reports whether token i starts the first line of the text: only
// there can a dateline be.
func firstLine(toks []token, i int) bool {
	for _, t := range toks[:i] {
		if t.word {
			return false
		}
	}
	return true
}

// inList reports whether toks[from:to] only separates list items: ",",
// "and", "or", ", and".
func inList(toks []token, from, to int) bool {
	if from < 0 || to-from < 1 || to-from > 2 {
		return false
	}
	for _, t := range toks[from:to] {
		if t.text != "," && t.text != "and" && t.text != "or" {
			return false
		}
	}
	return true
}

// canStart reports whether a name may start at token i.
func (e *Extractor) canStart(toks []token, i int) bool {
	t := toks[i]
	if !t.word || !t.cap || t.number || t.tail || t.handle || isContraction(t.text) {
		return false
	}
	if t.shouting {
		return false
	}
	if e.drop[t.text] || (t.caps && e.drop[titleWord(t.text)]) {
		// "The Hague", "The Gambia": a gazetteer name may start with one.
		return e.gazMatch(toks, i) > 1
	}
	return true
}

// isContraction reports "Don't", "We’ve", "It'll": no name ends so.
func isContraction(w string) bool {
	k := strings.LastIndexByte(w, '\'')
	if k2 := strings.LastIndex(w, "’"); k2 > k {
		k = k2
	}
	if k < 0 {
		return false
	}
	switch strings.ToLower(w[k+len(string(lastRuneAt(w, k))):]) {
	case "t", "ve", "re", "ll", "d", "m":
		return true
	}
	return false
}

func lastRuneAt(w string, k int) rune {
	r, _ := utf8.DecodeRuneInString(w[k:])
	return r
}

// gazMatch returns the number of tokens of the longest gazetteer form
// starting at token i (0 when none; multi-word forms may contain lower-case
// words: "Bosnia and Herzegovina").
func (e *Extractor) gazMatch(toks []token, i int) int {
	most := e.gazFirst[toks[i].text]
	if most == 0 {
		return 0
	}
	best := 0
	if _, ok := e.gaz[toks[i].text]; ok {
		best = 1
	}
	if most == 1 {
		return best
	}
	var b strings.Builder
	b.WriteString(toks[i].text)
	for n := 2; n <= most && i+n <= len(toks); n++ {
		t := toks[i+n-1]
		if t.lineStart {
			break
		}
		if toks[i+n-2].poss {
			b.WriteString("'s") // "United Nations Children's Fund"
		}
		if t.word || t.text == "&" {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
		if _, ok := e.gaz[b.String()]; ok {
			best = n
		}
	}
	return best
}

// extendRun returns the end of the capitalised run starting at i: capitalised
// words, with connectors inside ("Bank of Japan", "Lula da Silva", "Red
// Cross and Red Crescent Societies", "June 5 Movement").
func (e *Extractor) extendRun(toks []token, i int) int {
	j := i + max(1, e.gazMatch(toks, i))
	joinedOf := false // an "of" already joined after a head word
	for j < len(toks) {
		if toks[j-1].poss {
			break // "Mali's junta": the possessive ends the name
		}
		t := toks[j]
		if t.lineStart || t.tail || t.shouting {
			break
		}
		if t.word && t.cap && !t.number && !e.drop[t.text] {
			j++
			continue
		}
		if !t.word && t.text != "&" {
			break
		}
		// A lower-case word, a number or "&": join only when a capitalised
		// word follows.
		k := j + 1
		switch {
		case t.text == "of" || t.text == "for":
			if !e.headWords[toks[j-1].text] && !joinedOf {
				return j
			}
			if k < len(toks) && toks[k].text == "the" {
				k++
			}
			if k < len(toks) && toks[k].number {
				k++
			}
			joinedOf = true
		case e.connectors[t.text]:
		case t.text == "and" || t.text == "&":
			// Only into an organisation: "Competition and Markets Authority".
			end := k
			for end < len(toks) && toks[end].word && toks[end].cap && !toks[end].number && !toks[end].poss {
				end++
			}
			// Not between two known names: "Bank of England and European
			// Central Bank" are two.
			if end == k || !e.orgSuffix[toks[end-1].text] || e.known(toks[k:end]) || e.known(toks[i:j]) {
				return j
			}
			if end < len(toks) && toks[end-1].poss {
				return j
			}
		case t.number:
			// "June 5 Movement", "Group of 20" (the "of" was joined above).
		default:
			return j
		}
		if k >= len(toks) || !toks[k].word || !toks[k].cap || toks[k].number || toks[k].lineStart || e.drop[toks[k].text] {
			return j
		}
		j = k + 1
	}
	return j
}

// known reports whether the words of run are a gazetteer name.
func (e *Extractor) known(run []token) bool {
	_, ok := e.gaz[joinWords(run)]
	return ok
}

// titleWord turns "BAMAKO" into "Bamako" and "NEW" into "New".
func titleWord(w string) string {
	var b strings.Builder
	first := true
	for _, r := range w {
		if first {
			b.WriteRune(r)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		first = !unicode.IsLetter(r) && r != '\''
	}
	return b.String()
}

// dateline reads "BAMAKO (AFP) -", "VIENNA/LONDON, April 3 -" or "AUSTIN,
// Texas (AP) —" at the start of a line: capitalised city names, then
// perhaps a capitalised region or country before a date or the agency.
func (e *Extractor) dateline(toks []token, i, pos0 int) (int, []mention) {
	var places []string
	j := i
	for j < len(toks) {
		k := j
		var parts []string
		for k < len(toks) && toks[k].word && toks[k].caps && !toks[k].number {
			parts = append(parts, titleWord(toks[k].text))
			k++
		}
		if len(parts) == 0 {
			break
		}
		places = append(places, strings.Join(parts, " "))
		j = k
		if j < len(toks) && toks[j].text == "/" {
			j++
			continue
		}
		break
	}
	if len(places) == 0 || j >= len(toks) {
		return i, nil
	}
	switch toks[j].text {
	case ",", "(", "-", "—", "–":
	default:
		return i, nil
	}
	if len(places) == 1 && toks[i].shouting {
		return i, nil
	}
	var ms []mention
	for _, p := range places {
		ms = append(ms, e.placeMention(p, pos0+i))
	}
	// ", Texas (AP)": a capitalised run before the agency or the date.
	if toks[j].text == "," && j+1 < len(toks) && toks[j+1].word && toks[j+1].cap {
		k := j + 1
		for k < len(toks) && toks[k].word && toks[k].cap && !toks[k].number {
			k++
		}
		name := joinWords(toks[j+1 : k])
		if k < len(toks) && !e.generic[toks[j+1].text] && !e.drop[toks[j+1].text] {
			switch toks[k].text {
			case ",", "(", "-", "—", "–":
				ms = append(ms, e.placeMention(name, pos0+j+1))
				j = k
			}
		}
	}
	return j, ms
}

// placeMention names a place, canonical when the gazetteer knows it.
func (e *Extractor) placeMention(name string, pos int) mention {
	if g, ok := e.gaz[name]; ok && g.place != "" {
		name = g.place
	}
	return mention{kind: Place, name: name, pos: pos, listPrev: -1, strong: true}
}

func joinWords(toks []token) string {
	if len(toks) == 1 {
		return toks[0].text
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			switch {
			case toks[i-1].plural:
				b.WriteByte('\'') // "German Farmers' Association"
			case toks[i-1].poss:
				b.WriteString("'s") // "United Nations Children's Fund"
			}
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// classify decides what the run toks[i:j] names and appends its mentions:
// usually one, two when a title separates a modifier from a person ("ECB
// President Helena Marquardt").
func (e *Extractor) classify(toks []token, i, j int, ms []mention, pos0 int, strict bool) []mention {
	run := toks[i:j]
	name := joinWords(run)
	pos := pos0 + i
	// The whole run is known.
	if g, ok := e.gaz[name]; ok {
		m := e.gazMention(g, toks, i, j, pos)
		m.surface = name
		if len(run) == 1 && run[0].sentStart && e.weak[name] {
			// "Labour leader …", "Congress passed …": a common word at a
			// sentence start names the entity only if the text does so
			// elsewhere.
			m.kind, m.cue, m.words = Unknown, waitCoref, nil
		}
		return append(ms, m)
	}
	last := run[len(run)-1].text
	if len(run) > 1 && e.orgSuffix[last] && !e.allGeneric(run) {
		return append(ms, mention{kind: Organisation, name: name, pos: pos})
	}
	if len(run) > 1 && e.plcSuffix[last] && !e.allGeneric(run) {
		return append(ms, mention{kind: Place, name: name, pos: pos})
	}
	// A title: the person follows it; what precedes it may name a place or
	// an organisation ("Texas Attorney General Dana Whitfield").
	if k := e.lastTitle(run); k >= 0 {
		from := k
		for from > 0 && (e.titles[run[from-1].text] || e.generic[run[from-1].text]) {
			from--
		}
		ms = e.modifiers(run[:from], ms, pos)
		if k+1 < len(run) {
			person := run[k+1:]
			ms = append(ms, e.personMention(person, pos+k+1))
		}
		return ms
	}
	if e.allGeneric(run) {
		return ms
	}
	// A single word: an acronym, or a word whose kind comes from context
	// and coreference.
	if len(run) == 1 {
		t := run[0]
		if e.isAcronym(toks, i) {
			return append(ms, mention{kind: Organisation, name: t.text, pos: pos, strong: true})
		}
		if t.caps {
			return ms
		}
		if domainLen(t.text[strings.LastIndexByte(t.text, '.')+1:]) > 0 && strings.Contains(t.text, ".") {
			return append(ms, mention{kind: Organisation, name: t.text, pos: pos})
		}
		if e.orgSuffix[t.text] || e.plcSuffix[t.text] {
			return ms // "Group", "Council" alone name nothing
		}
		m := mention{name: t.text, words: []string{t.text}, pos: pos, cue: e.cue(toks, i, j), plain: e.plainWords(run)}
		if t.sentStart && !e.firstNames[t.text] && e.common.has(strings.ToLower(t.text)) {
			// "Diplomats said …", "Researchers found …": a common word
			// capitalised for the sentence names something only if the
			// text does so elsewhere, whatever the cue.
			m.cue = waitCoref
		}
		if m.cue != Person && isCamelCase(t.text) {
			m.cue = Organisation // "NetChoice", "ArianeGroup"
		}
		return append(ms, m)
	}
	// Several words.
	for k := 1; k < len(run); k++ {
		// "Philippine Red Cross": a known organisation's local branch.
		if g, ok := e.gaz[joinWords(run[k:])]; ok && g.org != "" && g.place == "" && e.allPlaces(run[:k]) {
			return append(ms, mention{kind: Organisation, name: name, pos: pos})
		}
	}
	for k := 1; k+1 < len(run); k++ {
		// "Court of Appeals for the 5th Circuit": an "of" after a head word.
		if c := run[k].text; c == "of" || c == "for" {
			switch {
			case e.orgSuffix[run[k-1].text]:
				return append(ms, mention{kind: Organisation, name: name, pos: pos})
			case e.plcSuffix[run[k-1].text]:
				return append(ms, mention{kind: Place, name: name, pos: pos})
			}
		}
	}
	if e.firstNames[run[0].text] && e.nameLikeFrom(run, 1) {
		return append(ms, e.personMention(run, pos))
	}
	// "Republican Phil Bryant": an adjective before a first name.
	for k := 1; k+1 < len(run) && e.generic[run[k-1].text]; k++ {
		if e.firstNames[run[k].text] && e.nameLikeFrom(run[k:], 1) {
			return append(ms, e.personMention(run[k:], pos+k))
		}
	}
	if e.plcPrefix[run[0].text] && e.plainWords(run[1:]) {
		return append(ms, mention{kind: Place, name: name, pos: pos}) // "Fort Worth"
	}
	m := e.personMention(run, pos)
	m.kind = Unknown
	m.cue = e.cue(toks, i, j)
	switch {
	case m.cue == Place && !e.plainWords(run):
		m.cue = Unknown // "in Group C", "at the ATP Finals"
	case m.cue == Person && (!e.nameLikeFrom(run, 1) || e.commonWords(run)):
		m.cue = Unknown // "told Business Insider" is no proof
	}
	m.plain = e.plainWords(run)
	// Unknown capitalised words in mid-sentence are, in news, most often a
	// person. At a sentence start the first word may be a common one
	// ("Typhoon Kalani"), so only a cue or coreference decides.
	if !run[0].sentStart && e.nameLike(run) && !strict && !e.commonWords(run) {
		m.guess = Person
	}
	return append(ms, m)
}

// commonWords reports whether every word of run is one dictionaries list
// only in lower case: "Privacy Policy", "Business Insider", "Social
// Security" are titled phrases, not a person's name, unless the text names
// them as one (a cue or coreference still can). Surnames that are words too
// (Smith, Brown, Baker) are listed capitalised as well, so are not common.
func (e *Extractor) commonWords(run []token) bool {
	for _, t := range run {
		if e.connectors[t.text] {
			continue
		}
		if !e.common.has(strings.ToLower(t.text)) {
			return false
		}
	}
	return true
}

// allPlaces reports whether run is made of place names and demonyms.
func (e *Extractor) allPlaces(run []token) bool {
	for k := 0; k < len(run); {
		n := e.gazMatch(run, k)
		if n == 0 || e.gaz[joinWords(run[k:k+n])].place == "" {
			return false
		}
		k += n
	}
	return true
}

// nameLike reports whether the words of run could be a person's name: no
// digits, no single letters, no word the gazetteers or suffix lists know
// ("Australian Open", "T20 World Cup", "Vega C").
func (e *Extractor) nameLike(run []token) bool { return e.nameLikeFrom(run, 0) }

// nameLikeFrom is nameLike allowing gazetteer words from index k on, for
// names that a first name or a title already marks ("Stephane Israel").
func (e *Extractor) nameLikeFrom(run []token, k int) bool {
	for n, t := range run {
		if !t.word {
			return false
		}
		if e.connectors[t.text] {
			continue
		}
		if utf8.RuneCountInString(t.text) < 2 || t.caps || strings.ContainsAny(t.text, "0123456789") {
			return false
		}
		if _, ok := e.gaz[t.text]; ok && !e.firstNames[t.text] && n < k {
			return false
		}
		if e.orgSuffix[t.text] || e.plcSuffix[t.text] || e.generic[t.text] {
			return false
		}
	}
	return true
}

// plainWords reports whether run has no generic word, acronym, digit or
// single letter: what a cue may make a place.
func (e *Extractor) plainWords(run []token) bool {
	for _, t := range run {
		if (e.generic[t.text] && !directions[t.text]) || t.caps || utf8.RuneCountInString(t.text) < 2 || strings.ContainsAny(t.text, "0123456789") {
			return false
		}
	}
	return true
}

// directions begin place names ("North Darfur", "West Sulawesi").
var directions = map[string]bool{"North": true, "South": true, "East": true, "West": true, "Northern": true, "Southern": true,
	"Eastern": true, "Western": true, "Central": true, "Upper": true, "Lower": true, "Greater": true, "New": true}

// isCamelCase reports a capital inside a word ("NetChoice", "YouTube"),
// the mark of a brand; "McDonald" and "O'Neill" are names.
func isCamelCase(w string) bool {
	if strings.HasPrefix(w, "Mc") || strings.HasPrefix(w, "Mac") || strings.ContainsAny(w, "'’-0123456789") || isAllCaps(w) {
		return false
	}
	inner := 0
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			inner++
		}
	}
	// One or two inner capitals; more is a code ("XPxUJuyIAC").
	return inner >= 1 && inner <= 2
}

// gazMention turns a gazetteer hit into a mention. A form that is both a
// place and an organisation ("Amazon") is a place after "the" or before a
// lower-case place word; otherwise it is left to resolve, which makes it a
// place if the text names the place unambiguously elsewhere.
func (e *Extractor) gazMention(g gazEntry, toks []token, i, j int, pos int) mention {
	switch {
	case g.org == "":
		return mention{kind: Place, name: g.place, pos: pos, strong: true}
	case g.place == "":
		return mention{kind: Organisation, name: g.org, pos: pos, strong: true}
	}
	if (i > 0 && strings.EqualFold(toks[i-1].text, "the")) ||
		(j < len(toks) && toks[j].word && !toks[j].cap && !toks[j-1].poss && (e.plcAfter[toks[j].text] || placeNouns[toks[j].text])) {
		return mention{kind: Place, name: g.place, pos: pos, strong: true}
	}
	return mention{name: g.org, cue: Organisation, altPlace: g.place, pos: pos}
}

// placeNouns after an ambiguous name make it the place ("Amazon rainforest").
var placeNouns = map[string]bool{"rainforest": true, "river": true, "basin": true, "region": true, "valley": true, "coast": true, "delta": true, "forest": true}

// allGeneric reports whether every word of run is generic or a title
// ("National Security", "Prime Minister"): no name by itself.
func (e *Extractor) allGeneric(run []token) bool {
	for _, t := range run {
		if t.word && !e.generic[t.text] && !e.titles[t.text] && !e.connectors[t.text] && !e.drop[t.text] {
			return false
		}
	}
	return true
}

// lastTitle returns the index of the last title word of run, or -1.
func (e *Extractor) lastTitle(run []token) int {
	for k := len(run) - 1; k >= 0; k-- {
		if e.titles[run[k].text] {
			return k
		}
	}
	return -1
}

// modifiers finds the places and organisations in the words before a title
// ("U.S. District", "Lagos State", "ECB", "Mexican").
func (e *Extractor) modifiers(run []token, ms []mention, pos int) []mention {
	for k := 0; k < len(run); {
		if n := e.gazMatch(run, k); n > 0 {
			if g, ok := e.gaz[joinWords(run[k:k+n])]; ok {
				ms = append(ms, e.gazMention(g, run, k, k+n, pos+k))
				k += n
				continue
			}
		}
		if e.isAcronym(run, k) {
			ms = append(ms, mention{kind: Organisation, name: run[k].text, pos: pos + k})
		}
		k++
	}
	return ms
}

// isAcronym reports whether toks[i] is an organisation's acronym: two to
// seven capitals (and "&", "+"), not a word shouted ("VOTE" when the text
// also says "vote") nor one of the usual non-organisations ("CEO", "GDP").
func (e *Extractor) isAcronym(toks []token, i int) bool {
	w := toks[i].text
	if !toks[i].caps || e.acronymNo[w] || e.drop[titleWord(w)] || e.generic[titleWord(w)] {
		return false
	}
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '&' && r != '+' {
			return false
		}
		n++
	}
	if n > 7 {
		return false
	}
	if n >= 4 {
		for _, t := range toks {
			if len(t.text) == len(w) && !t.cap && t.word && strings.EqualFold(t.text, w) {
				return false
			}
		}
	}
	return true
}

// personMention names a person by the words of run.
func (e *Extractor) personMention(run []token, pos int) mention {
	m := mention{kind: Person, name: joinWords(run), pos: pos}
	for _, t := range run {
		if t.word && !e.connectors[t.text] {
			m.words = append(m.words, t.text)
		}
	}
	return m
}

// orgAfter are words after which a single name is an organisation
// ("Norvex chief executive", "Bundesbank chief", "shares in X" aside).
var orgAfter = map[string]bool{"chief": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "executive": true, "boss": true, "chairman": true, "chairwoman": true, "shares": true, "shareholders": true, "employees": true, "headquarters": true, "subsidiary": true}

// cue is the kind that the words around the run toks[i:j] suggest.
func (e *Extractor) cue(toks []token, i, j int) Kind {
	prev := ""
	if i > 0 && toks[i-1].word && !toks[i].sentStart {
		prev = toks[i-1].text
		if toks[i-1].sentStart {
			prev = strings.ToLower(prev) // "In Gazipur, …"
		}
	}
	next := ""
	if j < len(toks) && toks[j].word && !toks[j-1].poss {
		next = toks[j].text
	}
	switch {
	case e.roles[prev] || e.sayVerbs[next] || e.sayVerbs[prev]:
		return Person
	case i > 1 && !toks[i-1].word && toks[i-1].text == "," && e.roles[toks[i-2].text]:
		return Person // "his wife, Bisi"
	case e.orgBefore[prev] || orgAfter[next]:
		return Organisation
	case e.plcBefore[prev], e.plcAfter[next] && !toks[j].cap:
		return Place
	case j < len(toks) && toks[j].tail && (toks[j].text == "based" || toks[j].text == "born"):
		return Place
	case prev == "of" && i > 1 && e.plcOf[toks[i-2].text]:
		return Place
	}
	// "X, 29, …" is a person's age.
	if j+3 < len(toks) && toks[j].text == "," && toks[j+1].number && toks[j+2].text == "," {
		return Person
	}
	return Unknown
}
