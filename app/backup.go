package app

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
	"github.com/clippings/clippings/db"
)

// backupFileName is the name a backup made on day t is offered.
func backupFileName(t time.Time) string {
	return "clippings-backup-" + t.Format("2006-01-02") + ".db"
}

// chooseBackupFile asks where to write a backup: today's name, in the
// folder of the last backup.
func (ui *UI) chooseBackupFile() {
	folder := ui.app.Preferences().StringWithFallback(prefBackupFolder, kit.DocumentsFolder())
	ui.showBackupDialog(folder, freeName(folder, backupFileName(time.Now())), "")
}

// showBackupDialog is the save dialog of a backup. It is not Fyne's file
// save dialog, which empties a file chosen to be overwritten before its
// caller sees the name: a backup is never written over another file.
// problem, if not "", says why the dialog is asked again.
func (ui *UI) showBackupDialog(folder, name, problem string) {
	nameEntry := widget.NewEntry()
	nameEntry.SetText(name)
	nameEntry.Validator = validFileName
	folderEntry, folderRow := kit.FolderField(ui.window, folder, ui.showError)
	items := []*widget.FormItem{}
	if problem != "" {
		items = append(items, widget.NewFormItem("", kit.ProblemNote(problem)))
	}
	nameItem := widget.NewFormItem("File name", nameEntry)
	nameItem.HintText = "A copy of the whole archive as it is now. Existing files are never overwritten."
	items = append(items, nameItem, widget.NewFormItem("Folder", folderRow))
	d := dialog.NewForm("Back up archive", "Back up", "Cancel", items, func(ok bool) {
		if ok {
			ui.backUp(filepath.Join(kit.ExpandHome(folderEntry.Text), strings.TrimSpace(nameEntry.Text)))
		}
	}, ui.window)
	nameEntry.OnSubmitted = func(string) { d.Submit() }
	folderEntry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 680)
	ui.window.Canvas().Focus(nameEntry)
}

// backUp copies the archive to dest in the background, then says where the
// copy is and how big. A taken name is asked again.
func (ui *UI) backUp(dest string) {
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	ctx, ok := ui.jobs.Start("the backup", "Backing up the archive to "+dest+"…", false)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		err := ui.store.Backup(ctx, dest)
		var size int64
		if err == nil {
			if info, statErr := os.Stat(dest); statErr == nil {
				size = info.Size()
			}
		}
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			switch {
			case ui.ctx.Err() != nil: // the window is closing
			case err == nil:
				ui.app.Preferences().SetString(prefBackupFolder, filepath.Dir(dest))
				ui.showBackedUp(dest, size)
			case cancelled:
				dialog.ShowInformation("Backup cancelled", "The backup was cancelled; no file was written.", ui.window)
			case errors.Is(err, db.ErrExists):
				folder, name := filepath.Dir(dest), filepath.Base(dest)
				why := name + " already exists in that folder."
				if dest == ui.store.Path() {
					why = name + " is the archive itself."
				}
				ui.showBackupDialog(folder, freeName(folder, name),
					why+" Choose another name: Clippings never overwrites a file.")
			default:
				ui.showError(err)
			}
		})
	})
}

// showBackedUp confirms a backup, naming the file and its size.
func (ui *UI) showBackedUp(path string, size int64) {
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.TextStyle = fyne.TextStyle{Monospace: true}
	how := widget.NewLabel("To use the copy, open it with clippings --db FILE, or put it in place of the archive while Clippings is closed.")
	how.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		widget.NewLabel("The archive was copied to"), where,
		widget.NewLabel(humanize.ByteSize(size)+" on disk."), how)
	ui.showDone("Backup complete", content, filepath.Dir(path))
}

// showDone shows what a finished job made, with a way to open its folder.
func (ui *UI) showDone(title string, content fyne.CanvasObject, folder string) {
	d := dialog.NewCustomWithoutButtons(title, content, ui.window)
	closeButton := widget.NewButton("Close", d.Hide)
	closeButton.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{closeButton}
	if folder != "" {
		open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
			d.Hide()
			ui.openFile(folder)
		})
		buttons = []fyne.CanvasObject{open, closeButton}
	}
	d.SetButtons(buttons)
	kit.ShowSized(d, 560)
}

// freeName is name, or name-2, name-3, … the first that does not exist in
// folder.
func freeName(folder, name string) string {
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
