package app

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/export"
	"github.com/clippings/clippings/internal/version"
)

// entryWith finds a visible entry holding text.
func entryWith(o fyne.CanvasObject, text string) *widget.Entry {
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == text && found == nil {
			found = e
		}
	})
	return found
}

// radio finds a visible radio group offering option.
func radio(o fyne.CanvasObject, option string) *widget.RadioGroup {
	var found *widget.RadioGroup
	walk(o, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && found == nil {
			for _, opt := range r.Options {
				if opt == option {
					found = r
				}
			}
		}
	})
	return found
}

func countIn(t *testing.T, path string) int {
	t.Helper()
	s, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer s.Close()
	n, err := s.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBackupWritesACopyAndSaysWhereAndHowBig(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	dest := filepath.Join(t.TempDir(), "copies", "clippings-backup-2026-01-02.db")

	ui.arch.backUp(dest)
	if !ui.jobs.Visible() || !visible[*widget.ProgressBarInfinite](ui.jobs.Object()) || !(button(ui.jobs.Object(), "Cancel") != nil) {
		t.Fatal("no activity shown while the backup runs")
	}
	ui.WaitIdle()

	if ui.jobs.Visible() {
		t.Error("the activity panel stayed after the backup")
	}
	info, err := os.Stat(dest)
	if err != nil {
		t.Fatalf("no backup written: %v", err)
	}
	if n := countIn(t, dest); n != 3 {
		t.Errorf("backup holds %d articles, want 3", n)
	}
	d := topDialog(ui)
	if d == nil {
		t.Fatal("no confirmation")
	}
	for _, want := range []string{"Backup complete", dest, humanize.ByteSize(info.Size()), "Open folder"} {
		if !shows(d, want) {
			t.Errorf("confirmation does not show %q: %q", want, texts(d))
		}
	}
	if got := ui.app.Preferences().String(prefBackupFolder); got != filepath.Dir(dest) {
		t.Errorf("remembered backup folder %q", got)
	}
}

func TestBackupNeverOverwritesAndAsksForAnotherName(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	dir := t.TempDir()
	dest := filepath.Join(dir, "clippings-backup-2026-01-02.db")
	if err := os.WriteFile(dest, []byte("an older backup"), 0o644); err != nil {
		t.Fatal(err)
	}

	ui.arch.backUp(dest)
	ui.WaitIdle()

	if data, _ := os.ReadFile(dest); string(data) != "an older backup" {
		t.Fatal("the existing file was overwritten")
	}
	d := topDialog(ui)
	if d == nil || !shows(d, "already exists") || !shows(d, "Choose another name") {
		t.Fatalf("not asked for another name: %v", d != nil && shows(d, ""))
	}
	name := entryWith(d, "clippings-backup-2026-01-02-2.db")
	if name == nil {
		t.Fatalf("the dialog does not offer a free name: %q", texts(d))
	}
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter backs up, as the button does
	ui.WaitIdle()
	if n := countIn(t, filepath.Join(dir, "clippings-backup-2026-01-02-2.db")); n != 1 {
		t.Errorf("backup under the new name holds %d articles", n)
	}
}

func TestBackupDialogOffersTodaysNameInTheLastFolder(t *testing.T) {
	ui, _ := newTestUI(t)
	dir := t.TempDir()
	ui.app.Preferences().SetString(prefBackupFolder, dir)

	shortcut(ui, fyne.KeyB, fyne.KeyModifierShortcutDefault)
	d := topDialog(ui)
	if d == nil {
		t.Fatal("Ctrl+B opened no dialog")
	}
	name := "clippings-backup-" + time.Now().Format("2006-01-02") + ".db"
	if entryWith(d, name) == nil || entryWith(d, dir) == nil {
		t.Fatalf("dialog does not offer %s in %s: %q", name, dir, texts(d))
	}
	test.Tap(button(d, "Back up"))
	ui.WaitIdle()
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Errorf("no backup: %v", err)
	}
}

func TestExportAllAsJSONSumsUp(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	dir := filepath.Join(t.TempDir(), "export")

	ui.arch.exportTo(dir, export.Options{Format: export.JSON})
	if !ui.jobs.Visible() || !visible[*widget.ProgressBar](ui.jobs.Object()) {
		t.Fatal("no progress shown while exporting")
	}
	ui.WaitIdle()

	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 3 {
		t.Fatalf("%d JSON files, want 3", len(files))
	}
	d := topDialog(ui)
	if d == nil {
		t.Fatal("no summary")
	}
	for _, want := range []string{"Export complete", "3 articles were exported as JSON", dir, "import this folder with"} {
		if !shows(d, want) {
			t.Errorf("summary does not show %q: %q", want, texts(d))
		}
	}
}

