package db

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/testcorpus"
)

// corpusArticles stores the dev corpora's articles (their human-written
// truth) and returns each one's words, by id, lower-cased as written.
func corpusArticles(t *testing.T, s *Store, extra ...article.Article) map[int64][]string {
	t.Helper()
	var items []NewArticle
	for i, a := range extra {
		a.File = article.File{Name: fmt.Sprintf("extra%d.txt", i), Format: "text"}
		items = append(items, NewArticle{Article: a, Original: []byte(a.Title + "\n\n" + a.Body)})
	}
	for _, name := range []string{testcorpus.Dev, testcorpus.Dev2} {
		for _, truth := range testcorpus.Truths(t, name) {
			items = append(items, NewArticle{Article: article.Article{
				Title: truth.Title, Body: truth.Body, Language: "en",
				Published: article.NewDate(time.Date(2020, 1, 1+len(items)%300, 0, 0, 0, 0, time.UTC)),
				File:      article.File{Name: truth.File, Format: "text"},
			}, Original: []byte(truth.Title + "\n\n" + truth.Body)})
		}
	}
	res, err := s.Add(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	words := map[int64][]string{}
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", items[i].Article.File.Name, r.Err)
		}
		a := items[i].Article
		words[r.ID] = strings.FieldsFunc(withoutAccents(strings.ToLower(a.Title+" "+a.Body)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	}
	return words
}

// withoutAccents is s without its combining marks: the index ignores
// accents (américa is america).
func withoutAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Every article a prefix search finds holds a word starting with the
// prefix as written — bankr* does not find "bank", bann* not "ban" — and
// it finds every article holding one. The prefixes are the and,
// for the general case, the first letters of every 40th long word of the
// corpora, cut where suffixes start (negotiat- of negotiations).
func TestPrefixFindsWordsWithThePrefix(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	// The corpora hold no "bankr": two stories of the kind.
	words := corpusArticles(t, s,
		article.Article{Title: "Bank raises rates", Body: "The central bank raised its rates and banks followed; a ban on bonuses was lifted.", Language: "en"},
		article.Article{Title: "Airline files for bankruptcy", Body: "The carrier went bankrupt after the banned flights.", Language: "en"})
	vocab := map[string]bool{}
	for _, ws := range words {
		for _, w := range ws {
			if len(w) >= 8 && strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsDigit(r) }) < 0 {
				vocab[w] = true
			}
		}
	}
	sorted := make([]string, 0, len(vocab))
	for w := range vocab {
		sorted = append(sorted, w)
	}
	sort.Strings(sorted)
	prefixes := map[string]bool{"bankr": true, "bann": true, "negotiat": true, "bank": true, "elect": true}
	for i := 0; i < len(sorted); i += 40 {
		for _, cut := range []int{2, 3, 4} {
			prefixes[sorted[i][:len(sorted[i])-cut]] = true
		}
	}
	holding := func(p string) map[int64]bool {
		out := map[int64]bool{}
		for id, ws := range words {
			for _, w := range ws {
				if strings.HasPrefix(w, p) {
					out[id] = true
					break
				}
			}
		}
		return out
	}
	wrong, missed, checked := 0, 0, 0
	for p := range prefixes {
		res, err := s.Search(ctx, Request{Query: p + "*", Limit: 1000})
		if err != nil {
			t.Fatalf("%s*: %v", p, err)
		}
		want := holding(p)
		found := map[int64]bool{}
		for _, h := range res.Hits {
			found[h.ID] = true
			if !want[h.ID] {
				wrong++
				t.Errorf("%s* finds #%d %q, which holds no word starting with %q", p, h.ID, h.Title, p)
			}
		}
		for id := range want {
			if !found[id] {
				missed++
				t.Logf("%s* misses #%d", p, id)
			}
		}
		if res.Total != len(res.Hits) {
			t.Errorf("%s*: total %d, %d hits", p, res.Total, len(res.Hits))
		}
		checked++
	}
	t.Logf("%d prefixes over %d articles: %d hits without the prefix, %d articles with it not found", checked, len(words), wrong, missed)
	if missed > 0 {
		t.Errorf("%d articles holding a word with the prefix were not found", missed)
	}
	if len(holding("negotiat")) == 0 || len(holding("bankr")) == 0 {
		t.Errorf("the corpora no longer hold the issue's words: the test says less (negotiat %d, bankr %d)", len(holding("negotiat")), len(holding("bankr")))
	}
}

// A prefix with more candidate articles than may be read is not checked:
// it matches its stems as before checks, shorter ones too, rather than
// failing as too broad; with fewer, it is checked.
func TestPrefixWithTooManyCandidatesMatchesItsStems(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	corpusArticles(t, s,
		article.Article{Title: "Bank raises rates", Body: "The central bank raised its rates.", Language: "en"},
		article.Article{Title: "Airline files for bankruptcy", Body: "The carrier went bankrupt.", Language: "en"})
	titles := func() []string {
		res, err := s.Search(ctx, Request{Query: "bankr*", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Title)
		}
		sort.Strings(out)
		return out
	}
	if got := titles(); len(got) != 1 || got[0] != "Airline files for bankruptcy" {
		t.Errorf("checked: bankr* finds %q, want the bankruptcy only", got)
	}
	var candidates int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ban*'").Scan(&candidates); err != nil {
		t.Fatal(err)
	}
	s.limits.checkable = candidates - 1
	if got := titles(); !slices.Contains(got, "Bank raises rates") || !slices.Contains(got, "Airline files for bankruptcy") {
		t.Errorf("over %d candidates: bankr* finds %q, want its stems' articles (bank too)", s.limits.checkable, got)
	}
}
