package clipboard

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// The X server of these tests: a private Xvfb (scripts/setup installs it),
// started when a test first needs it. -noreset: by default the server
// resets when its last client leaves, and refuses connections meanwhile.
var xvfb struct {
	once    sync.Once
	display string
	cmd     *exec.Cmd
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if xvfb.cmd != nil {
		xvfb.cmd.Process.Signal(os.Interrupt) // lets it remove its socket and lock
		xvfb.cmd.Wait()
	}
	os.Exit(code)
}

// display starts Xvfb on a display it picks itself (-displayfd) and
// returns its name.
func display(t *testing.T) string {
	t.Helper()
	xvfb.once.Do(func() {
		r, w, err := os.Pipe()
		if err != nil {
			xvfb.err = err
			return
		}
		defer r.Close()
		cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "320x240x24", "-nolisten", "tcp", "-noreset")
		cmd.ExtraFiles = []*os.File{w}
		if err := cmd.Start(); err != nil {
			w.Close()
			xvfb.err = fmt.Errorf("start Xvfb (scripts/setup installs it): %w", err)
			return
		}
		w.Close()
		xvfb.cmd = cmd
		line := make(chan string, 1)
		go func() {
			s, _ := bufio.NewReader(r).ReadString('\n')
			line <- strings.TrimSpace(s)
		}()
		select {
		case n := <-line:
			if n == "" {
				xvfb.err = errors.New("Xvfb did not say which display it took")
				return
			}
			xvfb.display = ":" + n
		case <-time.After(10 * time.Second):
			xvfb.err = errors.New("Xvfb did not start within 10 s")
		}
	})
	if xvfb.err != nil {
		t.Fatal(xvfb.err)
	}
	return xvfb.display
}

// own puts offers on the clipboard of the test's X server and serves
// them until the test ends; served lists what was asked for so far.
func own(t *testing.T, chunk int, offers ...Offer) (served func() []string) {
	t.Helper()
	o, err := Own(display(t), offers, chunk)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	log := []string{}
	o.Served = func(target string, n int, incremental bool) {
		mu.Lock()
		defer mu.Unlock()
		entry := target
		if incremental {
			entry += " (INCR)"
		}
		log = append(log, entry)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		o.Serve(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(log)
	}
}

func read(t *testing.T) Clip {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := ReadX11(ctx, display(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReadX11BrowserSelection(t *testing.T) {
	page := "https://courier.example/ferries"
	served := own(t, 0,
		Offer{"text/html", []byte(selectionHTML)},
		Offer{"text/plain;charset=utf-8", []byte("Ferries return to the islands\nThe ferries sailed again on Monday.")},
		Offer{"UTF8_STRING", []byte("Ferries return to the islands\nThe ferries sailed again on Monday.")},
		Offer{"STRING", []byte("Ferries return to the islands\nThe ferries sailed again on Monday.")},
		Offer{"chromium/x-source-url", []byte(page)},
	)
	c := read(t)
	if c.Kind != HTML || string(c.Data) != selectionHTML || c.Source != page {
		t.Errorf("read %+v", show(c))
	}
	if want := []string{"TARGETS", "text/plain;charset=utf-8", "text/html", "chromium/x-source-url"}; !slices.Equal(served(), want) {
		t.Errorf("asked for %v, want %v", served(), want)
	}
	if !slices.Contains(c.Offered, "UTF8_STRING") || !slices.Contains(c.Offered, "TARGETS") {
		t.Errorf("offered %v", c.Offered)
	}
}

// TestReadX11LargeSelectionInPieces reads 1.5 MB of HTML — Chromium's
// text/html of a long article with its inlined styles runs to hundreds of
// KB — sent by the INCR protocol in 64 KB pieces.
func TestReadX11LargeSelectionInPieces(t *testing.T) {
	var b strings.Builder
	b.WriteString("<meta charset='utf-8'><h1>A long read</h1>")
	for i := 0; b.Len() < 1500000; i++ {
		fmt.Fprintf(&b, `<p style="margin: 0px 0px 1.2em; font-family: Georgia, serif; color: rgb(20, 20, 20);">Paragraph %d of a very long article, with its styles inlined as Chromium copies them.</p>`, i)
	}
	html := b.String()
	served := own(t, 64<<10, Offer{"text/html", []byte(html)}, Offer{"UTF8_STRING", []byte("A long read")})
	c := read(t)
	if c.Kind != HTML || len(c.Data) != len(html) || string(c.Data) != html {
		t.Fatalf("read %d bytes of kind %d, want %d bytes of HTML", len(c.Data), c.Kind, len(html))
	}
	// The owner logs a transfer in pieces once it has sent the empty
	// piece that ends it, which the reader may have read already.
	for deadline := time.Now().Add(5 * time.Second); !slices.Contains(served(), "text/html (INCR)"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("served %v: not in pieces", served())
		}
	}
}

func TestReadX11CopiedFilesAndLinks(t *testing.T) {
	func() {
		own(t, 0, Offer{"x-special/gnome-copied-files", []byte("copy\nfile:///home/ana/Saved%20pages/ferries.html")}, Offer{"UTF8_STRING", []byte("ferries.html")})
		if c := read(t); c.Kind != Paths || !slices.Equal(c.Paths, []string{"/home/ana/Saved pages/ferries.html"}) {
			t.Errorf("files: %+v", show(c))
		}
	}()
	func() {
		own(t, 0, Offer{"UTF8_STRING", []byte("https://courier.example/ferries")})
		if c := read(t); c.Kind != Paths || !slices.Equal(c.Paths, []string{"https://courier.example/ferries"}) {
			t.Errorf("a link: %+v", show(c))
		}
	}()
}

func TestReadX11EmptyAndSilentClipboards(t *testing.T) {
	d := display(t)
	// Nobody owns the clipboard once its owner has gone.
	o, err := Own(d, []Offer{{"UTF8_STRING", []byte("x")}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		// The server forgets the owner a moment after its connection
		// closes; until then the old owner is asked and cannot answer,
		// so each try is short.
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		_, err := ReadX11(ctx, d)
		cancel()
		if errors.Is(err, ErrEmpty) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the owner quit: %v, want ErrEmpty", err)
		}
		time.Sleep(20 * time.Millisecond)
	}

	// An owner that never answers does not hang the reader.
	silent, err := Own(d, []Offer{{"UTF8_STRING", []byte("x")}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := ReadX11(ctx, d); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("silent owner: %v", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("gave up after %v", time.Since(start))
	}
}

func TestReadX11WithoutAServer(t *testing.T) {
	_, err := ReadX11(context.Background(), ":4999")
	if !errors.Is(err, ErrNoServer) || !strings.Contains(err.Error(), "connect to the X server") {
		t.Errorf("no server: %v", err)
	}
}
