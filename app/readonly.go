package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// A read-only archive — a file or folder Clippings may not write, read-only
// media — opens read-only rather than not at all: the window says so over
// the search field, searching, reading, exporting, backing up and checking
// work, and what would write is turned off: its menu items greyed, the
// article pane's buttons, tag field and note disabled, and its actions
// (a shortcut, a drop) refused with the reason. Opening an article does not
// mark it read, and copies and names are not looked for.

// openForWindow opens the archive for writing, or read-only when it cannot
// be written.
func openForWindow(ctx context.Context, path string) (*db.Store, error) {
	s, err := db.Open(ctx, path)
	if !errors.Is(err, db.ErrReadOnly) {
		return s, err
	}
	ro, roErr := db.OpenMode(ctx, path, db.ReadOnly)
	switch {
	case roErr == nil:
		return ro, nil
	case errors.Is(roErr, db.ErrNeedsUpgrade):
		return nil, roErr // says why a read-only copy cannot be read
	}
	return nil, err
}

// readOnly reports whether the window's archive cannot be changed.
func (ui *UI) readOnly() bool { return ui.store.ReadOnly() }

// readOnlyReason is what the window says about a read-only archive.
func (ui *UI) readOnlyReason() string {
	return fmt.Sprintf("This archive is read-only: Clippings may not write to %s or its folder. "+
		"You can search, read, export and back it up; importing and changes are off.", ui.store.Path())
}

// refuseChange stops an action that would change the archive when it is
// read-only, saying why; it reports whether it did.
func (ui *UI) refuseChange() bool {
	if !ui.readOnly() {
		return false
	}
	dialog.ShowInformation("Read-only archive", ui.readOnlyReason()+"\n\nNothing was changed.", ui.window)
	return true
}

// writing marks a menu item as one that changes the archive: disabled in a
// read-only window.
func (ui *UI) writing(it *fyne.MenuItem) *fyne.MenuItem {
	if ui.menu.writes == nil {
		ui.menu.writes = map[*fyne.MenuItem]bool{}
	}
	ui.menu.writes[it] = true
	if ui.readOnly() {
		it.Disabled = true
	}
	return it
}

// withReadOnlyBar puts the bar saying the archive is read-only over top,
// and disables the window's controls that write. The window is otherwise
// the same.
func (ui *UI) withReadOnlyBar(top fyne.CanvasObject) fyne.CanvasObject {
	if !ui.readOnly() {
		return top
	}
	ui.bar.ReadOnly()
	msg := widget.NewLabel(ui.readOnlyReason())
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.WarningImportance
	bar := container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, msg)
	return container.NewVBox(bar, widget.NewSeparator(), top)
}
