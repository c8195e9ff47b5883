package dialogs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// BackupFileName is the name a backup made on day t is offered.
func BackupFileName(t time.Time) string {
	return "clippings-backup-" + t.Format("2006-01-02") + ".db"
}

// AskBackupFile is the save dialog of a backup, over w: the name and
// folder offered, and backUp given the file chosen. It is not Fyne's file
// save dialog, which empties a file chosen to be overwritten before its
// caller sees the name: a backup is never written over another file.
// problem, if not "", says why the dialog is asked again.
func AskBackupFile(w fyne.Window, folder, name, problem string, backUp func(dest string), fail func(error)) {
	nameEntry := widget.NewEntry()
	nameEntry.SetText(name)
	nameEntry.Validator = validFileName
	folderEntry, folderRow := kit.FolderField(w, folder, fail)
	items := []*widget.FormItem{}
	if problem != "" {
		items = append(items, widget.NewFormItem("", kit.ProblemNote(problem)))
	}
	nameItem := widget.NewFormItem("File name", nameEntry)
	nameItem.HintText = "A copy of the whole archive as it is now. Existing files are never overwritten."
	items = append(items, nameItem, widget.NewFormItem("Folder", folderRow))
	d := dialog.NewForm("Back up archive", "Back up", "Cancel", items, func(ok bool) {
		if ok {
			backUp(filepath.Join(kit.ExpandHome(folderEntry.Text), strings.TrimSpace(nameEntry.Text)))
		}
	}, w)
	nameEntry.OnSubmitted = func(string) { d.Submit() }
	folderEntry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 680)
	w.Canvas().Focus(nameEntry)
}

// ShowBackedUp confirms a backup over w, naming the file and its size;
// openFolder opens the folder it is in.
func ShowBackedUp(w fyne.Window, path string, size int64, openFolder func(string)) {
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.TextStyle = fyne.TextStyle{Monospace: true}
	how := widget.NewLabel("To use the copy, open it with clippings --db FILE, or put it in place of the archive while Clippings is closed.")
	how.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		widget.NewLabel("The archive was copied to"), where,
		widget.NewLabel(humanize.ByteSize(size)+" on disk."), how)
	ShowDone(w, "Backup complete", content, filepath.Dir(path), openFolder)
}

// ShowDone shows what a finished job made, over w, with a way to open its
// folder.
func ShowDone(w fyne.Window, title string, content fyne.CanvasObject, folder string, openFolder func(string)) {
	d := dialog.NewCustomWithoutButtons(title, content, w)
	closeButton := widget.NewButton("Close", d.Hide)
	closeButton.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{closeButton}
	if folder != "" {
		open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
			d.Hide()
			openFolder(folder)
		})
		buttons = []fyne.CanvasObject{open, closeButton}
	}
	d.SetButtons(buttons)
	kit.ShowSized(d, 560)
}

// FreeName is name, or name-2, name-3, … the first that does not exist in
// folder.
func FreeName(folder, name string) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	try := name
	for n := 2; n < 1000 && fileExists(filepath.Join(folder, try)); n++ {
		try = fmt.Sprintf("%s-%d%s", base, n, ext)
	}
	return try
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func validFileName(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errors.New("enter a file name")
	case strings.ContainsRune(s, filepath.Separator) || strings.ContainsRune(s, '/'):
		return errors.New("a name, without a folder")
	case s == "." || s == "..":
		return errors.New("not a file name")
	}
	return nil
}
