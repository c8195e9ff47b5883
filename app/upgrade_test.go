package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// v1Archive writes an archive as the first version of Clippings left it:
// schema version 1, one article with its index entry and original.
func v1Archive(t *testing.T, path string) {
	t.Helper()
	schema, err := os.ReadFile(filepath.Join("..", "db", "migrations", "0001_articles.sql"))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	day := time.Date(2020, 8, 19, 0, 0, 0, 0, time.UTC)
	doc := (day.Unix()-time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC).Unix())/86400<<32 | 1
	for _, stmt := range []string{
		string(schema),
		`INSERT INTO articles (id, doc, title, published, added, body, content_hash)
			VALUES (1, ` + itoa(doc) + `, 'Junta promises elections in Mali', '2020-08-19', '2024-03-12T08:30:00Z',
			'The junta in Bamako promised elections within a year.', x'01')`,
		`INSERT INTO articles_fts (rowid, title, subtitle, authors, source, body, captions)
			VALUES (` + itoa(doc) + `, 'Junta promises elections in Mali', '', '', '', 'The junta in Bamako promised elections within a year.', '')`,
		`INSERT INTO originals (article_id, codec, data) VALUES (1, 'none', x'41')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := conn.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// An archive of an older version is upgraded behind a small window that
// says so, which the main window then replaces.
func TestUpgradeShowsAWindowMeanwhile(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "old.db")
	v1Archive(t, path)
	if !db.NeedsUpgrade(path) {
		t.Fatal("a version 1 archive is not seen as needing the upgrade")
	}

	release := make(chan struct{})
	openedStore := make(chan *db.Store, 1)
	slowOpen := func(ctx context.Context, p string) (*db.Store, error) {
		<-release // the upgrade is "running" until the test has looked
		return db.Open(ctx, p)
	}
	var ui *UI
	w := openArchive(a, path, slowOpen, func(s *db.Store) {
		ui = newUI(a, s, options{queued: true})
		ui.Window().Show()
		openedStore <- s
	}, func(err error) { t.Errorf("open failed: %v", err) })
	if w == nil {
		t.Fatal("no window while the archive is upgraded")
	}
	if !shows(w.Content(), upgradeTitle) {
		t.Errorf("the window says %q", texts(w.Content()))
	}
	var activity *widget.ProgressBarInfinite
	walk(w.Content(), func(o fyne.CanvasObject) {
		if p, ok := o.(*widget.ProgressBarInfinite); ok {
			activity = p
		}
	})
	if activity == nil {
		t.Error("no activity shown")
	}

	close(release)
	var store *db.Store
	select {
	case store = <-openedStore:
	case <-time.After(30 * time.Second):
		t.Fatal("the upgrade never finished")
	}
	defer store.Close()
	defer ui.Shutdown()
	ui.WaitIdle()
	stayed := func() bool {
		for _, open := range a.Driver().AllWindows() {
			if open == w {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(upgradeWindowLinger + 5*time.Second); stayed() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if stayed() {
		t.Error("the upgrade window stayed open")
	}
	if got := hitTitles(ui); len(got) != 1 || got[0] != "Junta promises elections in Mali" {
		t.Errorf("the upgraded archive lists %q", got)
	}
	if db.NeedsUpgrade(path) {
		t.Error("still at the old version")
	}
	if _, err := os.Stat(path + ".before-v2.bak"); err != nil {
		t.Errorf("no copy of the old archive: %v", err)
	}
}

// A current archive opens at once, without the window.
func TestCurrentArchiveOpensWithoutTheUpgradeWindow(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	var opened *db.Store
	w := openArchive(a, path, db.Open, func(s *db.Store) { opened = s }, func(err error) { t.Error(err) })
	if w != nil || opened == nil {
		t.Fatalf("window %v, opened %v", w, opened)
	}
	opened.Close()
}
