package db

import (
	querylang "github.com/clippings/clippings/query"

	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
)

// The fixtures' titles.
const (
	tRussia  = "Russia calls for negotiations to end Mali crisis"
	tEcowas  = "ECOWAS suspends Mali after coup"
	tMarkets = "Bamako markets reopen"
	tCookies = "Cookie policy explained"
	tGhana   = "Election results in Ghana"
	tColumn  = "Undated column about negotiation tactics"
)

// organised seeds the fixtures, a French article, and organises them.
func organised(t *testing.T) (*Store, map[string]int64) {
	t.Helper()
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	fr := fixtures(t)[0]
	fr.Title, fr.Body, fr.Language, fr.Source = "La junte malienne promet des élections", "Les militaires au pouvoir à Bamako promettent un scrutin.", "fr", "Le Monde"
	fr.Authors, fr.Published, fr.Captions = nil, article.Date{}, nil
	res, err := s.Add(ctx, []NewArticle{{Article: fr, Original: []byte(fr.Body)}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	ids[fr.Title] = res[0].ID
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetTags(ctx, []int64{ids[tRussia], ids[tEcowas]}, []string{"Mali coup"}, nil))
	must(s.SetTags(ctx, []int64{ids[tMarkets]}, []string{"read-later", "mali COUP"}, nil))
	must(s.SetTags(ctx, []int64{ids[tGhana]}, []string{"Économie"}, nil))
	must(s.SetTags(ctx, []int64{ids[tCookies]}, []string{"C++ & Go!"}, nil))
	must(s.SetStarred(ctx, []int64{ids[tEcowas]}, true))
	must(s.SetRead(ctx, []int64{ids[tRussia], ids[tCookies]}, true))
	must(s.SetNote(ctx, ids[tMarkets], "Ask the traders about the junta's *new* rules."))
	return s, ids
}

func TestOrganiseQuerySyntax(t *testing.T) {
	s, _ := organised(t)
	const french = "La junte malienne promet des élections"
	all := []string{tRussia, tEcowas, tMarkets, tCookies, tGhana, tColumn, french}
	except := func(titles ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(x string) bool { return slices.Contains(titles, x) })
	}
	cases := []struct {
		query string
		want  []string
	}{
		{`tag:"mali coup"`, []string{tRussia, tEcowas, tMarkets}},
		{`tag:"MALI   Coup"`, []string{tRussia, tEcowas, tMarkets}}, // case and spacing do not matter
		{`TAG:"Mali coup"`, []string{tRussia, tEcowas, tMarkets}},
		{`tag:mali`, nil}, // the whole name, not a word of it
		{`tag:coup`, nil},
		{`tag:read-later`, []string{tMarkets}},
		{`tag:"read later"`, nil},
		{`-tag:read-later`, except(tMarkets)},
		{`tag:économie`, []string{tGhana}},
		{`tag:ÉCONOMIE`, []string{tGhana}},
		{`tag:economie`, nil}, // accents do
		{`tag:"C++ & Go!"`, []string{tCookies}},
		{`tag:C++`, nil},
		{`tags:read-later`, []string{tMarkets}},
		{`is:starred`, []string{tEcowas}},
		{`-is:starred`, except(tEcowas)},
		{`is:read`, []string{tRussia, tCookies}},
		{`is:unread`, except(tRussia, tCookies)},
		{`-is:read`, except(tRussia, tCookies)},
		{`NOT is:unread`, []string{tRussia, tCookies}},
		{`-is:unread`, []string{tRussia, tCookies}},
		{`mali tag:"mali coup" -is:read`, []string{tEcowas}},
		{`bamako tag:"mali coup" -is:read`, []string{tEcowas, tMarkets}},
		{`bamako tag:"mali coup" is:unread -is:starred`, []string{tMarkets}},
		{`bamako tag:"mali coup" OR tag:read-later`, []string{tRussia, tEcowas, tMarkets}},
		{`(tag:économie OR is:starred) -tag:"mali coup"`, []string{tGhana}},
		{`is:starred OR is:read`, []string{tEcowas, tRussia, tCookies}},
		{`note:junta`, []string{tMarkets}},
		{`note:traders`, []string{tMarkets}},
		{`notes:rules`, []string{tMarkets}},
		{`junta`, []string{tRussia, tMarkets}}, // the note is searched with the text
		{`rules`, []string{tMarkets}},
		{`note:zakharova`, nil},
		{`lang:fr`, []string{french}},
		{`lang:FR bamako`, []string{french}},
		{`-lang:fr`, except(french)},
		{`lang:none`, except(french)},
		{`language:fr`, []string{french}},
		{`is:purple`, nil},                          // searched as the words "is purple"
		{`lang:french`, nil},                        // the words "lang french"
		{`tag:`, nil},                               // the word "tag"
		{`tag:"" mali`, []string{tRussia, tEcowas}}, // an empty name is nothing
		{`0*`, nil}, // the keys' tokens are not words
		{`0is*`, nil},
		{`0tag* OR 0lang*`, nil},
		{`is:starred after:2020-08-21`, nil},
		{`is:unread after:2020-08-21`, []string{tMarkets, tColumn, french}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			for _, sort := range []Sort{Relevance, Newest} {
				r, err := s.Search(context.Background(), Request{Query: c.query, Sort: sort})
				if err != nil {
					t.Fatalf("Search: %v", err)
				}
				if got := titles(r.Hits); !sameSet(got, c.want) {
					t.Errorf("%v: got %q\nwant %q", sort, got, c.want)
				}
				if r.Total != len(c.want) {
					t.Errorf("%v: Total = %d, want %d", sort, r.Total, len(c.want))
				}
			}
		})
	}
}

