package db

import (
	"strings"
	"time"
	"unicode"
)

// The query language is the one users know from search engines:
//
//	words           all must match (stemmed: "negotiating" finds "negotiations")
//	"a phrase"      the words in this order
//	prefix*         words starting with prefix
//	a OR b          either
//	-word, NOT word must not match
//	( … )           grouping
//	title: author: source: note:   only in that field: title:mali, author:"jane doe"
//	after:2020-08-01 before:2020-09-01   published on or after / before a day
//	                (YYYY, YYYY-MM or YYYY-MM-DD)
//	date:2020 date:2020-03 date:2020-03-14   published in that year, month, day
//	date:2019..2021-06   from the start of the first period to the end of the
//	                last (date:2019.. and date:..2021-06 leave one end open);
//	                several date filters narrow each other
//	tag:mali tag:"mali coup"   tagged so (the whole name, any case); -tag:read not
//	is:starred is:unread is:read   starred, unread, read; -is:starred not starred
//	lang:fr lang:none          in that language (ISO 639-1), of unknown language
//	person:"Ibrahim Boubacar Keita" place:Bamako org:ECOWAS   naming that
//	                person, place or organisation (the whole name, as the
//	                entity facets show it; case and accents do not matter)
//
// Tags, the read and starred state, the language and the named entities
// are tokens of the index's keys column (see keys.go, traits.go), so
// they combine with words in one MATCH. A filter value that means nothing (is:purple, lang:french) is
// searched as plain words, as after:yesterday is.
//
// Any string is a valid query: what does not parse is searched as plain words,
// so nothing a user types ever reaches SQLite as a syntax error.

// query is a parsed search, ready for SQL.
type query struct {
	ix      ftsIndex  // the full-text index it searches
	root    *node     // the parsed expression, nil for none
	match   string    // FTS5 expression of what must match; "" for none
	words   string    // match without the filters on keys: what snippets mark
	exclude string    // FTS5 expression that must not match, when nothing else must
	after   time.Time // inclusive; zero for none
	before  time.Time // exclusive; zero for none
}

// hasWords reports whether the full-text index is involved.
func (q query) hasWords() bool { return q.match != "" || q.exclude != "" }

type nodeKind int

const (
	termNode nodeKind = iota
	andNode
	orNode
	notNode
)

type node struct {
	kind     nodeKind
	text     string // term: the words
	column   string // term: FTS5 column filter, "" for all
	prefix   bool   // term: last word is a prefix
	key      string // term: an exact token of the keys column (tag:, is:, lang:, person:…) instead of text; several, space-separated, for either
	children []*node
}

// fieldColumns maps the query's field names to index columns.
var fieldColumns = map[string]string{
	"title":   "title",
	"author":  "authors",
	"authors": "authors",
	"by":      "authors",
	"source":  "source",
	"site":    "source",
	"note":    "note",
	"notes":   "note",
}

// keyFields are the filters matched as tokens of the keys column.
var keyFields = map[string]bool{"tag": true, "tags": true, "is": true, "lang": true, "language": true,
	"person": true, "people": true, "place": true, "places": true,
	"org": true, "orgs": true, "organisation": true, "organization": true}

// keyToken is the keys column's token for a filter's value, or false when
// the value means nothing.
func keyToken(field, value string) (string, bool) {
	switch field {
	case "tag", "tags":
		if CleanTagName(value) == "" {
			return "", false
		}
		return tagKey(value), true
	case "is":
		switch strings.ToLower(value) {
		case "starred", "star", "favourite", "favorite":
			return keyStarred, true
		case "read":
			return keyRead, true
		case "unread", "new":
			return keyUnread, true
		}
	case "lang", "language":
		v := strings.ToLower(strings.TrimSpace(value))
		if v == "none" || v == "unknown" {
			return langKey(""), true
		}
		if langValue(v) == v {
			return langKey(v), true
		}
	default:
		return entityFilterToken(field, value)
	}
	return "", false
}

