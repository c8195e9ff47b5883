// Command pool renders the web pages that ship with go-trafilatura (its
// comparison benchmark: real pages, with for most of them snippets their
// article must and must not contain) and with go-htmldate (its comparison
// benchmark: news pages for the most part) as copied text, the two ways
// the extraction dev corpora have it, for training Clippings' model of
// copied text (article/cmd/train):
//
//   - text/<id>.txt: a w3m dump (w3m -dump -cols 10000 …);
//   - text_innertext/<id>.txt: Chromium's document.body.innerText of the
//     page opened offline with JavaScript off (a browser's "select all,
//     copy");
//   - pages.json: for each id, the page's module, file, address and
//     snippets.
//
// Usage (from the repository: make pool):
//
//	go run . -out ../../build/pool
//
// Chromium is driven through the DevTools protocol with chromedp, a
// maintained pure-Go client: no Selenium, Python or driver binary whose
// version must match the browser, and one language for all of the project.
// It is a module of its own so that the application does not depend on it.
package main

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The modules whose test pages make the pool: the go-trafilatura version
// the application uses, and the go-htmldate version it requires.
const (
	trafilaturaModule = "github.com/markusmobius/go-trafilatura@v1.12.2"
	htmldateModule    = "github.com/markusmobius/go-htmldate@v1.9.1"
)

// Page is one page of the pool, as pages.json lists it.
type Page struct {
	ID      string   `json:"id"`
	Module  string   `json:"module,omitempty"` // the module holding File; go-trafilatura when empty
	File    string   `json:"file"`             // relative to the module
	URL     string   `json:"url,omitempty"`
	With    []string `json:"with,omitempty"`    // text the article must contain
	Without []string `json:"without,omitempty"` // text it must not contain
}

func main() {
	out := flag.String("out", "build/pool", "output folder")
	modcache := flag.String("modcache", "", "the Go module cache (default: go env GOMODCACHE)")
	workers := flag.Int("j", 2, "pages rendered at once")
	limit := flag.Int("limit", 0, "render only the first N pages (0: all)")
	flag.Parse()
	if err := run(*out, *modcache, *workers, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "pool:", err)
		os.Exit(1)
	}
}

func run(out, modcache string, workers, limit int) error {
	if modcache == "" {
		cache, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return fmt.Errorf("go env GOMODCACHE: %w", err)
		}
		modcache = strings.TrimSpace(string(cache))
	}
	for _, tool := range []string{"w3m", "chromium"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not installed (Debian: apt-get install w3m chromium)", tool)
		}
	}
	pages, err := listPages(modcache)
	if err != nil {
		return err
	}
	if limit > 0 && limit < len(pages) {
		pages = pages[:limit]
	}
	for _, d := range []string{"text", "text_innertext"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(pages, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "pages.json"), b, 0o644); err != nil {
		return err
	}

	allocCtx, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath("chromium"), chromedp.NoSandbox, chromedp.Flag("blink-settings", "imagesEnabled=false"))...)
	defer cancel()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		return fmt.Errorf("starting chromium: %w", err)
	}

	jobs := make(chan Page)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done, failed := 0, 0
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				err := renderPage(browser, modcache, out, p)
				mu.Lock()
				done++
				if err != nil {
					failed++
					fmt.Fprintf(os.Stderr, "%s (%s): %v\n", p.ID, p.File, err)
				}
				if done%50 == 0 {
					fmt.Fprintf(os.Stderr, "%d/%d pages\n", done, len(pages))
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	fmt.Fprintf(os.Stderr, "%d pages rendered into %s, %d failed\n", done-failed, out, failed)
	return nil
}

// renderPage writes both renderings of one page; one already there is kept.
func renderPage(browser context.Context, modcache, out string, p Page) error {
	src := p.Path(modcache)
	w3mOut := filepath.Join(out, "text", p.ID+".txt")
	if _, err := os.Stat(w3mOut); err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		text, err := exec.CommandContext(ctx, "w3m", "-dump", "-cols", "10000", "-T", "text/html",
			"-I", "UTF-8", "-O", "UTF-8", "-o", "display_link_number=0", src).Output()
		cancel()
		if err != nil {
			return fmt.Errorf("w3m: %w", err)
		}
		if err := os.WriteFile(w3mOut, text, 0o644); err != nil {
			return err
		}
	}
	innerOut := filepath.Join(out, "text_innertext", p.ID+".txt")
	if _, err := os.Stat(innerOut); err == nil {
		return nil
	}
	text, err := innerText(browser, src)
	if err != nil {
		return fmt.Errorf("chromium: %w", err)
	}
	return os.WriteFile(innerOut, []byte(text), 0o644)
}

