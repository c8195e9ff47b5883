package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/clippings/clippings/db"
)

// key is a shortcut for a menu item. Items whose key has no modifier (Delete,
// Escape, arrows) only show it: those keys are handled by handleKey, as a
// plain key must keep working in the search field.
func key(name fyne.KeyName, mod fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: name, Modifier: mod}
}

const (
	ctrl      = fyne.KeyModifierShortcutDefault
	ctrlShift = fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
)

func item(label string, shortcut fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = shortcut
	return it
}

// mainMenu lists every action with its shortcut.
func (ui *UI) mainMenu() *fyne.MainMenu {
	quit := item("Quit", key(fyne.KeyQ, ctrl), ui.quit)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("Import files…", key(fyne.KeyO, ctrl), ui.chooseFilesToImport),
		item("Import folder…", key(fyne.KeyO, ctrlShift), ui.chooseFolderToImport),
		item("Export…", key(fyne.KeyE, ctrl), ui.chooseExport),
		fyne.NewMenuItemSeparator(),
		item("Open original", key(fyne.KeyReturn, ctrl), ui.openOriginal),
		fyne.NewMenuItemSeparator(),
		item("Back up archive…", key(fyne.KeyB, ctrl), ui.chooseBackupFile),
		item("Check archive…", nil, ui.checkArchive),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("Edit",
		item("Find", key(fyne.KeyF, ctrl), ui.focusSearch),
		item("Clear search", key(fyne.KeyEscape, 0), ui.clearSearch),
		fyne.NewMenuItemSeparator(),
		item("Copy article text", key(fyne.KeyC, ctrlShift), ui.copyArticleText),
		item("Delete article…", key(fyne.KeyDelete, 0), ui.confirmDelete),
		fyne.NewMenuItemSeparator(),
		item("Previous article", key(fyne.KeyUp, 0), func() { ui.moveSelection(-1) }),
		item("Next article", key(fyne.KeyDown, 0), func() { ui.moveSelection(1) }),
	)
	view := fyne.NewMenu("View",
		item("Sort by relevance", key(fyne.Key1, ctrl), func() { ui.setSort(db.Relevance) }),
		item("Newest first", key(fyne.Key2, ctrl), func() { ui.setSort(db.Newest) }),
		item("Oldest first", key(fyne.Key3, ctrl), func() { ui.setSort(db.Oldest) }),
	)
	help := fyne.NewMenu("Help",
		item("Search syntax", key(fyne.KeyF1, 0), ui.showSearchSyntax),
		item("About Clippings", nil, ui.showAbout),
	)
	menu := fyne.NewMainMenu(file, edit, view, help)
	ui.checkSort(view)
	return menu
}

// checkSort ticks the View menu's current sort.
func (ui *UI) checkSort(view *fyne.Menu) {
	for i, it := range view.Items {
		it.Checked = db.Sort(i) == ui.search.sort
	}
}

// refreshMenus updates ticks after the sort changed.
func (ui *UI) refreshMenus() {
	menu := ui.window.MainMenu()
	if menu == nil {
		return
	}
	for _, m := range menu.Items {
		if m.Label == "View" {
			ui.checkSort(m)
		}
	}
	menu.Refresh()
}

// quit remembers the window, then ends the app.
func (ui *UI) quit() {
	ui.savePrefs()
	ui.app.Quit()
}
