package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// clippingsWithStdin runs one command with standard input.
func clippingsWithStdin(t *testing.T, dbPath, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
		if k == "CLIPPINGS_DB" {
			return dbPath
		}
		return ""
	}}
	status = Run(context.Background(), env, args)
	return out.String(), errOut.String(), status
}

func shownArticle(t *testing.T, dbPath, id string) map[string]any {
	t.Helper()
	out, errOut, status := clippings(t, dbPath, "show", "--json", id)
	if status != ExitOK {
		t.Fatalf("show %s: %d %s", id, status, errOut)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	return a
}

const copiedText = "Ferry timetable changes\n\nThe ferry to the islands will sail twice a day from Monday, the operator said, after a winter of one sailing a day.\n\nTickets bought for the old times remain valid, it said.\n"

// What `xclip -o -t text/html` prints after copying a selection in Chromium.
const copiedHTML = `<meta charset='utf-8'><h1 style="color: rgb(0, 0, 0);">Ferries return to the islands</h1><p style="margin: 0px;">The ferries to the islands sailed again on Monday after a week in port, as the storm that had kept them there moved east.</p><p>The operator said every sailing of the week was full.</p>`

func TestImportFromStandardInput(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	out, errOut, status := clippingsWithStdin(t, dbPath, copiedText, "import", "-", "--url", "https://ferries.example/timetable")
	if status != ExitOK || !strings.Contains(out, "imported   #1 Ferry timetable changes  (standard input)") {
		t.Fatalf("status %d\n%s\n%s", status, out, errOut)
	}
	a := shownArticle(t, dbPath, "1")
	if a["url"] != "https://ferries.example/timetable" || a["file"].(map[string]any)["format"] != "text" {
		t.Errorf("stored %v, %v", a["url"], a["file"])
	}

	// A fragment of HTML is read as HTML; --title replaces the headline.
	out, errOut, status = clippingsWithStdin(t, dbPath, copiedHTML, "import", "--title", "Ferries are back", "-")
	if status != ExitOK || !strings.Contains(out, "#2 Ferries are back") {
		t.Fatalf("html: status %d\n%s\n%s", status, out, errOut)
	}
	b := shownArticle(t, dbPath, "2")
	if b["file"].(map[string]any)["format"] != "html" || b["file"].(map[string]any)["name"] != "stdin.html" {
		t.Errorf("html stored as %v", b["file"])
	}
	if out, _, _ := clippings(t, dbPath, "show", "2"); !strings.Contains(out, "Ferries are back") {
		t.Errorf("show: %s", out)
	}

	// --format text keeps markup as text; the same bytes again are a duplicate.
	out, _, status = clippingsWithStdin(t, dbPath, copiedText, "import", "-")
	if status != ExitOK || !strings.Contains(out, "duplicate  standard input: duplicate of #1") {
		t.Errorf("again: %d %q", status, out)
	}
	out, errOut, status = clippingsWithStdin(t, dbPath, "", "import", "-")
	if status != ExitFailed || !strings.Contains(out, "failed     standard input:") || !strings.Contains(out, "empty") {
		t.Errorf("empty input: %d %q %q", status, out, errOut)
	}
}

func TestStandardInputUsageErrors(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"import", "-", "-"}, "may be given once"},
		{[]string{"import", "--title", "T", sample}, "add -"},
		{[]string{"import", "--format", "pdf", "-"}, `--format "pdf": give html or text`},
		{[]string{"import", "--url", "ferries.example/x", "-"}, "is not a web address"},
		{[]string{"import"}, "name at least one file, folder or web address, or - for standard input"},
	} {
		_, errOut, status := clippingsWithStdin(t, dbPath, copiedText, tc.args...)
		if status != ExitUsage || !strings.Contains(errOut, tc.says) {
			t.Errorf("%v: status %d, %q; want it to say %q", tc.args, status, errOut, tc.says)
		}
	}
	if _, err := os.Stat(dbPath); err == nil {
		t.Error("a usage error created the archive")
	}
}

func TestStdinExtension(t *testing.T) {
	for _, tc := range []struct{ format, data, want string }{
		{"", copiedHTML, ".html"},
		{"", "<!DOCTYPE html><html><body><p>x</p></body></html>", ".html"},
		{"", "\n  <p>A paragraph</p>", ".html"},
		{"", copiedText, ".txt"},
		{"", "<3 this story, a reader wrote", ".txt"},
		{"", "%PDF-1.7\n...", ".pdf"},
		{"text", copiedHTML, ".txt"},
		{"html", copiedText, ".html"},
	} {
		if got := stdinExtension(tc.format, []byte(tc.data)); got != tc.want {
			t.Errorf("stdinExtension(%q, %.30q) = %q, want %q", tc.format, tc.data, got, tc.want)
		}
	}
}

