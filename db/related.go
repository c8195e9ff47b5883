package db

import (
	"container/heap"
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Related articles ("More like this"): an article's most distinctive words
// — frequent in it, rare in the archive — searched for together, ranked by
// the index's own bm25.

// Related-article tuning.
const (
	// relatedTerms is how many distinctive words are searched for.
	relatedTerms = 12
	// relatedCommonCap bounds the count of a word's articles: a word in
	// more is common, and left out. Counting stops there, so a common word
	// costs at most this many index entries, and the search ORs only rare
	// words: both stay fast at a million articles.
	relatedCommonCap = 1000
	// relatedTitleWeight counts a word of the headline as this many of the
	// body: headlines name what a story is about.
	relatedTitleWeight = 3
	// relatedLookups bounds how many words' frequencies are looked up, the
	// most frequent first: each lookup costs about a millisecond (FTS5
	// finds the word in every segment of the index), whatever the word.
	relatedLookups = 40
)

// relatedColumns are where words are counted and searched: the article's
// own text, not its byline, source or the user's note.
const relatedColumns = "{title subtitle body captions}"

// Related returns up to limit articles about what article id is about,
// best first, leaving out the article and its copies (its group). Hits have
// the start of the text as their snippet. ErrNotFound when the article
// does not exist.
func (s *Store) Related(ctx context.Context, id int64, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 10
	}
	var title, body string
	err := s.read.QueryRowContext(ctx, "SELECT title, body FROM articles WHERE id = ?", id).Scan(&title, &body)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("article #%d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("related to #%d: %w", id, describeReadError(s.path, err))
	}
	hits, err := s.related(ctx, id, title, body, limit)
	if err != nil && ctx.Err() == nil {
		err = fmt.Errorf("related to #%d: %w", id, describeReadError(s.path, err))
	}
	return hits, err
}

func (s *Store) related(ctx context.Context, id int64, title, body string, limit int) ([]Hit, error) {
	skip := map[int64]bool{id: true}
	copies, err := s.copiesOf(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	for _, c := range copies[id] {
		skip[c] = true
	}
	terms, err := s.distinctiveTerms(ctx, title, body)
	if err != nil || len(terms) == 0 {
		return nil, err
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = quote(t)
	}
	match := relatedColumns + " : (" + strings.Join(quoted, " OR ") + ")"
	ix, err := s.fts(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, ix.sql("SELECT rowid, "+ix.bm25()+" AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score LIMIT ?"),
		match, limit+len(skip))
	if err != nil {
		return nil, err
	}
	var found []page
	for rows.Next() {
		var p page
		if err := rows.Scan(&p.doc, &p.score); err != nil {
			rows.Close()
			return nil, err
		}
		found = append(found, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	docs := make([]int64, len(found))
	for i, p := range found {
		docs[i] = p.doc
	}
	ids, err := s.idsOfDocs(ctx, docs)
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, p := range found {
		if id, ok := ids[p.doc]; ok && !skip[id] && len(pages) < limit {
			pages = append(pages, p)
		}
	}
	hits, err := s.hits(ctx, query{}, pages, false, nil)
	if err != nil {
		return nil, err
	}
	if hits == nil {
		hits = []Hit{}
	}
	return hits, nil
}

// termCount is a word of the article and its weight there.
type termCount struct {
	word string // the form searched for: the most frequent one in the text
	tf   int
}

// distinctiveTerms picks the words of a text that best tell what it is
// about: tf × idf, with document frequencies counted in the index (up to
// relatedCommonCap). Words are taken in decreasing tf, and counting stops
// once no word left could score into the top relatedTerms even if it were
// in no other article: most words are never counted.
func (s *Store) distinctiveTerms(ctx context.Context, title, body string) ([]string, error) {
	cands := candidateTerms(title, body)
	if len(cands) == 0 {
		return nil, nil
	}
	ix, err := s.fts(ctx)
	if err != nil {
		return nil, err
	}
	var total sql.NullInt64
	if err := s.read.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = 'articles'").Scan(&total); err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	n := float64(max(total.Int64, 2))
	maxIDF := math.Log(1 + n/2) // a word in this article and one other
	best := &scoreHeap{}
	for i, c := range cands {
		if i == relatedLookups || best.Len() == relatedTerms && float64(c.tf)*maxIDF <= (*best)[0].score {
			break // nor can any after it: tf only falls
		}
		var df int
		err := s.read.QueryRowContext(ctx, ix.sql("SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)"),
			quote(c.word), relatedCommonCap).Scan(&df)
		if err != nil {
			if isQuerySyntaxError(err) {
				continue
			}
			return nil, err
		}
		if df < 2 || df >= relatedCommonCap {
			continue // in no other article, or in too many to tell
		}
		score := float64(c.tf) * math.Log(1+n/float64(df))
		if best.Len() < relatedTerms {
			heap.Push(best, scored{c.word, score})
		} else if score > (*best)[0].score {
			(*best)[0] = scored{c.word, score}
			heap.Fix(best, 0)
		}
	}
	out := make([]string, best.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(best).(scored).word
	}
	return out, nil
}

type scored struct {
	word  string
	score float64
}

// scoreHeap is a min-heap: the weakest of the best words on top.
type scoreHeap []scored

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return h[i].score < h[j].score }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// candidateTerms are the text's words that could tell what it is about —
// no stop words, numbers or words under three letters — with their
// frequency (headline words weigh more), most frequent first. Forms of a
// word (mali's, negotiations/negotiation) are counted together.
func candidateTerms(title, body string) []termCount {
	type form struct {
		tf    int
		forms map[string]int
	}
	byKey := map[string]*form{}
	var order []string
	add := func(text string, weight int) {
		for _, w := range relatedWords(text) {
			k := lightStem(w)
			f := byKey[k]
			if f == nil {
				f = &form{forms: map[string]int{}}
				byKey[k] = f
				order = append(order, k)
			}
			f.tf += weight
			f.forms[w]++
		}
	}
	add(title, relatedTitleWeight)
	add(body, 1)
	out := make([]termCount, 0, len(order))
	for _, k := range order {
		f := byKey[k]
		word, most := "", 0
		for w, n := range f.forms {
			if n > most || (n == most && w < word) {
				word, most = w, n
			}
		}
		out = append(out, termCount{word: word, tf: f.tf})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].tf > out[j].tf })
	return out
}

