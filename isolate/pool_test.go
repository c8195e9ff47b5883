//go:build unix

package isolate

import (
	"bytes"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// slowPage is a page the HTML extractor takes seconds and some 270 MB on
// (8,000 paragraphs each followed by a nested element): 8 s in a worker
// here.
func slowPage() []byte {
	p := "<p>The harbour reopened on Monday after three weeks of repairs to the storm-damaged pier.</p><div><span>x</span></div>\n"
	return []byte("<html><body><article>" + strings.Repeat(p, 8000) + "</article></body></html>")
}

// goodPage is a saved page.
const goodPage = "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>" +
	"<p>The harbour reopened on Monday after three weeks of repairs to the storm-damaged pier, the port authority said in a statement.</p>" +
	"<p>Ferries to the islands will run again from Tuesday morning, and the fish market opens on its usual days.</p></article></body></html>"

// alive reports whether a process is still running (not yet reaped
// counts as gone: the pool waits for the workers it kills).
func alive(pid int) bool {
	return syscall.Kill(pid, 0) == nil
}

// idleWorker is the pool's one idle worker.
func idleWorker(t *testing.T, p *Pool) *worker {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) != 1 {
		t.Fatalf("%d idle workers; want 1", len(p.idle))
	}
	return p.idle[0]
}

// An extraction that runs past its time limit is stopped: its worker
// process is killed (in the importing process, a parser's goroutine went
// on for as long as the program ran), the file fails with ErrTimeout, and
// the next file gets a new worker.
func TestTimedOutExtractionIsKilled(t *testing.T) {
	p := New(1)
	defer p.Close()
	if _, err := p.Extract("good.html", []byte(goodPage), article.Options{}); err != nil {
		t.Fatal(err)
	}
	pid := idleWorker(t, p).cmd.Process.Pid

	start := time.Now()
	_, err := p.Extract("slow.html", slowPage(), article.Options{Timeout: time.Second})
	if !errors.Is(err, article.ErrTimeout) || !strings.Contains(err.Error(), "slow.html") {
		t.Fatalf("err = %v; want ErrTimeout naming the file", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the timed-out extraction returned after %s", took)
	}
	if alive(pid) {
		t.Errorf("worker %d still runs after its extraction timed out", pid)
	}
	a, err := p.Extract("good.html", []byte(goodPage), article.Options{})
	if err != nil || a.Title != "Harbour reopens" {
		t.Errorf("the next file: %q, %v", a.Title, err)
	}
	if next := idleWorker(t, p).cmd.Process.Pid; next == pid {
		t.Error("the killed worker was used again")
	}
}

// An extraction that needs more memory than the worker may have fails
// with that reason, and kills neither the caller nor the next file. The
// limit is made small so the page reaches it in a moment; the page is
// four times the slow one, as the slow page alone sometimes fitted in
// 128 MB once a worker started small (its garbage collector pressed by the
// soft limit): the test then failed one run in five.
func TestExtractionOverTheMemoryLimitFails(t *testing.T) {
	p := New(1).WithMemoryLimit(128 << 20)
	defer p.Close()
	page := bytes.Repeat(slowPage(), 4)
	_, err := p.Extract("slow.html", page, article.Options{Timeout: time.Minute})
	if !errors.Is(err, article.ErrTooLarge) || !strings.Contains(err.Error(), "more than 128 MB of memory") {
		t.Fatalf("err = %v; want ErrTooLarge saying it needed more than 128 MB", err)
	}
	if a, err := p.Extract("good.html", []byte(goodPage), article.Options{}); err != nil || a.Title != "Harbour reopens" {
		t.Errorf("the next file: %q, %v", a.Title, err)
	}
}

// A worker's errors keep their kind (errors.Is) and their message, as
// article.Extract's own.
func TestWorkerErrorsKeepTheirKind(t *testing.T) {
	p := New(1)
	defer p.Close()
	cases := []struct {
		name string
		data string
		want error
	}{
		{"empty.html", "", article.ErrEmpty},
		{"photo.html", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", article.ErrBinary},
		{"notes.docx", "text", article.ErrUnsupported},
		{"menu.html", "<html><body><ul><li>Home</li><li>News</li></ul></body></html>", article.ErrNoArticle},
		{"broken.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n", article.ErrNoArticle},
		{"menu.txt", "Home\nNews\nSport\n", article.ErrNoArticle}, // in this process
	}
	for _, c := range cases {
		_, want := article.Extract(c.name, []byte(c.data), article.Options{})
		_, err := p.Extract(c.name, []byte(c.data), article.Options{})
		if !errors.Is(err, c.want) || err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("%s: %v; want %v", c.name, err, want)
		}
	}
}

// Workers left idle are stopped when the pool closes.
func TestCloseStopsWorkers(t *testing.T) {
	p := New(2)
	done := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := p.Extract("good.html", []byte(goodPage), article.Options{})
			done <- err
		}()
	}
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	p.mu.Lock()
	var pids []int
	for _, w := range p.idle {
		pids = append(pids, w.cmd.Process.Pid)
	}
	p.mu.Unlock()
	p.Close()
	for _, pid := range pids {
		if alive(pid) {
			t.Errorf("worker %d still runs after Close", pid)
		}
	}
}

// ExtractHere extracts copied text and Markdown under 1 MB in the calling
// process (their readers are Clippings' own, bounded code); a saved page,
// HTML saved as .txt, and a text over 1 MB go to a worker. Extract sends
// everything to a worker.
func TestOnlyParsersRunInWorkersHere(t *testing.T) {
	cases := []struct {
		name, data string
		worker     bool
	}{
		{"note.txt", "Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said.\n", false},
		{"note.md", "# Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said.\n", false},
		{"page.html", goodPage, true},
		{"page.txt", goodPage, true},
		{"long.txt", "Harbour reopens\n\n" + strings.Repeat("The harbour reopened on Monday after three weeks of repairs, the port authority said.\n\n", 13000), true},
	}
	for _, c := range cases {
		for _, here := range []bool{true, false} {
			p := New(1)
			extract := p.Extract
			if here {
				extract = p.ExtractHere
			}
			a, err := extract(c.name, []byte(c.data), article.Options{})
			p.mu.Lock()
			started := p.running > 0
			p.mu.Unlock()
			p.Close()
			if err != nil || a.Title != "Harbour reopens" {
				t.Errorf("%s: %q, %v", c.name, a.Title, err)
			}
			if want := c.worker || !here; started != want {
				t.Errorf("%s (here %v): a worker started: %v; want %v", c.name, here, started, want)
			}
		}
	}
}

func syscallKill(pid int) { syscall.Kill(pid, syscall.SIGKILL) }