func TestImportWebAddressesMixedWithFiles(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/ferries":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<html><head><title>Ferries | Courier</title><link rel="canonical" href="https://courier.example/ferries"></head><body><article>` +
				`<h1>Ferries return</h1><img src="/photo.jpg"><p>The ferries to the islands sailed again on Monday after a week in port.</p>` +
				`<p>The operator said every sailing of the week was full, and added two evening crossings for the weekend.</p></article></body></html>`))
		case "/paywalled":
			http.Error(w, "subscribers only", http.StatusUnauthorized)
		case "/busy":
			w.Header().Set("Retry-After", "30")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dbPath := filepath.Join(t.TempDir(), "a.db")
	out, errOut, status := clippings(t, dbPath, "import", srv.URL+"/ferries", sample, srv.URL+"/paywalled", srv.URL+"/busy", srv.URL+"/missing")
	if status != ExitFailed {
		t.Errorf("status %d, want %d (some failed)", status, ExitFailed)
	}
	for _, want := range []string{
		"imported   #", "Ferries return  (" + srv.URL + "/ferries)",
		"failed     " + srv.URL + "/paywalled: the site refused: it may need a login (HTTP 401 Unauthorized)",
		"failed     " + srv.URL + "/busy: the site is limiting requests (HTTP 429 Too Many Requests): try again later (it asks for 30 s)",
		"failed     " + srv.URL + "/missing: page not found (HTTP 404 Not Found)",
		"Russia calls for negotiations",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "2 imported · 3 failed") {
		t.Errorf("summary: %q", errOut)
	}
	out, _, _ = clippings(t, dbPath, "search", "--json", "ferries")
	var hit struct{ ID int64 }
	if err := json.Unmarshal([]byte(out), &hit); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	a := shownArticle(t, dbPath, strconv.FormatInt(hit.ID, 10))
	if a["url"] != "https://courier.example/ferries" || a["file"].(map[string]any)["path"] != srv.URL+"/ferries" {
		t.Errorf("the canonical address is not the article's, or the address fetched not its original's: %v, %v", a["url"], a["file"])
	}
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(asked) // fetched on several workers at once
	if strings.Join(asked, " ") != "/busy /ferries /missing /paywalled" {
		t.Errorf("the site was asked for %v", asked)
	}
}

// syncBuffer is a buffer a running command writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestWatchImportsWhatArrives(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	dir := t.TempDir()
	mali, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "before.txt"), mali, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
		if k == "CLIPPINGS_DB" {
			return dbPath
		}
		return ""
	}}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- Run(ctx, env, []string{"watch", dir}) }()

	waitOutput := func(what string, in *syncBuffer) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for !strings.Contains(in.String(), what) {
			if time.Now().After(deadline) {
				stop()
				t.Fatalf("no %q in\n%s\n%s", what, out.String(), errOut.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitOutput("#1 Russia calls for negotiations to end Mali crisis", &out)
	// Written in two pieces, as a download is.
	f, err := os.Create(filepath.Join(dir, "ferries.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(copiedText[:40])
	time.Sleep(200 * time.Millisecond)
	f.WriteString(copiedText[40:])
	f.Close()
	os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("not a pdf at all"), 0o644)
	os.WriteFile(filepath.Join(dir, "photo.png"), []byte("\x89PNG"), 0o644)
	waitOutput("#2 Ferry timetable changes", &out)
	waitOutput("failed     "+filepath.Join(dir, "broken.pdf"), &out)

	stop()
	select {
	case status := <-done:
		if status != ExitOK {
			t.Errorf("status %d after the interrupt", status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not stop")
	}
	if strings.Contains(out.String(), "photo.png") {
		t.Errorf("a file the importer does not read was reported: %s", out.String())
	}
	// Watching again imports nothing twice: what is there is a duplicate.
	var out2, errOut2 syncBuffer
	env.Stdout, env.Stderr = &out2, &errOut2
	ctx2, stop2 := context.WithCancel(context.Background())
	go func() { done <- Run(ctx2, env, []string{"watch", dir}) }()
	waitOutput("2 duplicates · 1 failed", &errOut2)
	stop2()
	<-done
	if strings.Contains(out2.String(), "imported") {
		t.Errorf("imported again after a restart: %s", out2.String())
	}
}
