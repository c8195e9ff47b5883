package db

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// copyFixture copies a file of testdata/ into a temporary folder, so a test
// may open it (or be refused) without touching the original.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// leftBeside lists the files in path's folder other than path itself.
func leftBeside(t *testing.T, path string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(path) {
			names = append(names, e.Name())
		}
	}
	return names
}

// Another program's SQLite database is refused and left exactly as it was,
// whatever its user_version says — in every mode a command may open it in.
// testdata/foreign-articles-v2.db is the issue's own example, made with
// `sqlite3 f.db "CREATE TABLE articles(id,name,price); … PRAGMA user_version=2"`;
// the others are made here.
func TestForeignDatabasesAreRefusedUntouched(t *testing.T) {
	made := func(sqlText string) func(t *testing.T) string {
		return func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "other.db")
			raw, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(sqlText); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			return path
		}
	}
	cases := []struct {
		name string
		file func(t *testing.T) string
	}{
		{"articles table at user_version 2", func(t *testing.T) string { return copyFixture(t, "foreign-articles-v2.db") }},
		{"user_version 3, our version", made("CREATE TABLE notes(body); PRAGMA user_version = 3")},
		{"user_version 1", made("CREATE TABLE articles(id, doc, title); PRAGMA user_version = 1")},
		{"another application's id", made("PRAGMA application_id = 1598903374; CREATE TABLE t(x)")},
		{"tables but no version", made("CREATE TABLE contacts(name)")},
		{"no tables, a version", made("PRAGMA user_version = 7")},
	}
	for _, c := range cases {
		for _, mode := range []Mode{Create, Existing, ReadOnly} {
			t.Run(c.name+"/"+mode.String(), func(t *testing.T) {
				path := c.file(t)
				before, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				s, err := OpenMode(context.Background(), path, mode)
				if err == nil {
					s.Close()
					t.Fatal("opened; want it refused as not a Clippings archive")
				}
				if !errors.Is(err, ErrNotDatabase) {
					t.Errorf("err = %v; want ErrNotDatabase", err)
				}
				after, _ := os.ReadFile(path)
				if string(after) != string(before) {
					t.Error("the refused database was changed")
				}
				if extra := leftBeside(t, path); len(extra) > 0 {
					t.Errorf("files left beside the refused database: %v", extra)
				}
			})
		}
	}
}

// A new archive carries Clippings' application id from its creation on.
func TestNewArchiveHasApplicationID(t *testing.T) {
	s := openTemp(t)
	var id int64
	if err := s.read.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id != ApplicationID {
		t.Errorf("application_id = %#x; want %#x", id, ApplicationID)
	}
}

// An archive written by the previous version, before archives carried an
// application id (testdata/earlier-v3.db: one article, made by that
// version's `clippings import`), is recognised by its schema and opens in
// every mode; opened for writing it gains the id.
func TestEarlierArchiveWithoutIDOpens(t *testing.T) {
	for _, mode := range []Mode{ReadOnly, Existing, Create} {
		t.Run(mode.String(), func(t *testing.T) {
			path := copyFixture(t, "earlier-v3.db")
			s, err := OpenMode(context.Background(), path, mode)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if n, err := s.Count(context.Background()); err != nil || n != 1 {
				t.Errorf("Count = %d, %v; want the one article", n, err)
			}
			var id int64
			if err := s.read.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
				t.Fatal(err)
			}
			want := int64(ApplicationID)
			if mode == ReadOnly {
				want = 0
			}
			if id != want {
				t.Errorf("application_id = %#x; want %#x", id, want)
			}
		})
	}
}