// relatedWords splits text into lower-case words without accents, leaving
// out stop words, short words and words with digits.
func relatedWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) }) {
		if strings.IndexFunc(w, unicode.IsNumber) >= 0 {
			continue
		}
		w = strings.ToLower(stripMarks(w))
		if len([]rune(w)) < 3 || relatedStopWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func stripMarks(w string) string {
	if isASCII(w) {
		return w
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// lightStem merges the common inflections of an English word, to count its
// forms as one: plurals, -ing, -ed. The index's Porter stemmer does the
// real work when the word is searched for.
func lightStem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	}
	return w
}

// relatedStopWords are words that say nothing of what a story is about:
// function words, and the words of every news story (said, year, Monday).
var relatedStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a about above across after again against ago all almost along already also although always am among an and
		another any anyone anything are around as at away back be became because become been before being below
		between both but by came can cannot could did do does doing done down during each either else enough even
		ever every few for from further get gets getting give given gives go goes going gone got had has have
		having he her here hers herself him himself his how however if in including instead into is it its itself
		just last least less let like made make makes making many may me might more most much must my myself near
		nearly neither never new next no nor not now of off often on once one only onto or other others otherwise
		our ours ourselves out over own per perhaps put rather really said same say saying says see seen several
		shall she should since so some still such take taken than that the their theirs them themselves then there
		these they this those though through thus to together too took toward towards under until up upon us very
		via was way we well were what whatever when where whether which while who whom whose why will with within
		without would yet you your yours yourself
		according added asked told tells called call calls week weeks year years month months day days today
		yesterday tomorrow time times percent cent first second third two three four five six seven eight nine ten
		hundred thousand million billion monday tuesday wednesday thursday friday saturday sunday january february
		march april june july august september october november december mr mrs ms dr people part place end set
		including include includes included news report reported reports statement spokesman spokeswoman
		spokesperson official officials told earlier later late early recent recently based known`) {
		m[w] = true
	}
	return m
}()
