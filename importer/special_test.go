//go:build unix

package importer

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWithin runs an import, failing the test instead of hanging when it
// does not end within d (a FIFO opened for reading blocks until someone
// writes to it).
func runWithin(t *testing.T, d time.Duration, im *Importer, paths ...string) (map[string]Result, Summary) {
	t.Helper()
	type outcome struct {
		got map[string]Result
		sum Summary
	}
	done := make(chan outcome, 1)
	go func() {
		got := map[string]Result{}
		sum := im.Run(context.Background(), paths, func(r Result) { got[filepath.Base(r.Path)] = r }, nil)
		done <- outcome{got, sum}
	}()
	select {
	case o := <-done:
		return o.got, o.sum
	case <-time.After(d):
		t.Fatalf("the import of %v did not end within %s", paths, d)
		return nil, Summary{}
	}
}

// FIFOs, sockets and devices — named on the command line or met in a
// folder — are not files to import: each is reported with what it is, at
// once, and the rest of the batch goes on. Inside a folder, a link to a
// file is followed once; links to folders, broken links and loops of links
// are skipped with the reason.
func TestSpecialFilesAreReportedNotRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := "Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said.\n"
	fifo := filepath.Join(dir, "named-pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	if err := syscall.Mkfifo(filepath.Join(folder, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	sock, err := net.Listen("unix", filepath.Join(folder, "socket.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()
	target := write("target.txt", good)
	os.Symlink(target, filepath.Join(folder, "link-to-file.txt"))
	os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(folder, "broken-link.txt"))
	os.Symlink(filepath.Join(folder, "loop-b.txt"), filepath.Join(folder, "loop-a.txt"))
	os.Symlink(filepath.Join(folder, "loop-a.txt"), filepath.Join(folder, "loop-b.txt"))
	os.Mkdir(filepath.Join(dir, "elsewhere"), 0o755)
	os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(folder, "link-to-folder"))
	plain := write("plain.txt", strings.Replace(good, "Monday", "Tuesday", 1))

	s := openStore(t)
	got, sum := runWithin(t, 20*time.Second, &Importer{Store: s}, fifo, "/dev/null", folder, plain)

	cases := []struct {
		name   string
		status Status
		why    string
	}{
		{"named-pipe.txt", Failed, "named pipe"},
		{"null", Failed, "device"},
		{"pipe.txt", Skipped, "named pipe"},
		{"socket.txt", Skipped, "socket"},
		{"broken-link.txt", Skipped, "broken link"},
		{"loop-a.txt", Skipped, "loop"},
		{"loop-b.txt", Skipped, "loop"},
		{"link-to-folder", Skipped, "link to a folder"},
		{"link-to-file.txt", Imported, ""},
		{"plain.txt", Imported, ""},
	}
	for _, c := range cases {
		r, ok := got[c.name]
		switch {
		case !ok:
			t.Errorf("%s: no result", c.name)
		case r.Status != c.status:
			t.Errorf("%s: %s (%v); want %s", c.name, r.Status, r.Err, c.status)
		case c.why != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), c.why)):
			t.Errorf("%s: %v; want the reason %q", c.name, r.Err, c.why)
		}
	}
	if sum.Imported != 2 {
		t.Errorf("summary %+v; want the two files imported", sum)
	}
}
