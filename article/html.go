package article

import (
	"fmt"
	stdhtml "html"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// minArticleRunes: less text than this is a login or index page, not an article.
const minArticleRunes = 150

// extractHTML extracts the article of a saved web page with go-trafilatura
// (which never touches the network: it only reads the tree it is given).
func extractHTML(text string) (Article, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Article{}, fmt.Errorf("cannot parse HTML: %v: %w", err, ErrNoArticle)
	}
	meta := readPageMeta(doc)
	wrapLooseText(doc)
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	})
	if err != nil || res == nil || res.ContentNode == nil {
		return Article{}, fmt.Errorf("no article text found in the page: %w", ErrNoArticle)
	}
	a := Article{
		Body:      nodeText(res.ContentNode),
		Source:    res.Metadata.Sitename,
		URL:       res.Metadata.URL,
		Language:  res.Metadata.Language,
		Published: NewDate(res.Metadata.Date),
	}
	if a.Source == "" {
		a.Source = meta.siteName
	}
	if a.URL == "" {
		a.URL = meta.canonical
	}
	if res.Metadata.Author != "" {
		for _, au := range strings.Split(res.Metadata.Author, ";") {
			a.Authors = append(a.Authors, strings.TrimSpace(au))
		}
	}
	meta.bodyHeading, meta.bodySubheading = headingBeforeBody(doc, cleanBody(a.Body))
	// Some pages escape their declared titles twice ("&amp;#8211;").
	a.Title = stdhtml.UnescapeString(chooseTitle(meta, res.Metadata.Title, a.Source))
	a.Body = dropLeadingTitle(cleanBody(a.Body), a.Title)
	a.Body, a.Authors = dropLeadingByline(a.Body, a.Authors)
	a.Captions, a.Body = pageCaptions(doc, a.Body)
	if n := len([]rune(a.Body)); n < minArticleRunes {
		return Article{}, fmt.Errorf("no article text found in the page (only %d characters of text): %w", n, ErrNoArticle)
	}
	if !hasProse(a.Body) {
		// A page of links or labels: an index or a menu, not an article.
		return Article{}, fmt.Errorf("no article text found in the page (no paragraph of running text): %w", ErrNoArticle)
	}
	return a, nil
}

// dropLeadingTitle removes the headline when the extractor kept it as the
// first paragraph: it is stored in Title.
func dropLeadingTitle(body, title string) string {
	if title == "" {
		return body
	}
	first, rest, _ := strings.Cut(body, "\n\n")
	if strings.EqualFold(strings.TrimSpace(first), title) {
		return rest
	}
	return body
}

// dropLeadingByline removes a byline the extractor kept as the body's
// first paragraph ("By Ana Lopes" under the headline, where the page's
// metadata names the author too): the names are the article's authors,
// not its text. Its names become the authors when the page declared none.
func dropLeadingByline(body string, authors []string) (string, []string) {
	first, rest, found := strings.Cut(body, "\n\n")
	if !found || !looksLikeByline(strings.TrimSpace(first)) {
		return body, authors
	}
	names := bylineNames(strings.TrimSpace(first))
	if len(names) == 0 {
		return body, authors
	}
	if len(authors) == 0 {
		authors = names
	}
	return rest, authors
}

// maxCaptions bounds the captions kept from one page (galleries hold hundreds).
const maxCaptions = 20

// pageCaptions collects the page's <figcaption> texts as captions, split
// from their credits, and removes them from the body when the extractor
// kept them there.
func pageCaptions(doc *html.Node, body string) ([]Caption, string) {
	var caps []Caption
	drop := map[string]bool{}
	seen := map[string]bool{}
	for _, n := range findAll(doc, byTag("figcaption")) {
		line := cleanInline(innerText(n))
		if countWords(line) < 3 || seen[line] {
			continue
		}
		seen[line] = true
		drop[line] = true
		c := Caption{Text: line}
		if text, credit, ok := splitCredit(line); ok {
			c = Caption{Text: text, Credit: credit}
			drop[text] = true
		}
		if len(caps) < maxCaptions {
			caps = append(caps, c)
		}
	}
	if len(drop) == 0 {
		return caps, body
	}
	var kept []string
	for _, p := range strings.Split(body, "\n\n") {
		if !drop[p] {
			kept = append(kept, p)
		}
	}
	return caps, strings.Join(kept, "\n\n")
}
