package dialogs

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
)

// Inbox is the inbox folder as the preferences show it.
type Inbox interface {
	// Settings are whether it is on, and the folder.
	Settings() (on bool, dir string)
	// Watching is the folder being watched, "" when none is.
	Watching() string
	// Apply remembers new settings and watches accordingly.
	Apply(on bool, dir string) error
}

// ShowPreferences is Edit ▸ Preferences… over w: the inbox folder; fail
// shows an error.
func ShowPreferences(w fyne.Window, box Inbox, fail func(error)) {
	newPreferencesDialog(w, box, fail).dialog.Show()
}

// preferencesDialog is Edit ▸ Preferences…: the inbox folder.
type preferencesDialog struct {
	inboxOn *widget.Check
	folder  *widget.Entry
	status  *widget.Label
	dialog  dialog.Dialog
}

// newPreferencesDialog makes the dialog over w for box; fail shows an
// error.
func newPreferencesDialog(w fyne.Window, box Inbox, fail func(error)) *preferencesDialog {
	on, dir := box.Settings()
	d := &preferencesDialog{status: widget.NewLabel("")}
	d.status.Wrapping = fyne.TextWrapWord
	d.status.Importance = widget.LowImportance
	var field fyne.CanvasObject
	d.folder, field = kit.FolderField(w, dir, fail)
	d.inboxOn = widget.NewCheck("Import the files that arrive in a folder (an inbox)", func(on bool) {
		if on {
			d.folder.Enable()
		} else {
			d.folder.Disable()
		}
	})
	d.inboxOn.SetChecked(on)
	if !on {
		d.folder.Disable()
	}
	if dir := box.Watching(); dir != "" {
		d.status.SetText("Watching " + dir + ".")
	}
	explain := widget.NewLabel("Point it where your browser saves pages. Each saved page, text, Markdown, e-mail or PDF is imported once it is complete, and left where it is. " +
		"The files there when Clippings opens are looked at again: those already in the archive are skipped; one that failed is tried again, and so is a file that changes.")
	explain.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		widget.NewLabelWithStyle("Inbox folder", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		d.inboxOn, field, explain, d.status)
	d.dialog = dialog.NewCustomConfirm("Preferences", "Save", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		if err := box.Apply(d.inboxOn.Checked, kit.ExpandHome(d.folder.Text)); err != nil {
			fail(fmt.Errorf("the inbox folder cannot be watched, so it is off: %w", err))
		}
	}, w)
	d.dialog.Resize(fyne.NewSize(620, 340))
	return d
}
