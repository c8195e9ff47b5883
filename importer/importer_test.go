package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

func openStore(t *testing.T) *db.Store {
	t.Helper()
	s, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// run imports paths and returns the results by file base name.
func run(t *testing.T, im *Importer, paths ...string) (map[string]Result, Summary) {
	t.Helper()
	var mu sync.Mutex
	got := map[string]Result{}
	sum := im.Run(context.Background(), paths, func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		got[filepath.Base(r.Path)] = r
	}, nil)
	return got, sum
}

func TestImportFolderAndReimport(t *testing.T) {
	s := openStore(t)
	im := &Importer{Store: s}
	got, sum := run(t, im, "testdata/batch")

	want := map[string]Status{
		"mali-russia-negotiations.txt": Imported,
		"ecowas.md":                    Imported,
		"page.html":                    Imported,
		".notes.txt":                   Skipped,
		"photo.png":                    Skipped,
	}
	if len(got) != len(want) {
		t.Errorf("results for %d files, want %d: %v", len(got), len(want), got)
	}
	for name, st := range want {
		if got[name].Status != st {
			t.Errorf("%s: %s (%v), want %s", name, got[name].Status, got[name].Err, st)
		}
	}
	if _, ok := got["secret.txt"]; ok {
		t.Error("files in hidden folders must not be imported")
	}
	if sum.Imported != 3 || sum.Skipped != 2 || sum.Failed != 0 {
		t.Errorf("summary %+v", sum)
	}
	mali := got["mali-russia-negotiations.txt"]
	if mali.Title != "Russia calls for negotiations to end Mali crisis" || mali.ID == 0 {
		t.Errorf("mali result %+v", mali)
	}
	a, err := s.Get(context.Background(), mali.ID)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("testdata/batch/mali-russia-negotiations.txt")
	if a.File.Path != abs || a.File.Format != "text" || a.File.Size != 2059 || len(a.File.SHA256) != 64 {
		t.Errorf("file info %+v", a.File)
	}
	orig, _ := os.ReadFile(abs)
	if stored, err := s.Original(context.Background(), mali.ID); err != nil || string(stored) != string(orig) {
		t.Errorf("original not kept byte for byte: %v", err)
	}

	// Again: every article is a duplicate of the first import.
	again, sum := run(t, im, "testdata/batch")
	for _, name := range []string{"mali-russia-negotiations.txt", "ecowas.md", "page.html"} {
		r := again[name]
		if r.Status != Duplicate || r.ID != got[name].ID || r.Err == nil || r.Err.Error() != "duplicate of #"+strconv.FormatInt(got[name].ID, 10) {
			t.Errorf("reimport %s: %+v", name, r)
		}
	}
	if sum.Duplicates != 3 || sum.Imported != 0 {
		t.Errorf("reimport summary %+v", sum)
	}
	if n, _ := s.Count(context.Background()); n != 3 {
		t.Errorf("Count = %d, want 3", n)
	}
}

// The same article from another file (renamed, reformatted) is a duplicate.
func TestImportSameTextOtherFileIsDuplicate(t *testing.T) {
	s := openStore(t)
	im := &Importer{Store: s}
	dir := t.TempDir()
	orig, _ := os.ReadFile("testdata/batch/mali-russia-negotiations.txt")
	copyPath := filepath.Join(dir, "copy of the mali story.txt")
	os.WriteFile(copyPath, append(orig, []byte("\n\n\n")...), 0o644)
	first, _ := run(t, im, "testdata/batch/mali-russia-negotiations.txt")
	second, _ := run(t, im, copyPath)
	r := second["copy of the mali story.txt"]
	if r.Status != Duplicate || r.ID != first["mali-russia-negotiations.txt"].ID {
		t.Errorf("renamed copy: %+v", r)
	}
}

