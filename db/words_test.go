package db

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/clippings/clippings/article"
)

// v4Archive writes an archive at schema version 4 (Clippings before the
// words table), re-indexed as that version would have.
func v4Archive(t *testing.T, path string) {
	t.Helper()
	v1Archive(t, path)
	upgradeTo(t, path, 4, func(s *Store) {
		if err := s.Reindex(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	})
}

// upgradeTo opens an archive with the migrations up to version, does the
// work that version would have done, and closes it.
func upgradeTo(t *testing.T, path string, version int, work func(s *Store)) {
	t.Helper()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	s, err := open(context.Background(), path, ms[:version], Create)
	if err != nil {
		t.Fatal(err)
	}
	work(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := userVersion(t, path); got != version {
		t.Fatalf("prepared archive at version %d", got)
	}
}

// tableWords is the words table's pairs, sorted.
func tableWords(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	err := s.eachRow(context.Background(), "SELECT word, stem FROM words ORDER BY word", nil, func(scan func(...any) error) error {
		var w, st string
		err := scan(&w, &st)
		out = append(out, w+" "+st)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// articleWords is every word of the archive's texts with its stem, as the
// words table should hold them, sorted.
func articleWords(t *testing.T, s *Store) []string {
	t.Helper()
	var texts [][]string
	err := s.eachRow(context.Background(), "SELECT title, subtitle, authors, source, body, captions, note FROM articles", nil, func(scan func(...any) error) error {
		row := make([]string, 7)
		err := scan(&row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &row[6])
		texts = append(texts, row)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	found, err := wordsOfEach(texts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range mergeWords(found...) {
		out = append(out, w.word+" "+w.stem)
	}
	sort.Strings(out)
	return out
}

// newestIDs is the ids of the first 100 articles a query finds, newest
// first, sorted.
func newestIDs(t *testing.T, s *Store, q string) []int64 {
	t.Helper()
	r, err := s.Search(context.Background(), Request{Query: q, Sort: Newest, Limit: 100})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var ids []int64
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// indexWordsStopped lists words until the first batch is done, and
// returns the progress told and the error of the cancelled listing.
func indexWordsStopped(s *Store) ([][2]int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls [][2]int
	err := s.IndexWords(ctx, func(done, total int) {
		calls = append(calls, [2]int{done, total})
		if done > 0 {
			cancel()
		}
	})
	return calls, err
}

// openWordsPending opens an archive of an earlier format, its words still
// to be listed.
func openWordsPending(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if p, err := s.WordsPending(context.Background()); err != nil || !p {
		t.Fatalf("words pending = %v, %v", p, err)
	}
	return s
}

// addNegotiable imports an article holding a word of the stem negoti that
// does not start with negotiat.
func addNegotiable(t *testing.T, s *Store) int64 {
	t.Helper()
	return addAll(t, s, NewArticle{Article: article.Article{Title: "Terms", Body: "The terms are negotiable, Bamako says.", Language: "en",
		File: article.File{Name: "terms.txt", Format: "text"}}, Original: []byte("terms")})[0]
}

// checkFixturePrefixes checks that each prefix, in every place a query
// gives it, finds exactly the articles of the upgrade fixtures (and those
// added) that hold a word with it.
func checkFixturePrefixes(t *testing.T, s *Store, prefixes ...string) {
	t.Helper()
	words := map[int64][]string{}
	err := s.eachRow(context.Background(), "SELECT id, title || ' ' || subtitle || ' ' || authors || ' ' || source || ' ' || body || ' ' || captions || ' ' || note FROM articles", nil, func(scan func(...any) error) error {
		var (
			id   int64
			text string
		)
		err := scan(&id, &text)
		words[id] = strings.FieldsFunc(withoutAccents(strings.ToLower(text)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	all := set{}
	for id := range words {
		all[id] = true
	}
	w, v := found(t, s, "bamako"), found(t, s, "mali")
	for _, p := range prefixes {
		for _, form := range prefixForms {
			q := strings.NewReplacer("%s", p, "government", "bamako", "said", "mali").Replace(form.query)
			want, got := form.want(holding(words, p), w, v, all), found(t, s, q)
			if len(got.minus(want)) > 0 || len(want.minus(got)) > 0 {
				t.Errorf("%s: finds %v, want %v", q, got, want)
			}
		}
	}
}

// An archive of the previous version opens at once; its words are listed
// in the background, resuming where they stopped, while searches find as
// before the table (its prefixes checked) and imports add their words;
// once listed, the table holds every word of every article, and prefixes
// find exactly the articles holding a word with them.
func TestWordsListedAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	v4Archive(t, path)
	s := openWordsPending(t, path)
	if len(tableWords(t, s)) != 0 {
		t.Fatal("the upgrade listed words itself: it would hold the window at a million articles")
	}
	before := newestIDs(t, s, "negotiat*")
	if len(before) != 3 {
		t.Fatalf("before the words are listed, negotiat* finds %v", before)
	}
	added := addNegotiable(t, s)
	if !slices.Contains(tableWords(t, s), "negotiable negoti") {
		t.Error("an import while words are listed did not add its own")
	}

	defer func(n int) { backfillBatch = n }(backfillBatch)
	backfillBatch = 2
	calls, err := indexWordsStopped(s)
	if !errors.Is(err, context.Canceled) || len(calls) != 2 || calls[1] != [2]int{2, 7} {
		t.Fatalf("interrupted: %v, progress %v", err, calls)
	}
	if p, _ := s.WordsPending(ctx); !p {
		t.Fatal("interrupted, the words are not pending")
	}
	if err := s.IndexWords(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if p, err := s.WordsPending(ctx); err != nil || p {
		t.Fatalf("listed, words pending = %v, %v", p, err)
	}
	if got, want := tableWords(t, s), articleWords(t, s); !slices.Equal(got, want) {
		t.Errorf("the words table holds %d pairs, the articles %d", len(got), len(want))
	}

	if got := newestIDs(t, s, "negotiat*"); !slices.Equal(got, before) {
		t.Errorf("negotiat* finds %v, want %v (not #%d, negotiable)", got, before, added)
	}
	checkFixturePrefixes(t, s, "negotiat", "negotia", "ne", "mal", "bam", "coup")
	if err := s.IndexWords(ctx, func(int, int) { t.Error("progress when nothing is to do") }); err != nil {
		t.Error(err)
	}
}

// Editing a text adds its new words: a title changed to hold a word no
// article had is found by its prefix.
func TestEditAddsWords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := addAll(t, s, NewArticle{Article: article.Article{Title: "Rates", Body: "The bank raised its rates.", Language: "en",
		File: article.File{Name: "rates.txt", Format: "text"}}, Original: []byte("rates")})[0]
	if err := s.SetNote(ctx, id, "Quizzically filed."); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Search(ctx, Request{Query: "quizzical*"}); err != nil || r.Total != 1 {
		t.Errorf("a word of a note: %d hits, %v", r.Total, err)
	}
	if !slices.Contains(tableWords(t, s), "quizzically quizzic") {
		t.Errorf("the note's word is not listed: %v", tableWords(t, s))
	}
}
