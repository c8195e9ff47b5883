package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

// chooseBackupFile asks where to write a backup: today's name, in the
// folder of the last backup.
func (ui *UI) chooseBackupFile() {
	folder := ui.app.Preferences().StringWithFallback(prefBackupFolder, kit.DocumentsFolder())
	dialogs.AskBackupFile(ui.window, folder, dialogs.FreeName(folder, dialogs.BackupFileName(time.Now())), "", ui.backUp, ui.showError)
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
				dialogs.ShowBackedUp(ui.window, dest, size, ui.openFile)
			case cancelled:
				dialog.ShowInformation("Backup cancelled", "The backup was cancelled; no file was written.", ui.window)
			case errors.Is(err, db.ErrExists):
				folder, name := filepath.Dir(dest), filepath.Base(dest)
				why := name + " already exists in that folder."
				if dest == ui.store.Path() {
					why = name + " is the archive itself."
				}
				dialogs.AskBackupFile(ui.window, folder, dialogs.FreeName(folder, name),
					why+" Choose another name: Clippings never overwrites a file.", ui.backUp, ui.showError)
			default:
				ui.showError(err)
			}
		})
	})
}

// openFile opens a file or folder in its usual program.
func (ui *UI) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = ui.app.OpenURL(u)
	}
	if err != nil {
		ui.showError(fmt.Errorf("open %s: %w", path, err))
	}
}
