package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/testcorpus"
)

// formsIndexed is what the forms index holds: "doc word" pairs, sorted,
// read through fts5vocab (the index keeps no copy of its text).
func formsIndexed(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := s.write.Conn(ctx) // the readers cannot make the vocabulary table
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.forms_vocab USING fts5vocab(main, article_forms, instance)"); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, "SELECT doc, term FROM temp.forms_vocab")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var (
			doc  int64
			term string
		)
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(doc, " ", term))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// articleForms is what the forms index should hold for the archive's
// articles, from their texts, sorted as formsIndexed.
func articleForms(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	err := s.eachRow(context.Background(), "SELECT doc, title, subtitle, authors, source, body, captions, note FROM articles", nil, func(scan func(...any) error) error {
		var doc int64
		texts := make([]string, 7)
		if err := scan(&doc, &texts[0], &texts[1], &texts[2], &texts[3], &texts[4], &texts[5], &texts[6]); err != nil {
			return err
		}
		words, err := textWords(texts...)
		if err != nil {
			return err
		}
		for _, w := range strings.Fields(formsOf(words)) {
			out = append(out, fmt.Sprint(doc, " ", w))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// checkForms fails when the forms index differs from the articles' texts.
func checkForms(t *testing.T, s *Store, when string) {
	t.Helper()
	got, want := formsIndexed(t, s), articleForms(t, s)
	if !slices.Equal(got, want) {
		extra, missing := setOf(got), setOf(want)
		for k := range setOf(want) {
			delete(extra, k)
		}
		for k := range setOf(got) {
			delete(missing, k)
		}
		t.Errorf("%s: the forms index holds %d words, the articles %d; extra %v, missing %v", when, len(got), len(want), keys(extra, 5), keys(missing, 5))
	}
}

func setOf(l []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range l {
		m[x] = true
	}
	return m
}

func keys(m map[string]bool, n int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out[:min(n, len(out))]
}

// Which words the forms index holds: those that are not their stem, and
// those that are and end in e, i or bl; not the others.
func TestFormsOf(t *testing.T) {
	words, err := textWords("The reporters reported the news: a new report, making a make-believe strike; happy days, Café Zoë.")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(formsOf(words))
	sort.Strings(got)
	want := []string{"believe", "cafe", "days", "happy", "make", "making", "news", "reported", "reporters", "strike", "the", "zoe"}
	if !slices.Equal(got, want) {
		t.Errorf("forms %q, want %q", got, want)
	}
}

// The forms index holds every stem, as a word, that does not start all
// the words it stands for: Porter only writes an "e" or an "i" at a
// stem's end for letters a word does not have there. Checked on every
// word of both corpora, in several languages.
func TestFormsHoldWordsTheirStemDoesNotStart(t *testing.T) {
	stems := map[string]map[string]bool{}
	n := 0
	for _, corpus := range []string{testcorpus.Dev, testcorpus.Dev2} {
		for _, tr := range testcorpus.Truths(t, corpus) {
			words, err := textWords(tr.Title, tr.Body)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range words {
				if stems[w.stem] == nil {
					stems[w.stem] = map[string]bool{}
				}
				stems[w.stem][w.word] = true
				n++
			}
		}
	}
	notStarted := 0
	for st, words := range stems {
		for w := range words {
			if strings.HasPrefix(w, st) {
				continue
			}
			notStarted++
			// The stem as a word (here or in another article) must be
			// held. A stem the words table cannot hold as a word (it
			// folds "й" to "и", Hangul to its letters; the index does
			// not) is never one of a prefix's words.
			if foldWord(st) == st && !isIndexedForm(wordStem{st, st}) {
				t.Errorf("%q, the stem of %q, would not be in the forms index as a word", st, w)
			}
		}
	}
	if notStarted == 0 {
		t.Fatalf("of %d words, none starts otherwise than its stem: the test says nothing", n)
	}
	t.Logf("%d words, %d stems; %d words their stem does not start", n, len(stems), notStarted)
}

// formsExpr asks the forms index for the words of the stems in doubt that
// start with the prefix, and gives up ("", the articles are read) when one
// is a word the index does not hold.
func TestFormsExpr(t *testing.T) {
	for _, c := range []struct {
		doubt []string
		words map[string][]string
		want  string
	}{
		{[]string{"report"}, map[string][]string{"report": {"reporters", "reporter"}}, `"reporter" OR "reporters"`},
		{[]string{"make", "maker"}, map[string][]string{"make": {"make", "makes"}, "maker": {"makers"}}, `"make" OR "makers" OR "makes"`},
		{[]string{"report"}, map[string][]string{"report": {"report", "reports"}}, ""}, // "report" is its stem: not held
		{[]string{"negoti"}, nil, `"0none"`}, // no word with the prefix: no article
	} {
		if got := formsExpr(c.doubt, c.words); got != c.want {
			t.Errorf("formsExpr(%v, %v) = %q, want %q", c.doubt, c.words, got, c.want)
		}
	}
}

// v5Archive writes an archive at schema version 5 (before the forms
// index) whose words were listed up to the first backfill batch only.
func v5Archive(t *testing.T, path string) {
	t.Helper()
	v4Archive(t, path)
	upgradeTo(t, path, 5, func(s *Store) {
		if _, err := indexWordsStopped(s); !errors.Is(err, context.Canceled) {
			t.Fatalf("listing the words of the format-5 archive: %v", err)
		}
	})
}

// An archive of format 5, its words half listed, opens at once with the
// forms index empty; the words and the forms are listed together in the
// background, resuming where they stopped, while imports, edits and
// deletes keep the index right for the articles they touch; once listed,
// the forms index holds each article's forms exactly, and prefixes in
// doubt for more articles than may be read are exact.
func TestFormsListedAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	defer func(n int) { backfillBatch = n }(backfillBatch)
	backfillBatch = 2
	path := filepath.Join(t.TempDir(), "clippings.db")
	v5Archive(t, path)
	s := openWordsPending(t, path)
	if got := formsIndexed(t, s); len(got) != 0 {
		t.Fatalf("the upgrade filled the forms index itself (%d words): it would hold the window at a million articles", len(got))
	}
	if s.formsReady(ctx) {
		t.Fatal("the forms index is ready before it is filled")
	}
	if got := newestIDs(t, s, "negotiat*"); len(got) != 3 {
		t.Fatalf("before the forms are listed, negotiat* finds %v", got)
	}

	// Meanwhile: an import, an edit that moves an article in date order and
	// one of its text, and a delete, of articles the listing has not reached.
	added := addNegotiable(t, s)
	var ids []int64
	if err := s.eachRow(ctx, "SELECT id FROM articles ORDER BY id", nil, func(scan func(...any) error) error {
		var id int64
		err := scan(&id)
		ids = append(ids, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	moved := article.NewDate(time.Date(2019, 5, 4, 0, 0, 0, 0, time.UTC))
	if err := s.Edit(ctx, ids[len(ids)-2], MetadataEdit{Published: &moved}); err != nil {
		t.Fatal(err)
	}

	calls, err := indexWordsStopped(s)
	if !errors.Is(err, context.Canceled) || len(calls) != 2 || calls[1][0] != 2 {
		t.Fatalf("interrupted: %v, progress %v", err, calls)
	}
	if p, _ := s.WordsPending(ctx); !p {
		t.Fatal("interrupted, the words are not pending")
	}
	if err := s.SetNote(ctx, ids[len(ids)-3], "Renegotiated, reportedly."); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, ids[len(ids)-4]); err != nil {
		t.Fatal(err)
	}
	if got := newestIDs(t, s, "negotiat*"); slices.Contains(got, added) {
		t.Errorf("while the forms are listed, negotiat* finds #%d (negotiable only)", added)
	}
	if err := s.IndexWords(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if p, err := s.WordsPending(ctx); err != nil || p {
		t.Fatalf("listed, words pending = %v, %v", p, err)
	}
	if !s.formsReady(ctx) {
		t.Fatal("listed, the forms index is not ready")
	}
	checkForms(t, s, "listed")
	if got, want := tableWords(t, s), articleWords(t, s); !slices.Equal(got, want) {
		t.Errorf("the words table holds %d pairs, the articles %d", len(got), len(want))
	}

	// Every prefix exact, reading at most one article.
	s.limits.settleable = 1
	checkFixturePrefixes(t, s, "negotiat", "negotia", "negotiator", "renegotiat", "report", "reported", "ne", "mal", "bam", "coup")
	if err := s.IndexWords(ctx, func(int, int) { t.Error("progress when nothing is to do") }); err != nil {
		t.Error(err)
	}
}

// Edits and deletes keep the forms index right: a text changed, a date
// changed (a new doc key), a tag added (no change), articles deleted one
// and many at a time.
func TestFormsFollowEdits(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var items []NewArticle
	for i, body := range []string{
		"Reporters reported the strike.",
		"The report was negotiable.",
		"Making news: negotiations resumed.",
		"A new report on striking workers.",
		"Happy reporters, happier editors.",
	} {
		a := article.Article{Title: fmt.Sprintf("Story %d", i), Body: body, Language: "en",
			Published: article.NewDate(time.Date(2023, 1, 1+i, 0, 0, 0, 0, time.UTC)),
			File:      article.File{Name: fmt.Sprintf("s%d.txt", i), Format: "text"}}
		items = append(items, NewArticle{Article: a, Original: []byte(body)})
	}
	ids := addAll(t, s, items...)
	checkForms(t, s, "imported")
	if got := formsIndexed(t, s); len(got) == 0 {
		t.Fatal("the forms index is empty after an import")
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"a note", func() error { return s.SetNote(ctx, ids[0], "Reportedly renegotiated.") }},
		{"a note removed", func() error { return s.SetNote(ctx, ids[0], "") }},
		{"a title", func() error { title := "Strikes and makers"; return s.Edit(ctx, ids[1], MetadataEdit{Title: &title}) }},
		{"a date", func() error {
			d := article.NewDate(time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC))
			return s.Edit(ctx, ids[2], MetadataEdit{Published: &d})
		}},
		{"a tag", func() error { return s.SetTags(ctx, ids, []string{"work"}, nil) }},
		{"a delete", func() error { return s.Delete(ctx, ids[3]) }},
		{"deletes", func() error { return s.Delete(ctx, ids[0], ids[4]) }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkForms(t, s, st.name)
	}
	r, err := s.Search(ctx, Request{Query: "strikes*"})
	if err != nil || r.Total != 1 || r.Hits[0].ID != ids[1] {
		t.Errorf("strikes* after the title's edit: %+v, %v", r.Hits, err)
	}
}

// The set a settled query leaves out is asked for by the SQL function:
// the rows it holds are left out, the others kept, and a set no longer
// kept is an error, never a wrong answer.
func TestLeftOutCheck(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	defer func(n int) { leftOutListed = n }(leftOutListed)
	leftOutListed = 2
	check := strings.ReplaceAll(leftOutCheck([]int64{9, 3, 1 << 40}), matchedRow+"rowid", "value")
	if !strings.Contains(check, leftOutFunc) {
		t.Fatalf("three keys, at most two listed: %s", check)
	}
	var got []int64
	err := s.eachRow(ctx, "SELECT value FROM json_each('[1, 3, 9, 10, 1099511627776]') WHERE "+check, nil, func(scan func(...any) error) error {
		var v int64
		err := scan(&v)
		got = append(got, v)
		return err
	})
	if err != nil || !slices.Equal(got, []int64{1, 10}) {
		t.Errorf("kept %v, %v; want [1 10]", got, err)
	}
	for range leftOutKept {
		leftOutCheck([]int64{1, 2, 3})
	}
	err = s.eachRow(ctx, "SELECT value FROM json_each('[1]') WHERE "+check, nil, func(scan func(...any) error) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "search again") {
		t.Errorf("a set no longer kept: %v", err)
	}
}