func TestExportOfTheSearchResultsAsMarkdown(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	test.Type(ui.bar.Field(), "Zakharova")
	ui.WaitIdle()
	dir := filepath.Join(t.TempDir(), "out")
	ui.app.Preferences().SetString(prefExportFolder, filepath.Dir(dir))

	shortcut(ui, fyne.KeyE, fyne.KeyModifierShortcutDefault)
	d := topDialog(ui)
	if d == nil {
		t.Fatal("Ctrl+E opened no dialog")
	}
	results := "The 1 result of the search “Zakharova”"
	scope := radio(d, results)
	if scope == nil || scope.Selected != "All articles" {
		t.Fatalf("no choice between all articles and %q: %q", results, texts(d))
	}
	scope.SetSelected(results)
	markdown := "Markdown — to read and edit, one .md file per article"
	format := radio(d, markdown)
	format.SetSelected(markdown)
	folder := entryWith(d, filepath.Join(filepath.Dir(dir), "clippings-export-"+time.Now().Format("2006-01-02")))
	if folder == nil {
		t.Fatalf("no dated folder offered: %q", texts(d))
	}
	folder.SetText(dir)
	test.Tap(button(d, "Export"))
	ui.WaitIdle()

	files, _ := os.ReadDir(dir)
	if len(files) != 1 || !strings.HasSuffix(files[0].Name(), ".md") {
		t.Fatalf("exported %v, want the one Markdown file", files)
	}
	if s := topDialog(ui); s == nil || !shows(s, "1 article was exported as Markdown") {
		t.Errorf("no summary")
	}
	if got := ui.app.Preferences().String(prefExportFormat); got != "markdown" {
		t.Errorf("remembered format %q", got)
	}
}

func TestCancelledExportSaysHowFarItGot(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 400)
	dir := t.TempDir()

	ui.arch.exportTo(dir, export.Options{Format: export.HTML})
	ui.jobs.Cancel()
	ui.WaitIdle()

	files, _ := os.ReadDir(dir)
	if len(files) == 400 {
		t.Skip("the export finished before it could be cancelled")
	}
	d := topDialog(ui)
	if d == nil || !shows(d, "Export cancelled") || !shows(d, "exported before") {
		t.Fatalf("no word of the cancelled export")
	}
	if ui.jobs.Visible() {
		t.Error("the progress panel stayed")
	}
}

func TestOneJobAtATime(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 300)
	ui.arch.exportTo(t.TempDir(), export.Options{Format: export.JSON})
	ui.arch.checkArchive() // while the export runs
	if d := topDialog(ui); d == nil || !shows(d, "The export is still running") {
		t.Error("a second job started, or nothing said why not")
	}
	ui.WaitIdle()
}

func TestCheckSaysAllIsWell(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	ui.arch.checkArchive()
	if !ui.jobs.Visible() {
		t.Fatal("no activity shown while checking")
	}
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil || !shows(d, "All is well: 3 articles checked.") {
		t.Fatalf("check report: %v", d != nil && shows(d, ""))
	}
}

func TestCheckListsProblems(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	// Damage the archive behind the store's back: lose an original file.
	raw, err := sql.Open("sqlite", store.Path())
	if err != nil {
		t.Fatal(err)
	}
	id := ui.list.Hits()[0].ID
	if _, err := raw.Exec("UPDATE articles SET original = NULL WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	ui.arch.checkArchive()
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil {
		t.Fatal("no report")
	}
	for _, want := range []string{"1 problem", fmt.Sprintf("Article #%d: its original file is missing", id), "Restore a backup", "Copy report"} {
		if !shows(d, want) {
			t.Errorf("report does not show %q: %q", want, texts(d))
		}
	}
	test.Tap(button(d, "Copy report"))
	if got := ui.app.Clipboard().Content(); !strings.Contains(got, "its original file is missing") {
		t.Errorf("copied report: %q", got)
	}
}

func TestAboutShowsVersionArchiveAndStatistics(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	ui.arch.showAbout()
	d := topDialog(ui)
	if d == nil || !shows(d, "Counting…") {
		t.Fatal("About does not open at once while it counts")
	}
	ui.WaitIdle()
	st, err := store.Stats(ui.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Clippings " + version.Number, store.Path(), "Archive format", strconv.Itoa(db.SchemaVersion()), "Commit", "Articles", "Sources", "English 3",
		"Published", humanize.DateRange(st.Published.First, st.Published.Last), "Size on disk", humanize.ByteSize(st.FileBytes),
		humanize.ByteSize(st.TextBytes), humanize.ByteSize(st.OriginalBytes)} {
		if !shows(d, want) {
			t.Errorf("About does not show %q: %q", want, texts(d))
		}
	}
	if shows(d, "Counting…") {
		t.Error("About still counting after the statistics arrived")
	}
}

func TestBackupAndExportFailuresAreExplained(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	plain := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(plain, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}

	ui.arch.backUp(filepath.Join(plain, "backup.db")) // a folder that cannot be made
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil || !shows(d, "a-file") {
		t.Fatalf("no error naming the place of the failed backup")
	}
	d.Hide()
	if ui.jobs.Running() != "" || ui.jobs.Visible() {
		t.Error("the failed backup still counts as running")
	}

	ui.arch.exportTo(plain, export.Options{Format: export.Markdown})
	ui.WaitIdle()
	d = topDialog(ui)
	if d == nil || !shows(d, "The export failed") || !shows(d, "not a directory") {
		t.Fatalf("no error for an export into a file: %q", texts(d))
	}
}