type tokenKind int

const (
	tokWord tokenKind = iota
	tokPhrase
	tokOpen
	tokClose
	tokOr
	tokNot
	tokAnd
)

type token struct {
	kind   tokenKind
	text   string
	field  string // "title", "after", …; "" for none
	negate bool   // written with a leading '-'
	prefix bool
	key    string // a keys column token (tag:, is:, lang:)
}

// stemExpander returns index terms a prefix should match besides the terms
// starting with it (see Store.prefixStems).
type stemExpander func(prefix string) []string

// parseQuery turns what the user typed into a query. It never fails.
func parseQuery(input string, expand stemExpander) query {
	return parseQueryIn(input, currentIndex, expand)
}

// parseQueryIn parses a query for the index ix.
func parseQueryIn(input string, ix ftsIndex, expand stemExpander) query {
	q := query{ix: ix}
	toks := tokenize(input, &q)
	p := &parser{toks: toks}
	q.root = p.parseOr()
	r := renderer{expand: expand}
	q.match, q.exclude = r.top(q.root)
	if q.match != "" {
		r.skipKeys = true
		q.words, _ = r.top(q.root)
	}
	return q
}

// plainQuery searches every word of input, ignoring all syntax: the fallback
// when a parsed query is still refused.
func plainQuery(input string) query {
	var parts []string
	for _, w := range strings.FieldsFunc(input, func(r rune) bool { return !isWordRune(r) }) {
		parts = append(parts, quote(w))
	}
	return query{match: strings.Join(parts, " AND ")}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func hasWordRune(s string) bool { return strings.IndexFunc(s, isWordRune) >= 0 }

// tokenize splits input into tokens; date filters go straight into q.
func tokenize(input string, q *query) []token {
	var toks []token
	rs := []rune(input)
	i := 0
	for i < len(rs) {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
			continue
		case r == '(':
			toks = append(toks, token{kind: tokOpen})
			i++
			continue
		case r == ')':
			toks = append(toks, token{kind: tokClose})
			i++
			continue
		}
		negate := false
		if r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			negate = true
			i++
		}
		// A field name followed by ':'.
		field := ""
		if j := fieldEnd(rs, i); j > i {
			name := strings.ToLower(string(rs[i:j]))
			if _, ok := fieldColumns[name]; ok || keyFields[name] || name == "after" || name == "before" || name == "date" {
				if j+1 < len(rs) && !unicode.IsSpace(rs[j+1]) && rs[j+1] != ')' {
					field = name
					i = j + 1
				}
			}
		}
		if i < len(rs) && rs[i] == '"' {
			end := i + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			if end < len(rs) { // a closed phrase
				text := string(rs[i+1 : end])
				i = end + 1
				if keyFields[field] {
					toks = append(toks, keyFilter(field, text, negate))
					continue
				}
				prefix := i < len(rs) && rs[i] == '*'
				if prefix {
					i++
				}
				toks = append(toks, token{kind: tokPhrase, text: text, field: field, negate: negate, prefix: prefix})
				continue
			}
			i++ // a lone quote: searched as plain words
			continue
		}
		start := i
		for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '(' && rs[i] != ')' && rs[i] != '"' {
			i++
		}
		word := string(rs[start:i])
		if keyFields[field] {
			toks = append(toks, keyFilter(field, word, negate))
			continue
		}
		if field == "after" || field == "before" {
			if d, ok := parseDay(word); ok {
				if field == "after" {
					q.after = d
				} else {
					q.before = d
				}
				continue
			}
			toks = append(toks, token{kind: tokWord, text: field + " " + word, negate: negate})
			continue
		}
		if field == "date" {
			if from, to, ok := parsePeriods(word); ok {
				if !from.IsZero() && from.After(q.after) {
					q.after = from
				}
				if !to.IsZero() && (q.before.IsZero() || to.Before(q.before)) {
					q.before = to
				}
				continue
			}
			toks = append(toks, token{kind: tokWord, text: field + " " + word, negate: negate})
			continue
		}
		if field == "" && !negate {
			switch word {
			case "OR", "|":
				toks = append(toks, token{kind: tokOr})
				continue
			case "NOT":
				toks = append(toks, token{kind: tokNot})
				continue
			case "AND", "&":
				toks = append(toks, token{kind: tokAnd})
				continue
			}
		}
		prefix := strings.HasSuffix(word, "*")
		word = strings.TrimRight(word, "*")
		toks = append(toks, token{kind: tokWord, text: word, field: field, negate: negate, prefix: prefix})
	}
	return toks
}

