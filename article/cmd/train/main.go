// Command train learns the model of copied text (article/textmodel.json)
// from the pool of web pages that scripts/pool renders as copied text:
//
//	go run ./article/cmd/train [-pool build/pool] [-out article/textmodel.json] [-cv]
//
// (make train). Each page's lines are labelled from the page itself: the
// HTML path (go-trafilatura) gives the headline and the body, and the
// benchmark's snippets correct the body (a line holding text the article
// must not contain is no body line; one holding text it must contain is).
// Paragraphs of the HTML extraction holding text the article must not
// contain are taken out of its body; pages whose HTML extraction misses
// most of what the article must contain are left out.
//
// A fifth of the sites, and every site of the extraction dev corpora, is
// held out: written to POOL/heldout for make score, never trained on. It
// reports 5-fold cross-validated figures on the rest, split by site
// (-cv=false skips them).
// Training is deterministic: the same pool gives the same file, byte for
// byte.
package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/clippings/clippings/article"
)

// devHosts are the sites of the extraction dev corpora: their pages in the
// pool are held out, so that the dev figures are on sites never trained on.
//
//go:embed devhosts.txt
var devHosts string

// spanGap is the model's SpanGap: what a line the body model rejects costs
// the body's span at least. Against the pool's silver truth (the HTML
// path's extraction, which keeps some comments and related links) cross-
// validation prefers 0, by a hair (mean F1 0.870 against 0.865); against
// the human truth of the dev corpora 0.25 is clearly better (readers'
// comments after the article stay out: extraction-dev's w3m F1 0.917 ->
// 0.938), and no worse elsewhere.
const spanGap = 0.25

// subsampleHeadlineOnly: -subsample-headline.
var subsampleHeadlineOnly bool

// trafilaturaModule holds the pool's pages that name no module
// (scripts/pool).
const trafilaturaModule = "github.com/markusmobius/go-trafilatura@v1.12.2"

// kinds are the two renderings of copied text.
var kinds = []string{"text", "text_innertext"}

// page is one page of the pool (scripts/pool's pages.json).
type page struct {
	ID      string   `json:"id"`
	Module  string   `json:"module"`
	File    string   `json:"file"`
	URL     string   `json:"url"`
	With    []string `json:"with"`
	Without []string `json:"without"`

	group      string               // the site, for splitting
	noHeadline bool                 // left out of the headline model's training (-subsample-headline)
	truth      truth                // from the HTML path
	titles     article.PageTitles   // the page's headings and declared titles
	texts      map[string]string    // kind -> copied text
	docs       map[string]*document // kind -> lines and labels
}

// path is where the page's file is, in the module cache.
func (p *page) path(modcache string) string {
	m := p.Module
	if m == "" {
		m = trafilaturaModule
	}
	return filepath.Join(modcache, m, p.File)
}

// truth is a page's silver truth, in extract-score's format.
type truth struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

