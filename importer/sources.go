package importer

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
)

// Batch is what one import brings in.
type Batch struct {
	Paths []string // files, folders and web addresses (http:// or https://)
	Items []Item
}

// Item is an article in hand rather than in a file: a paste, standard
// input. Its bytes are stored as its original, as a file's are.
type Item struct {
	Name  string // a file name whose extension picks the parser: "pasted.html"
	Data  []byte
	Label string // what its result is called: "clipboard", "standard input"
	// From is the address of the page the content was copied from, if
	// known: the article's address when the content names none, and where
	// its original came from.
	From string
	// Title and URL, when set, replace what extraction finds, as the
	// user's corrections: re-extraction keeps them.
	Title, URL string
}

// job is one thing the pipeline imports: a file, a web address or an item.
type job struct {
	path    string
	address string
	item    *Item
}

// origin says where bytes to import came from and what to make of them.
type origin struct {
	label string // the result's Path: a file's path, an address, "clipboard"
	name  string // a file name whose extension picks the parser
	path  string // stored as File.Path: the file, or the address fetched
	from  string // the address the content came from, if known
	// title and url replace what extraction finds (the user set them).
	title, url string
}

// apply sets what the origin knows better than the content, and returns
// the fields that are the user's.
func (o origin) apply(a *article.Article) (edited []string) {
	if o.from != "" {
		cameFrom(a, o.from)
	}
	if o.title != "" {
		a.Title = o.title
		edited = append(edited, db.FieldTitle)
	}
	if o.url != "" {
		a.URL = o.url
		edited = append(edited, db.FieldURL)
	}
	return edited
}

// PageAddress is an article's address: the canonical one its page names
// (made absolute against from), else from, the address the page was
// fetched or copied from.
func PageAddress(named, from string) string {
	if named == "" {
		return from
	}
	base, err := url.Parse(from)
	if err != nil || !base.IsAbs() {
		return named
	}
	ref, err := url.Parse(named)
	if err != nil {
		return from
	}
	resolved := base.ResolveReference(ref)
	if resolved.Scheme != "http" && resolved.Scheme != "https" {
		return from // a page naming javascript: or a file as its address
	}
	return resolved.String()
}

// cameFrom fills in what the address a page was fetched or copied from
// tells of it, where the page itself does not: its address and its site.
func cameFrom(a *article.Article, from string) {
	a.URL = PageAddress(a.URL, from)
	if a.Source == "" { // a selection names no site, nor do some pages
		a.Source = siteOf(from)
	}
}

// siteOf is a web address's site name: its host without "www.".
func siteOf(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// splitAddresses sets the web addresses among paths apart.
func splitAddresses(paths []string) (files, addresses []string) {
	for _, p := range paths {
		if fetch.IsAddress(p) {
			addresses = append(addresses, strings.TrimSpace(p))
		} else {
			files = append(files, p)
		}
	}
	return files, addresses
}

func (im *Importer) prepareJob(ctx context.Context, extract extractFunc, j job) pending {
	switch {
	case j.address != "":
		return im.prepareAddress(ctx, extract, j.address)
	case j.item != nil:
		it := j.item
		label := it.Label
		if label == "" {
			label = it.Name
		}
		return im.prepareData(ctx, extract, origin{label: label, name: it.Name, path: it.From, from: it.From, title: it.Title, url: it.URL}, it.Data)
	}
	return im.prepare(ctx, extract, j.path)
}

// prepareAddress fetches a page and extracts it; the bytes fetched are its
// original, and the address it was found at (after redirects) its path.
func (im *Importer) prepareAddress(ctx context.Context, extract extractFunc, address string) pending {
	page, err := im.web().Get(ctx, address)
	if err != nil {
		var fe *fetch.Error
		if !errors.As(err, &fe) && ctx.Err() != nil {
			return pending{cancelled: true}
		}
		return failed(address, err)
	}
	return im.prepareData(ctx, extract, origin{label: address, name: page.Name, path: page.URL, from: page.URL}, page.Data)
}

// web is the client that fetches web addresses.
func (im *Importer) web() *fetch.Client {
	im.webOnce.Do(func() {
		if im.Web == nil {
			im.Web = fetch.New(fetch.Options{MaxSize: im.maxSize()})
		}
	})
	return im.Web
}

// Importable reports whether a file is one the importer reads (by its
// name; a JSON export by its start): what a folder's files are sifted by.
func Importable(path string) bool { return importable(path) == nil }
