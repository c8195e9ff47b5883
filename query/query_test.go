package query

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseTree(t *testing.T) {
	for _, c := range []struct {
		in   string
		want *Query
	}{
		{"", &Query{}},
		{"mali", &Query{Root: &Term{Text: "mali"}}},
		{`mali "negotiating table" negoti*`, &Query{Root: &And{Items: []Node{
			&Term{Text: "mali"}, &Term{Text: "negotiating table", Phrase: true}, &Term{Text: "negoti", Prefix: true}}}}},
		{"mali OR niger -coup", &Query{Root: &Or{Items: []Node{
			&Term{Text: "mali"}, &And{Items: []Node{&Term{Text: "niger"}, &Not{X: &Term{Text: "coup"}}}}}}}},
		{`Title:mali by:"jane doe" tag:"Mali coup" -is:read lang:fr`, &Query{Root: &And{Items: []Node{
			&Term{Field: "title", Text: "mali"}, &Term{Field: "by", Text: "jane doe", Phrase: true},
			&Filter{Field: "tag", Value: "Mali coup", Quoted: true}, &Not{X: &Filter{Field: "is", Value: "read"}},
			&Filter{Field: "lang", Value: "fr"}}}}},
		{"NOT (a OR b) date:2020 -after:2019-05 before:x", &Query{
			Root:  &And{Items: []Node{&Not{X: &Or{Items: []Node{&Term{Text: "a"}, &Term{Text: "b"}}}}, &Filter{Field: "before", Value: "x"}}},
			Dates: []Date{{Field: "date", Value: "2020"}, {Field: "after", Value: "2019-05", Negated: true}}}},
		// Stray operators, brackets and quotes are passed over.
		{`OR a ) AND ( "b`, &Query{Root: &And{Items: []Node{&Term{Text: "a"}, &Term{Text: "b"}}}}},
		{"tag:\"\" * - (after:(x))", &Query{Root: &And{Items: []Node{&Term{Text: "after:"}, &Term{Text: "x"}}}}},
	} {
		if got := Parse(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q) = %s, want %s", c.in, dump(got), dump(c.want))
		}
	}
}

// dump shows a tree in tests' messages.
func dump(q *Query) string {
	var b strings.Builder
	var walk func(n Node)
	list := func(name string, items []Node) {
		b.WriteString(name + "(")
		for i, c := range items {
			if i > 0 {
				b.WriteString(", ")
			}
			walk(c)
		}
		b.WriteString(")")
	}
	walk = func(n Node) {
		switch n := n.(type) {
		case *Term:
			fmt.Fprintf(&b, "Term%+v", *n)
		case *Filter:
			fmt.Fprintf(&b, "Filter%+v", *n)
		case *Not:
			b.WriteString("Not(")
			walk(n.X)
			b.WriteString(")")
		case *And:
			list("And", n.Items)
		case *Or:
			list("Or", n.Items)
		}
	}
	walk(q.Root)
	fmt.Fprintf(&b, " %q", q.DateFilters())
	return b.String()
}

// The printer writes what parses back to the same tree, in one way.
func TestPrintParsesBack(t *testing.T) {
	for in, want := range map[string]string{
		"mali  niger":                       "mali niger",
		"mali | niger & -coup":              "mali OR niger -coup",
		"a (b c)":                           "a (b c)",
		"(a OR b) (c OR d)":                 "(a OR b) (c OR d)",
		"a OR (b OR c)":                     "a OR (b OR c)",
		"NOT NOT a NOT (b c)":               "NOT -a NOT (b c)",
		"ghana OR togo date:2020":           "(ghana OR togo) date:2020",
		`TITLE:"a b"* -tag:"x y" after:yes`: `title:"a b"* -tag:"x y" after:yes`,
		"-date:2019 mali":                   "mali -date:2019",
	} {
		q := Parse(in)
		if got := q.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, got, want)
		}
		if again := Parse(q.String()); !reflect.DeepEqual(again, q) {
			t.Errorf("%q parses back as %s, not %s", q.String(), dump(again), dump(q))
		}
	}
}

func TestRange(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, c := range []struct {
		in            string
		after, before time.Time
	}{
		{"date:2020", d("2020-01-01"), d("2021-01-01")},
		{"date:2020-03", d("2020-03-01"), d("2020-04-01")},
		{"date:2020-12", d("2020-12-01"), d("2021-01-01")},
		{"date:2020-03-14", d("2020-03-14"), d("2020-03-15")},
		{"date:2019..2021-06", d("2019-01-01"), d("2021-07-01")},
		{"date:2019..", d("2019-01-01"), time.Time{}},
		{"date:..2021-06-30", time.Time{}, d("2021-07-01")},
		{"date:2019 date:2019-05", d("2019-05-01"), d("2019-06-01")}, // narrowed
		{"mali DATE:2020", d("2020-01-01"), d("2021-01-01")},
		{"after:2020 date:2019", d("2020-01-01"), d("2020-01-01")},
		{"date:2019 after:2018", d("2018-01-01"), d("2020-01-01")}, // after: sets its bound
		{"date:2021..2019 date:yesterday date:..", time.Time{}, time.Time{}},
	} {
		after, before := Parse(c.in).Range()
		if !after.Equal(c.after) || !before.Equal(c.before) {
			t.Errorf("%q: after %v before %v, want %v %v", c.in, after, before, c.after, c.before)
		}
	}
	// A date: that is not one is searched as words.
	if q := Parse("date:2021..2019"); len(q.Dates) != 0 || !reflect.DeepEqual(q.Root, &Filter{Field: "date", Value: "2021..2019"}) {
		t.Errorf("an empty period: %s", dump(q))
	}
}

