package db

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// closedArchive makes an archive holding the fixtures, closed, and returns
// its path.
func closedArchive(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clippings.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantRefusedUntouched opens path, expecting an error matching want that
// names the file, and checks the file was not changed.
func wantRefusedUntouched(t *testing.T, path string, want error, words ...string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%s) succeeded; want %v", path, want)
	}
	if !errors.Is(err, want) {
		t.Errorf("err = %v; want %v", err, want)
	}
	for _, w := range append([]string{path}, words...) {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q does not mention %q", err, w)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the refused file was modified")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a -wal file was created beside the refused file")
	}
}

func TestOpenRefusesDamagedArchivesUntouched(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, path string)
		want   error
		words  []string
	}{
		{"cut to half its size", func(t *testing.T, path string) {
			st, _ := os.Stat(path)
			if err := os.Truncate(path, st.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, ErrDamaged, []string{"cut short", "restore a backup"}},
		{"cut inside the header", func(t *testing.T, path string) {
			if err := os.Truncate(path, 60); err != nil {
				t.Fatal(err)
			}
		}, ErrNotDatabase, []string{"left untouched"}},
		{"header overwritten", func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.WriteAt(bytes.Repeat([]byte{0xA5}, 100), 0)
		}, ErrNotDatabase, []string{"left untouched"}},
		{"schema page garbled", func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.WriteAt(bytes.Repeat([]byte{0xA5}, 3000), 100) // page 1 after the header: the schema's root
		}, ErrNotDatabase, []string{"damaged", "restore a backup"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := closedArchive(t)
			c.damage(t, path)
			wantRefusedUntouched(t, path, c.want, c.words...)
		})
	}
}

// Pages corrupted past the schema cannot be seen at open without reading the
// whole file; check finds them, reads fail with a message naming the file,
// and the file is never changed.
func TestCorruptedPagesAreReportedNeverRepaired(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clippings.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := fixtures(t)[0]
	for i := range 40 {
		n := a
		n.Title = a.Title + " " + strings.Repeat("x", i+1)
		n.Body = strings.Repeat(a.Body+" ", 3) + n.Title
		if _, err := s.Add(ctx, []NewArticle{{Article: n, Original: []byte(n.Body)}}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	data, _ := os.ReadFile(path)
	pageSize := 4096
	for p := 3 * pageSize; p < len(data)-pageSize; p += 3 * pageSize {
		copy(data[p:p+pageSize], bytes.Repeat([]byte("\xde\xad\xbe\xef"), pageSize/4))
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}

	s, err = Open(ctx, path)
	if err != nil {
		if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), path) {
			t.Fatalf("Open: %v; want a damaged-archive error naming the file", err)
		}
		return
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if report.OK() {
		t.Error("Check found nothing wrong in a file with garbled pages")
	}
	damagedReads := 0
	for id := int64(1); id <= 40; id++ {
		if _, err := s.Get(ctx, id); err != nil {
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "restore a backup") {
				t.Errorf("Get(%d): %v; want ErrDamaged naming the file and what to do", id, err)
			}
			damagedReads++
		}
	}
	// A search over damaged pages says so too, rather than a raw SQLite code.
	for _, q := range []string{"", "negotiations", "x*"} {
		if _, err := s.Search(ctx, Request{Query: q, Limit: 100}); err != nil {
			t.Logf("Search(%q): %v", q, err)
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
				t.Errorf("Search(%q): %v; want ErrDamaged naming the file", q, err)
			}
		}
	}
	s.Close()
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, data) {
		t.Error("the damaged archive was changed")
	}
	t.Logf("%d problems found; %d of 40 articles unreadable", len(report.Problems), damagedReads)
}

func TestOpenRefusesReadOnlyArchive(t *testing.T) {
	t.Run("read-only file", func(t *testing.T) {
		path := closedArchive(t)
		makeReadOnly(t, path)
		wantRefusedUntouched(t, path, ErrReadOnly, "read-only", "permissions")
	})
	t.Run("read-only folder", func(t *testing.T) {
		path := closedArchive(t)
		makeReadOnly(t, filepath.Dir(path))
		wantRefusedUntouched(t, path, ErrReadOnly, "read-only", "folder")
	})
	t.Run("new archive in a read-only folder", func(t *testing.T) {
		dir := t.TempDir()
		makeReadOnly(t, dir)
		path := filepath.Join(dir, "clippings.db")
		_, err := Open(context.Background(), path)
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), dir) {
			t.Fatalf("err = %v; want ErrReadOnly naming the folder", err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("an archive was created anyway")
		}
	})
}

// A full disk (simulated by capping the archive's pages) fails the batch with
// a clear message; nothing of it is stored and earlier articles are intact.
func TestFullDiskFailsBatchCleanly(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	var pages int
	if err := s.write.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, "PRAGMA max_page_count = "+itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	a := fixtures(t)[0]
	var batch []NewArticle
	for i := range 30 {
		n := a
		n.Title = "Filler " + itoa(i)
		n.Body = strings.Repeat("Words that take room on the disk "+itoa(i)+". ", 300)
		batch = append(batch, NewArticle{Article: n, Original: []byte(n.Body)})
	}
	res, err := s.Add(ctx, batch)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), "free some space") {
		t.Fatalf("Add on a full disk: %v; want ErrDiskFull naming the archive and what to do", err)
	}
	for i, r := range res {
		if r.Err == nil || r.ID != 0 {
			t.Fatalf("result %d = %+v; every article of the failed batch must fail", i, r)
		}
	}
	if n, _ := s.Count(ctx); n != len(ids) {
		t.Errorf("Count = %d after the failed batch; want the %d earlier articles", n, len(ids))
	}
	for title, id := range ids {
		if got, err := s.Get(ctx, id); err != nil || got.Title != title {
			t.Errorf("earlier article #%d: %v", id, err)
		}
	}
	report, err := s.Check(ctx)
	if err != nil || !report.OK() {
		t.Errorf("Check after the failed batch: %+v, %v", report.Problems, err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
