package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/searchbar"
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

// menus are the menu items whose label or tick follows the window's state,
// and the window's shortcuts.
type menus struct {
	window   fyne.Window
	readOnly bool
	state    func() menuState // what they follow

	star, read, sidebar *fyne.MenuItem
	group, timeline     *fyne.MenuItem
	article             []*fyne.MenuItem        // need an article open or selected
	writes              map[*fyne.MenuItem]bool // change the archive: off when it is read-only
}

// menuState is what the menus follow.
type menuState struct {
	sort                     db.Sort
	group, sidebar, timeline bool // shown
	targets                  int  // articles the Article menu acts on
	starred, read            bool // all of them
}

// Labels of the Article menu's toggles.
const (
	labelStar       = "Star"
	labelUnstar     = "Unstar"
	labelMarkRead   = "Mark as read"
	labelMarkUnread = "Mark as unread"
)

// articleMenuItems are the actions on the open article, or on the selected
// articles: the Article menu, and a row's menu.
func (ui *UI) articleMenuItems() []*fyne.MenuItem {
	star := ui.menu.writing(item(labelStar, key(fyne.KeyD, ctrl), ui.org.toggleStar))
	read := ui.menu.writing(item(labelMarkRead, key(fyne.KeyU, ctrl), ui.org.toggleRead))
	starred, isRead := ui.org.targetState(ui.org.targets())
	if starred {
		star.Label = labelUnstar
	}
	if isRead {
		read.Label = labelMarkUnread
	}
	return []*fyne.MenuItem{
		item("Open original", key(fyne.KeyReturn, ctrl), ui.reader.OpenOriginal),
		item("Copy article text", key(fyne.KeyC, ctrlShift), ui.reader.CopyText),
		fyne.NewMenuItemSeparator(),
		star, read,
		ui.menu.writing(item("Tag…", key(fyne.KeyT, ctrl), ui.org.tagTargets)),
		ui.menu.writing(item("Edit note", key(fyne.KeyN, ctrl), ui.editNote)),
		ui.menu.writing(item("Edit details…", key(fyne.KeyI, ctrl), ui.org.editDetails)),
		ui.menu.writing(item("Re-extract from the original", nil, ui.arch.reextractTargets)),
		fyne.NewMenuItemSeparator(),
		ui.menu.writing(item("Delete…", key(fyne.KeyDelete, 0), ui.org.confirmDelete)),
	}
}

