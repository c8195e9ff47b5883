package db

import (
	"bytes"

	querylang "github.com/clippings/clippings/query"

	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/entities"
	"github.com/clippings/clippings/neardup"
)

// story makes an article of a text: a copy of a wire story as an outlet
// runs it, with its own headline, source and date.
func story(title, body, source string, day int) NewArticle {
	a := article.Article{Title: title, Body: body, Source: source, Language: "en",
		Published: article.NewDate(time.Date(2021, 1, day, 0, 0, 0, 0, time.UTC)),
		File:      article.File{Name: title + ".txt", Format: "text"}}
	a.Words = len(strings.Fields(body))
	return NewArticle{Article: a, Original: []byte(title + "\n\n" + body)}
}

// copyOf is an outlet's edit of a story: boilerplate added, a word changed.
func copyOf(body string) string {
	words := strings.Fields(strings.SplitN(body, "\n\n", 2)[0])
	first := strings.Replace(strings.SplitN(body, "\n\n", 2)[0], words[len(words)/2], "reportedly", 1)
	rest := ""
	if parts := strings.SplitN(body, "\n\n", 2); len(parts) == 2 {
		rest = "\n\n" + parts[1]
	}
	return first + rest + "\n\nRead more: Full coverage of this story and others on our website."
}

func addAll(t *testing.T, s *Store, items ...NewArticle) []int64 {
	t.Helper()
	res, err := s.Add(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("add %q: %v", items[i].Article.Title, r.Err)
		}
		ids[i] = r.ID
	}
	return ids
}

