package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A mistyped --db on a command that does not add articles must not make an
// empty archive (or its folders) there and report on it: it says there is
// no archive.
func TestMissingArchiveIsNotCreated(t *testing.T) {
	for _, mode := range []Mode{Existing, ReadOnly} {
		t.Run(mode.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "typo", "clipings.db")
			s, err := OpenMode(context.Background(), path, mode)
			if err == nil {
				s.Close()
				t.Fatal("opened an archive that does not exist")
			}
			if !errors.Is(err, ErrNoArchive) || !strings.Contains(err.Error(), "no archive at "+path) {
				t.Errorf("err = %v; want ErrNoArchive saying \"no archive at %s\"", err, path)
			}
			if _, err := os.Stat(filepath.Join(dir, "typo")); err == nil {
				t.Error("the missing archive's folder was created")
			}
		})
	}
}

// A new archive that the disk has no room for says so, and leaves neither
// an empty file nor the folder made for it. The full disk is SQLite's
// max_page_count, set by a first schema step: the write of the real first
// step then fails with SQLITE_FULL, as on a full disk.
func TestNewArchiveOnFullDiskLeavesNothing(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	full := append([]migration{{name: "0000_full_disk.sql", sql: "PRAGMA max_page_count = 1"}}, ms...)
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "clippings.db")
	s, err := open(context.Background(), path, full, Create)
	if err == nil {
		s.Close()
		t.Fatal("created an archive on a full disk")
	}
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "free some space") {
		t.Errorf("err = %v; want ErrDiskFull naming the archive and what to do", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left behind: %s", entries[0].Name())
	}
}

