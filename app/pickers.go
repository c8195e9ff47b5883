package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/kit"
)

// intake is the ways of bringing articles in by asking for them: the file
// and folder pickers, and the web address dialog.
type intake struct {
	window      fyne.Window
	refuse      func() bool // a read-only archive takes nothing, and says why
	fail        func(error)
	importPaths func(paths []string)
}

// askWebAddress is File ▸ Add web address….
func (in *intake) askWebAddress() { dialogs.AskWebAddress(in.window, in.importPaths) }

// chooseFilesToImport asks for a file to import. Fyne's file dialog picks
// one file; several are imported by choosing their folder, or by dropping
// them on the window.
func (in *intake) chooseFilesToImport() {
	if in.refuse() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			in.fail(fmt.Errorf("choose a file: %w", err))
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		_ = r.Close() // only the path is wanted; the importer reads the file itself
		in.importPaths([]string{path})
	}, in.window)
	d.SetConfirmText("Import")
	d.Resize(kit.PickerSize)
	d.Show()
}

// chooseFolderToImport asks for a folder whose articles are imported,
// sub-folders included.
func (in *intake) chooseFolderToImport() {
	if in.refuse() {
		return
	}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			in.fail(fmt.Errorf("choose a folder: %w", err))
			return
		}
		if dir == nil {
			return
		}
		in.importPaths([]string{dir.Path()})
	}, in.window)
	d.SetConfirmText("Import")
	d.Resize(kit.PickerSize)
	d.Show()
}
