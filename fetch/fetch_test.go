package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// requestLog counts what a test server was asked for.
type requestLog struct {
	mu    sync.Mutex
	paths []string
}

func (l *requestLog) add(r *http.Request) {
	l.mu.Lock()
	l.paths = append(l.paths, r.URL.Path)
	l.mu.Unlock()
}

func (l *requestLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.paths...)
}

func articlePage(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGetsOnePageAndNothingItRefersTo(t *testing.T) {
	page := articlePage(t)
	var log requestLog
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		if r.URL.Path != "/news/harbour-cranes-idle" {
			http.Error(w, "not here", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()

	got, err := New(Options{}).Get(context.Background(), srv.URL+"/news/harbour-cranes-idle")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Data) != string(page) || got.MediaType != "text/html" || got.Name != "harbour-cranes-idle.html" {
		t.Errorf("got %d bytes of %s named %q", len(got.Data), got.MediaType, got.Name)
	}
	if got.URL != srv.URL+"/news/harbour-cranes-idle" {
		t.Errorf("URL = %q", got.URL)
	}
	time.Sleep(50 * time.Millisecond) // anything loaded behind our back would have arrived
	if paths := log.all(); len(paths) != 1 {
		t.Errorf("the server was asked for %v; only the page may be fetched", paths)
	}
}

func TestRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err == nil && n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Arrived\n\nThe last hop of the chain.")
	}))
	defer srv.Close()
	c := New(Options{})

	got, err := c.Get(context.Background(), srv.URL+"/hop/10")
	if err != nil {
		t.Fatalf("10 redirects: %v", err)
	}
	if got.URL != srv.URL+"/hop/0" || got.Address != srv.URL+"/hop/10" {
		t.Errorf("final URL %q, address %q", got.URL, got.Address)
	}
	if got.Name != "0.txt" {
		t.Errorf("name %q", got.Name)
	}
	_, err = c.Get(context.Background(), srv.URL+"/hop/11")
	wantProblem(t, err, TooManyRedirects, "redirected more than 10 times")
}

func TestSlowServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/trickle" { // headers at once, then the body too slowly
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusOK)
			for range 100 {
				fmt.Fprint(w, "word ")
				w.(http.Flusher).Flush()
				select {
				case <-release:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
			return
		}
		select { // no answer at all
		case <-release:
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	defer close(release)
	c := New(Options{Timeout: 300 * time.Millisecond})

	for _, path := range []string{"/silent", "/trickle"} {
		start := time.Now()
		_, err := c.Get(context.Background(), srv.URL+path)
		wantProblem(t, err, Timeout, "did not answer within 0.3 s")
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: gave up after %v", path, d)
		}
	}
}

func TestHugeBodyIsRefused(t *testing.T) {
	const limit = 64 << 10
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>filler text</p>\n", 100))
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", fmt.Sprint(100*len(chunk)))
		}
		for range 100 { // 190 KB, three times the limit
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := New(Options{MaxSize: limit})

	_, err := c.Get(context.Background(), srv.URL+"/streamed")
	wantProblem(t, err, TooLarge, "the page is over the 64 KB limit")
	_, err = c.Get(context.Background(), srv.URL+"/declared")
	wantProblem(t, err, TooLarge, "")

	big := New(Options{})
	if big.maxSize != 50<<20 {
		t.Errorf("default limit %d, want 50 MB", big.maxSize)
	}
}

