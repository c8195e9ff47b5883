package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/kit"
)

// chooseFilesToImport asks for a file to import. Fyne's file dialog picks
// one file; several are imported by choosing their folder, or by dropping
// them on the window.
func (ui *UI) chooseFilesToImport() {
	if ui.refuseChange() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(fmt.Errorf("choose a file: %w", err))
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		_ = r.Close() // only the path is wanted; the importer reads the file itself
		ui.Import([]string{path})
	}, ui.window)
	d.SetConfirmText("Import")
	d.Resize(kit.PickerSize)
	d.Show()
}

// chooseFolderToImport asks for a folder whose articles are imported,
// sub-folders included.
func (ui *UI) chooseFolderToImport() {
	if ui.refuseChange() {
		return
	}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			ui.showError(fmt.Errorf("choose a folder: %w", err))
			return
		}
		if dir == nil {
			return
		}
		ui.Import([]string{dir.Path()})
	}, ui.window)
	d.SetConfirmText("Import")
	d.Resize(kit.PickerSize)
	d.Show()
}