func main() {
	pool := flag.String("pool", "build/pool", "the pool scripts/pool rendered")
	out := flag.String("out", "article/textmodel.json", "where to write the model")
	cv := flag.Bool("cv", true, "cross-validate (5 folds, by site) and report the figures")
	search := flag.Bool("search-headline", false, "cross-validate settings of the headline model, and stop")
	htmlTitles := flag.Bool("html-titles", false, "measure the HTML path's headlines on the pool's pages, with and without their metadata, and stop")
	recall := flag.Bool("candidate-recall", false, "measure how often the headline is among the headline model's candidates (pool and dev corpora; the line models of -out), and stop")
	modcache := flag.String("modcache", "", "the Go module cache holding the pool's pages (default: go env GOMODCACHE)")
	subsample := flag.Int("subsample", 0, "with N > 0, leave out a tenth of the training sites, a different tenth for each N: retrains on such subsamples measure how much the model moves with its data")
	flag.BoolVar(&subsampleHeadlineOnly, "subsample-headline", false, "with -subsample, leave the tenth out of the headline model's training only (the line models see every training site): how much the headline model alone moves")
	flag.IntVar(&headlineBags, "bags", headlineBags, "the headline model is the mean of this many, each fit leaving out a share of the training sites (1: one fit on all)")
	flag.Parse()
	if err := run(*pool, *out, *modcache, *cv, *search, *htmlTitles, *recall, *subsample); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(pool, out, modcache string, cv, search, htmlTitles, recall bool, subsample int) error {
	if modcache == "" {
		cache, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return fmt.Errorf("go env GOMODCACHE: %w", err)
		}
		modcache = strings.TrimSpace(string(cache))
	}
	pages, err := loadPool(pool, modcache)
	if err != nil {
		return err
	}
	var train, held []*page
	for _, p := range pages {
		switch {
		case heldOut(p.group):
			held = append(held, p)
		case subsample > 0 && bucket(fmt.Sprintf("%s/sub%d", p.group, subsample), 10) == 0:
			// left out of this subsample's training (of its headline
			// model's only, with -subsample-headline)
			if subsampleHeadlineOnly {
				p.noHeadline = true
				train = append(train, p)
			}
		default:
			train = append(train, p)
		}
	}
	fmt.Fprintf(os.Stderr, "%d pages: %d for training (%d sites), %d held out (%d sites)\n",
		len(pages), len(train), countGroups(train), len(held), countGroups(held))
	if err := writeHeldOut(filepath.Join(pool, "heldout"), held); err != nil {
		return err
	}
	if search {
		searchHeadline(train, held)
		return nil
	}
	if htmlTitles {
		return evalHTMLTitles(pages, modcache)
	}
	if recall {
		b, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		m, err := article.ParseTextModel(b)
		if err != nil {
			return fmt.Errorf("%s: %w", out, err)
		}
		candidateRecall(m, train, held, []string{"testdata/corpus/extraction-dev", "testdata/corpus/extraction-dev2"})
		return nil
	}
	if cv {
		crossValidate(train)
	}
	m := fit(train)
	m.SpanGap = spanGap
	b, err := encodeModel(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, len(b))
	return nil
}

