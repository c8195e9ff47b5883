// Package fetch gets one web page that the user asked for: a single GET,
// nothing else loaded (no images, scripts or styles), no cookies kept, no
// script run. It is the only part of Clippings that goes on the network.
package fetch

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
	"golang.org/x/net/http/httpproxy"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/safeurl"
)

// Limits, as issue #16 sets them.
const (
	DefaultTimeout = 30 * time.Second // the whole fetch: connecting, redirects, the body
	DefaultMaxSize = 50 << 20         // as the largest file Clippings imports
	MaxRedirects   = 10
)

// DefaultUserAgent names Clippings to the site. The "Mozilla/5.0" token is
// what sites expect of a reader; the rest says who is asking.
const DefaultUserAgent = "Mozilla/5.0 (compatible; Clippings/0.1; saves a page its reader asked for)"

// Options tunes a Client; the zero value uses the defaults above.
type Options struct {
	Timeout   time.Duration
	MaxSize   int64
	UserAgent string
	// Proxy picks the proxy for a request; nil reads HTTP_PROXY,
	// HTTPS_PROXY and NO_PROXY (and their lower-case forms) when the
	// Client is made.
	Proxy func(*url.URL) (*url.URL, error)
	// TLS is the TLS configuration; nil trusts the system's roots.
	TLS *tls.Config
}

// Client fetches pages. It is safe for concurrent use.
type Client struct {
	hc        *http.Client
	maxSize   int64
	timeout   time.Duration
	userAgent string
}

// New makes a Client. Each Client has its own connections and no cookie
// jar: a cookie a site sets is never sent back, not even on its redirects.
func New(opts Options) *Client {
	c := &Client{maxSize: opts.MaxSize, timeout: opts.Timeout, userAgent: opts.UserAgent}
	if c.maxSize <= 0 {
		c.maxSize = DefaultMaxSize
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	proxy := opts.Proxy
	if proxy == nil {
		// Read now, not once per process as http.ProxyFromEnvironment does.
		proxy = httpproxy.FromEnvironment().ProxyFunc()
	}
	c.hc = c.client(func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }, opts.TLS)
	return c
}

func (c *Client) client(proxy func(*http.Request) (*url.URL, error), tlsConfig *tls.Config) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = proxy
	if tlsConfig != nil {
		t.TLSClientConfig = tlsConfig
	}
	return &http.Client{
		Transport: t,
		Timeout:   c.timeout,
		Jar:       nil, // no cookies kept
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return errTooManyRedirects
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("a redirect to a %s: address: %w", req.URL.Scheme, errBadRedirect)
			}
			return nil
		},
	}
}

var (
	errTooManyRedirects = errors.New("too many redirects")
	errBadRedirect      = errors.New("bad redirect")
)

// Page is what one address gave.
type Page struct {
	Address   string // as asked for
	URL       string // where it was found, after redirects
	MediaType string // text/html, text/plain, text/markdown or application/pdf
	// Name is a file name for the page whose extension tells its format
	// ("mali-talks.html"): from the address's last segment.
	Name string
	Data []byte // the body; text in a charset only the HTTP header named is UTF-8
}

// IsAddress reports whether s is a web address Clippings fetches: an
// absolute http or https URL with a host (and no user name, which shows
// one site and goes to another).
func IsAddress(s string) bool {
	_, ok := safeurl.SafeURL(s)
	return ok
}

