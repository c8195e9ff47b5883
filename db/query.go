package db

import (
	"strings"
	"time"

	querylang "github.com/clippings/clippings/query"
)

// The search language (its words, fields, filters and dates) is the query
// package's: it parses what the user typed into a tree. This file compiles
// that tree for the index: FTS5 MATCH expressions, keys column tokens and
// a date range.
//
// Tags, the read and starred state, the language and the named entities
// are tokens of the index's keys column (see keys.go, traits.go), so
// they combine with words in one MATCH. A filter value that means nothing
// (is:purple, lang:french) is searched as plain words, as after:yesterday is.

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
	text     string           // term: the words
	column   string           // term: FTS5 column filter, "" for all
	prefix   bool             // term: last word is a prefix
	key      string           // term: an exact token of the keys column (tag:, is:, lang:, person:…) instead of text; several, space-separated, for either
	stems    []string         // term: the truncations a prefix matches too (see prefix.go), once asked
	expanded bool             // term: stems were asked for
	checked  bool             // term: a prefix every match must hold as written (see prefix.go)
	wide     string           // term: what a checked prefix is searched as
	words    *prefixExpansion // term: a prefix expanded through the words table (see prefixwords.go)
	head     string           // term: with words, the words of a phrase before its prefix
	children []*node
}

// fieldColumns maps the query's fields of words to index columns.
var fieldColumns = map[string]string{"title": "title", "author": "authors", "source": "source", "note": "note"}

// keyToken is the keys column's token for a filter's value, or false when
// the value means nothing.
func keyToken(field, value string) (string, bool) {
	switch field {
	case "tag":
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
	case "lang":
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

// stemExpander returns index terms a prefix should match besides the terms
// starting with it (see Store.prefixStems).
type stemExpander func(prefix string) []string

// parseQuery turns what the user typed into a query. It never fails.
func parseQuery(input string, expand stemExpander) query {
	return parseQueryIn(input, currentIndex, expand)
}

// parseQueryIn parses a query for the index ix.
func parseQueryIn(input string, ix ftsIndex, expand stemExpander) query {
	return compile(querylang.Parse(input), ix, expand, true)
}

// compile makes a parsed query ready for SQL on the index ix; with
// checkPrefixes, the prefixes every match must hold are checked as written
// (see prefix.go).
func compile(parsed *querylang.Query, ix ftsIndex, expand stemExpander, checkPrefixes bool) query {
	q := query{ix: ix, root: fromTree(parsed.Root)}
	q.after, q.before = parsed.Range()
	if checkPrefixes {
		markChecked(q.root)
	}
	r := renderer{expand: expand}
	q.match, q.exclude = r.top(q.root)
	if q.match != "" {
		r.skipKeys = true
		q.words, _ = r.top(q.root)
		q.ix.check = prefixChecks(q.root)
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

var isWordRune = querylang.IsWordRune

// fromTree is the parsed tree as the index sees it: fields of words as
// its columns, filters as keys column tokens, and the filters whose value
// means nothing as words ("lang french").
func fromTree(n querylang.Node) *node {
	switch n := n.(type) {
	case *querylang.Term:
		return &node{kind: termNode, text: n.Text, column: fieldColumns[querylang.TextField(n.Field)], prefix: n.Prefix}
	case *querylang.Filter:
		if key, ok := keyToken(querylang.FilterField(n.Field), n.Value); ok {
			return &node{kind: termNode, key: key}
		}
		return &node{kind: termNode, text: n.Field + " " + n.Value}
	case *querylang.Not:
		return negation(fromTree(n.X))
	case *querylang.And:
		return &node{kind: andNode, children: fromTrees(n.Items)}
	case *querylang.Or:
		return &node{kind: orNode, children: fromTrees(n.Items)}
	}
	return nil
}

func fromTrees(items []querylang.Node) []*node {
	out := make([]*node, len(items))
	for i, c := range items {
		out[i] = fromTree(c)
	}
	return out
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
// low renders each prefix expanded through the words table by its low
// expression (its up one under NOT), for the articles that surely match.
type renderer struct {
	expand   stemExpander
	skipKeys bool
	low      bool
}

// negated renders what is under a NOT: the other bound of each prefix.
func (r renderer) negated() renderer {
	r.low = !r.low
	return r
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
		if n.words != nil {
			bound := n.words.up
			if r.low {
				bound = n.words.low
			}
			if len(bound) == 0 {
				return noMatch
			}
			alts = alts[:0]
			for _, a := range bound {
				alts = append(alts, a.render(n.head))
			}
		} else if n.prefix {
			alts[0] += "*"
			if n.checked {
				if n.wide != n.text {
					alts = append(alts, quote(n.wide)+"*")
				}
			} else if !n.expanded && r.expand != nil && !strings.ContainsFunc(n.text, func(r rune) bool { return !isWordRune(r) }) {
				n.stems, n.expanded = r.expand(n.text), true
			}
			for _, t := range n.stems {
				alts = append(alts, quote(t))
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
				if s := r.negated().render(c.children[0]); s != "" {
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
