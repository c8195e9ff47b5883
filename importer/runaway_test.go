//go:build unix

package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// cpuTime is the CPU this process (not its children) has used.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Extractions that give up after their time limit really stop: once the
// import has returned, nothing goes on working on them. Before, their
// parsers ran on in the background for as long as the program did (four
// crafted PDFs made a 2.6 s import of 1,000 files take 62 s, and the
// window busy until it quit). Two pages the HTML extractor takes some 8 s
// each on, with a 1 s limit: the process then stays idle.
func TestTimedOutExtractionsStop(t *testing.T) {
	dir := t.TempDir()
	page := "<p>The harbour reopened on Monday after three weeks of repairs to the storm-damaged pier.</p><div><span>x</span></div>\n"
	var paths []string
	for _, name := range []string{"slow-1.html", "slow-2.html"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("<html><body><article>"+strings.Repeat(page, 8000)+"</article></body></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said.\n"), 0o644)

	s := openStore(t)
	got, sum := run(t, &Importer{Store: s, Opts: Options{Timeout: time.Second}}, append(paths, good)...)
	for _, name := range []string{"slow-1.html", "slow-2.html"} {
		if r := got[name]; r.Status != Failed || !errors.Is(r.Err, article.ErrTimeout) {
			t.Errorf("%s: %s %v; want failed after its time limit", name, r.Status, r.Err)
		}
	}
	if sum.Imported != 1 {
		t.Errorf("summary %+v; want the good file imported", sum)
	}
	before := cpuTime(t)
	time.Sleep(1500 * time.Millisecond)
	if used := cpuTime(t) - before; used > 300*time.Millisecond {
		t.Errorf("the process used %s of CPU in the 1.5 s after the import: the timed-out extractions go on", used)
	}
}
