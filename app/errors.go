package app

import (
	"errors"

	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/db"
)

// showError tells the user what went wrong, in a dialog over the window.
func (ui *UI) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(describeError(err)), ui.window)
}

// describeError adds what to do about the archive errors a user can fix.
func describeError(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, db.ErrLocked):
		return msg + "\n\nAnother program (perhaps `clippings import`) is writing to the archive. Try again when it has finished."
	case errors.Is(err, db.ErrReadOnly):
		return msg + "\n\nCheck that the archive's folder is writable and the disk is not full."
	}
	return msg
}
