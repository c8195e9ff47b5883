package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/db"
)

func shortcut(ui *UI, name fyne.KeyName, mod fyne.KeyModifier) {
	ui.Window().Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: name, Modifier: mod})
}

func TestCtrlFFocusesSearchAndEscapeClearsIt(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)

	shortcut(ui, fyne.KeyF, fyne.KeyModifierShortcutDefault)
	if ui.Window().Canvas().Focused() != ui.bar.Field() {
		t.Fatal("Ctrl+F did not focus the search field")
	}
	test.Type(ui.bar.Field(), "Zakharova")
	ui.WaitIdle()
	if len(ui.list.Hits()) != 1 {
		t.Fatalf("%d hits for Zakharova", len(ui.list.Hits()))
	}
	ui.bar.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ui.WaitIdle()
	if ui.bar.Query() != "" || len(ui.list.Hits()) != 2 {
		t.Errorf("after Escape: query %q, %d hits", ui.bar.Query(), len(ui.list.Hits()))
	}
}

func TestArrowKeysMoveThroughTheList(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)

	typeKey(ui, fyne.KeyDown)
	ui.WaitIdle()
	if ui.list.SelectedIndex() != 0 {
		t.Fatalf("Down with nothing selected selects row %d, want 0", ui.list.SelectedIndex())
	}
	typeKey(ui, fyne.KeyDown)
	typeKey(ui, fyne.KeyDown)
	typeKey(ui, fyne.KeyDown) // past the end: stays
	ui.WaitIdle()
	if ui.list.SelectedIndex() != 2 {
		t.Fatalf("selected row %d, want 2", ui.list.SelectedIndex())
	}
	// From the search field too.
	ui.bar.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	ui.WaitIdle()
	if ui.list.SelectedIndex() != 1 {
		t.Fatalf("Up in the search field: row %d, want 1", ui.list.SelectedIndex())
	}
	if a := shownArticle(ui); a == nil || a.ID != ui.list.Hits()[1].ID {
		t.Error("the detail does not follow the keyboard selection")
	}
	// And from the focused list.
	ui.list.Rows().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	ui.WaitIdle()
	if ui.list.SelectedIndex() != 0 {
		t.Errorf("Up in the list: row %d, want 0", ui.list.SelectedIndex())
	}
}

func TestDeleteKeyAsksThenDeletes(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	typeKey(ui, fyne.KeyDown)
	ui.WaitIdle()
	doomed := shownArticle(ui).ID

	typeKey(ui, fyne.KeyDelete)
	d := topDialog(ui)
	if d == nil {
		t.Fatal("Delete did not ask for confirmation")
	}
	cancel := button(d, "Cancel")
	if cancel == nil {
		t.Fatalf("no Cancel in the confirmation: %q", texts(d))
	}
	test.Tap(cancel)
	ui.WaitIdle()
	if n, _ := store.Count(ui.ctx); n != 2 {
		t.Fatalf("Cancel deleted anyway: %d articles left", n)
	}

	typeKey(ui, fyne.KeyDelete)
	test.Tap(button(topDialog(ui), "Delete"))
	ui.WaitIdle()
	if _, err := store.Get(ui.ctx, doomed); err == nil {
		t.Fatal("article still in the archive after confirming")
	}
	if got := len(ui.list.Hits()); got != 1 {
		t.Errorf("list shows %d articles, want 1", got)
	}
	if a := shownArticle(ui); a == nil || a.ID == doomed {
		t.Errorf("after deleting, shown article = %+v, want the remaining one", a)
	}
}

func TestSortShortcuts(t *testing.T) {
	ui, _ := newTestUI(t)
	shortcut(ui, fyne.Key2, fyne.KeyModifierShortcutDefault)
	ui.WaitIdle()
	if ui.bar.Sort() != db.Newest || sortChoice(ui).Selected != "Newest" {
		t.Errorf("Ctrl+2: sort %v, choice %q", ui.bar.Sort(), sortChoice(ui).Selected)
	}
	shortcut(ui, fyne.Key3, fyne.KeyModifierShortcutDefault)
	ui.WaitIdle()
	if ui.bar.Sort() != db.Oldest {
		t.Errorf("Ctrl+3: sort %v", ui.bar.Sort())
	}
	view := ui.Window().MainMenu().Items[2]
	if !view.Items[2].Checked || view.Items[0].Checked {
		t.Error("View menu does not tick the current sort")
	}
}

