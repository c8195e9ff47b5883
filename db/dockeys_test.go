package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// keyAdded is when the test articles were imported: undated ones are
// filed under its day.
var keyAdded = time.Date(2024, 3, 12, 8, 30, 0, 0, time.UTC)

// datedItems are the fixtures and articles spread over a few days, some
// sharing a day, some undated, in the order they are imported.
func datedItems(t *testing.T) []NewArticle {
	t.Helper()
	var items []NewArticle
	for _, a := range fixtures(t) {
		items = append(items, NewArticle{Article: a, Original: []byte("original of " + a.Title), Added: keyAdded})
	}
	days := []time.Time{
		time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC), time.Date(2019, 1, 9, 0, 0, 0, 0, time.UTC),
		time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC), {}, time.Date(2023, 11, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2019, 1, 9, 0, 0, 0, 0, time.UTC), {}, time.Date(2021, 5, 4, 0, 0, 0, 0, time.UTC),
		time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC), time.Date(1998, 7, 12, 0, 0, 0, 0, time.UTC),
	}
	for i, d := range days {
		items = append(items, keyedArticle(i, d))
	}
	return items
}

// keyedArticle is a short article of its own, published on day (undated
// when zero).
func keyedArticle(i int, day time.Time) NewArticle {
	a := article.Article{
		Title:  fmt.Sprintf("Mali talks, round %d", i),
		Source: []string{"Reuters", "AFP", "BBC"}[i%3],
		Body:   fmt.Sprintf("Negotiators met in Bamako for round %d of the talks; the junta reported progress. Zakharova%d spoke.", i, i%4),
	}
	if !day.IsZero() {
		a.Published = article.NewDate(day)
	}
	a.Words = len(strings.Fields(a.Body))
	return NewArticle{Article: a, Original: []byte(a.Body), Added: keyAdded}
}

// keyQueries cover words, prefixes, filters and date ranges.
var keyQueries = []string{"", "zakharova*", "negotiat*", "bamako", `"negotiating table"`, "mali -lang:fr",
	"after:2020-01-01", "before:2021-05-04", "after:2021-05-03 before:2021-05-05", "talks after:2019-01-09 before:2019-01-10",
	"junta before:2000-01-01", "tag:later", "is:read", "ne*"}

