package db

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

func titles(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Title
	}
	return out
}

func TestSearchSyntax(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	const (
		russia  = "Russia calls for negotiations to end Mali crisis"
		ecowas  = "ECOWAS suspends Mali after coup"
		markets = "Bamako markets reopen"
		cookies = "Cookie policy explained"
		ghana   = "Election results in Ghana"
		column  = "Undated column about negotiation tactics"
	)
	cases := []struct {
		query string
		want  []string // any order
	}{
		{"Zakharova", []string{russia}},
		{"zakharova", []string{russia}},
		{`"negotiating table"`, []string{russia}},
		{`"table negotiating"`, nil},
		{"Wague", []string{russia}}, // diacritics folded
		{"Ismaël Wagué", []string{russia}},
		{"negotiating", []string{russia, markets, column}}, // stemming: negotiations, negotiators
		{"negotiat*", []string{russia, markets, column}},   // prefix
		{"title:Mali", []string{russia, ecowas}},
		{"title:bamako", []string{markets}},
		{"bamako", []string{russia, ecowas, markets}},
		{"bamako -ecowas", []string{russia}},
		{"bamako NOT ecowas", []string{russia}},
		{"ghana OR cookies", []string{ghana, cookies}},
		{"(ghana OR cookies) election", []string{ghana}},
		{"author:doe", []string{ecowas}},
		{`author:"john smith"`, []string{ghana}},
		{"source:reuters", []string{ecowas}},
		{"bamako after:2020-08-21", []string{russia, markets}},
		{"bamako before:2020-08-21", []string{ecowas}},
		{"after:2020-08-21 before:2020-09-01", []string{russia}},
		{"after:2020", []string{russia, ecowas, markets, column}}, // undated: import day
		{"before:2019-06", []string{cookies, ghana}},
		{"-bamako -negotiating", []string{cookies, ghana}},
		{"sangare", []string{russia}},  // captions are indexed
		{"traders", []string{markets}}, // subtitle is indexed
		{"nothingmatchesthis", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			r, err := s.Search(context.Background(), Request{Query: c.query})
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			got := titles(r.Hits)
			if !sameSet(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
			if r.Total != len(c.want) {
				t.Errorf("Total = %d, want %d", r.Total, len(c.want))
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

// Broken syntax never fails: it is searched as plain words.
func TestSearchBrokenSyntaxFallsBack(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	cases := []struct {
		query   string
		atLeast int
	}{
		{`"negotiating table`, 1}, // lone quote
		{"bamako AND AND mali", 1},
		{"*", 6},           // nothing searchable: everything
		{"title:", 0},      // the word "title"
		{"title: mali", 0}, // the words "title" and "mali"
		{"((mali", 2},
		{"mali))", 2},
		{"OR mali OR", 2},
		{"NOT", 6},
		{"-", 6},
		{`mali "`, 2},
		{"after:yesterday", 0},
		{"col:umn", 0},
		{"NEAR(mali bamako)", 0},
		{`"" mali`, 2},
		{"mali^2 {title}: -*", 0},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			r, err := s.Search(context.Background(), Request{Query: c.query})
			if err != nil {
				t.Fatalf("Search(%q) failed: %v", c.query, err)
			}
			if r.Total < c.atLeast {
				t.Errorf("Total = %d, want at least %d (%q)", r.Total, c.atLeast, titles(r.Hits))
			}
		})
	}
}

func TestSearchSortsAndEmptyQuery(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	ctx := context.Background()
	r, err := s.Search(ctx, Request{Query: ""})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 6 || len(r.Hits) != 6 {
		t.Fatalf("empty query: %d of %d", len(r.Hits), r.Total)
	}
	// Newest first; the undated column counts as imported today.
	want := []string{"Undated column about negotiation tactics", "Bamako markets reopen",
		"Russia calls for negotiations to end Mali crisis", "ECOWAS suspends Mali after coup",
		"Cookie policy explained", "Election results in Ghana"}
	if got := titles(r.Hits); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("empty query order:\n%q\nwant\n%q", got, want)
	}
	r, _ = s.Search(ctx, Request{Query: "mali OR bamako", Sort: Oldest})
	if got := titles(r.Hits); len(got) != 3 || got[0] != "ECOWAS suspends Mali after coup" || got[2] != "Bamako markets reopen" {
		t.Errorf("oldest: %q", got)
	}
	// Relevance: a title match outranks body-only matches.
	r, _ = s.Search(ctx, Request{Query: "bamako", Sort: Relevance})
	if len(r.Hits) != 3 || r.Hits[0].Title != "Bamako markets reopen" {
		t.Errorf("relevance: %q", titles(r.Hits))
	}
	for i := 1; i < len(r.Hits); i++ {
		if r.Hits[i].Score > r.Hits[i-1].Score {
			t.Errorf("scores not descending: %v", r.Hits)
		}
	}
}

func TestSnippetsMarkMatches(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	r, err := s.Search(context.Background(), Request{Query: "zakharova"})
	if err != nil || len(r.Hits) != 1 {
		t.Fatalf("%v %v", r, err)
	}
	if !strings.Contains(r.Hits[0].Snippet, MarkStart+"Zakharova"+MarkEnd) {
		t.Errorf("snippet %q does not mark the match", r.Hits[0].Snippet)
	}
	if r.Hits[0].Published.String() != "2020-08-21" || r.Hits[0].Source != "Anadolu Agency" {
		t.Errorf("hit metadata: %+v", r.Hits[0])
	}
	title, body, err := s.Highlight(context.Background(), r.Hits[0].ID, "negotiating mali")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, MarkStart+"negotiations"+MarkEnd) || !strings.Contains(title, MarkStart+"Mali"+MarkEnd) {
		t.Errorf("title highlight %q", title)
	}
	if !strings.Contains(body, MarkStart+"negotiating"+MarkEnd+" table") {
		t.Errorf("body highlight %q", body)
	}
}

// Paging walks every match exactly once, in every sort, by cursor.
func TestSearchPagingByCursor(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	base := fixtures(t)[0]
	var items []NewArticle
	for i := range 137 {
		a := base
		a.Title = fmt.Sprintf("Report %d on the Sahel", i)
		a.Body = fmt.Sprintf("Paragraph %d about Sahel security. %s", i, strings.Repeat("sahel ", i%7))
		a.Published, _ = article.ParseDate(fmt.Sprintf("20%02d-%02d-%02d", 10+i%10, 1+i%12, 1+i%28))
		items = append(items, NewArticle{Article: a})
	}
	if _, err := s.Add(ctx, items); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"sahel", ""} {
		for _, sort := range []Sort{Relevance, Newest, Oldest} {
			t.Run(q+"/"+sort.String(), func(t *testing.T) {
				seen := map[int64]bool{}
				var prev *Hit
				cursor := ""
				pages := 0
				for {
					r, err := s.Search(ctx, Request{Query: q, Sort: sort, Limit: 20, Cursor: cursor})
					if err != nil {
						t.Fatal(err)
					}
					if r.Total != 137 {
						t.Fatalf("Total = %d", r.Total)
					}
					for _, h := range r.Hits {
						if seen[h.ID] {
							t.Fatalf("hit #%d seen twice", h.ID)
						}
						seen[h.ID] = true
						if prev != nil && sort == Newest && h.Published.Before(prev.Published.Time) == false && h.Published != prev.Published {
							t.Fatalf("newest: %s after %s", h.Published, prev.Published)
						}
						if prev != nil && sort == Oldest && h.Published.Before(prev.Published.Time) {
							t.Fatalf("oldest: %s after %s", h.Published, prev.Published)
						}
						if prev != nil && sort == Relevance && q != "" && h.Score > prev.Score {
							t.Fatalf("relevance: %v after %v", h.Score, prev.Score)
						}
						h := h
						prev = &h
					}
					pages++
					if r.Next == "" {
						break
					}
					cursor = r.Next
				}
				if len(seen) != 137 || pages != 7 {
					t.Errorf("saw %d hits in %d pages", len(seen), pages)
				}
			})
		}
	}
	if _, err := s.Search(ctx, Request{Query: "sahel", Cursor: "garbage"}); err == nil {
		t.Error("a bad cursor must be an error")
	}
}