// Bad files fail one by one with a reason; the rest of the batch goes on.
func TestImportBadFilesFailAloneWithReason(t *testing.T) {
	s := openStore(t)
	im := &Importer{Store: s, Opts: Options{MaxSize: 3000}}
	big := filepath.Join(t.TempDir(), "huge.txt")
	os.WriteFile(big, []byte(strings.Repeat("A long line of text. ", 200)), 0o644)
	got, sum := run(t, im, "testdata/empty.txt", "testdata/binary.txt", "testdata/missing.txt",
		"testdata/batch/photo.png", big, "testdata/batch/mali-russia-negotiations.txt")
	cases := []struct {
		name   string
		reason string
		is     error
	}{
		{"empty.txt", "empty", article.ErrEmpty},
		{"binary.txt", "binary", article.ErrBinary},
		{"missing.txt", "no such file", nil},
		{"photo.png", ".png files are not supported", article.ErrUnsupported},
		{"huge.txt", "over the", article.ErrTooLarge},
	}
	for _, c := range cases {
		r := got[c.name]
		if r.Status != Failed || r.Err == nil || !strings.Contains(r.Err.Error(), c.reason) {
			t.Errorf("%s: %s %v, want failed with %q", c.name, r.Status, r.Err, c.reason)
		}
		if c.is != nil && !errors.Is(r.Err, c.is) {
			t.Errorf("%s: %v is not %v", c.name, r.Err, c.is)
		}
	}
	if got["mali-russia-negotiations.txt"].Status != Imported || sum.Imported != 1 || sum.Failed != 5 {
		t.Errorf("summary %+v", sum)
	}
}

func TestDryRunStoresNothing(t *testing.T) {
	s := openStore(t)
	im := &Importer{Store: s, Opts: Options{DryRun: true}}
	got, sum := run(t, im, "testdata/batch/nested/ecowas.md")
	r := got["ecowas.md"]
	if r.Status != Extracted || r.Article == nil || r.Article.Title != "ECOWAS leaders meet over Mali" ||
		r.Article.Published.String() != "2020-08-20" || len(r.Article.Authors) != 1 || r.Article.Authors[0] != "Jane Doe" {
		t.Errorf("dry run result %+v %+v", r, r.Article)
	}
	if sum.Extracted != 1 {
		t.Errorf("summary %+v", sum)
	}
	if n, _ := s.Count(context.Background()); n != 0 {
		t.Errorf("dry run stored %d articles", n)
	}
}

func TestCancelledImportStopsAndKeepsWhatWasStored(t *testing.T) {
	s := openStore(t)
	dir := t.TempDir()
	orig, _ := os.ReadFile("testdata/batch/mali-russia-negotiations.txt")
	for i := range 200 {
		body := strings.Replace(string(orig), "Russia calls", "Story "+strconv.Itoa(i)+" calls", 1)
		os.WriteFile(filepath.Join(dir, "a"+strconv.Itoa(i)+".txt"), []byte(body), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	// Small batches: workers run a batch ahead of the writer, and files
	// begun are finished.
	im := &Importer{Store: s, Opts: Options{Workers: 1, BatchSize: 2}}
	var progress []Progress
	sum := im.Run(ctx, []string{dir}, func(r Result) {
		if r.Status == Imported && r.ID == 5 {
			cancel()
		}
	}, func(p Progress) { progress = append(progress, p) })
	if sum.Cancelled == 0 || sum.Imported+sum.Cancelled != 200 {
		t.Errorf("summary after cancel %+v", sum)
	}
	n, _ := s.Count(context.Background())
	if n != sum.Imported {
		t.Errorf("archive holds %d, summary says %d imported", n, sum.Imported)
	}
	if len(progress) == 0 || progress[0].Total != 200 || !sort.SliceIsSorted(progress, func(i, j int) bool { return progress[i].Done < progress[j].Done }) {
		t.Errorf("progress reports: %d, first %+v", len(progress), progress)
	}
}

func TestCollectSkipsSavedPageAssets(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "story.html"), []byte("<html></html>"), 0o644)
	os.Mkdir(filepath.Join(dir, "story_files"), 0o755)
	os.WriteFile(filepath.Join(dir, "story_files", "frame.html"), []byte("<html></html>"), 0o644)
	os.Mkdir(filepath.Join(dir, "notes_files"), 0o755) // no notes.html beside it: a normal folder
	os.WriteFile(filepath.Join(dir, "notes_files", "n.md"), []byte("# n"), 0o644)
	files, early := Collect([]string{dir})
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if strings.Join(names, ",") != "n.md,story.html" || len(early) != 0 {
		t.Errorf("files %v, early %v", names, early)
	}
}