func TestContentTypes(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/photo":
			w.Header().Set("Content-Type", "image/png")
			w.Write(png)
		case "/api":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"title":"x"}`))
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(pdf)
		case "/download":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(pdf)
		case "/blob":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(png)
		case "/page.php":
			w.Header()["Content-Type"] = nil // no type at all: sniffed
			w.Write([]byte("<!DOCTYPE html><html><body><p>Hello</p></body></html>"))
		case "/notes":
			w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
			w.Write([]byte("# Notes\n\nSome text."))
		}
	}))
	defer srv.Close()
	c := New(Options{})
	for _, tc := range []struct {
		path, media, name string
		problem           Problem
		says              string
	}{
		{"/photo", "", "", NotArticle, "not an article: the address gives image/png"},
		{"/api", "", "", NotArticle, "gives application/json"},
		{"/blob", "", "", NotArticle, "gives image/png"},
		{"/report.pdf", "application/pdf", "report.pdf", 0, ""},
		{"/download", "application/pdf", "download.pdf", 0, ""},
		{"/page.php", "text/html", "page.html", 0, ""},
		{"/notes", "text/markdown", "notes.md", 0, ""},
	} {
		got, err := c.Get(context.Background(), srv.URL+tc.path)
		if tc.problem != 0 {
			wantProblem(t, err, tc.problem, tc.says)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		if got.MediaType != tc.media || got.Name != tc.name {
			t.Errorf("%s: %s named %q, want %s named %q", tc.path, got.MediaType, got.Name, tc.media, tc.name)
		}
	}
}

func TestStatusesSayWhatWentWrong(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var code int
		fmt.Sscanf(r.URL.Path, "/%d", &code)
		if code == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "120")
		}
		http.Error(w, "no", code)
	}))
	defer srv.Close()
	c := New(Options{})
	for _, tc := range []struct {
		code    int
		problem Problem
		says    string
	}{
		{401, Refused, "the site refused: it may need a login (HTTP 401 Unauthorized)"},
		{403, Refused, "the site refused: it may need a login (HTTP 403 Forbidden)"},
		{404, NotFound, "page not found (HTTP 404 Not Found)"},
		{410, NotFound, "the page is gone (HTTP 410 Gone)"},
		{429, RateLimited, "the site is limiting requests (HTTP 429 Too Many Requests): try again later (it asks for 120 s)"},
		{503, SiteFailed, "the site could not give the page (HTTP 503 Service Unavailable)"},
	} {
		_, err := c.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, tc.code))
		wantProblem(t, err, tc.problem, tc.says)
		var e *Error
		if errors.As(err, &e) && e.Status != tc.code {
			t.Errorf("%d: status %d", tc.code, e.Status)
		}
	}
}

func TestCookiesAreNotKept(t *testing.T) {
	var mu sync.Mutex
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sent = append(sent, r.Header.Get("Cookie"))
		mu.Unlock()
		if r.URL.Path == "/start" {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "tracked", Path: "/"})
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "A page")
	}))
	defer srv.Close()
	c := New(Options{})
	for range 2 {
		if _, err := c.Get(context.Background(), srv.URL+"/start"); err != nil {
			t.Fatal(err)
		}
	}
	for i, cookie := range sent {
		if cookie != "" {
			t.Errorf("request %d sent the cookie %q", i, cookie)
		}
	}
	if len(sent) != 4 {
		t.Errorf("%d requests, want 4 (two fetches of one redirect each)", len(sent))
	}
}

func TestProxyFromTheEnvironment(t *testing.T) {
	var asked []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.String()) // a proxy is asked for the absolute address
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Through the proxy")
	}))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("http_proxy", proxy.URL)
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")

	got, err := New(Options{}).Get(context.Background(), "http://news.example.test/story")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Data) != "Through the proxy" || len(asked) != 1 || asked[0] != "http://news.example.test/story" {
		t.Errorf("proxy asked for %v, page %q", asked, got.Data)
	}
}

func TestTLSFailureIsNamed(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	defer srv.Close()
	// The test server's certificate is signed by no authority the system
	// trusts, as a misconfigured or intercepted site's would be.
	_, err := New(Options{}).Get(context.Background(), srv.URL)
	wantProblem(t, err, Insecure, "the secure connection to the site failed")
	if err != nil && !strings.Contains(err.Error(), "certificate") {
		t.Errorf("%q does not say it was the certificate", err)
	}
	// Trusted, the same server answers.
	trusted := New(Options{TLS: srv.Client().Transport.(*http.Transport).TLSClientConfig})
	if _, err := trusted.Get(context.Background(), srv.URL); err != nil {
		t.Errorf("trusted: %v", err)
	}
}

func TestUnreachableAndBadAddresses(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close() // nobody listens there now

	c := New(Options{})
	_, err = c.Get(context.Background(), closed)
	wantProblem(t, err, Unreachable, "could not connect to the site")
	if err != nil && !strings.Contains(err.Error(), "refused") {
		t.Errorf("%q does not say the connection was refused", err)
	}
	for _, bad := range []string{"ftp://example.com/file", "example.com/page", "http://", "javascript:alert(1)", ""} {
		_, err := c.Get(context.Background(), bad)
		wantProblem(t, err, BadAddress, "not a web address")
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want Problem
	}{
		{&net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}, NoSuchSite},
		{&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "x.example", IsTemporary: true}}, NoSuchSite},
		{&net.DNSError{Err: "i/o timeout", Name: "slow.example", IsTimeout: true}, Timeout},
		{context.DeadlineExceeded, Timeout},
		{fmt.Errorf("wrapped: %w", errTooManyRedirects), TooManyRedirects},
	} {
		if got := classify(tc.err); got != tc.want {
			t.Errorf("classify(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
	e := &Error{Problem: NoSuchSite, Err: &net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}}
	if got := e.Error(); got != "could not find the site: name resolution failed: lookup nowhere.example: no such host" {
		t.Errorf("message %q", got)
	}
}

func TestCharsetNamedOnlyByTheHeaderBecomesUTF8(t *testing.T) {
	cp1251 := []byte("<html><body><h1>\xcd\xee\xe2\xee\xf1\xf2\xe8</h1></body></html>") // "Новости"
	declared := []byte("<html><head><meta charset=\"windows-1251\"></head><body>\xcd\xee\xe2\xee\xf1\xf2\xe8</body></html>")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		if r.URL.Path == "/declared" {
			w.Write(declared)
			return
		}
		w.Write(cp1251)
	}))
	defer srv.Close()
	c := New(Options{})
	got, err := c.Get(context.Background(), srv.URL+"/header-only")
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(got.Data) || !strings.Contains(string(got.Data), "Новости") {
		t.Errorf("not re-encoded: %q", got.Data)
	}
	got, err = c.Get(context.Background(), srv.URL+"/declared")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Data) != string(declared) {
		t.Errorf("a page that declares its charset was changed: %q", got.Data)
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ address, media, want string }{
		{"https://news.example/2024/05/mali-talks", "text/html", "mali-talks.html"},
		{"https://news.example/2024/05/mali-talks/", "text/html", "mali-talks.html"},
		{"https://news.example/article.php?id=3", "text/html", "article.html"},
		{"https://news.example/", "text/html", "news.example.html"},
		{"https://news.example/files/Report%20Q1.pdf", "application/pdf", "Report-Q1.pdf"},
		{"https://news.example/story.htm", "text/html", "story.htm"},
		{"https://news.example/v1.2-release", "text/plain", "v1.2-release.txt"},
		{"https://news.example/%E2%80%A6", "text/html", "news.example.html"},
	} {
		u, err := url.Parse(tc.address)
		if err != nil {
			t.Fatal(err)
		}
		if got := fileName(u, tc.media); got != tc.want {
			t.Errorf("fileName(%s) = %q, want %q", tc.address, got, tc.want)
		}
	}
}

func TestIsAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.com/a":   true,
		"  http://example.com  ":  true,
		"HTTPS://EXAMPLE.COM/":    true, // schemes are case-insensitive
		"file:///home/me/a.html":  false,
		"/home/me/http:/x":        false,
		"mailto:someone@example":  false,
		"https:///no-host/page":   false,
		"www.example.com/article": false,
	} {
		if got := IsAddress(s); got != want {
			t.Errorf("IsAddress(%q) = %v", s, got)
		}
	}
}

func wantProblem(t *testing.T, err error, p Problem, says string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("error %v, want problem %d", err, p)
		return
	}
	if e.Problem != p {
		t.Errorf("problem %d (%q), want %d", e.Problem, e.Error(), p)
	}
	if !strings.Contains(e.Error(), says) {
		t.Errorf("message %q does not say %q", e.Error(), says)
	}
}
