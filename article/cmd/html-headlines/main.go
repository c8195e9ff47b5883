// Command html-headlines measures the HTML path's headline where a page's
// metadata is missing: on the 947 pages of go-trafilatura's comparison set
// (pages Clippings was never tuned on), it extracts the headline of each
// page as saved and of the same page stripped of what names its headline,
// and prints how often the two agree:
//
//   - "no title meta": without og:title, twitter:title, <meta name=title>,
//     dc.title and the like, and without JSON-LD (its headline/name);
//   - "no meta": without any <meta> and JSON-LD, the way Postlight's
//     fixtures hide theirs (extraction-dev2's pl-* pages): no site name;
//   - "no meta, no <title>": the headline can only come from the page.
//
// The reference is the headline of the page as saved (which its metadata
// confirms on most pages); the figures are also given on the pages whose
// text shows that headline as written (where it came from metadata the
// page does not show, the page's own heading is no worse). With -pool it is the training pool's frozen
// truth (build/pool/truth, the HTML path's headline when the pool was
// made), so a change to how intact pages are read shows too.
//
//	go run ./article/cmd/html-headlines [-pool build/pool] [-misses]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/extractscore"
)

const trafilaturaModule = "github.com/markusmobius/go-trafilatura@v1.12.2"

func main() {
	dir := flag.String("dir", "", "the pages (default: go-trafilatura's test-files/comparison in the module cache)")
	pool := flag.String("pool", "", "a training pool (make pool train) whose truth/ is the reference instead of the intact page")
	misses := flag.Bool("misses", false, "list the misses, numbered by variant")
	dump := flag.String("dump", "", "write each page's headlines (as saved, then per variant) to this file, tab-separated, for comparing two versions")
	flag.Parse()
	if *dir == "" {
		mc, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			fmt.Fprintln(os.Stderr, "go env GOMODCACHE:", err)
			os.Exit(1)
		}
		*dir = filepath.Join(strings.TrimSpace(string(mc)), trafilaturaModule, "test-files", "comparison")
	}
	if err := run(*dir, *pool, *misses, *dump); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// variant is one way of hiding a page's metadata.
type variant struct {
	name  string
	strip func(*html.Node)
}

var variants = []variant{
	{"no title meta", func(n *html.Node) { strip(n, isTitleMeta) }},
	{"no meta", func(n *html.Node) { strip(n, isMeta) }},
	{"no meta, no <title>", func(n *html.Node) {
		strip(n, func(c *html.Node) bool { return isMeta(c) || c.Data == "title" })
	}},
}

func run(dir, pool string, misses bool, dump string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no pages in %s (go mod download %s)", dir, trafilaturaModule)
	}
	sort.Strings(files)
	frozen, err := poolTitles(pool)
	if err != nil {
		return err
	}
	var rows strings.Builder
	var pages, intact, shown int
	right := make([]int, len(variants))
	rightShown := make([]int, len(variants)) // on pages showing their headline
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		a, err := article.Extract("page.html", src, article.Options{})
		want := a.Title
		if frozen != nil {
			t, ok := frozen[filepath.Base(f)]
			if !ok {
				continue
			}
			if err == nil && extractscore.SameTitle(a.Title, t) {
				intact++
			}
			want = t
		} else if err != nil {
			continue
		}
		if strings.TrimSpace(want) == "" {
			continue
		}
		pages++
		visible := showsHeadline(src, want)
		row := []string{filepath.Base(f), a.Title}
		if visible {
			shown++
		}
		for k, v := range variants {
			doc, err := html.Parse(bytes.NewReader(src))
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			v.strip(doc)
			var buf bytes.Buffer
			if err := html.Render(&buf, doc); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			got, _ := article.Extract("page.html", buf.Bytes(), article.Options{})
			row = append(row, got.Title)
			if extractscore.SameTitle(got.Title, want) {
				right[k]++
				if visible {
					rightShown[k]++
				}
			} else if misses {
				fmt.Printf("MISS%d %s %s\n  want %q\n  got  %q\n", k+1, map[bool]string{true: "shown", false: "hidden"}[visible], filepath.Base(f), want, got.Title)
			}
		}
		rows.WriteString(strings.Join(row, "\t") + "\n")
	}
	if dump != "" {
		if err := os.WriteFile(dump, []byte(rows.String()), 0o644); err != nil {
			return err
		}
	}
	ref := "the headline of the page as saved"
	if frozen != nil {
		ref = "the pool's truth"
		fmt.Printf("%-22s %.3f\n", "as saved", float64(intact)/float64(max(pages, 1)))
	}
	fmt.Printf("%-22s %6s %6s\n", "", "all", "shown")
	for k, v := range variants {
		fmt.Printf("%-22s %6.3f %6.3f\n", v.name, float64(right[k])/float64(max(pages, 1)), float64(rightShown[k])/float64(max(shown, 1)))
	}
	fmt.Printf("(headlines agreeing with %s: all %d pages, and the %d whose text shows it as written)\n", ref, pages, shown)
	return nil
}