// keyedView is what a user sees of an archive, comparable between two:
// every query's results in each order, its count, timeline and years.
func keyedView(t *testing.T, s *Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	for _, q := range keyQueries {
		for _, sort := range []Sort{Newest, Oldest, Relevance} {
			r, err := s.Search(ctx, Request{Query: q, Sort: sort, Limit: 100})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			var ids []string
			for _, h := range r.Hits {
				ids = append(ids, fmt.Sprint(h.ID))
			}
			out[fmt.Sprintf("%s/%v", q, sort)] = fmt.Sprint(r.Total, ids)
		}
		ids, err := s.MatchingIDs(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out[q+"/ids"] = fmt.Sprint(ids)
		tl, err := s.Timeline(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out[q+"/timeline"] = fmt.Sprint(tl)
		f, err := s.Facets(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out[q+"/facets"] = fmt.Sprint(f.Years, f.Sources, f.Counted)
	}
	return out
}

func diffViews(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s\n got %s\nwant %s", what, k, got[k], w)
		}
	}
}

// keysOf is each article's doc key, by id.
func keysOf(t *testing.T, s *Store) map[int64]int64 {
	t.Helper()
	out := map[int64]int64{}
	err := s.eachRow(context.Background(), "SELECT id, doc FROM articles", nil, func(scan func(...any) error) error {
		var id, doc int64
		err := scan(&id, &doc)
		out[id] = doc
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A new archive keys its articles densely: the day in the high bits, the
// place within the day in the low ones, in the order they came.
func TestDenseKeys(t *testing.T) {
	s := openTemp(t)
	ids := addAll(t, s, datedItems(t)...)
	keys := keysOf(t, s)
	perDay := map[int64][]int64{}
	for _, id := range ids {
		doc := keys[id]
		perDay[doc>>docBits] = append(perDay[doc>>docBits], doc&(1<<docBits-1))
	}
	for day, ns := range perDay {
		if want := []int64{0, 1, 2}[:len(ns)]; !slices.Equal(ns, want) {
			t.Errorf("%s: places %v, want %v", dayTime(day).Format("2006-01-02"), ns, want)
		}
	}
	if len(perDay) < 5 {
		t.Fatalf("the items fall on %d days", len(perDay))
	}
	checkIndex(t, s)
}

// A day holding more articles than its keys goes on into the keys of the
// days after it while they hold none; date filters, the order and the
// timeline stay exact; a day full up to a day that holds articles refuses
// the article (the rest of the batch is stored).
func TestFullDaySpills(t *testing.T) {
	defer func(b int) { docBits = b }(docBits)
	docBits = 2 // four articles a day
	ctx := context.Background()
	s := openTemp(t)
	day := time.Date(2022, 2, 1, 0, 0, 0, 0, time.UTC)
	var items []NewArticle
	for i := range 10 {
		items = append(items, keyedArticle(i, day))
	}
	first := addAll(t, s, items...)
	// An edit into the full day spills further.
	movedID := addAll(t, s, keyedArticle(24, day.AddDate(0, 0, -2)))[0]
	moved := article.NewDate(day)
	if err := s.Edit(ctx, movedID, MetadataEdit{Published: &moved}); err != nil {
		t.Fatal(err)
	}
	first = append(first, movedID)
	// The next day's articles come after the spill; so do the undated.
	later := addAll(t, s, keyedArticle(20, day.AddDate(0, 0, 1)), keyedArticle(21, day.AddDate(0, 0, 2)), keyedArticle(22, time.Time{}))
	earlier := addAll(t, s, keyedArticle(23, day.AddDate(0, 0, -1)))

	newest := func(q string) []int64 {
		t.Helper()
		r, err := s.Search(ctx, Request{Query: q, Sort: Newest, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	// Newest first: the undated (2024), the two days after, the full day
	// (its articles in the order they came, the last first), the day
	// before.
	wantOrder := []int64{later[2], later[1], later[0]}
	for i := len(first) - 1; i >= 0; i-- {
		wantOrder = append(wantOrder, first[i])
	}
	wantOrder = append(wantOrder, earlier[0])
	if got := newest(""); !slices.Equal(got, wantOrder) {
		t.Errorf("newest first %v, want %v", got, wantOrder)
	}
	for q, want := range map[string][]int64{
		"after:2022-02-01 before:2022-02-02": first,
		"after:2022-02-02 before:2022-02-03": {later[0]},
		"after:2022-02-02":                   {later[0], later[1], later[2]},
		"before:2022-02-02":                  append(slices.Clone(first), earlier[0]),
		"before:2022-02-01":                  {earlier[0]},
	} {
		got := newest(q)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	tl, err := s.Timeline(ctx, "after:2022-01-31 before:2022-02-03")
	if err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, p := range tl.Periods {
		counts = append(counts, p.Count)
	}
	if !slices.Equal(counts, []int{1, 11, 1}) {
		t.Errorf("timeline by day %v, want [1 11 1]", counts)
	}
	f, err := s.Facets(ctx, "after:2022-01-31 before:2022-02-03")
	if err != nil || fmt.Sprint(f.Years) != "[{2022 13}]" {
		t.Errorf("years %v, %v", f.Years, err)
	}

	// The day after holds articles: the full day can take no more.
	res, err := s.Add(ctx, []NewArticle{keyedArticle(30, day), keyedArticle(31, day.AddDate(0, 0, -3))})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(res[0].Err, ErrDayFull) || res[1].Err != nil {
		t.Errorf("adding to a full day: %v, %v", res[0].Err, res[1].Err)
	}
	checkIndex(t, s)
}

// upgradedAndFresh writes items into an archive of the format before dense
// keys and opens it (upgraded), and into a new archive.
func upgradedAndFresh(t *testing.T, items []NewArticle) (upgraded, fresh *Store, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "clippings.db")
	v6Archive(t, path, items)
	fresh = openTemp(t)
	addAll(t, fresh, items...)
	return openUnbounded(t, path), fresh, path
}

// openUnbounded opens an archive without time budgets, as openTemp.
func openUnbounded(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.SetScanBudget(0)
	s.SetQueryBudget(0)
	return s
}

// v6Archive writes an archive of the format before dense keys holding
// items, keyed (day << 32) | id.
func v6Archive(t *testing.T, path string, items []NewArticle) {
	t.Helper()
	upgradeTo(t, path, denseKeysSchema-1, func(s *Store) { addAll(t, s, items...) })
}

// An archive of the format before dense keys opens at once and is re-keyed
// in the background: searches, counts, timelines and facets find what they
// found before, during and after, and what a new archive of the same
// articles finds, with imports, edits and deletes meanwhile, interrupted
// and resumed after a restart; at the end every key is dense and the
// indexes agree with the articles.
func TestRekeyInBackground(t *testing.T) {
	ctx := context.Background()
	defer func(n int) { reindexBatch = n }(reindexBatch)
	reindexBatch = 3
	items := datedItems(t)
	s, fresh, path := upgradedAndFresh(t, items)
	if p, err := s.ReindexPending(ctx); err != nil || !p {
		t.Fatalf("pending = %v, %v", p, err)
	}
	for id, doc := range keysOf(t, s) {
		if doc&(1<<32-1) != id {
			t.Fatalf("#%d has key %d before re-keying", id, doc)
		}
	}
	diffViews(t, "before re-keying", keyedView(t, s), keyedView(t, fresh))

	// One batch, then cancelled.
	cctx, cancel := context.WithCancel(ctx)
	var calls [][2]int
	err := s.Reindex(cctx, func(done, total int) {
		calls = append(calls, [2]int{done, total})
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(calls) != 2 || calls[1] != [2]int{3, len(items)} {
		t.Fatalf("interrupted: %v, progress %v", err, calls)
	}
	k, err := s.keysState(ctx, s.read)
	if err != nil || !k.wide {
		t.Fatalf("keys %+v, %v", k, err)
	}
	var done, notYet []int64
	for id, doc := range keysOf(t, s) {
		if doc < k.next {
			done = append(done, id)
		} else {
			notYet = append(notYet, id)
		}
	}
	slices.Sort(done)
	slices.Sort(notYet)
	if len(done) != 3 || len(notYet) < 8 {
		t.Fatalf("re-keyed %v, not yet %v", done, notYet)
	}
	diffViews(t, "a batch re-keyed", keyedView(t, s), keyedView(t, fresh))

	// Meanwhile, the same to both: imports before and after where the
	// re-keying is, moves across it, tags, deletes of each kind.
	both := func(f func(s *Store) error) {
		t.Helper()
		for _, st := range []*Store{s, fresh} {
			if err := f(st); err != nil {
				t.Fatal(err)
			}
		}
	}
	both(func(st *Store) error {
		_, err := st.Add(ctx, []NewArticle{keyedArticle(40, time.Date(1998, 7, 12, 0, 0, 0, 0, time.UTC)),
			keyedArticle(41, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)), keyedArticle(42, time.Time{})})
		return err
	})
	toOld := article.NewDate(time.Date(1990, 4, 2, 0, 0, 0, 0, time.UTC))
	toNew := article.NewDate(time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC))
	both(func(st *Store) error { return st.Edit(ctx, notYet[0], MetadataEdit{Published: &toOld}) })
	both(func(st *Store) error { return st.Edit(ctx, done[0], MetadataEdit{Published: &toNew}) })
	both(func(st *Store) error { return st.SetTags(ctx, []int64{done[1], notYet[1]}, []string{"later"}, nil) })
	both(func(st *Store) error { return st.Delete(ctx, done[2], notYet[2]) })
	both(func(st *Store) error { return st.SetNote(ctx, notYet[3], "Renegotiated, reportedly.") })
	diffViews(t, "changed while re-keying", keyedView(t, s), keyedView(t, fresh))
	checkIndex(t, s)

	// A restart, and the rest.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openUnbounded(t, path)
	defer s.Close()
	calls = nil
	if err := s.Reindex(ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[0][0] == 0 || calls[len(calls)-1][0] != calls[len(calls)-1][1] {
		t.Errorf("resumed progress %v", calls)
	}
	if p, err := s.ReindexPending(ctx); err != nil || p {
		t.Fatalf("still pending: %v, %v", p, err)
	}
	if err := s.Reindex(ctx, func(int, int) { t.Error("progress when nothing is to do") }); err != nil {
		t.Error(err)
	}
	k, _ = s.keysState(ctx, s.read)
	if k.wide {
		t.Errorf("keys still wide: %+v", k)
	}
	for id, doc := range keysOf(t, s) {
		a, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		day := dayNumber(a.Added)
		if a.Published.Known() {
			day = dayNumber(a.Published.Time)
		}
		if doc>>docBits != day {
			t.Errorf("#%d: key %d is not dense", id, doc)
		}
	}
	diffViews(t, "re-keyed", keyedView(t, s), keyedView(t, fresh))
	checkIndex(t, s)
	if got, want := formsIndexed(t, s), articleForms(t, s); !slices.Equal(got, want) {
		t.Errorf("the forms index holds\n%v\nwant\n%v", got, want)
	}
}

// Re-keying an archive whose day holds more articles than a day's keys
// spills as imports do, with the same results.
func TestRekeyFullDay(t *testing.T) {
	defer func(b int) { docBits = b }(docBits)
	docBits = 2
	ctx := context.Background()
	var items []NewArticle
	for i := range 7 {
		items = append(items, keyedArticle(i, time.Time{})) // all filed under the day imported
	}
	items = append(items, keyedArticle(7, keyAdded.AddDate(0, 0, 1)), keyedArticle(8, keyAdded.AddDate(0, 0, -1)))
	s, fresh, _ := upgradedAndFresh(t, items)
	defer s.Close()
	if err := s.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	k, err := s.keysState(ctx, s.read)
	if err != nil || k.wide || len(k.spills) != 1 {
		t.Fatalf("keys %+v, %v", k, err)
	}
	diffViews(t, "re-keyed", keyedView(t, s), keyedView(t, fresh))
	checkIndex(t, s)
}

// An archive of format 5, its words half listed and its forms index not
// yet there, is re-keyed and then listed, as the window and `clippings
// reindex` do: the forms index ends up holding each article's forms under
// its dense key.
func TestRekeyBeforeFormsListed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	v5Archive(t, path)
	s := openWordsPending(t, path)
	if err := s.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexWords(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if k, err := s.keysState(ctx, s.read); err != nil || k.wide {
		t.Fatalf("keys %+v, %v", k, err)
	}
	if got, want := formsIndexed(t, s), articleForms(t, s); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("the forms index holds\n%v\nwant\n%v", got, want)
	}
	checkIndex(t, s)
}

// Check finds an article whose key files it under another day than its
// date.
func TestCheckFindsMisfiledKey(t *testing.T) {
	s := openTemp(t)
	ids := addAll(t, s, datedItems(t)...)
	if _, err := s.write.Exec("UPDATE articles SET doc = doc + ? WHERE id = ?", int64(40)<<docBits, ids[len(ids)-1]); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range r.Problems {
		if p.Kind == ProblemIndex && p.Article == ids[len(ids)-1] && strings.Contains(p.Detail, "files it under") {
			found = true
		}
	}
	if !found {
		t.Errorf("Check found %v", r.Problems)
	}
}