// Past the caps, the total says "at least" and relevance ranks the newest
// matches only, still in score order.
func TestSearchCapsCountingAndRanking(t *testing.T) {
	s := openTemp(t)
	s.limits = searchLimits{count: 30, rank: 40, rankable: 1000}
	ctx := context.Background()
	base := fixtures(t)[0]
	var items []NewArticle
	for i := range 100 {
		a := base
		a.Title = fmt.Sprintf("Dispatch %d", i)
		a.Body = fmt.Sprintf("Story %d from the Sahel. %s", i, strings.Repeat("sahel ", 1+i%5))
		a.Published, _ = article.ParseDate(fmt.Sprintf("2020-01-%02d", 1+i%28))
		items = append(items, NewArticle{Article: a})
	}
	if _, err := s.Add(ctx, items); err != nil {
		t.Fatal(err)
	}
	r, err := s.Search(ctx, Request{Query: "sahel", Sort: Relevance, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 30 || !r.TotalCapped || r.Ranked != 40 {
		t.Errorf("Total %d capped %v ranked %d, want 30 true 40", r.Total, r.TotalCapped, r.Ranked)
	}
	seen := 0
	for cursor := ""; ; {
		r, err := s.Search(ctx, Request{Query: "sahel", Sort: Relevance, Limit: 15, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		seen += len(r.Hits)
		if r.Next == "" {
			break
		}
		cursor = r.Next
	}
	if seen != 40 {
		t.Errorf("relevance paged through %d hits, want the 40 ranked", seen)
	}
	r, _ = s.Search(ctx, Request{Query: "", Limit: 10})
	if r.Total != 100 || r.TotalCapped {
		t.Errorf("whole archive: Total %d capped %v, want an exact 100", r.Total, r.TotalCapped)
	}
	r, _ = s.Search(ctx, Request{Query: "dispatch", Sort: Newest, Limit: 10})
	if r.Total != 30 || !r.TotalCapped || r.Ranked != 0 {
		t.Errorf("newest: %+v", r)
	}
}

// When counting runs out of time, it stops once a first page is known: the
// total is a lower bound, and the cursor goes on from where counting
// stopped, so paging still reaches every match once, in order.
func TestSearchTimeBudget(t *testing.T) {
	s := openTemp(t)
	s.limits = searchLimits{count: 1000, rank: 1000, rankable: 1000, budget: time.Nanosecond}
	ctx := context.Background()
	addDispatches(t, s, 60, 1990, func(i int) string { return fmt.Sprintf("Story %d from the Sahel, in the desert.", i) })
	for _, sort := range []Sort{Newest, Oldest} {
		first, err := s.Search(ctx, Request{Query: `"the desert"`, Sort: sort, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if first.Total >= 60 || !first.TotalCapped || first.Next == "" || len(first.Hits) != 50 {
			t.Errorf("%v: first page Total %d capped %v next %q hits %d: want a lower bound, a cursor and a full page", sort, first.Total, first.TotalCapped, first.Next, len(first.Hits))
		}
		var got []string
		for cursor := ""; ; {
			r, err := s.Search(ctx, Request{Query: `"the desert"`, Sort: sort, Limit: 50, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range r.Hits {
				got = append(got, h.Published.String())
			}
			if r.Next == "" {
				break
			}
			cursor = r.Next
		}
		if len(got) != 60 {
			t.Fatalf("%v: paged through %d hits, want 60", sort, len(got))
		}
		for i := 1; i < len(got); i++ {
			if (sort == Newest && got[i] > got[i-1]) || (sort == Oldest && got[i] < got[i-1]) {
				t.Fatalf("%v: out of order at %d: %v", sort, i, got)
			}
		}
	}
	r, err := s.Search(ctx, Request{Query: "sahel", Sort: Relevance, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if !r.TotalCapped || r.Ranked != r.Total || r.Total < 50 || len(r.Hits) != 50 {
		t.Errorf("relevance: Total %d capped %v ranked %d hits %d: want a full page of the counted matches ranked", r.Total, r.TotalCapped, r.Ranked, len(r.Hits))
	}
	s.limits.budget = 0
	r, _ = s.Search(ctx, Request{Query: "sahel", Limit: 10})
	if r.Total != 60 || r.TotalCapped {
		t.Errorf("without a budget: Total %d capped %v, want an exact 60", r.Total, r.TotalCapped)
	}
}

// A query that matches a large part of the archive is listed newest first
// even by relevance, says so, and pages on in date order.
func TestSearchTooCommonToRank(t *testing.T) {
	s := openTemp(t)
	s.limits = searchLimits{count: 30, rank: 40, rankable: 60}
	ctx := context.Background()
	addDispatches(t, s, 100, 1950, func(i int) string {
		zorvex := 0 // in a third of the articles, from one to four times
		if i%3 == 0 {
			zorvex = 1 + i%4
		}
		return fmt.Sprintf("Story %d from the Sahel.%s", i, strings.Repeat(" Zorvex.", zorvex))
	})
	var dates []string
	for cursor := ""; ; {
		r, err := s.Search(ctx, Request{Query: "sahel", Sort: Relevance, Limit: 30, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if !r.ByDate {
			t.Fatalf("page %d: ByDate false for a query matching every article", len(dates)/30)
		}
		for _, h := range r.Hits {
			dates = append(dates, h.Published.String())
		}
		if r.Next == "" {
			break
		}
		cursor = r.Next
	}
	if len(dates) != 100 {
		t.Fatalf("paged through %d hits, want all 100", len(dates))
	}
	for i := 1; i < len(dates); i++ {
		if dates[i] > dates[i-1] {
			t.Fatalf("not newest first at %d: %s after %s", i, dates[i], dates[i-1])
		}
	}
	// A query matching a third of the archive (under the limit) is ranked.
	r, err := s.Search(ctx, Request{Query: "zorvex", Sort: Relevance, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.ByDate || len(r.Hits) != 10 || r.Hits[0].Score < r.Hits[9].Score {
		t.Errorf("zorvex: ByDate %v, %d hits, scores %v … %v: want ranked by relevance", r.ByDate, len(r.Hits), r.Hits[0].Score, r.Hits[len(r.Hits)-1].Score)
	}
}

// Filters that weigh nothing in the ranking (a tag here) do not make
// words that are too common to rank rankable.
func TestSearchTooCommonToRankWithAFilter(t *testing.T) {
	s := openTemp(t)
	s.limits = searchLimits{count: 30, rank: 40, rankable: 60}
	ctx := context.Background()
	ids := addDispatches(t, s, 100, 1950, func(i int) string { return fmt.Sprintf("Story %d from the Sahel.", i) })
	var tagged []int64
	for i, id := range ids {
		if i%10 == 0 {
			tagged = append(tagged, id)
		}
	}
	if err := s.SetTags(ctx, tagged, []string{"pick"}, nil); err != nil {
		t.Fatal(err)
	}
	r, err := s.Search(ctx, Request{Query: "sahel tag:pick", Sort: Relevance})
	if err != nil {
		t.Fatal(err)
	}
	if !r.ByDate || len(r.Hits) != 10 {
		t.Errorf("sahel tag:pick: ByDate %v with %d hits, want the 10 tagged newest first", r.ByDate, len(r.Hits))
	}
	r, err = s.Search(ctx, Request{Query: "dispatch 7 tag:pick", Sort: Relevance})
	if err != nil {
		t.Fatal(err)
	}
	if r.ByDate {
		t.Errorf("rare words with a tag: listed by date, want ranked")
	}
}

// addDispatches stores n articles "Dispatch i" with body(i), two a year in
// March from year0 on (a later i is newer), and returns their ids.
func addDispatches(t *testing.T, s *Store, n, year0 int, body func(i int) string) []int64 {
	t.Helper()
	base := fixtures(t)[0]
	var items []NewArticle
	for i := range n {
		a := base
		a.Title = fmt.Sprintf("Dispatch %d", i)
		a.Body = body(i)
		a.Published, _ = article.ParseDate(fmt.Sprintf("%d-03-%02d", year0+i/2, 1+i%28))
		items = append(items, NewArticle{Article: a})
	}
	res, err := s.Add(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.ID
	}
	return ids
}

// A page ranked by relevance is scattered over the dates; each hit still
// gets the passage of its own article, and articles between them in date
// order that are not on the page do not displace them.
func TestRelevancePageSnippetsBelongToTheirHits(t *testing.T) {
	s := openTemp(t)
	addDispatches(t, s, 12, 2001, func(i int) string {
		return strings.Repeat("glacier melt ", 1+(i*7)%5) + fmt.Sprintf("signed code%d.", i)
	})
	r, err := s.Search(context.Background(), Request{Query: "glacier", Sort: Relevance, Limit: 4})
	if err != nil || len(r.Hits) != 4 {
		t.Fatalf("%d hits, %v", len(r.Hits), err)
	}
	byDate := true
	for i, h := range r.Hits {
		if i > 0 && h.Published.String() > r.Hits[i-1].Published.String() {
			byDate = false
		}
		var n int
		if _, err := fmt.Sscanf(h.Title, "Dispatch %d", &n); err != nil {
			t.Fatalf("hit %q: %v", h.Title, err)
		}
		if !strings.Contains(h.Snippet, MarkStart+"glacier"+MarkEnd) || !strings.Contains(h.Snippet, fmt.Sprintf("code%d.", n)) {
			t.Errorf("%s: snippet %q is not its own marked passage", h.Title, h.Snippet)
		}
	}
	if byDate {
		t.Errorf("the page is in date order (%q), so this does not test a scattered page", titles(r.Hits))
	}
}

// A quick request does not wait for a slow ranking: it lists the newest
// matches and says the same request without Quick ranks them.
func TestQuickRequestDefersSlowRanking(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	ctx := context.Background()
	cases := []struct {
		name                 string
		quickCost, quickWait time.Duration
		quick, group         bool
		wantByDate           bool
	}{
		{"quick, ranking too slow to wait for", time.Nanosecond, time.Hour, true, false, true},
		{"quick, ranking fast enough", time.Hour, time.Hour, true, false, false},
		{"quick, ranking runs past its time", time.Hour, time.Nanosecond, true, false, true},
		{"quick, grouped, ranking runs past its time", time.Hour, time.Nanosecond, true, true, true},
		{"not quick: always ranked", time.Nanosecond, time.Nanosecond, false, false, false},
	}
	for _, c := range cases {
		s.limits.quickCost, s.limits.quickWait = c.quickCost, c.quickWait
		r, err := s.Search(ctx, Request{Query: "bamako", Sort: Relevance, Quick: c.quick, Group: c.group})
		if err != nil || len(r.Hits) != 3 {
			t.Fatalf("%s: %d hits, %v", c.name, len(r.Hits), err)
		}
		if r.ByDate != c.wantByDate || r.Refine != c.wantByDate {
			t.Errorf("%s: ByDate %v, Refine %v; want both %v", c.name, r.ByDate, r.Refine, c.wantByDate)
		}
		ranked := r.Hits[0].Title == "Bamako markets reopen" && r.Hits[0].Score > 0
		if ranked == c.wantByDate {
			t.Errorf("%s: ranked %v (%q)", c.name, ranked, titles(r.Hits))
		}
		if c.wantByDate {
			for i := 1; i < len(r.Hits); i++ {
				if r.Hits[i].Published.String() > r.Hits[i-1].Published.String() {
					t.Errorf("%s: not newest first: %q", c.name, titles(r.Hits))
				}
			}
		}
	}
	// A query too common to rank at all is never to be refined.
	s.limits.quickCost, s.limits.rankable = time.Nanosecond, 1
	r, err := s.Search(ctx, Request{Query: "bamako", Sort: Relevance, Quick: true})
	if err != nil || !r.ByDate || r.Refine {
		t.Errorf("unrankable query: ByDate %v, Refine %v, %v; want true, false", r.ByDate, r.Refine, err)
	}
}
