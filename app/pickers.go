package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickerSize gives the file dialogs room to show long names.
var pickerSize = fyne.NewSize(820, 560)

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
	d.Resize(pickerSize)
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
	d.Resize(pickerSize)
	d.Show()
}

// folderField is an entry holding a folder's path, and a button that
// chooses the folder with Fyne's folder dialog. The path may also be typed;
// a folder that does not exist yet is made.
func (ui *UI) folderField(folder string) (*widget.Entry, fyne.CanvasObject) {
	entry := widget.NewEntry()
	entry.SetText(folder)
	entry.Validator = func(s string) error {
		if isBlank(s) {
			return errors.New("enter a folder")
		}
		return nil
	}
	choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				ui.showError(fmt.Errorf("choose a folder: %w", err))
				return
			}
			if dir != nil {
				entry.SetText(dir.Path())
			}
		}, ui.window)
		if start := nearestFolder(expandHome(entry.Text)); start != "" {
			if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
				d.SetLocation(l)
			}
		}
		d.SetConfirmText("Choose") // Fyne titles the dialog "<this> Folder"
		d.Resize(pickerSize)
		d.Show()
	})
	return entry, container.NewBorder(nil, nil, nil, choose, entry)
}

// nearestFolder is path, or the closest of its parents that is a folder.
func nearestFolder(path string) string {
	if path == "" {
		return ""
	}
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return p
		}
		if p == filepath.Dir(p) {
			return ""
		}
	}
}

// documentsFolder is where backups and exports go first: the user's
// Documents folder, else their home folder.
func documentsFolder() string { return homeFolder("Documents") }

// homeFolder is the folder name in the user's home folder, else the home
// folder itself.
func homeFolder(name string) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if info, err := os.Stat(filepath.Join(home, name)); err == nil && info.IsDir() {
		return filepath.Join(home, name)
	}
	return home
}

// expandHome reads a leading ~ as the home folder, as a shell would, and
// trims the spaces a paste brings.
func expandHome(path string) string {
	path = strings.TrimSpace(path)
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, path[1:])
		}
	}
	return path
}