func TestDateFiltersAreReplaced(t *testing.T) {
	for _, c := range []struct{ query, clause, want string }{
		{"", "date:2020", "date:2020"},
		{"mali", "date:2020-03", "mali date:2020-03"},
		{"mali after:2019 before:2021-06 coup", "date:2020", "mali coup date:2020"},
		{"mali date:2019..2020", "", "mali"},
		{"-date:2019 mali", "date:2020", "mali date:2020"},
		{`"after:2019" mali`, "date:2020", `"after:2019" mali date:2020`},
		{"after:yesterday", "date:2020", "after:yesterday date:2020"},
		{"ghana OR togo", "date:2020", "(ghana OR togo) date:2020"},
		{"(ghana OR togo) date:2020", "date:2021", "(ghana OR togo) date:2021"},
		{"(a OR b) (c OR d)", "date:2021", "(a OR b) (c OR d) date:2021"},
		{`title:"date:2020" date:2020`, "", `title:"date:2020"`},
	} {
		if got := WithDates(Parse(c.query), Parse(c.clause)).String(); got != c.want {
			t.Errorf("WithDates(%q, %q) = %q, want %q", c.query, c.clause, got, c.want)
		}
	}
	if f := Parse("mali after:2019 date:2020-03..2020-05 before:x").DateFilters(); !slices.Equal(f, []string{"after:2019", "date:2020-03..2020-05"}) {
		t.Errorf("filters %q", f)
	}
	if got := Span("2020-01", "2020-03").String(); got != "date:2020-01..2020-03" {
		t.Errorf("Span = %q", got)
	}
	if got := Span("2020-03", "2020-01").String(); got != "date:2020-01..2020-03" {
		t.Errorf("Span backwards = %q", got)
	}
	if got := Span("2020", "2020").String(); got != "date:2020" {
		t.Errorf("Span of one = %q", got)
	}
}

func TestNarrowAndClause(t *testing.T) {
	for _, c := range []struct{ query, clause, want string }{
		{"", `source:"Le Monde"`, `source:"Le Monde"`},
		{"mali", "lang:fr", "mali lang:fr"},
		{"mali coup", "lang:fr", "mali coup lang:fr"},
		{"ghana OR togo", "lang:fr", "(ghana OR togo) lang:fr"},
		// An unclosed quote is passed over, as searching passes over it:
		// what the query found, narrowed.
		{`mali "coup`, "lang:fr", `mali coup lang:fr`},
		{"mali", "", "mali"},
		{"mali date:2020", "after:2020 before:2021", "mali date:2020 after:2020 before:2021"},
	} {
		if got := Narrow(Parse(c.query), Parse(c.clause)).String(); got != c.want {
			t.Errorf("Narrow(%q, %q) = %q, want %q", c.query, c.clause, got, c.want)
		}
	}
	for _, c := range []struct {
		facet       Facet
		value, want string
	}{
		{FacetSource, `The "Times"`, `source:"The Times"`},
		{FacetAuthor, "Jane  Doe", `author:"Jane Doe"`},
		{FacetTag, "Mali coup", `tag:"Mali coup"`},
		{FacetLanguage, "fr", "lang:fr"},
		{FacetLanguage, "", "lang:none"},
		{FacetYear, "2020", "after:2020 before:2021"},
		{FacetYear, "soon", ""},
		{FacetPerson, "Ibrahim Boubacar Keita", `person:"Ibrahim Boubacar Keita"`},
		{FacetPlace, "Bamako", `place:"Bamako"`},
		{FacetOrganisation, "ECOWAS", `org:"ECOWAS"`},
	} {
		if got := Clause(c.facet, c.value).String(); got != c.want {
			t.Errorf("Clause(%s, %q) = %q, want %q", c.facet, c.value, got, c.want)
		}
	}
}

func TestRenameTag(t *testing.T) {
	same := func(name string) bool { return strings.EqualFold(strings.TrimSpace(name), "mali") }
	for _, c := range []struct {
		in, want string
		renamed  bool
	}{
		{"tag:mali", `tag:"Mali coup"`, true},
		{`harbour -tag:"MALI" OR x`, `harbour -tag:"Mali coup" OR x`, true},
		{"(tag:mali) tags:Mali", `tag:"Mali coup" tag:"Mali coup"`, true},
		{"tag:malian mytag:mali tag:", "tag:malian mytag:mali tag:", false},
	} {
		got, renamed := RenameTag(Parse(c.in), same, "Mali coup")
		if got.String() != c.want || renamed != c.renamed {
			t.Errorf("%q → %q (%v), want %q (%v)", c.in, got.String(), renamed, c.want, c.renamed)
		}
	}
}
