package neardup_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/bench"
	"github.com/clippings/clippings/internal/testcorpus"
	"github.com/clippings/clippings/neardup"
)

// The grouping evaluation: base stories, copies of them with the edits
// outlets make, and hard negatives (unrelated articles sharing an outlet's
// boilerplate, follow-up stories reusing a paragraph or two), grouped exactly
// as a store does it, scored by pairwise precision and recall over same-story
// pairs.

// target is the bar for both precision and recall.
const target = 0.95

// story is a base text before any edit.
type story struct {
	title string
	paras []string
}

// doc is one text of the evaluation set and the story it tells.
type doc struct {
	text  string
	story int
	kind  string // "original", "copy" or "follow-up", for the mistakes log
}

// outlet is a publication with its own byline style and boilerplate.
type outlet struct {
	name   string
	boiler []string
}

var outlets = []outlet{
	{"Daily Courier", []string{
		"Read more: Full coverage of this story and others on our website.",
		"Subscribe to the Daily Courier newsletter to get the day's top stories in your inbox every morning.",
		"© 2024 Daily Courier. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
	}},
	{"Northern Herald", []string{
		"Sign up for our free morning briefing and never miss a story.",
		"Copyright Northern Herald Media Group. Reproduction without permission is prohibited.",
		"Have a news tip? Contact our newsroom by e-mail or follow us on social media for the latest updates.",
	}},
	{"Wire Today", []string{
		"(Reporting by staff correspondents; Editing by the world desk)",
		"Our Standards: The Trust Principles.",
	}},
	{"The Metro Post", []string{
		"Read more", "Subscribe", "Advertisement",
		"This article originally appeared on the Metro Post and is republished here with permission. The views expressed are those of the author.",
	}},
	{"Coast Times", []string{
		"Like this story? Share it with a friend. Support independent journalism by becoming a member today for less than the price of a coffee a week.",
	}},
}

var bylineNames = strings.Split("Amina Diallo|Peter Olsen|Chen Wei|Laura Martínez|Kwame Mensah|Sofia Rossi|James O'Neill|Yuki Sato", "|")

// rewrite words put in place of a few words of a copy.
var rewriteWords = strings.Fields("says stated noted reported claimed officials authorities Tuesday Wednesday nearly about roughly several")

// makeDoc renders a story as an outlet publishes it: its headline, a byline,
// the kept paragraphs and, often, the outlet's boilerplate.
func makeDoc(r *rand.Rand, title string, paras []string, id int, boilerProb float64, kind string) doc {
	o := outlets[r.IntN(len(outlets))]
	var b strings.Builder
	b.WriteString(title)
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "By %s, %s\n\n", bylineNames[r.IntN(len(bylineNames))], o.name)
	body := slices.Clone(paras)
	if r.Float64() < boilerProb {
		// Boilerplate at the end, and sometimes a "Read more" in the middle.
		for _, p := range o.boiler[:1+r.IntN(len(o.boiler))] {
			if r.IntN(3) == 0 && len(body) > 2 {
				at := 1 + r.IntN(len(body)-1)
				body = slices.Insert(body, at, p)
			} else {
				body = append(body, p)
			}
		}
	}
	b.WriteString(strings.Join(body, "\n\n"))
	return doc{text: b.String(), story: id, kind: kind}
}

// copyOf makes an outlet's edit of s: changed headline, cut paragraphs,
// a moved paragraph, a few changed words (each with some probability).
func copyOf(r *rand.Rand, s story) (title string, paras []string) {
	title = s.title
	if words := strings.Fields(s.title); len(words) > 0 && r.Float64() < 0.7 {
		r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		title = strings.Join(append([]string{"UPDATE:"}, words[:max(1, len(words)*2/3)]...), " ")
	}
	paras = slices.Clone(s.paras)
	if r.Float64() < 0.6 && len(paras) >= 3 {
		cut := int(float64(len(paras)) * (0.1 + 0.3*r.Float64()))
		for range max(1, cut) {
			// Wire copies are cut mostly from the end, sometimes in the middle.
			at := len(paras) - 1
			if r.IntN(2) == 0 {
				at = 1 + r.IntN(len(paras)-1)
			}
			paras = slices.Delete(paras, at, at+1)
		}
	}
	if r.Float64() < 0.3 && len(paras) >= 3 {
		from := r.IntN(len(paras))
		p := paras[from]
		paras = slices.Delete(paras, from, from+1)
		paras = slices.Insert(paras, r.IntN(len(paras)+1), p)
	}
	if r.Float64() < 0.5 {
		for range 3 + r.IntN(6) {
			i := r.IntN(len(paras))
			words := strings.Fields(paras[i])
			if len(words) == 0 {
				continue
			}
			words[r.IntN(len(words))] = rewriteWords[r.IntN(len(rewriteWords))]
			paras[i] = strings.Join(words, " ")
		}
	}
	return title, paras
}