// innerText opens a page in a new tab with JavaScript off and the network
// cut (pages are offline; external style sheets do not load) and returns
// document.body.innerText.
func innerText(browser context.Context, file string) (string, error) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(tab, 45*time.Second)
	defer cancelTimeout()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return "", err
	}
	blocked := []*network.BlockPattern{{URLPattern: "http://*:*/*", Block: true}, {URLPattern: "https://*:*/*", Block: true}}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: blocked}); err != nil {
		return "", err
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		return "", err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
}

// Path is where the page's file is, in the module cache.
func (p Page) Path(modcache string) string {
	m := p.Module
	if m == "" {
		m = trafilaturaModule
	}
	return filepath.Join(modcache, m, p.File)
}

// listPages reads the pages of go-trafilatura's comparison benchmark
// (every file of test-files/comparison, and the pages of test-files/mock
// the benchmark's data.go lists, with that file's snippets), then those of
// go-htmldate's (test-files/comparison and test-files/mediacloud, as its
// data-*.go list them), bar a page already read (the same file).
func listPages(modcache string) ([]Page, error) {
	module := filepath.Join(modcache, trafilaturaModule)
	entries, err := readComparisonData(filepath.Join(module, "scripts", "comparison", "data.go"))
	if err != nil {
		return nil, err
	}
	byFile := map[string]Page{}
	for _, e := range entries {
		byFile[e.File] = e
	}
	var pages []Page
	seen := map[string]bool{}
	contents := map[[20]byte]bool{}
	add := func(mod, rel string, p Page) {
		if seen[mod+"/"+rel] {
			return
		}
		seen[mod+"/"+rel] = true
		p.Module, p.File = mod, rel
		data, err := os.ReadFile(p.Path(modcache))
		if err != nil {
			return
		}
		sum := sha1.Sum(data)
		if mod != "" && contents[sum] {
			return // go-htmldate's copy of a page already read
		}
		contents[sum] = true
		id := rel
		if mod != "" {
			id = mod + "/" + rel
		}
		idSum := sha1.Sum([]byte(id))
		p.ID = hex.EncodeToString(idSum[:6])
		pages = append(pages, p)
	}
	files, err := filepath.Glob(filepath.Join(module, "test-files", "comparison", "*.html"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no pages in %s: %v", filepath.Join(module, "test-files", "comparison"), err)
	}
	for _, f := range files {
		add("", filepath.Join("test-files", "comparison", filepath.Base(f)), byFile[filepath.Base(f)])
	}
	for _, e := range entries {
		rel := filepath.Join("test-files", "mock", e.File)
		if _, err := os.Stat(filepath.Join(module, rel)); err == nil {
			add("", rel, e)
		}
	}
	dates := filepath.Join(modcache, htmldateModule)
	for _, data := range []string{"data-mediacloud.go", "data-default.go"} {
		entries, err := readDateData(filepath.Join(dates, "scripts", "comparison", data))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			for _, dir := range []string{"mediacloud", "comparison"} {
				rel := filepath.Join("test-files", dir, e.File)
				if _, err := os.Stat(filepath.Join(dates, rel)); err == nil {
					add(htmldateModule, rel, e)
					break
				}
			}
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// readDateData parses one of go-htmldate's benchmark data files (a Go
// slice literal of entries with URL and File) without running it.
func readDateData(path string) ([]Page, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, fmt.Errorf("reading go-htmldate's benchmark data: %w", err)
	}
	var out []Page
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		var p Page
		for _, el := range lit.Elts {
			field, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			name, _ := field.Key.(*ast.Ident)
			if name == nil {
				continue
			}
			switch name.Name {
			case "URL":
				p.URL, _ = stringLit(field.Value)
			case "File":
				p.File, _ = stringLit(field.Value)
			}
		}
		if p.File != "" {
			out = append(out, p)
			return false
		}
		return true
	})
	if len(out) == 0 {
		return nil, fmt.Errorf("no entries in %s", path)
	}
	return out, nil
}

// readComparisonData parses the benchmark's data.go (a Go map literal of
// address -> entry) without running it.
func readComparisonData(path string) ([]Page, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, fmt.Errorf("reading the benchmark's data: %w", err)
	}
	var out []Page
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		url, ok := stringLit(kv.Key)
		entry, isEntry := kv.Value.(*ast.CompositeLit)
		if !ok || !isEntry {
			return true
		}
		p := Page{URL: url}
		for _, el := range entry.Elts {
			field, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			name, _ := field.Key.(*ast.Ident)
			if name == nil {
				continue
			}
			switch name.Name {
			case "File":
				p.File, _ = stringLit(field.Value)
			case "With":
				p.With = stringList(field.Value)
			case "Without":
				p.Without = stringList(field.Value)
			}
		}
		if p.File != "" {
			out = append(out, p)
		}
		return false
	})
	if len(out) == 0 {
		return nil, errors.New("no entries in the benchmark's data.go")
	}
	return out, nil
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func stringList(e ast.Expr) []string {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []string
	for _, el := range lit.Elts {
		if s, ok := stringLit(el); ok {
			out = append(out, s)
		}
	}
	return out
}