func TestCtrlOOpensTheFileDialog(t *testing.T) {
	ui, _ := newTestUI(t)
	shortcut(ui, fyne.KeyO, fyne.KeyModifierShortcutDefault)
	if topDialog(ui) == nil {
		t.Error("Ctrl+O opened no dialog")
	}
}

func TestF1ShowsSearchSyntax(t *testing.T) {
	ui, _ := newTestUI(t)
	typeKey(ui, fyne.KeyF1)
	d := topDialog(ui)
	if d == nil || !shows(d, "after:2020-08-01") {
		t.Fatal("F1 did not explain the search syntax")
	}
}

func TestMenusListEveryActionWithItsShortcut(t *testing.T) {
	ui, _ := newTestUI(t)
	menu := ui.Window().MainMenu()
	var names []string
	for _, m := range menu.Items {
		names = append(names, m.Label)
	}
	if strings.Join(names, " ") != "File Edit View Article Results Help" {
		t.Fatalf("menus = %q", names)
	}
	// Rare actions a shortcut would only be pressed by mistake, and those
	// on every result of a search.
	noShortcut := map[string]bool{"About Clippings": true, "Check archive…": true, "Keyboard shortcuts": true,
		"Re-extract all articles…": true, "Re-extract from the original": true}
	withShortcut := map[string]bool{}
	seen := map[string]string{}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.IsSeparator {
				continue
			}
			if it.Action == nil {
				t.Errorf("%s ▸ %s does nothing", m.Label, it.Label)
			}
			if noShortcut[it.Label] || m.Label == "Results" {
				continue
			}
			if it.Shortcut == nil {
				t.Errorf("%s ▸ %s has no shortcut", m.Label, it.Label)
				continue
			}
			name := it.Shortcut.ShortcutName()
			if other, ok := seen[name]; ok {
				t.Errorf("%s ▸ %s and %s share a shortcut", m.Label, it.Label, other)
			}
			seen[name] = it.Label
			withShortcut[it.Label] = true
		}
	}
	for _, want := range []string{"Import files…", "Import folder…", "Export…", "Back up archive…", "Quit", "Find", "Clear search",
		"Save search…", "Delete…", "Copy article text", "Search syntax", "Star", "Mark as read", "Tag…", "Edit note", "Edit details…", "Sidebar",
		"Paste as new article", "Add web address…", "Preferences…"} {
		if !withShortcut[want] {
			t.Errorf("no menu item %q with a shortcut", want)
		}
	}
}

func TestEscapeClosesADialogAndKeysDoNotReachTheListBehindIt(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	test.Type(ui.bar.Field(), "mali")
	ui.WaitIdle()
	typeKey(ui, fyne.KeyDown)
	ui.WaitIdle()

	typeKey(ui, fyne.KeyDelete)
	if topDialog(ui) == nil {
		t.Fatal("no confirmation")
	}
	typeKey(ui, fyne.KeyDown) // ignored while the dialog is open
	ui.bar.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ui.WaitIdle()
	if topDialog(ui) != nil {
		t.Error("Escape did not close the dialog")
	}
	if ui.bar.Query() != "mali" {
		t.Errorf("Escape meant for the dialog cleared the search: %q", ui.bar.Query())
	}
	if n, _ := store.Count(ui.ctx); n != 2 {
		t.Errorf("%d articles left; closing the question must not delete", n)
	}
}

func TestCtrlQRemembersTheSession(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.bar.SetQuery("glaciers")
	ui.WaitIdle()
	shortcut(ui, fyne.KeyQ, fyne.KeyModifierShortcutDefault)
	if got := ui.app.Preferences().String(queryKey(ui.store.Path())); got != "glaciers" {
		t.Errorf("remembered query %q after Ctrl+Q", got)
	}
}