// buildSet makes the evaluation set from base stories, fillers (texts used
// only as the new material of follow-up stories) and briefs (short unrelated
// texts, always with boilerplate).
func buildSet(r *rand.Rand, bases, fillers, briefs []story) []doc {
	var docs []doc
	id := 0
	for _, s := range bases {
		docs = append(docs, makeDoc(r, s.title, s.paras, id, 0.5, "original"))
		for range 1 + r.IntN(4) {
			t, p := copyOf(r, s)
			docs = append(docs, makeDoc(r, t, p, id, 0.6, "copy"))
		}
		id++
	}
	// Follow-ups: a new story, of three paragraphs or more, that reuses one
	// or two paragraphs of an earlier one as background.
	for i, f := range fillers {
		s := bases[i%len(bases)]
		// It reuses one or two paragraphs, at most a third of the earlier
		// story: a text that holds most of another is an update of it.
		var shared []string
		for range 1 + r.IntN(2) {
			p := s.paras[r.IntN(len(s.paras))]
			if 3*wordCount(append(shared, p)) <= wordCount(s.paras) {
				shared = append(shared, p)
			}
		}
		if len(shared) == 0 {
			continue
		}
		// Its own material is at least three paragraphs and twice what it
		// reuses: a text mostly made of another is a copy of it.
		own := 3 + r.IntN(max(1, len(f.paras)-2))
		for own < len(f.paras) && wordCount(f.paras[:own]) < 2*wordCount(shared) {
			own++
		}
		if own > len(f.paras) || wordCount(f.paras[:own]) < 2*wordCount(shared) {
			continue
		}
		paras := slices.Clone(f.paras[:own])
		for _, p := range shared {
			paras = slices.Insert(paras, r.IntN(len(paras)+1), p)
		}
		docs = append(docs, makeDoc(r, f.title, paras, id, 0.5, fmt.Sprintf("follow-up of %d", i%len(bases))))
		id++
	}
	for _, b := range briefs {
		docs = append(docs, makeDoc(r, b.title, b.paras, id, 1, "brief"))
		id++
	}
	r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

func wordCount(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(strings.Fields(p))
	}
	return n
}

// result is what grouping a set measured.
type result struct {
	precision, recall float64
	tp, fp, fn        int
	candidates        int // Similar calls made on LSH candidates
	docs              int
	// missedByLSH counts same-story pairs that Similar accepts but that were
	// never candidates (and whose groups did not join another way).
	missedByLSH int
	// mistakes describes wrong joins and missed pairs, for tuning.
	mistakes []string
}

// evaluate groups docs incrementally as the store does, each new text
// compared only with the LSH candidates among earlier ones and joined (by
// union-find) to every group it is similar to.
func evaluate(docs []doc) result {
	sigs := make([]neardup.Signature, len(docs))
	index := map[int64][]int{}
	parent := make([]int, len(docs))
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var res result
	res.docs = len(docs)
	for i, d := range docs {
		parent[i] = i
		sigs[i] = neardup.Sign(d.text)
		seen := map[int]bool{}
		for _, k := range sigs[i].Bands() {
			for _, c := range index[k] {
				if seen[c] {
					continue
				}
				seen[c] = true
				res.candidates++
				if score, same := neardup.Similar(sigs[i], sigs[c]); same {
					parent[find(i)] = find(c)
					if docs[i].story != docs[c].story {
						res.mistakes = append(res.mistakes, fmt.Sprintf("joined: %s", describe(sigs[i], sigs[c], score, docs[i], docs[c])))
					}
				}
			}
			index[k] = append(index[k], i)
		}
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			truth := docs[i].story == docs[j].story
			got := find(i) == find(j)
			switch {
			case truth && got:
				res.tp++
			case !truth && got:
				res.fp++
			case truth && !got:
				res.fn++
				score, same := neardup.Similar(sigs[i], sigs[j])
				if same {
					res.missedByLSH++
				}
				res.mistakes = append(res.mistakes, fmt.Sprintf("missed: %s", describe(sigs[i], sigs[j], score, docs[i], docs[j])))
			}
		}
	}
	res.precision = float64(res.tp) / float64(max(1, res.tp+res.fp))
	res.recall = float64(res.tp) / float64(max(1, res.tp+res.fn))
	return res
}

func describe(a, b neardup.Signature, score float64, da, db doc) string {
	return fmt.Sprintf("containment %.2f jaccard %.2f shingles %d/%d: %d %s %.30q | %d %s %.30q",
		score, neardup.Jaccard(a, b), a.Shingles, b.Shingles, da.story, da.kind, da.text, db.story, db.kind, db.text)
}

func (r result) String() string {
	return fmt.Sprintf("%d texts: precision %.3f recall %.3f (pairs: %d right, %d wrongly joined, %d missed, %d of them missed by LSH); %.1f candidates per text",
		r.docs, r.precision, r.recall, r.tp, r.fp, r.fn, r.missedByLSH, float64(r.candidates)/float64(max(1, r.docs)))
}

