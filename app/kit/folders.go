package kit

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

// FolderField is an entry holding a folder's path, and a button that
// chooses the folder with Fyne's folder dialog over w (fail shows why it
// could not). The path may also be typed; a folder that does not exist
// yet is made.
func FolderField(w fyne.Window, folder string, fail func(error)) (*widget.Entry, fyne.CanvasObject) {
	entry := widget.NewEntry()
	entry.SetText(folder)
	entry.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("enter a folder")
		}
		return nil
	}
	choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				fail(fmt.Errorf("choose a folder: %w", err))
				return
			}
			if dir != nil {
				entry.SetText(dir.Path())
			}
		}, w)
		if start := nearestFolder(ExpandHome(entry.Text)); start != "" {
			if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
				d.SetLocation(l)
			}
		}
		d.SetConfirmText("Choose") // Fyne titles the dialog "<this> Folder"
		d.Resize(PickerSize)
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

// DocumentsFolder is where backups and exports go first: the user's
// Documents folder, else their home folder.
func DocumentsFolder() string { return homeFolder("Documents") }

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

// ExpandHome reads a leading ~ as the home folder, as a shell would, and
// trims the spaces a paste brings.
func ExpandHome(path string) string {
	path = strings.TrimSpace(path)
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, path[1:])
		}
	}
	return path
}

// DownloadsFolder is where browsers save pages: ~/Downloads, else home.
func DownloadsFolder() string { return homeFolder("Downloads") }

// PickerSize gives the file dialogs room to show long names.
var PickerSize = fyne.NewSize(820, 560)
