package app

import (
	"errors"

	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/humanize"
)

// showError tells the user what went wrong, in a dialog over the window.
func (ui *UI) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(humanize.DescribeError(err)), ui.window)
}
