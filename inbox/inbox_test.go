package inbox

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const quiet = 300 * time.Millisecond

func watch(t *testing.T, dir string, opts Options) *Watcher {
	t.Helper()
	if opts.Quiet == 0 {
		opts.Quiet = quiet
	}
	w, err := Watch(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// collect gathers what the watcher reports until it has been silent for
// wait, with when each file came.
func collect(t *testing.T, w *Watcher, wait time.Duration) (names []string, at map[string]time.Time) {
	t.Helper()
	at = map[string]time.Time{}
	for {
		select {
		case batch, ok := <-w.Files():
			if !ok {
				return names, at
			}
			for _, p := range batch {
				names = append(names, filepath.Base(p))
				at[filepath.Base(p)] = time.Now()
			}
		case <-time.After(wait):
			return names, at
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFileWrittenInPiecesIsReportedOnceComplete(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The default quiet time: pieces 200 ms apart are one file being
	// written, even on a busy machine.
	w := watch(t, dir, Options{Quiet: DefaultQuiet})
	path := filepath.Join(dir, "story.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// Four pieces, each within the quiet time of the last: not complete yet.
	for i := range 4 {
		if _, err := f.WriteString(strings.Repeat("<p>piece</p>\n", 1000)); err != nil {
			t.Fatal(err)
		}
		if i < 3 {
			time.Sleep(DefaultQuiet / 5)
		}
	}
	finished := time.Now()
	f.Close()

	names, at := collect(t, w, 3*DefaultQuiet)
	if !slices.Equal(names, []string{"story.html"}) {
		t.Fatalf("reported %v, want story.html once", names)
	}
	if d := at["story.html"].Sub(finished); d < DefaultQuiet {
		t.Errorf("reported %v after the last write, before it was quiet for %v", d, DefaultQuiet)
	}
	if st, _ := os.Stat(path); st == nil || st.Size() != 4*int64(len("<p>piece</p>\n"))*1000 {
		t.Error("the file was not left in place whole")
	}
}

func TestDownloadRenamedIntoPlace(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := watch(t, dir, Options{})
	partial := filepath.Join(dir, "report.pdf.crdownload")
	write(t, partial, "%PDF-1.4 half of it")
	time.Sleep(2 * quiet) // a stalled download: quiet, but not done
	if names, _ := collect(t, w, quiet); len(names) != 0 {
		t.Fatalf("a download in progress was reported: %v", names)
	}
	if err := os.Rename(partial, filepath.Join(dir, "report.pdf")); err != nil {
		t.Fatal(err)
	}
	if names, _ := collect(t, w, 3*quiet); !slices.Equal(names, []string{"report.pdf"}) {
		t.Errorf("reported %v, want report.pdf", names)
	}
}

func TestFileDeletedBeforeCompleteIsNotReported(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := watch(t, dir, Options{})
	path := filepath.Join(dir, "draft.txt")
	write(t, path, "a draft")
	time.Sleep(quiet / 3)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "kept.txt"), "kept")
	if names, _ := collect(t, w, 3*quiet); !slices.Equal(names, []string{"kept.txt"}) {
		t.Errorf("reported %v, want kept.txt only", names)
	}
}

func TestMovedAwayBeforeCompleteIsNotReported(t *testing.T) {
	t.Parallel()
	dir, elsewhere := t.TempDir(), t.TempDir()
	w := watch(t, dir, Options{})
	write(t, filepath.Join(dir, "moved.txt"), "moving on")
	if err := os.Rename(filepath.Join(dir, "moved.txt"), filepath.Join(elsewhere, "moved.txt")); err != nil {
		t.Fatal(err)
	}
	if names, _ := collect(t, w, 3*quiet); len(names) != 0 {
		t.Errorf("reported %v", names)
	}
}

func TestExistingFilesAndWhatIsNotWanted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "old.txt"), "there before")
	write(t, filepath.Join(dir, ".hidden.txt"), "hidden")
	write(t, filepath.Join(dir, "photo.png"), "png")
	if err := os.Mkdir(filepath.Join(dir, "page_files"), 0o755); err != nil {
		t.Fatal(err)
	}
	accept := func(p string) bool { return !strings.HasSuffix(p, ".png") }
	w := watch(t, dir, Options{Existing: true, Accept: accept})
	write(t, filepath.Join(dir, "page_files", "inner.txt"), "a sub-folder's file")
	write(t, filepath.Join(dir, "new.txt"), "arrived")
	write(t, filepath.Join(dir, "new.txt~"), "an editor's backup")
	write(t, filepath.Join(dir, "other.png"), "png")

	names, _ := collect(t, w, 3*quiet)
	slices.Sort(names)
	if !slices.Equal(names, []string{"new.txt", "old.txt"}) {
		t.Errorf("reported %v, want new.txt and old.txt", names)
	}

	// Without Existing, what was there is left alone.
	w2 := watch(t, dir, Options{Accept: accept})
	if names, _ := collect(t, w2, 3*quiet); len(names) != 0 {
		t.Errorf("reported %v", names)
	}
}

func TestChangedFileIsReportedAgain(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := watch(t, dir, Options{})
	path := filepath.Join(dir, "note.md")
	write(t, path, "# One")
	if names, _ := collect(t, w, 3*quiet); len(names) != 1 {
		t.Fatalf("reported %v", names)
	}
	write(t, path, "# Two")
	if names, _ := collect(t, w, 3*quiet); !slices.Equal(names, []string{"note.md"}) {
		t.Errorf("after a change: %v", names)
	}
}

func TestWatchRefusesWhatIsNotAFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "f.txt")
	write(t, file, "x")
	for _, p := range []string{filepath.Join(dir, "missing"), file} {
		if _, err := Watch(p, Options{}); err == nil {
			t.Errorf("Watch(%s) did not fail", p)
		}
	}
}

func TestCloseEndsFiles(t *testing.T) {
	t.Parallel()
	w, err := Watch(t.TempDir(), Options{Quiet: quiet})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	select {
	case _, ok := <-w.Files():
		if ok {
			t.Error("a batch after Close")
		}
	case <-time.After(time.Second):
		t.Error("Files not closed")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