// groupOf returns the ids of an article's group, itself included, sorted.
func groupOf(t *testing.T, s *Store, id int64) []int64 {
	t.Helper()
	members, err := s.Group(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := []int64{id}
	for _, m := range members {
		out = append(out, m.ID)
	}
	slices.Sort(out)
	return out
}

// checkTraits verifies what Add, Delete and re-extraction keep of the
// texts: a signature and its 32 band keys per article and no others;
// groups of two or more named by their smallest member; entity links to
// articles and entities that exist, none unused; and each article's entity
// tokens in the index keys matching its entities.
func checkTraits(t *testing.T, s *Store) {
	t.Helper()
	q := func(query string) int {
		var n int
		if err := s.read.QueryRow(query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	for what, query := range map[string]string{
		"articles without a signature":  "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM signatures)",
		"signatures of no article":      "SELECT count(*) FROM signatures WHERE article_id NOT IN (SELECT id FROM articles)",
		"band keys of no article":       "SELECT count(*) FROM bands WHERE article_id NOT IN (SELECT id FROM articles)",
		"groups of one":                 "SELECT count(*) FROM (SELECT group_id FROM article_groups GROUP BY group_id HAVING count(*) < 2)",
		"groups not named by their min": "SELECT count(*) FROM (SELECT group_id FROM article_groups GROUP BY group_id HAVING min(article_id) <> group_id)",
		"group rows of no article":      "SELECT count(*) FROM article_groups WHERE article_id NOT IN (SELECT id FROM articles)",
		"entities of no article":        "SELECT count(*) FROM article_entities WHERE article_id NOT IN (SELECT id FROM articles)",
	} {
		if n := q(query); n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	rows, err := s.read.Query(`SELECT a.id, a.keys, s.data, a.body, (SELECT count(*) FROM bands WHERE article_id = a.id) +
		ifnull((SELECT length(keys) / 4 FROM bands_recent WHERE article_id = a.id), 0)
		FROM articles AS a JOIN signatures AS s ON s.article_id = a.id`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id    int64
		keys  string
		sig   neardup.Signature
		body  string
		bands int
	}
	var all []row
	for rows.Next() {
		var (
			r    row
			data []byte
		)
		if err := rows.Scan(&r.id, &r.keys, &data, &r.body, &r.bands); err != nil {
			t.Fatal(err)
		}
		if r.sig, err = neardup.Unmarshal(data); err != nil {
			t.Errorf("#%d: signature: %v", r.id, err)
		}
		all = append(all, r)
	}
	rows.Close()
	for _, r := range all {
		// The keys are made from the whole values, which only signing
		// the text gives again.
		if again := neardup.Sign(r.body); !bytes.Equal(again.Marshal(), r.sig.Marshal()) {
			t.Errorf("#%d: the stored signature is not its text's", r.id)
		}
		if want := len(neardup.Sign(r.body).Bands()); r.bands != want {
			t.Errorf("#%d: %d band keys, want %d", r.id, r.bands, want)
		}
		ents, err := s.Entities(context.Background(), r.id)
		if err != nil {
			t.Fatal(err)
		}
		if _, want := encodeEntities(ents); entityTokensOf(r.keys) != want {
			got := entityTokensOf(r.keys)
			t.Errorf("#%d: entity tokens %q, want %q (of %+v)", r.id, got, want, ents)
		}
	}
}

// wantGroups checks the groups against neardup's own way of grouping
// (every pair that is a candidate and Similar joined, transitively),
// computed afresh from the stored signatures in id order.
func wantGroups(t *testing.T, s *Store) {
	t.Helper()
	rows, err := s.read.Query("SELECT s.article_id, s.data, a.body FROM signatures AS s JOIN articles AS a ON a.id = s.article_id ORDER BY s.article_id")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var sigs []neardup.Signature
	var keys [][]int64 // made from the whole values: of the text signed again
	for rows.Next() {
		var (
			id   int64
			data []byte
			body string
		)
		rows.Scan(&id, &data, &body)
		sig, _ := neardup.Unmarshal(data)
		ids, sigs, keys = append(ids, id), append(sigs, sig), append(keys, neardup.Sign(body).Bands())
	}
	rows.Close()
	parent := make([]int, len(ids))
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	index := map[int64][]int{}
	for i := range ids {
		parent[i] = i
		for _, k := range keys[i] {
			for _, c := range index[k] {
				if _, same := neardup.Similar(sigs[i], sigs[c]); same {
					parent[find(i)] = find(c)
				}
			}
			index[k] = append(index[k], i)
		}
	}
	for i := range ids {
		var want []int64
		for j := range ids {
			if find(i) == find(j) {
				want = append(want, ids[j])
			}
		}
		if got := groupOf(t, s, ids[i]); !slices.Equal(got, want) {
			t.Errorf("group of #%d: %v, want %v", ids[i], got, want)
		}
	}
}

// Each grouping test runs with band keys moved from bands_recent to bands
// at the usual threshold (never, in these small archives) and after every
// batch.
func eachMerge(t *testing.T, test func(t *testing.T)) {
	for _, at := range []int{bandMergeAt, 1} {
		t.Run(fmt.Sprintf("merge at %d", at), func(t *testing.T) {
			defer func(n int) { bandMergeAt = n }(bandMergeAt)
			bandMergeAt = at
			test(t)
		})
	}
}

func TestGroupingOnImport(t *testing.T) { eachMerge(t, testGroupingOnImport) }

func testGroupingOnImport(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	tx := topicTexts(t)
	mali, ghana, drought := tx[0], tx[6], tx[12]

	// One by one, and two copies in one batch.
	a := addAll(t, s, story(mali.Title, mali.Body, "Wire", 1))[0]
	a1 := addAll(t, s, story("UPDATE: Mali junta names a prime minister", copyOf(mali.Body), "Daily Courier", 2))[0]
	b := addAll(t, s, story(drought.Title, drought.Body, "Wire", 3))[0]
	cs := addAll(t, s, story(ghana.Title, ghana.Body, "Wire", 4), story("Ghana goes to the polls", copyOf(ghana.Body), "Coast Times", 5))
	c, c1 := cs[0], cs[1]
	if got := groupOf(t, s, a); !slices.Equal(got, []int64{a, a1}) {
		t.Errorf("Mali copies: group %v", got)
	}
	if got := groupOf(t, s, c1); !slices.Equal(got, []int64{c, c1}) {
		t.Errorf("Ghana copies (one batch): group %v", got)
	}
	if got := groupOf(t, s, b); !slices.Equal(got, []int64{b}) {
		t.Errorf("unrelated story grouped: %v", got)
	}
	members, err := s.Group(ctx, a)
	if err != nil || len(members) != 1 || members[0].ID != a1 || members[0].Source != "Daily Courier" ||
		members[0].Similarity < 0.8 || members[0].Published.String() != "2021-01-02" {
		t.Errorf("Group(%d) = %+v, %v", a, members, err)
	}
	diff, err := s.Diff(ctx, a, a1)
	if err != nil || len(diff) < 4 || diff[len(diff)-1].Change != neardup.OnlyB || !strings.HasPrefix(diff[len(diff)-1].Text, "Read more") {
		t.Errorf("Diff: %+v %v", diff, err)
	}
	// An exact duplicate is still refused.
	res, _ := s.Add(ctx, []NewArticle{story(mali.Title, mali.Body, "Elsewhere", 9)})
	if !errorsIsDuplicate(res[0].Err, a) {
		t.Errorf("exact duplicate: %v", res[0].Err)
	}

	// A round-up carrying both stories joins both groups: they merge,
	// named by the smallest id.
	x := addAll(t, s, story("Week in West Africa", mali.Body+"\n\n"+ghana.Body, "Weekly", 6))[0]
	all := []int64{a, a1, c, c1, x}
	for _, id := range all {
		if got := groupOf(t, s, id); !slices.Equal(got, all) {
			t.Errorf("after the merge, group of #%d: %v, want %v", id, got, all)
		}
	}
	checkTraits(t, s)
	wantGroups(t, s)

	// Deleting the member that names the group: the others stay grouped,
	// named by the smallest left. Deleting the bridge does not split it.
	if err := s.Delete(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := groupOf(t, s, c); !slices.Equal(got, []int64{a1, c, c1, x}) {
		t.Errorf("after deleting #%d: %v", a, got)
	}
	var name int64
	s.read.QueryRow("SELECT group_id FROM article_groups WHERE article_id = ?", c).Scan(&name)
	if name != a1 {
		t.Errorf("group named %d, want %d", name, a1)
	}
	if err := s.Delete(ctx, x, c, c1); err != nil {
		t.Fatal(err)
	}
	if got := groupOf(t, s, a1); !slices.Equal(got, []int64{a1}) {
		t.Errorf("last member still grouped: %v", got)
	}
	checkTraits(t, s)
	checkIndex(t, s)
}

func errorsIsDuplicate(err error, of int64) bool {
	d, ok := err.(*DuplicateError)
	return ok && d.ID == of
}

func TestReextractionRegroups(t *testing.T) { eachMerge(t, testReextractionRegroups) }

func testReextractionRegroups(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	tx := topicTexts(t)
	mali, drought := tx[0], tx[12]
	ids := addAll(t, s, story(mali.Title, mali.Body, "Wire", 1), story("Copy", copyOf(mali.Body), "Courier", 2),
		story("Another copy", copyOf(mali.Body)+"\n\nSubscribe.", "Herald", 3))
	if got := groupOf(t, s, ids[0]); len(got) != 3 {
		t.Fatalf("not grouped: %v", got)
	}
	if r, _ := s.Search(ctx, Request{Query: `person:"Assimi Goita"`}); r.Total != 3 {
		t.Errorf("person: before: %d", r.Total)
	}
	// The first member's original now extracts as another story: it leaves
	// the group (which keeps the other two, renamed), its entities change.
	fresh := story(drought.Title, drought.Body, "Wire", 1).Article
	out, err := s.Reextracted(ctx, []Reextraction{{ID: ids[0], Article: fresh}})
	if err != nil || out[0].Err != nil || !out[0].Changed {
		t.Fatalf("Reextracted: %+v %v", out, err)
	}
	if got := groupOf(t, s, ids[0]); len(got) != 1 {
		t.Errorf("re-extracted into another story, still grouped: %v", got)
	}
	if got := groupOf(t, s, ids[1]); !slices.Equal(got, ids[1:]) {
		t.Errorf("the others: %v", got)
	}
	if r, _ := s.Search(ctx, Request{Query: `person:"Assimi Goita"`}); r.Total != 2 {
		t.Errorf("person: after: %d", r.Total)
	}
	if r, _ := s.Search(ctx, Request{Query: `place:kenya`}); r.Total != 1 || r.Hits[0].ID != ids[0] {
		t.Errorf("place:kenya after: %+v", r)
	}
	checkTraits(t, s)
	// Back to the story (a prepared re-extraction, as the importer makes):
	// it joins again.
	back := Reextraction{ID: ids[0], Article: story(mali.Title, mali.Body, "Wire", 1).Article}
	back.Prepare()
	if out, err := s.Reextracted(ctx, []Reextraction{back}); err != nil || !out[0].Changed {
		t.Fatalf("Reextracted back: %+v %v", out, err)
	}
	if got := groupOf(t, s, ids[2]); !slices.Equal(got, ids) {
		t.Errorf("back: %v", got)
	}
	// Tagging, starring and editing keep the entity tokens.
	if err := s.SetTags(ctx, ids, []string{"Sahel"}, nil); err != nil {
		t.Fatal(err)
	}
	title := "Junta picks premier"
	if err := s.Edit(ctx, ids[1], MetadataEdit{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Search(ctx, Request{Query: `person:"Assimi Goita" tag:sahel`}); r.Total != 3 {
		t.Errorf("person: and tag: after tagging: %d", r.Total)
	}
	checkTraits(t, s)
	checkIndex(t, s)
	wantGroups(t, s)
}

// groupedArchive stores the topic texts, with copies of some on other days
// and from other sources.
func groupedArchive(t *testing.T) (*Store, []topicText, []int64) {
	s := openTemp(t)
	texts := topicTexts(t)
	ids := seedTopics(t, s, texts)
	var copies []NewArticle
	for i, k := range []int{0, 0, 0, 3, 6, 13, 30} {
		tt := texts[k]
		// Copies are dated before and after the original.
		c := story(fmt.Sprintf("Copy %d: %s", i, tt.Title), copyOf(tt.Body)+strings.Repeat("\n\nAdvertisement", i), "Outlet "+itoa(i), 0)
		c.Article.Published = article.NewDate(time.Date(2022, 1, 1+k, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*3-9))
		copies = append(copies, c)
	}
	ids = append(ids, addAll(t, s, copies...)...)
	return s, texts, ids
}

// TestGroupedSearchPages checks grouped search against its definition:
// the ungrouped results with every member after its group's first one
// left out, page by page, in each order and page size.
func TestGroupedSearchPages(t *testing.T) { eachMerge(t, testGroupedSearchPages) }

func testGroupedSearchPages(t *testing.T) {
	ctx := context.Background()
	s, _, _ := groupedArchive(t)
	wantGroups(t, s)
	groups, err := s.groupsOf(ctx, func() []int64 {
		var ids []int64
		for id := int64(1); id <= 50; id++ {
			ids = append(ids, id)
		}
		return ids
	}())
	if err != nil || len(groups) < 8 {
		t.Fatalf("groups: %v %v", groups, err)
	}
	for _, query := range []string{"mali", "election OR drought", "", "-mali", "coverage", "junta date:2022-01", "rates"} {
		for _, sort := range []Sort{Relevance, Newest, Oldest} {
			all, err := s.Search(ctx, Request{Query: query, Sort: sort, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			seen := map[int64]bool{}
			for _, h := range all.Hits {
				if g, ok := groups[h.ID]; ok {
					if seen[g] {
						continue
					}
					seen[g] = true
				}
				want = append(want, h.ID)
			}
			for _, limit := range []int{1, 2, 3, 50} {
				var got []int64
				cursor := ""
				for pages := 0; pages < 100; pages++ {
					r, err := s.Search(ctx, Request{Query: query, Sort: sort, Limit: limit, Cursor: cursor, Group: true})
					if err != nil {
						t.Fatal(err)
					}
					if r.Total != all.Total {
						t.Errorf("%q %v: grouped total %d, ungrouped %d", query, sort, r.Total, all.Total)
					}
					for _, h := range r.Hits {
						got = append(got, h.ID)
						if g, ok := groups[h.ID]; ok {
							var members []int64
							for id, gg := range groups {
								if gg == g && id != h.ID {
									members = append(members, id)
								}
							}
							slices.Sort(members)
							if !slices.Equal(h.Copies, members) {
								t.Errorf("#%d: copies %v, want %v", h.ID, h.Copies, members)
							}
						} else if h.Copies != nil {
							t.Errorf("#%d: copies %v, want none", h.ID, h.Copies)
						}
					}
					if cursor = r.Next; cursor == "" {
						break
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%q %v limit %d: grouped %v, want %v", query, sort, limit, got, want)
				}
			}
		}
	}
}

func TestRelatedLeavesOutCopies(t *testing.T) {
	ctx := context.Background()
	s, texts, ids := groupedArchive(t)
	first := ids[0] // three copies of it were added
	copies := groupOf(t, s, first)
	if len(copies) != 4 {
		t.Fatalf("group %v", copies)
	}
	for _, id := range copies {
		hits, err := s.Related(ctx, id, 8)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 8 {
			t.Errorf("#%d: %d related", id, len(hits))
		}
		for _, h := range hits {
			if slices.Contains(copies, h.ID) {
				t.Errorf("#%d: related %d is itself or a copy", id, h.ID)
			}
		}
		if hits[0].Title != texts[1].Title && hits[0].Source != "Test mali" {
			t.Errorf("#%d: best related %q", id, hits[0].Title)
		}
	}
	if _, err := s.Related(ctx, 4242, 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("Related of no article: %v", err)
	}
}

func TestTimeline(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	day := func(y, m, d int) article.Date {
		return article.NewDate(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
	}
	var items []NewArticle
	for i, d := range []article.Date{day(2020, 3, 2), day(2020, 3, 30), day(2020, 3, 31), day(2020, 5, 1), day(2020, 5, 31),
		day(2021, 1, 10), day(2001, 6, 1)} {
		a := story(fmt.Sprintf("Harvest story %d", i), fmt.Sprintf("The harvest report number %d tells of maize and rain in the valley.", i), "Wire", 1)
		a.Article.Published = d
		if i == 6 {
			a.Article.Body = "An old piece on wheat and barley."
		}
		items = append(items, a)
	}
	addAll(t, s, items...)
	for _, c := range []struct {
		query  string
		unit   TimelineUnit
		labels []string
		counts []int
	}{
		{"maize", Months, []string{"2020-03", "2020-04", "2020-05", "2020-06", "2020-07", "2020-08", "2020-09", "2020-10", "2020-11", "2020-12", "2021-01"},
			[]int{3, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1}},
		{"maize date:2020-03..2020-05", Months, []string{"2020-03", "2020-04", "2020-05"}, []int{3, 0, 2}},
		{"maize date:2020-03", Days, nil, nil},
		{"", Years, nil, nil},
		{"-maize", Days, []string{"2001-06-01"}, []int{1}},
		{"nothing-matches-this", Years, []string{}, []int{}},
	} {
		tl, err := s.Timeline(ctx, c.query)
		if err != nil {
			t.Fatal(err)
		}
		if tl.Unit != c.unit || !tl.Complete {
			t.Errorf("%q: unit %s complete %v", c.query, tl.Unit, tl.Complete)
		}
		var labels []string
		var counts []int
		sum := 0
		for _, p := range tl.Periods {
			labels, counts = append(labels, p.Label), append(counts, p.Count)
			sum += p.Count
			if !p.Counted {
				t.Errorf("%q: %s not counted", c.query, p.Label)
			}
			// The period's filter finds what the bar counts.
			if p.Count > 0 {
				period := querylang.Period(p.Label)
				r, err := s.Search(ctx, Request{Query: querylang.Narrow(querylang.Parse(c.query), period).String()})
				if err != nil || r.Total != p.Count {
					t.Errorf("%q %s: %d results, bar %d (%v)", c.query, period, r.Total, p.Count, err)
				}
			}
		}
		if c.labels != nil && (!slices.Equal(labels, c.labels) || !slices.Equal(counts, c.counts)) {
			t.Errorf("%q: %v %v, want %v %v", c.query, labels, counts, c.labels, c.counts)
		}
		r, _ := s.Search(ctx, Request{Query: c.query})
		if sum != r.Total {
			t.Errorf("%q: bars add up to %d, search finds %d", c.query, sum, r.Total)
		}
	}
	tl, _ := s.Timeline(ctx, "")
	if len(tl.Periods) != 21 || tl.Periods[0].Label != "2001" || tl.Periods[20].Label != "2021" {
		t.Errorf("years: %+v", tl.Periods)
	}
	if q := querylang.Span(tl.Periods[19].Label, tl.Periods[0].Label).String(); q != "date:2001..2020" {
		t.Errorf("Span = %q", q)
	}
	// Over budget, the newest periods are counted and the rest marked.
	s.SetScanBudget(time.Nanosecond)
	tl, _ = s.Timeline(ctx, "")
	if tl.Complete || !tl.Periods[20].Counted || tl.Periods[0].Counted {
		t.Errorf("over budget: complete %v, newest counted %v, oldest counted %v", tl.Complete, tl.Periods[20].Counted, tl.Periods[0].Counted)
	}
}

func TestDateSyntax(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, c := range []struct {
		in            string
		after, before time.Time
		words         string
	}{
		{"date:2020", d("2020-01-01"), d("2021-01-01"), ""},
		{"date:2020-03", d("2020-03-01"), d("2020-04-01"), ""},
		{"date:2020-12", d("2020-12-01"), d("2021-01-01"), ""},
		{"date:2020-03-14", d("2020-03-14"), d("2020-03-15"), ""},
		{"date:2019..2021-06", d("2019-01-01"), d("2021-07-01"), ""},
		{"date:2019..", d("2019-01-01"), time.Time{}, ""},
		{"date:..2021-06-30", time.Time{}, d("2021-07-01"), ""},
		{"date:2019 date:2019-05", d("2019-05-01"), d("2019-06-01"), ""}, // narrowed
		{"mali DATE:2020", d("2020-01-01"), d("2021-01-01"), `"mali"`},
		{"date:2021..2019", time.Time{}, time.Time{}, `"date 2021..2019"`},
		{"date:yesterday", time.Time{}, time.Time{}, `"date yesterday"`},
		{"date:..", time.Time{}, time.Time{}, `"date .."`},
	} {
		q := parseQuery(c.in, nil)
		if !q.after.Equal(c.after) || !q.before.Equal(c.before) || q.match != c.words {
			t.Errorf("%q: after %v before %v match %q", c.in, q.after, q.before, q.match)
		}
	}
}

func TestEntitiesAndFacets(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	texts := topicTexts(t)
	ids := seedTopics(t, s, texts)
	e, err := s.Entities(ctx, ids[6]) // Ghana votes
	if err != nil {
		t.Fatal(err)
	}
	if !hasEntity(e.People, "John Mahama") || !hasEntity(e.Places, "Accra") || !hasEntity(e.Organisations, "Electoral Commission") {
		t.Errorf("Entities: %+v", e)
	}
	if _, err := s.Entities(ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entities of no article: %v", err)
	}
	for _, query := range []string{"election", "", "rain OR inflation", "-mali"} {
		f, err := s.EntityFacets(ctx, query, 4)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := s.Search(ctx, Request{Query: query})
		if f.Counted != r.Total || f.Capped {
			t.Errorf("%q: counted %d of %d", query, f.Counted, r.Total)
		}
		if len(f.People) == 0 || len(f.Places) == 0 || len(f.Organisations) == 0 || len(f.Places) > 4 {
			t.Errorf("%q: facets %+v", query, f)
		}
		// A click on a facet finds as many results as it counts.
		for kind, counts := range map[FacetKind][]FacetCount{FacetPerson: f.People, FacetPlace: f.Places, FacetOrganisation: f.Organisations} {
			for i, c := range counts {
				if i > 0 && c.Count > counts[i-1].Count {
					t.Errorf("%q %s: not by count: %v", query, kind, counts)
				}
				q := narrow(query, kind, c.Value)
				r, err := s.Search(ctx, Request{Query: q})
				if err != nil || r.Total != c.Count {
					t.Errorf("%q: %d results, facet says %d (%v)", q, r.Total, c.Count, err)
				}
			}
		}
	}
	f, _ := s.EntityFacets(ctx, "election", 1)
	if len(f.People) != 1 || f.People[0].Value != "John Mahama" {
		t.Errorf("top person of election: %+v", f.People)
	}
	// The texts naming an entity, as the extractor finds them.
	naming := func(list func(entities.Entities) []entities.Entity, name string) int {
		n := 0
		for _, tt := range texts {
			for _, e := range list(entities.Extract(tt.Title, tt.Body)) {
				if foldName(e.Name) == foldName(name) {
					n++
				}
			}
		}
		return n
	}
	orgs := func(e entities.Entities) []entities.Entity { return e.Organisations }
	people := func(e entities.Entities) []entities.Entity { return e.People }
	places := func(e entities.Entities) []entities.Entity { return e.Places }
	ecowas := naming(orgs, "Economic Community of West African States")
	if ecowas < 6 {
		t.Fatalf("ECOWAS in %d texts", ecowas)
	}
	// Another name of an entity, as the extractor knows it; case and
	// accents do not matter.
	for q, want := range map[string]int{"org:ECOWAS": ecowas, `org:"economic community of west african states"`: ecowas,
		`person:"assimi goïta"`: naming(people, "Assimi Goita"), "place:bamako": naming(places, "Bamako"),
		"place:nigerian": naming(places, "Nigeria"), "org:ecowas": ecowas, "-place:mali place:bamako": 0, "person:nobody": 0} {
		r, err := s.Search(ctx, Request{Query: q})
		if err != nil || r.Total != want {
			t.Errorf("%s: %d results, want %d (%v)", q, r.Total, want, err)
		}
		for _, h := range r.Hits {
			if strings.Contains(h.Snippet, MarkStart+"0") {
				t.Errorf("%s: snippet shows a key: %q", q, h.Snippet)
			}
		}
	}
}

func hasEntity(es []entities.Entity, name string) bool {
	for _, e := range es {
		if e.Name == name {
			return true
		}
	}
	return false
}

// TestUpgradeAndBackfill upgrades an archive of the first version and
// brings its articles up to date in resumable batches.
func TestUpgradeAndBackfill(t *testing.T) { eachMerge(t, testUpgradeAndBackfill) }

func testUpgradeAndBackfill(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/clippings.db"
	ids := v1Archive(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if pending, err := s.BackfillPending(ctx); err != nil || !pending {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	// An article imported meanwhile gets its traits at once; a copy of an
	// old article joins it once the old one is done.
	fx := fixtures(t)
	copied := fx[0]
	copied.Title, copied.Body = "Copy: "+copied.Title, copyOf(copied.Body)
	newID := addAll(t, s, NewArticle{Article: copied, Original: []byte("copy")})[0]

	// Interrupted after its first batch, it resumes where it stopped.
	defer func(n int) { backfillBatch = n }(backfillBatch)
	backfillBatch = 2
	cctx, cancel := context.WithCancel(ctx)
	var calls [][2]int
	err = s.Backfill(cctx, func(done, total int) {
		calls = append(calls, [2]int{done, total})
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(calls) != 2 || calls[1] != [2]int{2, len(fx)} {
		t.Fatalf("interrupted backfill: %v, progress %v", err, calls)
	}
	if pending, _ := s.BackfillPending(ctx); !pending {
		t.Fatal("no longer pending after one batch")
	}
	calls = nil
	if err := s.Backfill(ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if last := calls[len(calls)-1]; last != [2]int{len(fx) - 2, len(fx) - 2} {
		t.Errorf("resumed backfill progress %v", calls)
	}
	if pending, _ := s.BackfillPending(ctx); pending {
		t.Error("still pending when done")
	}
	if err := s.Backfill(ctx, func(int, int) { t.Error("progress when nothing is to do") }); err != nil {
		t.Error(err)
	}
	checkTraits(t, s)
	wantGroups(t, s)
	checkIndex(t, s)
	if got := groupOf(t, s, newID); !slices.Equal(got, []int64{ids[fx[0].Title], newID}) {
		t.Errorf("copy of an old article: group %v", got)
	}
	// The old articles are searchable by their entities, as they were by
	// their words; and they kept being read.
	r, err := s.Search(ctx, Request{Query: "place:bamako is:read"})
	if err != nil || r.Total == 0 {
		t.Errorf("place:bamako after the backfill: %d %v", r.Total, err)
	}
	if r, _ := s.Search(ctx, Request{Query: "Zakharova"}); r.Total != 2 {
		t.Errorf("word search after the backfill: %d", r.Total)
	}
}

func TestNewArchiveHasNothingToBackfill(t *testing.T) {
	s := openTemp(t)
	if pending, err := s.BackfillPending(context.Background()); err != nil || pending {
		t.Errorf("pending = %v, %v", pending, err)
	}
}

// Two Stores on one archive (the app and `clippings import`) each find the
// copies the other stored, whether their band keys are still recent or
// moved; a failed batch leaves no trace in the writer's mirror.
func TestTwoWritersGroupCopies(t *testing.T) {
	eachMerge(t, func(t *testing.T) {
		ctx := context.Background()
		app, cli := twoStores(t)
		tx := topicTexts(t)
		a := addAll(t, app, story(tx[0].Title, tx[0].Body, "Wire", 1))[0]
		b := addAll(t, cli, story("Copy", copyOf(tx[0].Body), "Courier", 2))[0]
		c := addAll(t, app, story("Another", copyOf(tx[0].Body)+"\n\nSubscribe.", "Herald", 3))[0]
		if got := groupOf(t, app, c); !slices.Equal(got, []int64{a, b, c}) {
			t.Errorf("group %v, want %v", got, []int64{a, b, c})
		}
		// A batch that fails (a cancelled context) is rolled back.
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := app.Add(cctx, []NewArticle{story("Lost", copyOf(tx[6].Body), "X", 4)}); err == nil {
			t.Fatal("Add with a cancelled context succeeded")
		}
		d := addAll(t, cli, story(tx[6].Title, tx[6].Body, "Wire", 5))[0]
		e := addAll(t, app, story("Ghana copy", copyOf(tx[6].Body), "Y", 6))[0]
		if got := groupOf(t, app, e); !slices.Equal(got, []int64{d, e}) {
			t.Errorf("after a failed batch: group %v, want %v", got, []int64{d, e})
		}
		if err := cli.Delete(ctx, b); err != nil {
			t.Fatal(err)
		}
		f := addAll(t, app, story("Third", copyOf(tx[0].Body)+"\n\nAdvertisement", "Z", 7))[0]
		if got := groupOf(t, app, f); !slices.Equal(got, []int64{a, c, f}) {
			t.Errorf("after a delete by the other: group %v", got)
		}
		checkTraits(t, app)
		wantGroups(t, app)
	})
}

func TestCheckFindsBrokenCopies(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	tx := topicTexts(t)
	ids := addAll(t, s, story(tx[0].Title, tx[0].Body, "Wire", 1), story("Copy", copyOf(tx[0].Body), "Courier", 2),
		story(tx[6].Title, tx[6].Body, "Wire", 3))
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("Check: %v %v", r.Problems, err)
	}
	// A group of one, and an article without its signature.
	s.write.Exec("INSERT INTO article_groups (article_id, group_id) VALUES (?, ?)", ids[2], ids[2])
	s.write.Exec("DELETE FROM signatures WHERE article_id = ?", ids[1])
	r, _ := s.Check(ctx)
	var got []string
	for _, p := range r.Problems {
		if p.Kind == ProblemCopies {
			got = append(got, p.String())
		}
	}
	if len(got) != 2 {
		t.Errorf("problems %v", r.Problems)
	}
}