// showsHeadline reports whether the page's text (its <body> without
// scripts and styles) holds the headline as written: a reference taken
// from metadata that the page never shows is no better than the page's
// own heading.
func showsHeadline(src []byte, headline string) bool {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return false
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && (n.Data == "head" || n.Data == "script" || n.Data == "style" || n.Data == "noscript" || n.Data == "template"):
			return
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Contains(words(b.String()), words(headline))
}

func words(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// poolTitles maps the comparison pages' file names to the pool's truth
// headlines; nil without a pool.
func poolTitles(pool string) (map[string]string, error) {
	if pool == "" {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(pool, "pages.json"))
	if err != nil {
		return nil, fmt.Errorf("%w (make the pool first: make pool train)", err)
	}
	var pages []struct{ ID, Module, File string }
	if err := json.Unmarshal(b, &pages); err != nil {
		return nil, fmt.Errorf("pages.json: %w", err)
	}
	titles := map[string]string{}
	for _, p := range pages {
		if p.Module != "" {
			continue // go-htmldate's pages
		}
		t, err := os.ReadFile(filepath.Join(pool, "truth", p.ID+".json"))
		if err != nil {
			continue // not a page the pool kept
		}
		var truth struct{ Title string }
		if err := json.Unmarshal(t, &truth); err != nil {
			return nil, fmt.Errorf("truth of %s: %w", p.ID, err)
		}
		titles[filepath.Base(p.File)] = truth.Title
	}
	return titles, nil
}

// strip removes the elements drop selects.
func strip(n *html.Node, drop func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && drop(c) {
			n.RemoveChild(c)
		} else {
			strip(c, drop)
		}
		c = next
	}
}

// titleMeta are the <meta> names and properties that carry a headline.
var titleMeta = map[string]bool{
	"og:title": true, "twitter:title": true, "title": true, "headline": true, "dc.title": true,
	"dcterms.title": true, "citation_title": true, "parsely-title": true, "sailthru.title": true,
	"og:title:alternate": true, "twitter:text:title": true, "name": true,
}

func isTitleMeta(n *html.Node) bool {
	if isJSONLD(n) {
		return true
	}
	if n.Data != "meta" {
		return false
	}
	for _, a := range n.Attr {
		if (a.Key == "name" || a.Key == "property" || a.Key == "itemprop") && titleMeta[strings.ToLower(a.Val)] {
			return true
		}
	}
	return false
}

// isMeta selects <meta> elements but those declaring the encoding (the
// page would not read the same without them) and JSON-LD.
func isMeta(n *html.Node) bool {
	if n.Data != "meta" {
		return isJSONLD(n)
	}
	for _, a := range n.Attr {
		if a.Key == "charset" || a.Key == "http-equiv" && strings.EqualFold(a.Val, "content-type") {
			return false
		}
	}
	return true
}

func isJSONLD(n *html.Node) bool {
	if n.Data != "script" {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "type" && strings.Contains(strings.ToLower(a.Val), "ld+json") {
			return true
		}
	}
	return false
}