// keyFilter is the token of tag:, is: or lang: with its value; a value
// that means nothing is searched as words.
func keyFilter(field, value string, negate bool) token {
	if strings.TrimSpace(value) == "" {
		return token{kind: tokWord} // tag:"": nothing to search for
	}
	if key, ok := keyToken(field, value); ok {
		return token{kind: tokWord, key: key, negate: negate}
	}
	return token{kind: tokWord, text: field + " " + value, negate: negate}
}

// fieldEnd returns the index of the ':' ending a field name at i, or i.
func fieldEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) && unicode.IsLetter(rs[j]) {
		j++
	}
	if j > i && j < len(rs) && rs[j] == ':' {
		return j
	}
	return i
}

func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parsePeriods reads date:'s value: a period (YYYY, YYYY-MM or
// YYYY-MM-DD), or two joined by ".." (either may be left out), as the
// first day in it and the day after it.
func parsePeriods(s string) (from, to time.Time, ok bool) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		b = a
	}
	if a == "" && b == "" {
		return from, to, false
	}
	if a != "" {
		if from, _, ok = parsePeriod(a); !ok {
			return from, to, false
		}
	}
	if b != "" {
		if _, to, ok = parsePeriod(b); !ok {
			return from, to, false
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return time.Time{}, time.Time{}, false // an empty period: searched as words
	}
	return from, to, true
}

// parsePeriod reads a year, month or day as its first day and the day after.
func parsePeriod(s string) (from, to time.Time, ok bool) {
	for _, p := range []struct {
		layout string
		y, m   int
		d      int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(p.layout, s); err == nil {
			return t, t.AddDate(p.y, p.m, p.d), true
		}
	}
	return from, to, false
}

type parser struct {
	toks  []token
	pos   int
	depth int
}

func (p *parser) peek() (token, bool) {
	if p.pos >= len(p.toks) {
		return token{}, false
	}
	return p.toks[p.pos], true
}

// parseOr: and ( OR and )*. Stray ORs are ignored.
func (p *parser) parseOr() *node {
	var alts []*node
	for {
		if n := p.parseAnd(); n != nil {
			alts = append(alts, n)
		}
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.pos++
	}
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts[0]
	}
	return &node{kind: orNode, children: alts}
}

// parseAnd: unary+ until OR, ')' or the end.
func (p *parser) parseAnd() *node {
	var items []*node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokOr {
			break
		}
		if t.kind == tokClose {
			if p.depth > 0 {
				break
			}
			p.pos++ // an unmatched ')' is ignored
			continue
		}
		if n := p.parseUnary(); n != nil {
			items = append(items, n)
		}
	}
	switch len(items) {
	case 0:
		return nil
	case 1:
		return items[0]
	}
	return &node{kind: andNode, children: items}
}

func (p *parser) parseUnary() *node {
	t, _ := p.peek()
	p.pos++
	switch t.kind {
	case tokAnd:
		return nil
	case tokNot:
		if next, ok := p.peek(); !ok || next.kind == tokOr || next.kind == tokClose {
			return nil
		}
		if n := p.parseUnary(); n != nil {
			return negation(n)
		}
		return nil
	case tokOpen:
		p.depth++
		n := p.parseOr()
		p.depth--
		if next, ok := p.peek(); ok && next.kind == tokClose {
			p.pos++
		}
		return n
	}
	if t.key == "" && !hasWordRune(t.text) {
		return nil // "*", "-", "…": nothing to search for
	}
	n := &node{kind: termNode, text: t.text, column: fieldColumns[t.field], prefix: t.prefix, key: t.key}
	if t.negate {
		return negation(n)
	}
	return n
}

