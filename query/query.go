// Package query is Clippings' search language: one scanner and parser
// from what the user typed to a syntax tree of plain nodes, a printer back
// to text, and every edit the window and the command line make to a query
// (narrowing it by a facet, replacing its dates, renaming a tag in it) as
// functions on the tree. It knows nothing of the archive: the db package
// compiles a tree into the index's MATCH expressions and date ranges.
//
// The language is the one users know from search engines:
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
//	                person, place or organisation
//
// Any string is a valid query: what does not parse is searched as plain
// words, so nothing a user types is ever refused as a syntax error.
package query

import (
	"strings"
	"unicode"
)

// Query is a parsed search: a tree of what must match, and the date
// filters, which narrow the whole search wherever they are written.
type Query struct {
	Root  Node   // nil when there are no words or filters
	Dates []Date // in the order written
}

// Node is a node of the syntax tree: *Term, *Filter, *Not, *And or *Or.
type Node interface{ node() }

// Term is words to find: a word, a prefix (word*) or a phrase ("a
// phrase"), in a field or anywhere.
type Term struct {
	// Field is the field's name as written, in lower case (title, author,
	// by…; see TextField), "" for anywhere.
	Field  string
	Text   string
	Phrase bool // written in quotes
	Prefix bool // ends in *
}

// Filter is a filter on what the archive knows of an article besides its
// words — tag:, is:, lang:, person:, place:, org: — or an after:, before:
// or date: whose value is not a date (after:yesterday). What its value
// means is the archive's to say; a value that means nothing is searched
// as words.
type Filter struct {
	Field  string // as written, in lower case
	Value  string
	Quoted bool // written in quotes
}

// Not is a negation: -word, -tag:x, NOT (a OR b).
type Not struct{ X Node }

// And is items that must all match.
type And struct{ Items []Node }

// Or is items of which one must match.
type Or struct{ Items []Node }

func (*Term) node()   {}
func (*Filter) node() {}
func (*Not) node()    {}
func (*And) node()    {}
func (*Or) node()     {}

// textFields map the field names of words to the field they search.
var textFields = map[string]string{
	"title": "title", "author": "author", "authors": "author", "by": "author",
	"source": "source", "site": "source", "note": "note", "notes": "note",
}

// filterFields map the names of filters to the filter.
var filterFields = map[string]string{
	"tag": "tag", "tags": "tag", "is": "is", "lang": "lang", "language": "lang",
	"person": "person", "people": "person", "place": "place", "places": "place",
	"org": "org", "orgs": "org", "organisation": "org", "organization": "org",
}

// dateFields are the filters of dates.
var dateFields = map[string]bool{"after": true, "before": true, "date": true}

// TextField is the field a field name of words searches: "title",
// "author", "source" or "note"; "" for anywhere (a quoted after:"2020"
// searches the phrase everywhere).
func TextField(name string) string { return textFields[name] }

// FilterField is the filter a filter's name is: "tag", "is", "lang",
// "person", "place", "org", or after, before and date for a value that is
// not a date.
func FilterField(name string) string {
	if f, ok := filterFields[name]; ok {
		return f
	}
	return name
}

// Parse reads a query. It never fails: what does not parse is searched as
// words.
func Parse(input string) *Query {
	toks, dates := scan(input)
	p := &parser{toks: toks}
	return &Query{Root: p.parseOr(), Dates: dates}
}

// Empty reports whether the query has nothing to search for: it lists
// every article.
func (q *Query) Empty() bool { return q == nil || (q.Root == nil && len(q.Dates) == 0) }

// IsWordRune reports whether r is part of a word the index holds.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// HasWordRune reports whether s holds part of a word the index holds.
func HasWordRune(s string) bool { return strings.IndexFunc(s, IsWordRune) >= 0 }

// Walk calls fn for every node of the tree under n, parents first, in the
// order written.
func Walk(n Node, fn func(Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *Not:
		Walk(n.X, fn)
	case *And:
		for _, c := range n.Items {
			Walk(c, fn)
		}
	case *Or:
		for _, c := range n.Items {
			Walk(c, fn)
		}
	}
}
