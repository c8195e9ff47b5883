package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
)

// openTemp opens a new archive in a temporary folder.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "archive.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	// Exact counts: a slow run (the race detector, a busy machine) must not
	// turn a count into a lower bound, nor a query into "too broad" (the
	// 6,000-article prefix test overran the 2 s query budget at a load of
	// 10). Tests of the time budgets set them.
	s.SetScanBudget(0)
	s.SetQueryBudget(0)
	return s
}

// fixtures reads testdata/articles.json.
func fixtures(t *testing.T) []article.Article {
	t.Helper()
	b, err := os.ReadFile("testdata/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var as []article.Article
	if err := json.Unmarshal(b, &as); err != nil {
		t.Fatal(err)
	}
	for i := range as {
		as[i].Words = len(strings.Fields(as[i].Body))
		as[i].File = article.File{Name: as[i].Title + ".txt", Format: "text", Size: int64(len(as[i].Body)), SHA256: strings.Repeat("0", 63) + string(rune('a'+i))}
	}
	return as
}

// seed stores the fixtures and returns their ids by title.
func seed(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	as := fixtures(t)
	items := make([]NewArticle, len(as))
	for i, a := range as {
		items[i] = NewArticle{Article: a, Original: []byte(a.Title + "\n\n" + a.Body)}
	}
	res, err := s.Add(context.Background(), items)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	ids := map[string]int64{}
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("Add %q: %v", as[i].Title, r.Err)
		}
		ids[as[i].Title] = r.ID
	}
	return ids
}

func TestOpenCreatesFolderAndSetsPragmas(t *testing.T) {
	s := openTemp(t)
	if _, err := os.Stat(s.Path()); err != nil {
		t.Fatalf("archive file not created: %v", err)
	}
	ctx := context.Background()
	checks := []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"synchronous", "1"},
		{"busy_timeout", "10000"},
		{"user_version", itoa(SchemaVersion())},
	}
	for _, c := range checks {
		var got string
		if err := s.write.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
	if _, err := s.read.ExecContext(ctx, "DELETE FROM articles"); err == nil {
		t.Error("reader connections must not write")
	}
}

func TestMigrationsAreIdempotentAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	s.Close()
	s, err = Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	n, err := s.Count(context.Background())
	if err != nil || n != 6 {
		t.Fatalf("Count after reopen = %d, %v; want 6", n, err)
	}
}

func TestOpenRefusesNewerArchiveUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("CREATE TABLE future(x); PRAGMA user_version = 99; PRAGMA application_id = %d", ApplicationID)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, _ := os.ReadFile(path)

	_, err = Open(context.Background(), path)
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("Open newer archive: err = %v, want ErrTooNew", err)
	}
	if !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), path) {
		t.Errorf("message should name the file and the problem: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the newer archive was modified")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a WAL file was created beside the refused archive")
	}
}

func TestOpenRefusesFilesThatAreNotArchives(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name    string
		content []byte
	}{
		{"text file", []byte("these are my notes, not a database\n")},
		{"random bytes", append([]byte("SQLite format 3\x00"), make([]byte, 200)...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_"))
			if err := os.WriteFile(path, c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(context.Background(), path)
			if !errors.Is(err, ErrNotDatabase) {
				t.Fatalf("err = %v, want ErrNotDatabase", err)
			}
			got, _ := os.ReadFile(path)
			if string(got) != string(c.content) {
				t.Error("file was modified")
			}
		})
	}
	t.Run("another program's database", func(t *testing.T) {
		path := filepath.Join(dir, "other.db")
		raw, _ := sql.Open("sqlite", path)
		if _, err := raw.Exec("CREATE TABLE contacts(name)"); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		if _, err := Open(context.Background(), path); !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("err = %v, want ErrNotDatabase", err)
		}
	})
}

func TestAddGetRoundTrip(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	want := fixtures(t)[0]
	got, err := s.Get(ctx, ids[want.Title])
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != want.Title || got.Body != want.Body || got.Source != want.Source ||
		got.Published != want.Published || strings.Join(got.Authors, ",") != strings.Join(want.Authors, ",") ||
		len(got.Captions) != 1 || got.Captions[0] != want.Captions[0] || got.File != want.File || got.Words != want.Words {
		t.Errorf("Get = %+v\nwant %+v", got.Article, want)
	}
	if got.Added.IsZero() {
		t.Error("added time not set")
	}
	orig, err := s.Original(ctx, got.ID)
	if err != nil || string(orig) != want.Title+"\n\n"+want.Body {
		t.Errorf("Original = %q, %v", orig, err)
	}
	if _, err := s.Get(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(9999) err = %v, want ErrNotFound", err)
	}
}