// syntheticStories are bench corpus articles, always available.
func syntheticStories(c *bench.Corpus, from, n int) []story {
	out := make([]story, n)
	for i := range out {
		a := c.Article(from + i)
		out[i] = story{title: a.Title, paras: a.Paragraphs}
	}
	return out
}

func TestGroupingSynthetic(t *testing.T) {
	// The first set is the one the thresholds were tuned on; the second,
	// from other seeds and articles, was only run once they were fixed.
	for _, set := range []struct {
		name       string
		seed, from uint64
	}{{"synthetic (tuning)", 7, 0}, {"synthetic (held out)", 2024, 5000}} {
		c := bench.NewCorpus(set.seed)
		r := rand.New(rand.NewPCG(set.seed, 8))
		from := int(set.from)
		bases := syntheticStories(c, from, 150)
		fillers := syntheticStories(c, from+1000, 60)
		// Short unrelated briefs with boilerplate: the texts most at risk
		// of being joined by what they share.
		briefs := syntheticStories(c, from+2000, 40)
		for i := range briefs {
			briefs[i].paras = briefs[i].paras[:1]
		}
		res := evaluate(buildSet(r, bases, fillers, briefs))
		t.Logf("%s: %v", set.name, res)
		logMistakes(t, res)
		if res.precision < target || res.recall < target {
			t.Errorf("%s grouping below %.2f: %v", set.name, target, res)
		}
	}
}

// realStories reads the ground-truth article texts of the development set.
func realStories(t *testing.T) []story {
	truths := testcorpus.Truths(t, testcorpus.Dev)
	if len(truths) != 50 {
		t.Fatalf("the development set's truth: %d files, want 50", len(truths))
	}
	var out []story
	for _, truth := range truths {
		out = append(out, story{title: truth.Title, paras: neardup.Paragraphs(truth.Body)})
	}
	return out
}

func TestGroupingReal(t *testing.T) {
	stories := realStories(t)
	// Two pairs of the real pages report the same event independently
	// (WeWork investigated; South Dakota's anti-meth campaign): natural hard
	// negatives, kept in as bases in both sets.
	for _, set := range []struct {
		name    string
		seed    uint64
		fillers int // stories[fillers:fillers+14] are the follow-ups' own material
	}{{"real texts (tuning)", 11, 36}, {"real texts (held out)", 99, 0}} {
		var bases, fillers []story
		for i, s := range stories {
			if i >= set.fillers && i < set.fillers+14 {
				fillers = append(fillers, s)
			} else {
				bases = append(bases, s)
			}
		}
		r := rand.New(rand.NewPCG(set.seed, 12))
		res := evaluate(buildSet(r, bases, fillers, nil))
		t.Logf("%s: %v", set.name, res)
		logMistakes(t, res)
		if res.precision < target || res.recall < target {
			t.Errorf("%s grouping below %.2f: %v", set.name, target, res)
		}
	}
}

func logMistakes(t *testing.T, res result) {
	if testing.Verbose() {
		for _, m := range res.mistakes {
			t.Log(m)
		}
	}
}

// copiedPages makes a set of real pages, each three times as a reader
// would keep it: the article's text (the corpus's truth), the page copied
// from a browser (w3m) and its innerText, both with the page's navigation,
// notices and comments around the article. Each page is a story; pages of
// one site share their boilerplate.
func copiedPages(t *testing.T, corpora ...string) []doc {
	var docs []doc
	for _, name := range corpora {
		dir := testcorpus.Dir(t, name)
		for _, truth := range testcorpus.Truths(t, name) {
			id := len(docs)
			docs = append(docs, doc{text: truth.Body, story: id, kind: "truth"})
			base := strings.TrimSuffix(truth.File, ".json") + ".txt"
			for _, sub := range []string{"text", "text_innertext"} {
				b, err := os.ReadFile(filepath.Join(dir, sub, base))
				if err != nil {
					t.Fatal(err)
				}
				docs = append(docs, doc{text: string(b), story: id, kind: sub})
			}
		}
	}
	rand.New(rand.NewPCG(5, 6)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

// Copied pages group with their article's text when the article is most
// of what was copied: recall is what the copies' boilerplate allows
// (pages with long comment threads or menus stay apart, J < MinJaccard),
// precision what pages of one site sharing theirs allow. Measured: 0.971
// and 0.717, with whole MinHash values and with StoredBits alike.
func TestGroupingCopiedPages(t *testing.T) {
	res := evaluate(copiedPages(t, testcorpus.Dev, testcorpus.Dev2))
	t.Logf("copied pages: %v", res)
	logMistakes(t, res)
	if res.precision < target || res.recall < 0.7 {
		t.Errorf("copied pages grouped below precision %.2f, recall 0.70: %v", target, res)
	}
}