// killedWriter makes an archive as a writer killed after committing leaves
// it: its files copied while the writer still has them open, so the last
// articles are only in the -wal. withSHM keeps the -shm file too (a killed
// writer leaves it; a copy to other media may not). It returns the path and
// the number of articles.
func killedWriter(t *testing.T, withSHM bool) (string, int) {
	t.Helper()
	s := openTemp(t)
	ids := seed(t, s)
	if fileSize(s.Path()+"-wal") == 0 {
		t.Fatal("the writer's articles are not in its -wal")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "clippings.db")
	suffixes := []string{"", "-wal"}
	if withSHM {
		suffixes = append(suffixes, "-shm")
	}
	for _, suffix := range suffixes {
		data, err := os.ReadFile(s.Path() + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path, len(ids)
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// snapshotFolder reads every file of dir.
func snapshotFolder(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

// An archive Clippings may not write — a read-only file, a read-only folder
// (as on read-only media), with or without the -wal a killed writer left —
// opens read-only: every article can be read, searched, checked and backed
// up, every change is refused with ErrReadOnly, and the archive's files
// are left as they were.
func TestReadOnlyArchivesCanBeRead(t *testing.T) {
	cases := []struct {
		name   string
		make   func(t *testing.T) (string, int)
		lockUp func(t *testing.T, path string)
	}{
		{"read-only file", func(t *testing.T) (string, int) { return closedArchive(t), 6 },
			func(t *testing.T, path string) { makeReadOnly(t, path) }},
		{"read-only folder", func(t *testing.T) (string, int) { return closedArchive(t), 6 },
			func(t *testing.T, path string) { makeReadOnly(t, filepath.Dir(path)) }},
		{"read-only file, -wal of a killed writer", func(t *testing.T) (string, int) { return killedWriter(t, true) },
			func(t *testing.T, path string) { makeReadOnly(t, path) }},
		{"read-only folder, -wal and -shm of a killed writer", func(t *testing.T) (string, int) { return killedWriter(t, true) },
			func(t *testing.T, path string) { makeReadOnly(t, filepath.Dir(path)) }},
		{"read-only folder, -wal of a killed writer without its -shm", func(t *testing.T) (string, int) { return killedWriter(t, false) },
			func(t *testing.T, path string) { makeReadOnly(t, filepath.Dir(path)) }},
		{"everything read-only, -wal and -shm of a killed writer", func(t *testing.T) (string, int) { return killedWriter(t, true) },
			func(t *testing.T, path string) {
				for _, suffix := range []string{"", "-wal", "-shm"} {
					makeReadOnly(t, path+suffix)
				}
				makeReadOnly(t, filepath.Dir(path))
			}},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, articles := c.make(t)
			before := snapshotFolder(t, filepath.Dir(path))
			c.lockUp(t, path)

			s, err := OpenMode(ctx, path, ReadOnly)
			if err != nil {
				t.Fatalf("OpenMode read-only: %v", err)
			}
			if !s.ReadOnly() {
				t.Error("ReadOnly() = false")
			}
			if n, err := s.Count(ctx); err != nil || n != articles {
				t.Errorf("Count = %d, %v; want %d (the -wal's articles too)", n, err, articles)
			}
			res, err := s.Search(ctx, Request{Query: "mali"})
			if err != nil || res.Total == 0 {
				t.Errorf("Search(mali) = %d hits, %v", res.Total, err)
			}
			if err := s.SetStarred(ctx, []int64{1}, true); !errors.Is(err, ErrReadOnly) {
				t.Errorf("SetStarred on a read-only archive: %v; want ErrReadOnly", err)
			}
			report, err := s.Check(ctx)
			if err != nil || !report.OK() || report.Articles != articles {
				t.Errorf("Check: %+v, %v", report, err)
			}
			backup := filepath.Join(t.TempDir(), "backup.db")
			if err := s.Backup(ctx, backup); err != nil {
				t.Errorf("Backup: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			b, err := OpenMode(ctx, backup, ReadOnly)
			if err != nil {
				t.Fatalf("open the backup: %v", err)
			}
			if n, _ := b.Count(ctx); n != articles {
				t.Errorf("the backup holds %d articles; want %d", n, articles)
			}
			b.Close()
			after := snapshotFolder(t, filepath.Dir(path))
			for name, data := range before {
				if name == filepath.Base(path)+"-shm" {
					continue // SQLite's shared index of readers, rebuilt by each
				}
				if after[name] != data {
					t.Errorf("%s was changed", name)
				}
			}
			for name, data := range after {
				if _, ok := before[name]; ok {
					continue
				}
				// A reader of a file it may not write leaves SQLite's
				// empty log and shared index of readers (see openReadOnly).
				if name == filepath.Base(path)+"-shm" || name == filepath.Base(path)+"-wal" && data == "" {
					continue
				}
				t.Errorf("%s was left beside the archive", name)
			}
		})
	}
}

// Opened for writing, the same file is refused as before: the window then
// opens it read-only.
func TestReadOnlyArchiveIsNotOpenedForWriting(t *testing.T) {
	path := closedArchive(t)
	makeReadOnly(t, path)
	for _, mode := range []Mode{Create, Existing} {
		if _, err := OpenMode(context.Background(), path, mode); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: err = %v; want ErrReadOnly", mode, err)
		}
	}
}

// A command that only reads, on an archive it could write, reads the -wal
// a killed writer left (and SQLite folds it into the archive as the last
// connection closes, as the next writer would); it changes nothing.
func TestReadOnlyUseOfWritableArchiveReadsTheLog(t *testing.T) {
	ctx := context.Background()
	path, articles := killedWriter(t, true)
	s, err := OpenMode(ctx, path, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(ctx); err != nil || n != articles {
		t.Errorf("Count = %d, %v; want %d", n, err, articles)
	}
	if err := s.SetStarred(ctx, []int64{1}, true); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SetStarred: %v; want ErrReadOnly", err)
	}
	s.Close()
	w, err := OpenMode(ctx, path, Existing)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n, _ := w.Count(ctx); n != articles {
		t.Errorf("after the read-only use, %d articles; want %d", n, articles)
	}
	if a, err := w.Get(ctx, 1); err != nil || a.Starred {
		t.Errorf("article 1: starred %v, %v; want unchanged", a.Starred, err)
	}
}

// An archive of an earlier version cannot be read without its upgrade,
// which writes: read-only, it is refused with that reason and untouched.
func TestReadOnlyEarlierVersionNeedsUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	v1Archive(t, path)
	before, _ := os.ReadFile(path)
	_, err := OpenMode(context.Background(), path, ReadOnly)
	if !errors.Is(err, ErrNeedsUpgrade) || !strings.Contains(err.Error(), "version 1") {
		t.Fatalf("err = %v; want ErrNeedsUpgrade naming version 1", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the archive was changed")
	}
}