// negation is NOT n. Every article is either read or unread, so "not read"
// is the token "unread": one positive term, where a lone negation makes
// SQL subtract every read article from the archive.
func negation(n *node) *node {
	if n.kind == termNode {
		switch n.key {
		case keyRead:
			return &node{kind: termNode, key: keyUnread}
		case keyUnread:
			return &node{kind: termNode, key: keyRead}
		}
	}
	return &node{kind: notNode, children: []*node{n}}
}

// renderTop renders the root. FTS5's NOT is binary ("a NOT b"), so a query
// made only of negations is returned as exclude, for SQL to subtract.
// skipKeys leaves out the filters on the keys column (for snippets).
type renderer struct {
	expand   stemExpander
	skipKeys bool
}

// textColumns are the index's columns of text, all but keys: a word that
// could be mistaken for a keys token (they start with "0") is looked for
// only in them.
const textColumns = "{title subtitle authors source body captions note}"

func (r renderer) top(n *node) (match, exclude string) {
	if n == nil {
		return "", ""
	}
	if s := r.render(n); s != "" {
		return s, ""
	}
	// Only negations at the top: collect them.
	var negs []string
	items := []*node{n}
	if n.kind == andNode {
		items = n.children
	}
	for _, c := range items {
		if c.kind == notNode {
			if s := r.render(c.children[0]); s != "" {
				negs = append(negs, s)
			}
		}
	}
	return "", strings.Join(negs, " OR ")
}

// render returns the FTS5 expression for n, or "" when n has nothing
// positive to match (a lone negation).
func (r renderer) render(n *node) string {
	switch n.kind {
	case termNode:
		if n.key != "" {
			if r.skipKeys {
				return ""
			}
			keys := strings.Fields(n.key) // an entity filter may match another name of it too
			for i, k := range keys {
				keys[i] = "keys : " + quote(k)
			}
			if len(keys) == 1 {
				return keys[0]
			}
			return "(" + strings.Join(keys, " OR ") + ")"
		}
		alts := []string{quote(n.text)}
		if n.prefix {
			alts[0] += "*"
			if r.expand != nil && !strings.ContainsFunc(n.text, func(r rune) bool { return !isWordRune(r) }) {
				for _, t := range r.expand(n.text) {
					alts = append(alts, quote(t))
				}
			}
		}
		column := n.column
		if column == "" && startsWithZero(n.text) {
			column = textColumns
		}
		if column != "" {
			for i := range alts {
				alts[i] = column + " : " + alts[i]
			}
		}
		if len(alts) == 1 {
			return alts[0]
		}
		return "(" + strings.Join(alts, " OR ") + ")"
	case notNode:
		return ""
	case orNode:
		var parts []string
		for _, c := range n.children {
			if s := r.render(c); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	case andNode:
		var pos, neg []string
		for _, c := range n.children {
			if c.kind == notNode {
				if s := r.render(c.children[0]); s != "" {
					neg = append(neg, s)
				}
				continue
			}
			if s := r.render(c); s != "" {
				pos = append(pos, s)
			}
		}
		if len(pos) == 0 {
			return ""
		}
		s := "(" + strings.Join(pos, " AND ") + ")"
		if len(neg) > 0 {
			s += " NOT (" + strings.Join(neg, " OR ") + ")"
		}
		return s
	}
	return ""
}

// startsWithZero reports whether the first word of s starts with 0, as
// the keys column's tokens do.
func startsWithZero(s string) bool {
	i := strings.IndexFunc(s, isWordRune)
	return i >= 0 && s[i] == '0'
}

// quote makes an FTS5 string: the tokenizer splits it into words, so any
// punctuation inside is harmless.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
