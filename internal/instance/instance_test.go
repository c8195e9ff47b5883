package instance

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestSecondStartHandsItsFilesToTheFirst(t *testing.T) {
	dir, archive := t.TempDir(), filepath.Join(t.TempDir(), "a.db")
	srv, err := Claim(dir, archive)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got := make(chan []string, 2)
	go srv.Serve(func(p []string) { got <- p })

	if _, err := Claim(dir, archive); !errors.Is(err, ErrRunning) {
		t.Fatalf("second claim: %v, want ErrRunning", err)
	}
	wd, _ := os.Getwd()
	if err := Hand(dir, archive, []string{"story.html", "/abs/page.txt", "https://example.org/a"}); err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(wd, "story.html"), "/abs/page.txt", "https://example.org/a"}
	select {
	case p := <-got:
		if !slices.Equal(p, want) {
			t.Errorf("handed %q, want %q", p, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first window never got the files")
	}
	// A start with nothing to import only brings the window to the front.
	if err := Hand(dir, archive, nil); err != nil {
		t.Fatal(err)
	}
	if p := <-got; len(p) != 0 {
		t.Errorf("handed %q, want nothing", p)
	}
}

func TestArchivesAreIndependent(t *testing.T) {
	dir := t.TempDir()
	a, err := Claim(dir, filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Claim(dir, filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatalf("a window on another archive: %v", err)
	}
	b.Close()
}

// A window killed without closing leaves its socket file: the next start
// takes it over.
func TestStaleSocketIsTakenOver(t *testing.T) {
	dir, archive := t.TempDir(), "/some/archive.db"
	path, err := socketPath(dir, archive)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close() // the file stays, nobody listens
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no stale socket to test with: %v", err)
	}
	srv, err := Claim(dir, archive)
	if err != nil {
		t.Fatalf("claim over a stale socket: %v", err)
	}
	srv.Close()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Close left the socket: %v", err)
	}
}

func TestHandWithoutWindow(t *testing.T) {
	if err := Hand(t.TempDir(), "/x.db", []string{"a"}); err == nil {
		t.Error("handing to no window succeeded")
	}
}

// The socket's folder must be the user's own and closed to others.
func TestRuntimeDirIsPrivate(t *testing.T) {
	base := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", base)
	dir, err := runtimeDir()
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("mode %v", st.Mode())
	}
	os.Chmod(dir, 0o755)
	if _, err := runtimeDir(); err == nil {
		t.Error("a folder others may enter was accepted")
	}
}