func TestOriginalsAreCompressed(t *testing.T) {
	s := openTemp(t)
	a := fixtures(t)[0]
	big := []byte(strings.Repeat("<p>"+a.Body+"</p>\n", 200))
	res, err := s.Add(context.Background(), []NewArticle{{Article: a, Original: big}})
	if err != nil {
		t.Fatal(err)
	}
	var stored int
	s.read.QueryRow("SELECT length(data) FROM originals WHERE article_id = ?", res[0].ID).Scan(&stored)
	if stored*5 > len(big) {
		t.Errorf("original stored in %d bytes for %d: not compressed", stored, len(big))
	}
	got, err := s.Original(context.Background(), res[0].ID)
	if err != nil || string(got) != string(big) {
		t.Fatalf("original did not round-trip: %v", err)
	}
}

func TestDuplicatesAreRefused(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	a := fixtures(t)[1]
	// Same text, other file name, different spacing and case.
	a.File.Name = "renamed copy.html"
	a.Body = "  " + strings.ToUpper(a.Body) + "\n\n"
	res, err := s.Add(ctx, []NewArticle{{Article: a}, {Article: fixtures(t)[1]}})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		var dup *DuplicateError
		if !errors.As(r.Err, &dup) || dup.ID != ids[a.Title] {
			t.Errorf("result %d: err = %v, want duplicate of #%d", i, r.Err, ids[a.Title])
		}
		if r.Err.Error() != "duplicate of #2" {
			t.Errorf("message = %q", r.Err.Error())
		}
	}
	// Twice within one batch: the second is the duplicate.
	n := fixtures(t)[0]
	n.Title, n.Body = "A new story", "Entirely new text."
	res, err = s.Add(ctx, []NewArticle{{Article: n}, {Article: n}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || !errors.Is(res[1].Err, ErrDuplicate) {
		t.Errorf("in-batch duplicate: %+v", res)
	}
	if c, _ := s.Count(ctx); c != 7 {
		t.Errorf("Count = %d, want 7", c)
	}
}

func TestDeleteRemovesArticleIndexAndOriginal(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	id := ids["Russia calls for negotiations to end Mali crisis"]
	if err := s.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after delete: %v", err)
	}
	if _, err := s.Original(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Original after delete: %v", err)
	}
	r, err := s.Search(ctx, Request{Query: "Zakharova"})
	if err != nil || r.Total != 0 {
		t.Errorf("search after delete: %d hits, %v", r.Total, err)
	}
	if err := s.Delete(ctx, 12345); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(12345) = %v, want ErrNotFound", err)
	}
	var check string
	if err := s.write.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	if _, err := s.write.Exec("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"); err != nil {
		t.Errorf("FTS integrity-check after delete: %v", err)
	}
}

// Every index entry is made from its article's row (stored.indexRow): after
// each kind of change — tags, star, read, note, corrected details — the
// index agrees with the rows, and deleting the article leaves it whole.
func TestIndexEntriesAgreeWithTheRows(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	id := ids["Russia calls for negotiations to end Mali crisis"]
	agree := func(after string) {
		t.Helper()
		if _, err := s.write.Exec("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"); err != nil {
			t.Errorf("the index disagrees with the rows after %s: %v", after, err)
		}
	}
	agree("adding")
	title := "Moscow calls for talks on Mali"
	for what, change := range map[string]func() error{
		"tagging":    func() error { return s.SetTags(ctx, []int64{id}, []string{"Mali coup"}, nil) },
		"starring":   func() error { return s.SetStarred(ctx, []int64{id}, true) },
		"reading":    func() error { return s.SetRead(ctx, []int64{id}, true) },
		"a note":     func() error { return s.SetNote(ctx, id, "ask the embassy") },
		"correcting": func() error { return s.Edit(ctx, id, MetadataEdit{Title: &title}) },
	} {
		if err := change(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		agree(what)
	}
	if r, err := s.Search(ctx, Request{Query: `title:moscow note:embassy tag:"mali coup"`}); err != nil || r.Total != 1 {
		t.Errorf("the changes are not searchable: %d hits, %v", r.Total, err)
	}
	if err := s.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	agree("deleting")
}
