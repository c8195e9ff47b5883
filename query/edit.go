package query

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Facet is a kind of value a search's results are broken down by; a click
// on a value narrows the search with its Clause.
type Facet string

// The facets.
const (
	FacetSource       Facet = "source"
	FacetAuthor       Facet = "author"
	FacetLanguage     Facet = "lang"
	FacetYear         Facet = "year"
	FacetTag          Facet = "tag"
	FacetPerson       Facet = "person"
	FacetPlace        Facet = "place"
	FacetOrganisation Facet = "org"
)

// Clause is the query that keeps only results with a facet's value:
// source:"Le Monde", author:"Jane Doe", lang:fr (lang:none for an unknown
// language), after:2020 before:2021, tag:"mali coup", person:"Ibrahim
// Boubacar Keita", place:"Bamako", org:"ECOWAS". It is empty when the value
// cannot be one (a year out of range).
func Clause(f Facet, value string) *Query {
	phrase := strings.Join(strings.Fields(strings.ReplaceAll(value, `"`, " ")), " ")
	switch f {
	case FacetSource, FacetAuthor:
		return &Query{Root: &Term{Field: string(f), Text: phrase, Phrase: true}}
	case FacetTag, FacetPerson, FacetPlace, FacetOrganisation:
		return &Query{Root: &Filter{Field: string(f), Value: phrase, Quoted: true}}
	case FacetLanguage:
		code := strings.ToLower(strings.Join(strings.Fields(value), ""))
		if value == "" {
			code = "none"
		}
		return &Query{Root: &Filter{Field: "lang", Value: code}}
	case FacetYear:
		y, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || y < 1000 || y > 9998 {
			return &Query{}
		}
		return &Query{Dates: []Date{{Field: "after", Value: fmt.Sprintf("%04d", y)}, {Field: "before", Value: fmt.Sprintf("%04d", y+1)}}}
	}
	return &Query{}
}

// Period is the date filter of a period, as the timeline labels it:
// "2020", "2020-03" or "2020-03-14".
func Period(label string) *Query {
	return &Query{Dates: []Date{{Field: "date", Value: label}}}
}

// Span is the date filter from the first period through the last (a drag
// over the timeline), in either order: labels of one unit sort as their
// periods do.
func Span(first, last string) *Query {
	if last < first {
		first, last = last, first
	}
	if first == last {
		return Period(first)
	}
	return Period(first + ".." + last)
}

// Narrow is q with clause added: both must hold.
func Narrow(q, clause *Query) *Query {
	return &Query{Root: and(q.Root, clause.Root), Dates: append(slices.Clone(q.Dates), clause.Dates...)}
}

// WithDates is q with its date filters replaced by clause's; an empty
// clause takes them out.
func WithDates(q, clause *Query) *Query {
	return &Query{Root: and(q.Root, clause.Root), Dates: slices.Clone(clause.Dates)}
}

// DateFilters are q's date filters, as written.
func (q *Query) DateFilters() []string {
	var out []string
	for _, d := range q.Dates {
		out = append(out, d.String())
	}
	return out
}

// and joins a and b, either of which may be nil; b joins the items of an
// And that a is, which reads as the text did ("mali coup source:x").
func and(a, b Node) Node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	if all, ok := a.(*And); ok {
		return &And{Items: append(slices.Clone(all.Items), b)}
	}
	return &And{Items: []Node{a, b}}
}

// RenameTag is q asking for the tag to wherever it asked for the tag that
// same says is the renamed one, and whether it did anywhere.
func RenameTag(q *Query, same func(name string) bool, to string) (*Query, bool) {
	renamed := false
	var rename func(n Node) Node
	rename = func(n Node) Node {
		switch n := n.(type) {
		case *Filter:
			if FilterField(n.Field) == "tag" && same(n.Value) {
				renamed = true
				return Clause(FacetTag, to).Root
			}
		case *Not:
			return &Not{X: rename(n.X)}
		case *And:
			return &And{Items: renameAll(n.Items, rename)}
		case *Or:
			return &Or{Items: renameAll(n.Items, rename)}
		}
		return n
	}
	return &Query{Root: rename(q.Root), Dates: slices.Clone(q.Dates)}, renamed
}

func renameAll(items []Node, rename func(Node) Node) []Node {
	out := make([]Node, len(items))
	for i, n := range items {
		out[i] = rename(n)
	}
	return out
}
