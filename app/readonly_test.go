package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/internal/fsperm"
)

// readOnlyArchive is an archive of n articles in a folder Clippings may not
// write, as on read-only media.
func readOnlyArchive(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	store, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	addArticles(t, store, n)
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	fsperm.MakeReadOnly(t, path)
	fsperm.MakeReadOnly(t, filepath.Dir(path))
	return path
}

// menuItem finds a main menu item by its label.
func menuItem(ui *UI, label string) *fyne.MenuItem {
	for _, m := range ui.Window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

// An archive the window may not write opens read-only instead of being
// refused ("Clippings needs to write to its archive"): the window says so,
// searching and reading work, and what would write is turned off — menus
// greyed, the article pane's buttons, tag field and note disabled, a drop
// refused with the reason, and an article opened is not marked read.
func TestReadOnlyArchiveOpensReadOnly(t *testing.T) {
	path := readOnlyArchive(t, 3)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Open(context.Background(), path); err == nil {
		t.Fatal("the archive could be opened for writing")
	}
	store, err := openForWindow(context.Background(), path)
	if err != nil {
		t.Fatalf("the window's open: %v", err)
	}
	if !store.ReadOnly() {
		t.Fatal("opened for writing")
	}
	ui := newUI(test.NewTempApp(t), store, options{queued: true})
	t.Cleanup(func() {
		ui.Shutdown()
		store.Close()
	})
	ui.Window().Show()
	ui.WaitIdle()

	content := ui.Window().Content()
	if !shows(content, "read-only") {
		t.Errorf("the window does not say the archive is read-only: %q", texts(content))
	}
	if len(ui.list.Hits()) != 3 {
		t.Fatalf("%d hits; want the 3 articles", len(ui.list.Hits()))
	}
	for _, label := range []string{"Import files…", "Import folder…", "Re-extract all articles…", "Save search…",
		"Tag…", "Edit note", "Edit details…", "Delete…", "Star all results", "Delete all results…"} {
		if it := menuItem(ui, label); it == nil || !it.Disabled {
			t.Errorf("menu item %q is not disabled", label)
		}
	}
	for _, label := range []string{"Export…", "Back up archive…", "Check archive…", "Find"} {
		if it := menuItem(ui, label); it == nil || it.Disabled {
			t.Errorf("menu item %q is disabled; reading needs it", label)
		}
	}
	if b := button(ui.bar.Object(), "Import…"); b != nil && !b.Disabled() {
		t.Error("the Import button is enabled")
	}

	ui.list.Rows().Select(0)
	ui.WaitIdle()
	if shownArticle(ui) == nil {
		t.Fatal("no article opened")
	}
	if shownArticle(ui).Read {
		t.Error("opening the article marked it read")
	}
	for name, disabled := range map[string]bool{"star": starButton(ui).Disabled(), "read": readButton(ui).Disabled(),
		"tag field": ui.reader.TagField().Disabled(), "note": ui.reader.NoteField().Disabled()} {
		if !disabled {
			t.Errorf("the article pane's %s is enabled", name)
		}
	}
	ui.org.toggleStar() // the shortcut, Ctrl+D
	ui.WaitIdle()
	if topDialog(ui) == nil || !shows(topDialog(ui), "read-only") {
		t.Error("starring on a read-only archive said nothing")
	} else {
		ui.Window().Canvas().Overlays().Remove(topDialog(ui))
	}
	dropFixtures(t, ui, maliFile)
	if topDialog(ui) == nil || !shows(topDialog(ui), "read-only") {
		t.Error("a drop on a read-only archive said nothing")
	}
	if n, _ := store.Count(context.Background()); n != 3 {
		t.Errorf("%d articles after the drop; want 3", n)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the read-only archive was changed")
	}
}
