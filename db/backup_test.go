package db

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// userVersion reads an archive file's schema version without opening it as
// a Store.
func userVersion(t *testing.T, path string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v int
	if err := raw.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatalf("user_version of %s: %v", path, err)
	}
	return v
}

func TestBackupIsACompleteArchive(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	ctx := context.Background()
	dest := filepath.Join(t.TempDir(), "nested", "backup.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, dest)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer b.Close()
	for title, id := range ids {
		a, err := b.Get(ctx, id)
		if err != nil || a.Title != title {
			t.Errorf("backup #%d: %v", id, err)
		}
		want, _ := s.Original(ctx, id)
		if got, err := b.Original(ctx, id); err != nil || string(got) != string(want) {
			t.Errorf("backup original #%d: %v", id, err)
		}
	}
	if r, err := b.Search(ctx, Request{Query: "Zakharova"}); err != nil || r.Total != 1 {
		t.Errorf("search in backup: %d hits, %v", r.Total, err)
	}
	if r, err := b.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check of backup: %v %v", r.Problems, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*partial*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBackupNeverOverwrites(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	dest := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(dest, []byte("keep me"), 0o644)
	for _, target := range []string{dest, s.Path()} {
		err := s.Backup(context.Background(), target)
		if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), target) {
			t.Errorf("Backup onto %s: %v; want ErrExists naming it", target, err)
		}
	}
	if b, _ := os.ReadFile(dest); string(b) != "keep me" {
		t.Error("an existing file was overwritten")
	}
}

// A backup taken while another Store imports is consistent: it holds whole
// batches only, and the import is not held up.
func TestBackupWhileImporting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	ctx := context.Background()
	app, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	cli, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	const batches, perBatch = 30, 10
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range batches {
			if _, err := cli.Add(ctx, numbered(t, b*perBatch, perBatch)); err != nil {
				t.Errorf("Add during backup: %v", err)
				return
			}
		}
	}()
	var dests []string
	for i := range 5 {
		dest := filepath.Join(t.TempDir(), "b"+string(rune('0'+i))+".db")
		if err := app.Backup(ctx, dest); err != nil {
			t.Fatalf("Backup during import: %v", err)
		}
		dests = append(dests, dest)
	}
	wg.Wait()
	for _, dest := range dests {
		b, err := Open(ctx, dest)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := b.Count(ctx)
		r, err := b.Check(ctx)
		b.Close()
		if n%perBatch != 0 || err != nil || !r.OK() {
			t.Errorf("backup %s: %d articles (not whole batches of %d?), problems %v, %v", dest, n, perBatch, r.Problems, err)
		}
	}
}

// numbered makes n distinct articles starting at number from.
func numbered(t *testing.T, from, n int) []NewArticle {
	base := fixtures(t)[0]
	out := make([]NewArticle, n)
	for i := range out {
		a := base
		a.Title = "Numbered story " + itoa(from+i)
		a.Body = "Body of numbered story " + itoa(from+i) + ". " + base.Body
		out[i] = NewArticle{Article: a, Original: []byte(a.Title)}
	}
	return out
}

func TestMigrationBacksUpArchiveFirst(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(MigrationBackupPath(path, 1)); err == nil {
		t.Error("a new archive was backed up: nothing to lose")
	}
	ids := seed(t, s)
	s.Close()

	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	next := len(ms) + 1
	withFake := append(ms, migration{name: "fake_add_column.sql", sql: "ALTER TABLE articles ADD COLUMN fake_flag INTEGER NOT NULL DEFAULT 0"})
	s, err = open(ctx, path, withFake, Create)
	if err != nil {
		t.Fatalf("open with a new migration: %v", err)
	}
	s.Close()

	bak := path + ".before-v" + itoa(next) + ".bak"
	if got := userVersion(t, bak); got != next-1 {
		t.Errorf("backup %s is at version %d; want %d", bak, got, next-1)
	}
	if got := userVersion(t, path); got != next {
		t.Errorf("archive is at version %d; want %d", got, next)
	}
	b, err := open(ctx, bak, ms, Create)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	if n, _ := b.Count(ctx); n != len(ids) {
		t.Errorf("backup holds %d articles; want %d", n, len(ids))
	}
	b.Close()

	// Up to date now: opening again makes no second backup.
	s, err = open(ctx, path, withFake, Create)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := MigrationBackupPath(path, next); got != path+".before-v"+itoa(next)+"-2.bak" {
		t.Errorf("next free backup name = %s: the first must never be overwritten", got)
	}
	if matches, _ := filepath.Glob(path + ".before-v*-2.bak"); len(matches) != 0 {
		t.Errorf("a second backup was made on an up-to-date archive: %v", matches)
	}
}

// A migration that fails leaves the archive at its old version, its
// articles intact, and the backup beside it.
func TestFailedMigrationKeepsArchiveAndBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ids := seed(t, s)
	s.Close()
	ms, _ := loadMigrations()
	broken := append(ms, migration{name: "broken.sql", sql: "CREATE TABLE extra(x); SELECT no_such_function()"})
	if _, err := open(ctx, path, broken, Create); err == nil {
		t.Fatal("a failing migration was reported as success")
	}
	if got := userVersion(t, path); got != len(ms) {
		t.Errorf("archive version %d after a failed migration; want %d", got, len(ms))
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(ctx); n != len(ids) {
		t.Errorf("%d articles after a failed migration; want %d", n, len(ids))
	}
	if _, err := os.Stat(path + ".before-v" + itoa(len(ms)+1) + ".bak"); err != nil {
		t.Errorf("backup missing: %v", err)
	}
}

// A restore passes the time an article was first imported; Add keeps it,
// and files an undated article under that day, not today.
func TestAddKeepsGivenAddedTime(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := fixtures(t)[0]
	a.Published = article.Date{}
	when := time.Date(2019, 5, 6, 7, 8, 9, 0, time.FixedZone("CEST", 2*3600))
	res, err := s.Add(ctx, []NewArticle{{Article: a, Original: []byte("x"), Added: when}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	got, _ := s.Get(ctx, res[0].ID)
	if !got.Added.Equal(when) {
		t.Errorf("Added = %v; want %v", got.Added, when)
	}
	r, _ := s.Search(ctx, Request{Query: "before:2020-01-01"})
	if r.Total != 1 {
		t.Errorf("an undated restored article is not filed under the day it was added")
	}
}

// The copy taken before an upgrade holds what another open store committed
// but had not yet moved from its write-ahead log into the archive file.
func TestMigrationBackupHoldsWhatIsStillInTheLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ids := seed(t, other) // committed, still open: the log holds them
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("want a write-ahead log with the new articles (%v)", err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	next := len(ms) + 1
	s, err := open(ctx, path, append(ms, migration{name: "fake_add_column.sql", sql: "ALTER TABLE articles ADD COLUMN fake_flag INTEGER NOT NULL DEFAULT 0"}), Create)
	if err != nil {
		t.Fatalf("open with a new migration: %v", err)
	}
	s.Close()
	b, err := open(ctx, path+".before-v"+itoa(next)+".bak", ms, Create)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer b.Close()
	if n, _ := b.Count(ctx); n != len(ids) {
		t.Errorf("backup holds %d articles; want %d", n, len(ids))
	}
}