// mainMenu lists every action with its shortcut.
func (ui *UI) mainMenu() *fyne.MainMenu {
	quit := item("Quit", key(fyne.KeyQ, ctrl), ui.quit)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		ui.menu.writing(item("Import files…", key(fyne.KeyO, ctrl), ui.in.chooseFilesToImport)),
		ui.menu.writing(item("Import folder…", key(fyne.KeyO, ctrlShift), ui.in.chooseFolderToImport)),
		ui.menu.writing(item("Add web address…", key(fyne.KeyL, ctrlShift), ui.in.askWebAddress)),
		item("Export…", key(fyne.KeyE, ctrl), ui.arch.chooseExport),
		fyne.NewMenuItemSeparator(),
		item("Back up archive…", key(fyne.KeyB, ctrl), ui.arch.chooseBackupFile),
		item("Check archive…", nil, ui.arch.checkArchive),
		ui.menu.writing(item("Re-extract all articles…", nil, ui.arch.reextractAll)),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("Edit",
		ui.menu.writing(item("Paste as new article", pasteMenuKey(), ui.paste.paste)),
		fyne.NewMenuItemSeparator(),
		item("Find", key(fyne.KeyF, ctrl), ui.focusSearch),
		item("Clear search", key(fyne.KeyEscape, 0), ui.clearSearch),
		ui.menu.writing(item("Save search…", key(fyne.KeyS, ctrl), ui.saveSearch)),
		fyne.NewMenuItemSeparator(),
		item("Previous article", key(fyne.KeyUp, 0), func() { ui.list.MoveSelection(-1) }),
		item("Next article", key(fyne.KeyDown, 0), func() { ui.list.MoveSelection(1) }),
		item("Go to sidebar", key(fyne.KeyL, ctrl), ui.focusSidebar),
		fyne.NewMenuItemSeparator(),
		item("Preferences…", key(fyne.KeyComma, ctrl), func() { dialogs.ShowPreferences(ui.window, &ui.inbox, ui.showError) }),
	)
	articleItems := ui.articleMenuItems()
	article := fyne.NewMenu("Article", articleItems...)
	ui.menu.star, ui.menu.read = articleItems[3], articleItems[4]
	ui.menu.article = nil
	for _, it := range articleItems {
		if !it.IsSeparator {
			ui.menu.article = append(ui.menu.article, it)
		}
	}
	results := fyne.NewMenu("Results",
		ui.menu.writing(item("Tag all results…", nil, ui.org.tagAllResults)),
		ui.menu.writing(item("Star all results", nil, func() { ui.org.withResults(func(ids []int64, _ string) { ui.org.setStarred(ids, true) }) })),
		ui.menu.writing(item("Unstar all results", nil, func() { ui.org.withResults(func(ids []int64, _ string) { ui.org.setStarred(ids, false) }) })),
		ui.menu.writing(item("Mark all results read", nil, func() { ui.org.withResults(func(ids []int64, _ string) { ui.org.setRead(ids, true) }) })),
		ui.menu.writing(item("Mark all results unread", nil, func() { ui.org.withResults(func(ids []int64, _ string) { ui.org.setRead(ids, false) }) })),
		fyne.NewMenuItemSeparator(),
		item("Export results…", nil, ui.arch.exportResults),
		ui.menu.writing(item("Re-extract results…", nil, ui.arch.reextractResults)),
		fyne.NewMenuItemSeparator(),
		ui.menu.writing(item("Delete all results…", nil, ui.org.confirmDeleteResults)),
	)
	ui.menu.sidebar = item("Sidebar", key(fyne.KeyS, ctrlShift), ui.toggleSidebar)
	ui.menu.group = item("Group copies", key(fyne.KeyG, ctrl), ui.toggleGroup)
	ui.menu.timeline = item("Timeline", key(fyne.KeyT, ctrlShift), ui.toggleTimeline)
	view := fyne.NewMenu("View",
		item("Sort by relevance", key(fyne.Key1, ctrl), func() { ui.setSort(db.Relevance) }),
		item("Newest first", key(fyne.Key2, ctrl), func() { ui.setSort(db.Newest) }),
		item("Oldest first", key(fyne.Key3, ctrl), func() { ui.setSort(db.Oldest) }),
		fyne.NewMenuItemSeparator(),
		ui.menu.group,
		fyne.NewMenuItemSeparator(),
		ui.menu.sidebar,
		ui.menu.timeline,
	)
	help := fyne.NewMenu("Help",
		item("Search syntax", key(fyne.KeyF1, 0), func() { dialogs.ShowSearchSyntax(ui.window) }),
		item("Keyboard shortcuts", nil, func() {
			dialogs.ShowShortcuts(ui.window, map[string]string{labelUnstar: labelStar + " / " + labelUnstar,
				labelMarkRead: labelMarkRead + " / unread", labelMarkUnread: labelMarkRead + " / unread"})
		}),
		item("About Clippings", nil, ui.arch.showAbout),
	)
	menu := fyne.NewMainMenu(file, edit, view, article, results, help)
	s := ui.menuState()
	ui.menu.check(view, s)
	ui.menu.updateArticle(s)
	return menu
}

// menuState is what the menus follow now.
func (ui *UI) menuState() menuState {
	ids := ui.org.targets()
	starred, read := ui.org.targetState(ids)
	return menuState{sort: ui.bar.Sort(), group: ui.group, sidebar: ui.side.Visible(), timeline: ui.timeline.Shown(),
		targets: len(ids), starred: starred, read: read}
}

// writing marks a menu item as one that changes the archive: disabled in a
// read-only window.
func (m *menus) writing(it *fyne.MenuItem) *fyne.MenuItem {
	if m.writes == nil {
		m.writes = map[*fyne.MenuItem]bool{}
	}
	m.writes[it] = true
	if m.readOnly {
		it.Disabled = true
	}
	return it
}

// check ticks the View menu's current sort, grouping, and the sidebar and
// timeline when shown.
func (m *menus) check(view *fyne.Menu, s menuState) {
	for i, it := range view.Items {
		if i < len(searchbar.SortLabels) {
			it.Checked = db.Sort(i) == s.sort
		}
	}
	if m.sidebar != nil {
		m.sidebar.Checked = s.sidebar
	}
	if m.group != nil {
		m.group.Checked = s.group
		m.timeline.Checked = s.timeline
	}
}

// updateArticle names the Article menu's toggles after what they will do,
// and disables its items while no article is open.
func (m *menus) updateArticle(s menuState) {
	if m.star == nil {
		return
	}
	m.star.Label, m.read.Label = labelStar, labelMarkRead
	if s.starred {
		m.star.Label = labelUnstar
	}
	if s.read {
		m.read.Label = labelMarkUnread
	}
	for _, it := range m.article {
		it.Disabled = s.targets == 0 || m.writes[it] && m.readOnly
	}
}

// refresh updates ticks, labels and what is enabled.
func (m *menus) refresh() {
	menu := m.window.MainMenu()
	if menu == nil {
		return
	}
	s := m.state()
	for _, v := range menu.Items {
		if v.Label == "View" {
			m.check(v, s)
		}
	}
	m.updateArticle(s)
	menu.Refresh()
}

// quit remembers the window and saves the note being typed, then ends the
// app.
func (ui *UI) quit() {
	ui.reader.SaveNote()
	ui.savePrefs()
	ui.app.Quit()
}