func TestHitsCarryTagsAndSnippetsSkipFilters(t *testing.T) {
	s, ids := organised(t)
	ctx := context.Background()
	cases := []struct {
		query string
		has   string // in the snippet of the Ecowas article
	}{
		{`tag:"mali coup"`, "West African leaders suspended Mali"}, // no words: the start of the text
		{`is:starred`, "West African leaders"},
		{`is:starred lang:none`, "West African leaders"},
		{`tag:"mali coup" bamako`, MarkStart + "Bamako" + MarkEnd},
		{`bamako is:unread tag:"mali coup" -is:read`, MarkStart + "Bamako" + MarkEnd},
		{`tag:"mali coup" OR soldiers`, MarkStart + "soldiers" + MarkEnd},
	}
	for _, c := range cases {
		r, err := s.Search(ctx, Request{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(r.Hits, func(h Hit) bool { return h.ID == ids[tEcowas] })
		if i < 0 {
			t.Fatalf("%s: Ecowas not found in %q", c.query, titles(r.Hits))
		}
		h := r.Hits[i]
		if !strings.Contains(h.Snippet, c.has) || strings.Contains(h.Snippet, "0tag") || strings.Contains(h.Snippet, "0is") {
			t.Errorf("%s: snippet %q, want it to hold %q", c.query, h.Snippet, c.has)
		}
		if !reflect.DeepEqual(h.Tags, []string{"Mali coup"}) || !h.Starred || h.Read {
			t.Errorf("%s: hit tags %q starred %v read %v", c.query, h.Tags, h.Starred, h.Read)
		}
	}
	// Every hit carries its state, tags or none.
	r, _ := s.Search(ctx, Request{Query: ""})
	for _, h := range r.Hits {
		if h.Tags == nil {
			t.Errorf("#%d: Tags is nil, want an empty list", h.ID)
		}
		if h.Title == tRussia && (!h.Read || h.Starred) {
			t.Errorf("Russia: read %v starred %v", h.Read, h.Starred)
		}
	}
	// The detail view's highlight still marks title and body.
	title, body, err := s.Highlight(ctx, ids[tEcowas], `tag:"mali coup" suspends bamako`)
	if err != nil || !strings.Contains(title, MarkStart+"suspends"+MarkEnd) || !strings.Contains(body, MarkStart+"Bamako"+MarkEnd) {
		t.Errorf("highlight: %q %q %v", title, body, err)
	}
}

func TestGetCarriesWhatTheUserAdded(t *testing.T) {
	s, ids := organised(t)
	ctx := context.Background()
	a, err := s.Get(ctx, ids[tMarkets])
	if err != nil {
		t.Fatal(err)
	}
	want := Organised{Tags: []string{"Mali coup", "read-later"}, Note: "Ask the traders about the junta's *new* rules.", Edited: []string{}}
	if !reflect.DeepEqual(a.Organised, want) {
		t.Errorf("Get: %+v\nwant %+v", a.Organised, want)
	}
	a, _ = s.Get(ctx, ids[tEcowas])
	if !a.Starred || a.Read || a.Note != "" {
		t.Errorf("Ecowas: %+v", a.Organised)
	}
	// Clearing.
	if err := s.SetNote(ctx, ids[tMarkets], "  \n "); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTags(ctx, []int64{ids[tMarkets]}, nil, []string{"READ-LATER", "Mali Coup"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, []int64{ids[tEcowas]}, false); err != nil {
		t.Fatal(err)
	}
	a, _ = s.Get(ctx, ids[tMarkets])
	if a.Note != "" || len(a.Tags) != 0 {
		t.Errorf("after clearing: %+v", a.Organised)
	}
	for _, q := range []string{"note:junta", "rules", "tag:read-later", "is:starred"} {
		if r, _ := s.Search(ctx, Request{Query: q}); r.Total != 0 {
			t.Errorf("%s still finds %q", q, titles(r.Hits))
		}
	}
	checkIndex(t, s)
}

func TestTagCountsRenameAndDelete(t *testing.T) {
	s, ids := organised(t)
	ctx := context.Background()
	tags := func() map[string]int {
		t.Helper()
		ts, err := s.Tags(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, tc := range ts {
			m[tc.Name] = tc.Articles
		}
		return m
	}
	if got, want := tags(), map[string]int{"Mali coup": 3, "read-later": 1, "Économie": 1, "C++ & Go!": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Tags = %v, want %v", got, want)
	}
	// Adding again changes nothing; a missing id is reported, the rest done.
	err := s.SetTags(ctx, []int64{ids[tRussia], 999, ids[tColumn], ids[tColumn]}, []string{"mali coup", "Sahel"}, nil)
	var nf *NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, ErrNotFound) || !reflect.DeepEqual(nf.IDs, []int64{999}) || !strings.Contains(err.Error(), "#999") {
		t.Errorf("SetTags with a missing id: %v", err)
	}
	if got := tags(); got["Mali coup"] != 4 || got["Sahel"] != 2 {
		t.Errorf("after tagging: %v", got)
	}
	// Renaming the spelling only.
	if err := s.RenameTag(ctx, "SAHEL", "sahel"); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get(ctx, ids[tColumn]); !slices.Contains(a.Tags, "sahel") {
		t.Errorf("renamed spelling not shown: %q", a.Tags)
	}
	// Renaming to a new name, then merging into an existing tag.
	if err := s.RenameTag(ctx, "sahel", "West Africa"); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Search(ctx, Request{Query: `tag:"west africa"`}); !sameSet(titles(r.Hits), []string{tRussia, tColumn}) {
		t.Errorf("after rename: %q", titles(r.Hits))
	}
	if r, _ := s.Search(ctx, Request{Query: `tag:sahel`}); r.Total != 0 {
		t.Errorf("old name still finds %q", titles(r.Hits))
	}
	if err := s.RenameTag(ctx, "west africa", "MALI COUP"); err != nil {
		t.Fatal(err)
	}
	if got := tags(); got["Mali coup"] != 4 || got["West Africa"] != 0 || len(got) != 4 {
		t.Errorf("after merge: %v", got)
	}
	if a, _ := s.Get(ctx, ids[tColumn]); !reflect.DeepEqual(a.Tags, []string{"Mali coup"}) {
		t.Errorf("merged tags %q", a.Tags)
	}
	// Deleting a tag takes it off every article; the last one gone, it is gone.
	if err := s.DeleteTag(ctx, "mali coup"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTags(ctx, []int64{ids[tMarkets]}, nil, []string{"read-later"}); err != nil {
		t.Fatal(err)
	}
	if got := tags(); !reflect.DeepEqual(got, map[string]int{"Économie": 1, "C++ & Go!": 1}) {
		t.Errorf("after delete: %v", got)
	}
	if err := s.RenameTag(ctx, "nothing", "x"); !errors.Is(err, ErrNoTag) {
		t.Errorf("rename of a missing tag: %v", err)
	}
	if err := s.DeleteTag(ctx, "nothing"); !errors.Is(err, ErrNoTag) {
		t.Errorf("delete of a missing tag: %v", err)
	}
	for _, bad := range [][2][]string{{{"  "}, nil}, {{"x"}, {"X"}}} {
		if err := s.SetTags(ctx, []int64{ids[tMarkets]}, bad[0], bad[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetTags(+%q -%q) = %v, want ErrInvalid", bad[0], bad[1], err)
		}
	}
	// Deleting an article takes its tags' counts down.
	if err := s.Delete(ctx, ids[tGhana]); err != nil {
		t.Fatal(err)
	}
	if got := tags(); !reflect.DeepEqual(got, map[string]int{"C++ & Go!": 1}) {
		t.Errorf("after deleting the article: %v", got)
	}
	checkIndex(t, s)
}

// checkIndex runs the archive check, the FTS5 one included.
func checkIndex(t *testing.T, s *Store) {
	t.Helper()
	r, err := s.Check(context.Background())
	if err != nil || !r.OK() {
		t.Errorf("Check: %v %v", r.Problems, err)
	}
	var n int
	s.read.QueryRow("SELECT count(*) FROM article_tags WHERE article_id NOT IN (SELECT id FROM articles)").Scan(&n)
	if n != 0 {
		t.Errorf("%d tag links of deleted articles", n)
	}
	rows, _ := s.read.Query("SELECT id, tags FROM articles")
	defer rows.Close()
	for rows.Next() {
		var (
			id   int64
			tags string
		)
		rows.Scan(&id, &tags)
		var links int
		s.read.QueryRow("SELECT count(*) FROM article_tags WHERE article_id = ?", id).Scan(&links)
		if links != len(splitLines(tags)) {
			t.Errorf("#%d: tags %q but %d links", id, tags, links)
		}
	}
	var bad int
	s.read.QueryRow("SELECT count(*) FROM tags WHERE articles <> (SELECT count(*) FROM article_tags WHERE tag_id = tags.id)").Scan(&bad)
	if bad != 0 {
		t.Errorf("%d tags with a wrong count", bad)
	}
}

func TestEditsSurviveReextraction(t *testing.T) {
	s, ids := organised(t)
	ctx := context.Background()
	id := ids[tEcowas]
	title, authors, date := "ECOWAS suspends Mali from the bloc", []string{"Jane Doe", " Ali  Traoré "}, mustDate(t, "2020-08-19")
	if err := s.Edit(ctx, id, MetadataEdit{Title: &title, Authors: &authors, Published: &date}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		a, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != title || !reflect.DeepEqual(a.Authors, []string{"Jane Doe", "Ali Traoré"}) || a.Published.String() != "2020-08-19" ||
			a.Source != "Reuters" || !reflect.DeepEqual(a.Edited, []string{"title", "authors", "published"}) {
			t.Errorf("%s: %q %q %s %q edited %q", when, a.Title, a.Authors, a.Published, a.Source, a.Edited)
		}
		if !a.Starred || !reflect.DeepEqual(a.Tags, []string{"Mali coup"}) {
			t.Errorf("%s: lost the user's marks: %+v", when, a.Organised)
		}
		for _, q := range []string{"title:bloc", `author:traore`, "before:2020-08-20 after:2020-08-19", `tag:"mali coup" bloc`} {
			r, _ := s.Search(ctx, Request{Query: q})
			if !slices.Contains(titles(r.Hits), title) {
				t.Errorf("%s: %s does not find the edited article: %q", when, q, titles(r.Hits))
			}
		}
		if r, _ := s.Search(ctx, Request{Query: "after:2020-08-20 before:2020-08-21"}); slices.Contains(titles(r.Hits), title) {
			t.Errorf("%s: still filed under the old date", when)
		}
	}
	check("after the edit")

	// A re-extraction with a better body: the text changes, the edits stay.
	fresh := fixtures(t)[1]
	fresh.Body += "\n\nThe bloc also froze financial transactions."
	out, err := s.Reextracted(ctx, []Reextraction{{ID: id, Article: fresh}, {ID: 4242, Article: fresh}})
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].Changed || out[0].Err != nil || !errors.Is(out[1].Err, ErrNotFound) {
		t.Errorf("outcomes %+v", out)
	}
	check("after re-extraction")
	if r, _ := s.Search(ctx, Request{Query: "froze"}); r.Total != 1 {
		t.Errorf("the new text is not searchable")
	}
	// The same again changes nothing.
	out, _ = s.Reextracted(ctx, []Reextraction{{ID: id, Article: fresh}})
	if out[0].Changed || out[0].Err != nil {
		t.Errorf("unchanged re-extraction: %+v", out[0])
	}
	// A text that is another article's is refused, the article kept.
	other := fixtures(t)[4]
	out, _ = s.Reextracted(ctx, []Reextraction{{ID: id, Article: other}})
	var dup *DuplicateError
	if !errors.As(out[0].Err, &dup) || dup.ID != ids[tGhana] {
		t.Errorf("duplicate re-extraction: %+v", out[0])
	}
	check("after a refused re-extraction")
	// An edit back to unknown date files it under its import day.
	unknown := article.Date{}
	if err := s.Edit(ctx, id, MetadataEdit{Published: &unknown}); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get(ctx, id); a.Published.Known() {
		t.Errorf("date not cleared: %s", a.Published)
	}
	if r, _ := s.Search(ctx, Request{Query: "title:bloc before:2020-12-31"}); r.Total != 0 {
		t.Errorf("an undated article is filed by its import day, not its old date")
	}
	empty := " "
	if err := s.Edit(ctx, id, MetadataEdit{Title: &empty}); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty title: %v", err)
	}
	if err := s.Edit(ctx, 4242, MetadataEdit{Title: &title}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	checkIndex(t, s)
}

func TestAddKeepsRestoredOrganisation(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := fixtures(t)[0]
	a.Language = "en"
	o := Organised{Tags: []string{"zeta", "Alpha", "alpha"}, Starred: true, Read: true, Note: "Seen in print.", Edited: []string{"title", "source"}}
	res, err := s.Add(ctx, []NewArticle{{Article: a, Original: []byte("x"), Organised: o}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	got, _ := s.Get(ctx, res[0].ID)
	want := Organised{Tags: []string{"Alpha", "zeta"}, Starred: true, Read: true, Note: "Seen in print.", Edited: []string{"title", "source"}}
	if !reflect.DeepEqual(got.Organised, want) {
		t.Errorf("restored %+v\nwant %+v", got.Organised, want)
	}
	for _, q := range []string{"tag:alpha is:starred is:read lang:en", "print", "note:seen"} {
		if r, _ := s.Search(ctx, Request{Query: q}); r.Total != 1 {
			t.Errorf("%s: %d hits", q, r.Total)
		}
	}
	// A new import is unread.
	b := fixtures(t)[1]
	res, _ = s.Add(ctx, []NewArticle{{Article: b, Original: []byte("y")}})
	if got, _ := s.Get(ctx, res[0].ID); got.Read || got.Starred || len(got.Tags) != 0 {
		t.Errorf("new import: %+v", got.Organised)
	}
	if r, _ := s.Search(ctx, Request{Query: "is:unread"}); r.Total != 1 {
		t.Errorf("is:unread: %d", r.Total)
	}
	checkIndex(t, s)
}

func TestFacetsCountAndNarrow(t *testing.T) {
	s, _ := organised(t)
	ctx := context.Background()
	f, err := s.Facets(ctx, "mali OR bamako")
	if err != nil {
		t.Fatal(err)
	}
	// Russia (Anadolu, Staff, 2020), Ecowas (Reuters, Jane Doe, 2020),
	// Markets (Le Monde, 2020), the French article (Le Monde, fr, today).
	if f.Counted != 4 || f.Capped {
		t.Errorf("counted %d capped %v", f.Counted, f.Capped)
	}
	if f.Sources[0] != (FacetCount{"Le Monde", 2}) || len(f.Sources) != 3 {
		t.Errorf("sources %v", f.Sources)
	}
	if !reflect.DeepEqual(f.Authors, []FacetCount{{"Jane Doe", 1}, {"Staff", 1}}) {
		t.Errorf("authors %v", f.Authors)
	}
	if !reflect.DeepEqual(f.Languages, []FacetCount{{"", 3}, {"fr", 1}}) {
		t.Errorf("languages %v", f.Languages)
	}
	if len(f.Years) != 2 || f.Years[1] != (FacetCount{"2020", 3}) || f.Years[0].Value <= "2020" {
		t.Errorf("years %v", f.Years)
	}
	// A click on a value finds as many as it counted.
	for _, c := range []struct {
		kind  FacetKind
		value string
		n     int
	}{
		{FacetSource, "Le Monde", 2}, {FacetAuthor, "Jane Doe", 1}, {FacetLanguage, "", 3},
		{FacetLanguage, "fr", 1}, {FacetYear, "2020", 3},
	} {
		q := narrow("mali OR bamako", c.kind, c.value)
		r, err := s.Search(ctx, Request{Query: q})
		if err != nil || r.Total != c.n {
			t.Errorf("%s: %d hits (%v), want %d", q, r.Total, err, c.n)
		}
	}
	// Capped like the count.
	s.limits.count = 2
	f, _ = s.Facets(ctx, "")
	if f.Counted != 2 || !f.Capped {
		t.Errorf("capped facets: counted %d capped %v", f.Counted, f.Capped)
	}
}

// narrow is query narrowed by a click on a facet's value, as the window
// does it.
func narrow(query string, kind FacetKind, value string) string {
	return querylang.Narrow(querylang.Parse(query), querylang.Clause(kind, value)).String()
}

func TestMatchingIDsAndCountMatches(t *testing.T) {
	s, ids := organised(t)
	ctx := context.Background()
	got, err := s.MatchingIDs(ctx, `tag:"mali coup"`)
	if err != nil {
		t.Fatal(err)
	}
	// Newest first: Markets (09-02), Russia (08-21), Ecowas (08-20).
	if want := []int64{ids[tMarkets], ids[tRussia], ids[tEcowas]}; !reflect.DeepEqual(got, want) {
		t.Errorf("MatchingIDs = %v, want %v", got, want)
	}
	for q, want := range map[string]int{"": 7, "-is:starred": 6, "bamako": 4, `"negotiating table`: 2, "before:2019-06": 2} {
		got, err := s.MatchingIDs(ctx, q)
		if err != nil || len(got) != want {
			t.Errorf("MatchingIDs(%q) = %v, %v; want %d", q, got, err, want)
		}
		n, capped, err := s.CountMatches(ctx, q)
		if err != nil || n != want || capped {
			t.Errorf("CountMatches(%q) = %d %v %v; want %d", q, n, capped, err, want)
		}
	}
	s.limits.count = 3
	if n, capped, _ := s.CountMatches(ctx, "is:unread"); n != 3 || !capped {
		t.Errorf("capped count: %d %v", n, capped)
	}
}

func TestSavedSearches(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a, err := s.SaveSearch(ctx, "Mali coup", `tag:"mali coup"`, Newest)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.SaveSearch(ctx, "To read", "is:unread", Relevance)
	c, _ := s.SaveSearch(ctx, "  Starred  ", "is:starred", Oldest)
	// Saving under a taken name (any case) replaces it, in its place.
	a2, err := s.SaveSearch(ctx, "mali COUP", "mali coup", Relevance)
	if err != nil || a2.ID != a.ID {
		t.Errorf("resave: %+v %v", a2, err)
	}
	list := func() []SavedSearch {
		t.Helper()
		l, err := s.SavedSearches(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	want := []SavedSearch{{a.ID, "mali COUP", "mali coup", Relevance}, {b.ID, "To read", "is:unread", Relevance}, {c.ID, "Starred", "is:starred", Oldest}}
	if got := list(); !reflect.DeepEqual(got, want) {
		t.Errorf("SavedSearches = %+v\nwant %+v", got, want)
	}
	if err := s.MoveSavedSearches(ctx, []int64{c.ID, a.ID}); err != nil {
		t.Fatal(err)
	}
	if got := list(); got[0].ID != c.ID || got[1].ID != a.ID || got[2].ID != b.ID {
		t.Errorf("after move: %+v", got)
	}
	if err := s.RenameSavedSearch(ctx, b.ID, "starred"); !errors.Is(err, ErrNameTaken) {
		t.Errorf("rename onto a taken name: %v", err)
	}
	if err := s.RenameSavedSearch(ctx, b.ID, "Later"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSavedSearch(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := list(); len(got) != 2 || got[0].ID != a.ID || got[1].Name != "Later" {
		t.Errorf("after rename and delete: %+v", got)
	}
	if err := s.DeleteSavedSearch(ctx, c.ID); !errors.Is(err, ErrNoSavedSearch) {
		t.Errorf("delete twice: %v", err)
	}
	if _, err := s.SaveSearch(ctx, " ", "x", Relevance); !errors.Is(err, ErrInvalid) {
		t.Errorf("no name: %v", err)
	}
}

func TestKeysAreSingleUnstemmedTokens(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	names := []string{"Mali coup", "read-later", "C++", "Économie", "日本", "a", "running", "ed", "✓ done"}
	for _, n := range names {
		k := tagKey(n)
		if !strings.HasPrefix(k, "0tag") || strings.ContainsFunc(k, func(r rune) bool { return !isWordRune(r) }) {
			t.Errorf("tagKey(%q) = %q: not one token", n, k)
		}
		if tagKey(strings.ToUpper(n)) != k || tagKey(" "+n+"  ") != k {
			t.Errorf("tagKey(%q) depends on case or spacing", n)
		}
	}
	// The index holds each key as it is: one token, not stemmed.
	a := fixtures(t)[0]
	a.Language = "fr"
	res, _ := s.Add(ctx, []NewArticle{{Article: a, Organised: Organised{Tags: []string{"running"}, Starred: true}}})
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if _, err := s.write.ExecContext(ctx, "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, row)"); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{keyUnread, keyStarred, langKey("fr"), tagKey("running")} {
		var n int
		if err := s.write.QueryRowContext(ctx, "SELECT count(*) FROM temp.vocab WHERE term = ?", k).Scan(&n); err != nil || n != 1 {
			t.Errorf("token %q is not in the index as it is (%d, %v)", k, n, err)
		}
	}
}

func mustDate(t *testing.T, s string) (d article.Date) {
	t.Helper()
	d, err := article.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Deleting many articles (more than a batch) is all or nothing, and leaves
// the index whole.
func TestDeleteMany(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for i := range 3 {
		if _, err := s.Add(ctx, numbered(t, i*400, 400)); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := s.MatchingIDs(ctx, "")
	if err != nil || len(ids) != 1200 {
		t.Fatal(len(ids), err)
	}
	if err := s.SetTags(ctx, ids[:700], []string{"doomed"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, append(ids[:1100:1100], 99999)...); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "#99999") {
		t.Fatalf("Delete with a missing id: %v", err)
	}
	if n, _ := s.Count(ctx); n != 1200 {
		t.Fatalf("a failed Delete deleted: %d left", n)
	}
	if err := s.Delete(ctx, ids[:1100]...); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx); n != 100 {
		t.Errorf("%d left, want 100", n)
	}
	if r, _ := s.Search(ctx, Request{Query: "numbered"}); r.Total != 100 {
		t.Errorf("search finds %d", r.Total)
	}
	if tags, _ := s.Tags(ctx); len(tags) != 0 {
		t.Errorf("tags of deleted articles remain: %v", tags)
	}
	checkIndex(t, s)
}
