package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/jobs"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/reader"
	"github.com/clippings/clippings/app/results"
	"github.com/clippings/clippings/app/sidebar"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/isolate"
)

// archiveJobs are the work on the whole archive, or many of its articles,
// that runs in the job panel: backing up, checking, exporting,
// re-extracting, and finding the copies and names of articles stored
// before they were found on import (the backfill).
type archiveJobs struct {
	store     *db.Store
	pool      *isolate.Pool // extracts in worker processes
	tasks     *tasks.Group
	ctx       context.Context
	window    fyne.Window
	prefs     fyne.Preferences // where the last backup and export went
	clipboard fyne.Clipboard
	openURL   func(*url.URL) error
	panel     *jobs.Panel
	list      *results.List
	reader    *reader.Reader
	side      *sidebar.Sidebar
	refuse    func() bool
	fail      func(error)
	// What the organiser does: list what a search finds, name what the
	// Article menu acts on, show the archive after a change.
	withResults        func(fn func(ids []int64, what string))
	withMatching       func(query, noneTitle, noneText string, fn func(ids []int64))
	targets            func() []int64
	refreshAfterChange func(ids []int64)
	refreshResults     func()
	// backfillPaused: finding copies and names gave way to an import, and
	// goes on when the imports are done (pauseBackfill).
	backfillPaused bool
}

// chooseBackupFile asks where to write a backup: today's name, in the
// folder of the last backup.
func (j *archiveJobs) chooseBackupFile() {
	folder := j.prefs.StringWithFallback(prefBackupFolder, kit.DocumentsFolder())
	dialogs.AskBackupFile(j.window, folder, dialogs.FreeName(folder, dialogs.BackupFileName(time.Now())), "", j.backUp, j.fail)
}

// backUp copies the archive to dest in the background, then says where the
// copy is and how big. A taken name is asked again.
func (j *archiveJobs) backUp(dest string) {
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	ctx, ok := j.panel.Start("the backup", "Backing up the archive to "+dest+"…", false)
	if !ok {
		return
	}
	j.tasks.Go(func() {
		err := j.store.Backup(ctx, dest)
		var size int64
		if err == nil {
			if info, statErr := os.Stat(dest); statErr == nil {
				size = info.Size()
			}
		}
		j.tasks.Do(func() {
			cancelled := j.panel.End()
			switch {
			case j.ctx.Err() != nil: // the window is closing
			case err == nil:
				j.prefs.SetString(prefBackupFolder, filepath.Dir(dest))
				dialogs.ShowBackedUp(j.window, dest, size, j.openFile)
			case cancelled:
				dialog.ShowInformation("Backup cancelled", "The backup was cancelled; no file was written.", j.window)
			case errors.Is(err, db.ErrExists):
				folder, name := filepath.Dir(dest), filepath.Base(dest)
				why := name + " already exists in that folder."
				if dest == j.store.Path() {
					why = name + " is the archive itself."
				}
				dialogs.AskBackupFile(j.window, folder, dialogs.FreeName(folder, name),
					why+" Choose another name: Clippings never overwrites a file.", j.backUp, j.fail)
			default:
				j.fail(err)
			}
		})
	})
}

// openFile opens a file or folder in its usual program.
func (j *archiveJobs) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = j.openURL(u)
	}
	if err != nil {
		j.fail(fmt.Errorf("open %s: %w", path, err))
	}
}
