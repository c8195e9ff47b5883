// Package bench measures Clippings at scale: it writes deterministic
// synthetic articles, imports them through the real import path, and times
// a fixed mix of searches.
package bench

import (
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// commonWords are real English words in rough frequency order, so queries for
// "the" or "government" behave as they would on real news.
var commonWords = strings.Fields(`the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three
	government president minister country police city week month party election security army officials court people report market price company bank economy oil water health school children women family war peace talks deal crisis military forces region capital border leaders power vote law group members council trade growth prices workers union plan support public national international foreign economic political social local federal central northern southern eastern western according spokesman statement agency news press conference interview sources told reporters announced warned called urged denied confirmed expected reported killed arrested released protest protesters troops attack fighting ceasefire negotiations agreement summit meeting minister's`)

// sources are the publications articles come from.
var sources = []string{"Reuters", "Associated Press", "Agence France-Presse", "BBC News", "The Guardian",
	"Le Monde", "Al Jazeera", "The New York Times", "The Washington Post", "Financial Times", "Bloomberg",
	"The Economist", "Deutsche Welle", "Anadolu Agency", "The Times of India", "The Hindu", "Daily Nation",
	"Mail & Guardian", "Premium Times", "Jeune Afrique", "El País", "Der Spiegel", "NPR", "CNN", "Politico"}

var firstNames = strings.Fields("Maria John Amina Ibrahim Sarah David Fatou Chen Olga Pedro Aisha James Elena Kofi Yuki Omar Laura Ahmed Nadia Paul")
var lastNames = strings.Fields("Lopez Smith Diallo Keita Johnson Traore Wang Petrova Silva Bello Brown Rossi Mensah Tanaka Haddad Martin Okafor Khan Dubois Walker")

// Corpus makes synthetic articles. The same seed gives the same articles.
type Corpus struct {
	seed  uint64
	vocab []string  // common words first, then invented rarer ones
	cdf   []float64 // Zipf cumulative distribution over vocab
}

// VocabularySize is the number of distinct words, enough for a realistic
// long tail of rare words.
const VocabularySize = 60000

// NewCorpus builds the vocabulary and its Zipf distribution (s = 1.07, close
// to English).
func NewCorpus(seed uint64) *Corpus {
	c := &Corpus{seed: seed}
	seen := map[string]bool{}
	for _, w := range commonWords {
		if !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	r := rand.New(rand.NewPCG(seed, 1))
	for len(c.vocab) < VocabularySize {
		w := inventWord(r)
		if !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	c.cdf = make([]float64, len(c.vocab))
	sum := 0.0
	for i := range c.vocab {
		sum += 1 / math.Pow(float64(i+1), 1.07)
		c.cdf[i] = sum
	}
	for i := range c.cdf {
		c.cdf[i] /= sum
	}
	return c
}

var (
	onsets = strings.Fields("b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr bl cl fl gl pl sl st sp sk ch sh th")
	nuclei = strings.Fields("a e i o u ai ea ee oo ou ie")
	codas  = append(strings.Fields("n r s t l m nd nt st rd ck ng"), "")
)

// inventWord makes a pronounceable word of two or three syllables.
func inventWord(r *rand.Rand) string {
	var b strings.Builder
	for range 2 + r.IntN(2) {
		b.WriteString(onsets[r.IntN(len(onsets))])
		b.WriteString(nuclei[r.IntN(len(nuclei))])
	}
	b.WriteString(codas[r.IntN(len(codas))])
	return b.String()
}

// Word returns the vocabulary word of rank i (0 is the most common).
func (c *Corpus) Word(i int) string { return c.vocab[i] }

func (c *Corpus) word(r *rand.Rand) string {
	u := r.Float64()
	lo, hi := 0, len(c.cdf)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if c.cdf[mid] < u {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return c.vocab[lo]
}

// Article is one synthetic article.
type Article struct {
	Title, Author, Source string
	Published             time.Time
	Paragraphs            []string
}

// dateRange is twenty years of news.
var (
	firstDay = time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	days     = 20 * 365
)

// Article returns article i: 500–900 words in paragraphs of 40–120 words.
func (c *Corpus) Article(i int) Article {
	r := rand.New(rand.NewPCG(c.seed, uint64(i)+2))
	a := Article{
		Author:    firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))],
		Source:    sources[r.IntN(len(sources))],
		Published: firstDay.AddDate(0, 0, r.IntN(days)),
	}
	title := make([]string, 6+r.IntN(7))
	for j := range title {
		title[j] = c.word(r)
	}
	title[0] = capitalise(title[0])
	// A number makes every headline unique, as real headlines nearly are.
	a.Title = strings.Join(title, " ") + fmt.Sprintf(" (%d)", i)
	words := 500 + r.IntN(401)
	for words > 0 {
		n := min(words, 40+r.IntN(81))
		if words-n < 40 {
			n = words // no stub of a last paragraph
		}
		words -= n
		a.Paragraphs = append(a.Paragraphs, c.sentences(r, n))
	}
	return a
}

// sentences writes n words as sentences of 8–30 words.
func (c *Corpus) sentences(r *rand.Rand, n int) string {
	var b strings.Builder
	for n > 0 {
		k := min(n, 8+r.IntN(23))
		n -= k
		for j := range k {
			w := c.word(r)
			if j == 0 {
				w = capitalise(w)
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteByte('.')
	}
	return b.String()
}

func capitalise(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// Text renders the article as text copied from a news page.
func (a Article) Text() string {
	var b strings.Builder
	b.WriteString(a.Title)
	b.WriteString("\n\nBy ")
	b.WriteString(a.Author)
	b.WriteString("\n")
	b.WriteString(a.Source)
	b.WriteString(" · Published ")
	b.WriteString(a.Published.Format("2 January 2006"))
	b.WriteString("\n\n")
	for _, p := range a.Paragraphs {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.String()
}

// HTML renders the article as a saved news page: navigation, a cookie
// banner, share buttons, related links and a footer around the story, and
// its metadata in JSON-LD and OpenGraph, as real pages carry them.
func (a Article) HTML() string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>%s - %s</title>
<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">
<meta name="author" content="%s"><meta property="article:published_time" content="%s">
<script type="application/ld+json">{"@type":"NewsArticle","headline":%q,"datePublished":"%s","author":{"@type":"Person","name":%q},"publisher":{"@type":"Organization","name":%q}}</script>
<link rel="stylesheet" href="/static/site.css"></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>%s</h1><p class="byline">By %s · %s</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
`, esc(a.Title), esc(a.Source), esc(a.Title), esc(a.Source), esc(a.Author), a.Published.Format("2006-01-02T15:04:05Z"),
		a.Title, a.Published.Format("2006-01-02"), a.Author, a.Source, esc(a.Title), esc(a.Author), a.Published.Format("2 January 2006"))
	for _, p := range a.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString(`</article><aside><h2>Related</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Ten things to know today</a></li><li><a href="/c">Weather: rain expected</a></li></ul></aside></main>
<footer><p>© 2024 Example Media. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>
`)
	return b.String()
}

// WriteFiles writes articles from..from+n-1 of the corpus into dir as the
// files a person would drop on the window: every fourth a saved web page,
// the rest copied text. Articles far past those an archive was built from
// (bench builds from 0) are new to it.
func (c *Corpus) WriteFiles(dir string, from, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	for i := from; i < from+n; i++ {
		a := c.Article(i)
		name, data := "a"+strconv.Itoa(i)+".txt", a.Text()
		if i%4 == 0 {
			name, data = "p"+strconv.Itoa(i)+".html", a.HTML()
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return fmt.Errorf("bench: write %s: %w", name, err)
		}
	}
	return nil
}
