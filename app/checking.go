package app

import (
	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/dialogs"
)

// checkArchive verifies the archive in the background (it only reads),
// then reports: all is well, or every problem found.
func (j *archiveJobs) checkArchive() {
	ctx, ok := j.panel.Start("the check", "Checking the archive: its database, full-text index and original files…", false)
	if !ok {
		return
	}
	j.tasks.Go(func() {
		report, err := j.store.Check(ctx)
		j.tasks.Do(func() {
			cancelled := j.panel.End()
			switch {
			case j.ctx.Err() != nil: // the window is closing
			case err == nil:
				dialogs.ShowCheckReport(j.window, report, j.clipboard)
			case cancelled:
				dialog.ShowInformation("Check cancelled", "The check was cancelled before it finished.", j.window)
			default:
				j.fail(err)
			}
		})
	})
}

// showAbout shows the version, where the archive is, and what is in it.
// The dialog opens at once; the statistics follow when counted.
func (j *archiveJobs) showAbout() {
	fill := dialogs.ShowAbout(j.window, j.store.Path())
	j.tasks.Go(func() {
		st, err := j.store.Stats(j.ctx)
		if j.ctx.Err() != nil {
			return
		}
		j.tasks.Do(func() { fill(st, err) })
	})
}
