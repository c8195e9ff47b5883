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

// readOnlyReason is what the window says about a read-only archive.
func readOnlyReason(path string) string {
	return fmt.Sprintf("This archive is read-only: Clippings may not write to %s or its folder. "+
		"You can search, read, export and back it up; importing and changes are off.", path)
}

// refuseChange stops an action that would change the archive when it is
// read-only, saying why; it reports whether it did.
func (ui *UI) refuseChange() bool {
	if !ui.store.ReadOnly() {
		return false
	}
	dialog.ShowInformation("Read-only archive", readOnlyReason(ui.store.Path())+"\n\nNothing was changed.", ui.window)
	return true
}

// withReadOnlyBar puts the bar saying the archive at path is read-only over
// top.
func withReadOnlyBar(path string, top fyne.CanvasObject) fyne.CanvasObject {
	msg := widget.NewLabel(readOnlyReason(path))
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.WarningImportance
	bar := container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, msg)
	return container.NewVBox(bar, widget.NewSeparator(), top)
}
