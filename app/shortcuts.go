package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/clippings/clippings/app/dialogs"
)

// registerShortcuts makes the menus' modifier shortcuts work on the canvas
// too (drivers without a main menu, tests), and plain keys work when nothing
// has the focus.
func (m *menus) register(handleKey func(*fyne.KeyEvent) bool, paste func()) {
	c := m.window.Canvas()
	var add func(items []*fyne.MenuItem)
	add = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				add(it.ChildMenu.Items)
			}
			s, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok || s.Modifier == 0 || it.Action == nil {
				continue
			}
			action := it.Action
			c.AddShortcut(s, func(fyne.Shortcut) { action() })
		}
	}
	for _, menu := range m.window.MainMenu().Items {
		add(menu.Items)
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { handleKey(ev) })
	// Ctrl+V (or Shift+Insert) reaches the canvas only when no text field
	// has the focus (a field pastes itself): it pastes a new article,
	// unless a dialog is open.
	c.AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) {
		if c.Overlays().Top() == nil {
			paste()
		}
	})
}

// handleKey acts on the window's plain keys. It reports whether it used the
// key, so a focused widget can fall back to its own handling.
func (ui *UI) handleKey(ev *fyne.KeyEvent) bool {
	// With a dialog open, keys are not for the window behind it; Escape
	// closes the dialog (it cancels: a dialog that asks does nothing then).
	if top := ui.window.Canvas().Overlays().Top(); top != nil {
		if ev.Name == fyne.KeyEscape {
			top.Hide()
			return true
		}
		return false
	}
	switch ev.Name {
	case fyne.KeyEscape:
		if len(ui.list.Chosen()) > 0 {
			ui.list.ClearChosen() // several selected: back to one first
			return true
		}
		if ui.bar.Query() == "" {
			return false
		}
		ui.clearSearch()
	case fyne.KeyUp:
		ui.list.MoveSelection(-1)
	case fyne.KeyDown:
		ui.list.MoveSelection(1)
	case fyne.KeyDelete:
		if len(ui.org.targets()) == 0 {
			return false
		}
		ui.org.confirmDelete()
	case fyne.KeyF1:
		dialogs.ShowSearchSyntax(ui.window)
	default:
		return false
	}
	return true
}

// focusSearch puts the cursor in the search field with its text selected,
// so typing replaces the query.
func (ui *UI) focusSearch() {
	ui.bar.Focus(ui.window.Canvas())
}