// loadPool reads the pool's pages and their silver truth (computed with
// the HTML path and cached in POOL/truth), and labels their lines.
func loadPool(pool, modcache string) ([]*page, error) {
	b, err := os.ReadFile(filepath.Join(pool, "pages.json"))
	if err != nil {
		return nil, fmt.Errorf("%w (make the pool first: make pool)", err)
	}
	var pages []*page
	if err := json.Unmarshal(b, &pages); err != nil {
		return nil, fmt.Errorf("pages.json: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(pool, "truth"), 0o755); err != nil {
		return nil, err
	}
	var kept []*page
	dropped := 0
	for _, p := range pages {
		p.group = site(p)
		html, err := os.ReadFile(p.path(modcache))
		if err != nil {
			return nil, err
		}
		t, err := pageTruth(pool, p, html)
		if err != nil {
			return nil, err
		}
		p.truth = t
		p.titles = article.ReadPageTitles(string(html))
		p.truth.Body = dropUnwanted(t.Body, p.Without)
		if !trustworthy(p) {
			dropped++
			continue
		}
		p.texts = map[string]string{}
		p.docs = map[string]*document{}
		empty := false
		for _, k := range kinds {
			text, err := os.ReadFile(filepath.Join(pool, k, p.ID+".txt"))
			if err != nil {
				return nil, err
			}
			empty = empty || countTokens(string(text)) < 50 // a page of frames, or the like
			p.texts[k] = string(text)
			p.docs[k] = label(article.NewTrainingDoc(string(text)), p)
		}
		if os.Getenv("LABELSHOW") != "" && p.Module != "" && bucket(p.ID, 20) == 0 {
			d := p.docs["text_innertext"]
			if d.visible {
				fmt.Fprintf(os.Stderr, "SHOW %s %q | above %q | below %q\n", p.ID, d.doc.Lines[d.headline], d.doc.Lines[max(d.headline-1, 0)], d.doc.Lines[min(d.headline+1, len(d.doc.Lines)-1)])
			} else {
				fmt.Fprintf(os.Stderr, "SHOW %s UNLABELLED\n", p.ID)
			}
		}
		if os.Getenv("LABELDIFF") != "" {
			for _, k := range kinds {
				d := p.docs[k]
				got := ""
				if d.visible {
					got = d.doc.Lines[d.headline]
				}
				if foldTitle(got) != foldTitle(p.truth.Title) {
					fmt.Fprintf(os.Stderr, "LABEL %s %s silver=%q new=%q h1=%q\n", p.ID, k, p.truth.Title, got, p.titles.H1)
				}
			}
		}
		if empty {
			dropped++
			continue
		}
		kept = append(kept, p)
	}
	fmt.Fprintf(os.Stderr, "%d pages left out: their HTML extraction failed or misses their snippets, or a rendering is empty\n", dropped)
	return kept, nil
}

// pageTruth extracts a page with the HTML path, once (cached).
func pageTruth(pool string, p *page, data []byte) (truth, error) {
	cache := filepath.Join(pool, "truth", p.ID+".json")
	var t truth
	if b, err := os.ReadFile(cache); err == nil {
		return t, json.Unmarshal(b, &t)
	}
	t = truth{ID: p.ID, URL: p.URL}
	if a, err := article.Extract("page.html", data, article.Options{}); err == nil {
		t.Title, t.Body = a.Title, a.Body
	}
	b, err := json.Marshal(t)
	if err != nil {
		return t, err
	}
	return t, os.WriteFile(cache, b, 0o644)
}

// dropUnwanted removes the paragraphs holding text the article must not
// contain from a silver body.
func dropUnwanted(body string, without []string) string {
	var kept []string
	for _, para := range strings.Split(body, "\n\n") {
		flat := collapse(para)
		ok := true
		for _, w := range without {
			ok = ok && !strings.Contains(flat, collapse(w))
		}
		if ok {
			kept = append(kept, para)
		}
	}
	return strings.Join(kept, "\n\n")
}

// trustworthy reports whether a page's silver truth can label its lines:
// a headline and a body holding at least half the snippets the article
// must contain.
func trustworthy(p *page) bool {
	if p.truth.Title == "" || countTokens(p.truth.Body) < 50 {
		return false
	}
	body := collapse(p.truth.Body)
	found := 0
	for _, w := range p.With {
		if strings.Contains(body, collapse(w)) {
			found++
		}
	}
	return found*2 >= len(p.With)
}

// site is the page's host (without www.), or its file for pages without
// an address.
func site(p *page) string {
	if u, err := url.Parse(p.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	return p.File
}

var devHostSet = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(devHosts))
	for sc.Scan() {
		if h := strings.TrimSpace(sc.Text()); h != "" && !strings.HasPrefix(h, "#") {
			m[h] = true
		}
	}
	return m
}()

// heldOut: the dev corpora's sites, and a fifth of the others.
func heldOut(group string) bool {
	return devHostSet[group] || bucket(group, 5) == 0
}

func bucket(group string, n uint32) uint32 {
	h := fnv.New32a()
	h.Write([]byte(group))
	return h.Sum32() % n
}

func countGroups(pages []*page) int {
	m := map[string]bool{}
	for _, p := range pages {
		m[p.group] = true
	}
	return len(m)
}

// writeHeldOut writes the held-out pages as a corpus make score reads:
// text/, text_innertext/ and truth/ (the silver truth; its headline only
// where both renderings show it as a line: the HTML path's headline is
// sometimes the page's <title>, site name and all).
func writeHeldOut(dir string, held []*page) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, d := range append([]string{"truth"}, kinds...) {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	sort.Slice(held, func(i, j int) bool { return held[i].ID < held[j].ID })
	for _, p := range held {
		t := p.truth
		t.Title = ""
		if a, b := p.docs[kinds[0]], p.docs[kinds[1]]; a.visible && b.visible && foldTitle(a.doc.Lines[a.headline]) == foldTitle(b.doc.Lines[b.headline]) {
			t.Title = b.doc.Lines[b.headline] // the headline line both renderings show
		}
		b, err := json.Marshal(t)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "truth", p.ID+".json"), b, 0o644); err != nil {
			return err
		}
		for _, k := range kinds {
			if err := os.WriteFile(filepath.Join(dir, k, p.ID+".txt"), []byte(p.texts[k]), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