// Get fetches address with one GET request (and its redirects).
func (c *Client) Get(ctx context.Context, address string) (Page, error) {
	address = strings.TrimSpace(address)
	fail := func(p Problem, status int, err error) (Page, error) {
		return Page{}, &Error{Address: address, Problem: p, Status: status, Err: err, limit: c.maxSize, timeout: c.timeout}
	}
	if !IsAddress(address) {
		return fail(BadAddress, 0, nil)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return fail(BadAddress, 0, err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1")
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return Page{}, fmt.Errorf("fetch %s: %w", address, ctx.Err())
		}
		return fail(classify(err), 0, bare(err))
	}
	defer resp.Body.Close()
	if p := statusProblem(resp.StatusCode); p != 0 {
		e := &Error{Address: address, Problem: p, Status: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
		return Page{}, e
	}
	if resp.ContentLength > c.maxSize {
		return fail(TooLarge, 0, nil)
	}
	declared, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	media := articleType(declared)
	if media == "" && declared != "" && !isUntyped(declared) {
		return fail(NotArticle, 0, fmt.Errorf("%s", declared))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxSize+1))
	if err != nil {
		if ctx.Err() != nil {
			return Page{}, fmt.Errorf("fetch %s: %w", address, ctx.Err())
		}
		return fail(classify(err), 0, bare(err))
	}
	if int64(len(data)) > c.maxSize {
		return fail(TooLarge, 0, nil)
	}
	if media == "" { // no type, or a generic one: look at the bytes
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
		if media = articleType(sniffed); media == "" {
			return fail(NotArticle, 0, fmt.Errorf("%s", sniffed))
		}
	}
	if media != "application/pdf" {
		data = toUTF8(data, media, params["charset"])
	}
	final := resp.Request.URL.String()
	return Page{Address: address, URL: final, MediaType: media, Name: fileName(resp.Request.URL, media), Data: data}, nil
}

// articleType is the media type Clippings reads that t is, or "".
func articleType(t string) string {
	switch t {
	case "text/html", "application/xhtml+xml":
		return "text/html"
	case "text/plain":
		return "text/plain"
	case "text/markdown", "text/x-markdown":
		return "text/markdown"
	case "application/pdf", "application/x-pdf":
		return "application/pdf"
	}
	return ""
}

// isUntyped reports whether a declared type says nothing of the content.
func isUntyped(t string) bool {
	return t == "application/octet-stream" || t == "binary/octet-stream" || t == "application/unknown"
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileName makes a file name for a page from its address's last segment,
// ending in the extension of its media type.
func fileName(u *url.URL, media string) string {
	base := path.Base(u.Path)
	if base == "/" || base == "." {
		base = ""
	}
	if unescaped, err := url.PathUnescape(base); err == nil {
		base = unescaped
	}
	base = strings.Trim(unsafeName.ReplaceAllString(base, "-"), "-.")
	if len(base) > 80 {
		base = base[:80]
	}
	ext, _ := article.MediaExtension(media)
	if named, ok := article.Supported(base); ok {
		if fetched, _ := article.Supported(ext); named == fetched {
			return base // its own name says its format: .htm for text/html
		}
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		if _, read := article.Supported(base); read || serverPageExt[strings.ToLower(base[i:])] {
			base = base[:i] // article.php gives article.html, a page named .pdf served as HTML article.html
		}
	}
	if base == "" {
		base = strings.Trim(unsafeName.ReplaceAllString(u.Hostname(), "-"), "-.")
	}
	if base == "" {
		base = "page"
	}
	return base + ext
}

// serverPageExt are extensions of pages made by a server program, which
// say nothing of what the page is (the extensions of the formats Clippings
// reads are article.Supported's).
var serverPageExt = map[string]bool{
	".php": true, ".asp": true, ".aspx": true, ".jsp": true, ".cgi": true, ".cfm": true, ".pl": true, ".shtml": true,
}

// toUTF8 re-encodes a text page in UTF-8 when the HTTP header alone names
// its charset: the file Clippings keeps must say what it is by itself, so
// that extracting it again reads it right. A page that declares its
// charset (a byte-order mark, or <meta> in an HTML head) is kept as it came.
func toUTF8(data []byte, media, label string) []byte {
	if label == "" || declaresCharset(data, media) {
		return data
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

func declaresCharset(data []byte, media string) bool {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return true
	}
	if media != "text/html" {
		return false
	}
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<meta")) && bytes.Contains(head, []byte("charset"))
}
