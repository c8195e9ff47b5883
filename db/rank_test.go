package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/testcorpus"
	querylang "github.com/clippings/clippings/query"
)

// devCorpusStore stores the pages of both extraction corpora as articles:
// their checked titles and bodies, the site as source, the json-ld author
// and publication day where the page has them.
func devCorpusStore(t testing.TB) *Store {
	t.Helper()
	s := openTemp(t)
	var items []NewArticle
	for _, corpus := range []string{testcorpus.Dev, testcorpus.Dev2} {
		files, err := filepath.Glob(filepath.Join(testcorpus.Dir(t, corpus), "truth", "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no pages (%v)", corpus, err)
		}
		for i, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var page struct {
				URL, Title, Body string
				Meta             struct {
					Date   any `json:"date_published"`
					Author any `json:"author"`
				} `json:"publisher_metadata"`
			}
			if err := json.Unmarshal(b, &page); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			a := article.Article{Title: page.Title, Body: page.Body}
			if u, err := url.Parse(page.URL); err == nil {
				a.Source = u.Hostname()
			}
			// The first's metadata is by kind (json-ld author: [...]), the
			// second's a plain value.
			author, day := page.Meta.Author, page.Meta.Date
			if m, ok := author.(map[string]any); ok {
				author = m["json-ld author"]
			}
			switch v := author.(type) {
			case string:
				a.Authors = []string{v}
			case []any:
				for _, n := range v {
					if n, ok := n.(string); ok {
						a.Authors = append(a.Authors, n)
					}
				}
			}
			if m, ok := day.(map[string]any); ok {
				day = m["json-ld datePublished"]
			}
			published, _ := day.(string)
			if a.Published, err = article.ParseDate(published[:min(10, len(published))]); err != nil || published == "" {
				a.Published, _ = article.ParseDate(fmt.Sprintf("%d-%02d-15", 2005+i%15, 1+i%12))
			}
			a.Words = len(strings.Fields(a.Body))
			a.File = article.File{Name: filepath.Base(f), Format: "text", Size: int64(len(a.Body)), SHA256: strings.TrimSuffix(filepath.Base(f), ".json")}
			items = append(items, NewArticle{Article: a})
		}
	}
	res, err := s.Add(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range res {
		if r.Err == nil {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 100 {
		t.Fatalf("%d of %d pages stored", len(ids), len(items))
	}
	// A tag on every third article, for a query with a filter.
	var tagged []int64
	for i := 0; i < len(ids); i += 3 {
		tagged = append(tagged, ids[i])
	}
	if err := s.SetTags(context.Background(), tagged, []string{"later"}, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// devQueries are queries of every kind the language has, made from the
// corpus's own words at several document frequencies, so that they match
// what is there without naming it.
func devQueries(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	if _, err := s.write.ExecContext(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, articles_fts, row)"); err != nil {
		t.Fatal(err)
	}
	// Words of letters, by how many articles hold them, most first.
	rows, err := s.write.QueryContext(ctx, "SELECT term FROM temp.vocab WHERE term GLOB '[a-z][a-z][a-z]*' AND term NOT GLOB '*[^a-z]*' ORDER BY doc DESC, term")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for rows.Next() {
		var w string
		rows.Scan(&w)
		words = append(words, w)
	}
	rows.Close()
	if len(words) < 2000 {
		t.Fatalf("%d words in the corpus's index", len(words))
	}
	// Adjacent words of a body, for phrases (the second of short common
	// words), and a word of its title.
	var title, body string
	if err := s.write.QueryRowContext(ctx, "SELECT title, body FROM articles ORDER BY id LIMIT 1 OFFSET 7").Scan(&title, &body); err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(strings.ToLower(body))
	phrase, commonPhrase := `"`+strings.Join(f[10:12], " ")+`"`, ""
	for i := 1; i < len(f) && commonPhrase == ""; i++ {
		if len(f[i-1]) <= 3 && len(f[i]) <= 3 && querylang.HasWordRune(f[i-1]) && querylang.HasWordRune(f[i]) {
			commonPhrase = `"` + f[i-1] + " " + f[i] + `"`
		}
	}
	var titleWord string
	for _, tw := range strings.Fields(strings.ToLower(title)) {
		if len(tw) > len(titleWord) && !strings.ContainsFunc(tw, func(r rune) bool { return !isWordRune(r) }) {
			titleWord = tw
		}
	}
	common, mid, rare, rarer := words[0], words[30], words[300], words[1500]
	other := words[31]
	return []string{
		common, mid, rare, rarer, // one word at four frequencies
		mid + " " + rare, common + " " + mid, // two words
		common + " " + other + " " + rare, // three
		phrase, phrase + " " + mid,        // a phrase, and with a word
		commonPhrase,                         // a phrase of short common words
		mid[:3] + "*", rare[:3] + "* " + mid, // prefixes
		"title:" + titleWord, "title:" + titleWord + " " + common, // a field
		mid + " OR " + rare, "(" + mid + " OR " + rare + ") " + common, // OR
		mid + " -" + rare, mid + " -(" + rare + " " + other + ")", // NOT, and NOT of an AND
		"(" + mid + " -" + rare + ") OR " + other,            // NOT under OR
		mid + " tag:later", mid + " " + rare + " -tag:later", // filters weigh nothing
		mid + " after:2015-01-01", mid + " " + other + " before:2016-06", // dates
	}
}

// The ranking is FTS5's bm25 where both run: on the dev corpus, for every
// kind of query, the same articles in the same order with the same scores
// (bit for bit: the same formula, the same IDFs, counted exactly on an
// archive this size). A query of one weighted phrase with a date filter
// takes its IDF from the search's count, which only scales the scores: the
// order is compared there.
// bm25Hits are the matches of q by FTS5's own bm25, best first, with its
// scores (higher better, as Hit.Score).
func bm25Hits(t *testing.T, s *Store, q query) []Hit {
	t.Helper()
	lo, hi := q.docRange()
	rows, err := s.read.QueryContext(context.Background(), q.ix.sql("SELECT a.id, "+q.ix.bm25()+" AS score FROM articles_fts JOIN articles a ON a.doc = articles_fts.rowid"+
		" WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND articles_fts.rowid < ? ORDER BY score, articles_fts.rowid"), q.match, lo, hi)
	if err != nil {
		t.Fatalf("%s: %v", q.match, err)
	}
	defer rows.Close()
	var want []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Score); err != nil {
			t.Fatal(err)
		}
		h.Score = -h.Score
		want = append(want, h)
	}
	return want
}

func TestRankingIsBM25(t *testing.T) {
	s := devCorpusStore(t)
	ctx := context.Background()
	for _, text := range devQueries(t, s) {
		q := s.parse(ctx, text)
		want := bm25Hits(t, s, q)
		if len(want) == 0 {
			t.Errorf("%s (%s): matches nothing; the test needs matches", text, q.match)
			continue
		}
		res, err := s.Search(ctx, Request{Query: text, Sort: Relevance, Limit: 1000})
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if res.ByDate {
			t.Fatalf("%s: listed by date", text)
		}
		exact := q.after.IsZero() && q.before.IsZero()
		if len(res.Hits) != len(want) {
			t.Errorf("%s: %d hits, bm25 %d", text, len(res.Hits), len(want))
			continue
		}
		for i, h := range res.Hits {
			if h.ID != want[i].ID || exact && h.Score != want[i].Score {
				t.Errorf("%s (%s): hit %d is #%d scored %v, bm25 #%d scored %v", text, q.match, i, h.ID, h.Score, want[i].ID, want[i].Score)
				break
			}
		}
		t.Logf("%-40s %4d hits, as bm25", text, len(want))
	}
}

// Every expression the query renderer writes is read as FTS5 reads it:
// as many phrases as FTS5 numbers, or clippings_bm25 would count the IDFs
// itself, as bm25 does (slowly), for random queries of every kind.
func TestRankPlanReadsEveryExpression(t *testing.T) {
	s := devCorpusStore(t)
	ctx := context.Background()
	w := devQueries(t, s)
	pieces := []string{w[1], w[2], w[3] + "*", w[7], "title:" + w[1], "author:" + w[2], "-" + w[3], "OR", "(", ")",
		"NOT", "tag:later", "-is:read", "is:starred", "lang:fr", "after:2015", "0days", `"a ""b"" c"`, "ma*", "é*", "x-ray", "AND"}
	checked := 0
	before := rankFallbacks.Load()
	for seed := range 600 {
		var parts []string
		for k := range 1 + seed%6 {
			parts = append(parts, pieces[(seed*7+k*13+seed/5)%len(pieces)])
		}
		text := strings.Join(parts, " ")
		q := s.parse(ctx, text)
		if q.match == "" {
			continue
		}
		phrases, ok := ftsPhrases(q.match)
		if !ok {
			t.Errorf("%q: %s not read", text, q.match)
			continue
		}
		var score float64
		err := s.read.QueryRowContext(ctx, "SELECT "+rankFunction+"(articles_fts, NULL, ?) FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1",
			make([]byte, 8*(1+len(q.ix.columns)+len(phrases))), q.match).Scan(&score)
		switch {
		case err == nil:
			checked++
		case !errors.Is(err, sql.ErrNoRows):
			t.Errorf("%q: %v", text, err)
		}
		if n := rankFallbacks.Load(); n != before {
			t.Errorf("%q: %s read as %d phrases, not as FTS5 reads it", text, q.match, len(phrases))
			before = n
		}
	}
	if checked < 100 {
		t.Errorf("only %d queries matched anything", checked)
	}
}

// A first page ranked by relevance looks up the length only of the rows
// that may be on it (see rankPrune): its hits and scores are still bm25's
// first, and the next page (scored in full) follows on from it, for every
// kind of query on the dev corpus, pages of 1 to 10, counted with a budget
// (the window) and without (the command line: a phrase's count is made in
// its ranking walk). Its snippets, made from what the ranking read (see
// walkedSnippets), are those FTS5 finds for the same rows.
func TestFirstPageRanksAsBM25WithoutEveryLength(t *testing.T) {
	s := devCorpusStore(t)
	ctx := context.Background()
	bounded, snipped := rankBounded.Load(), walkedPages.Load()
	for _, budget := range []time.Duration{ScanBudget, 0} {
		s.SetScanBudget(budget)
		for _, text := range devQueries(t, s) {
			q := s.parse(ctx, text)
			want := bm25Hits(t, s, q)
			exact := q.after.IsZero() && q.before.IsZero()
			for _, n := range []int{1, 3, 10} {
				if len(want) <= 2*n {
					continue
				}
				first, err := s.Search(ctx, Request{Query: text, Sort: Relevance, Limit: n})
				if err != nil {
					t.Fatalf("%s: %v", text, err)
				}
				next, err := s.Search(ctx, Request{Query: text, Sort: Relevance, Limit: n, Cursor: first.Next})
				if err != nil {
					t.Fatalf("%s: %v", text, err)
				}
				sameSnippets(t, s, q, first.Hits)
				got := append(first.Hits, next.Hits...)
				if first.ByDate || len(got) != 2*n {
					t.Fatalf("%s (budget %v): %d hits, by date %v", text, budget, len(got), first.ByDate)
				}
				for i, h := range got {
					if h.ID != want[i].ID || exact && h.Score != want[i].Score {
						t.Errorf("%s (%s, budget %v, pages of %d): hit %d is #%d scored %v, bm25 #%d scored %v", text, q.match, budget, n, i, h.ID, h.Score, want[i].ID, want[i].Score)
						break
					}
				}
			}
		}
	}
	if rankBounded.Load() == bounded {
		t.Error("no row was left out by its bound: the test does not reach the pruning")
	}
	if walkedPages.Load() == snipped {
		t.Error("no page's snippets were made from its ranking")
	}
}

// sameSnippets checks hits' snippets against those FTS5 finds for the
// same rows (clippings_snippet, each row looked up).
func sameSnippets(t *testing.T, s *Store, q query, hits []Hit) {
	t.Helper()
	ctx := context.Background()
	pages := make([]page, len(hits))
	for i, h := range hits {
		if err := s.read.QueryRowContext(ctx, "SELECT doc FROM articles WHERE id = ?", h.ID).Scan(&pages[i].doc); err != nil {
			t.Fatal(err)
		}
		pages[i].score = -h.Score
	}
	want, err := s.hits(ctx, q, pages, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range hits {
		if hits[i].Snippet != want[i].Snippet {
			t.Errorf("%s: #%d: snippet %q, FTS5 finds %q", q.match, hits[i].ID, hits[i].Snippet, want[i].Snippet)
		}
	}
}
