package app

import (
	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/dialogs"
)

// checkArchive verifies the archive in the background (it only reads),
// then reports: all is well, or every problem found.
func (ui *UI) checkArchive() {
	ctx, ok := ui.jobs.Start("the check", "Checking the archive: its database, full-text index and original files…", false)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		report, err := ui.store.Check(ctx)
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			switch {
			case ui.ctx.Err() != nil: // the window is closing
			case err == nil:
				dialogs.ShowCheckReport(ui.window, report, ui.app.Clipboard())
			case cancelled:
				dialog.ShowInformation("Check cancelled", "The check was cancelled before it finished.", ui.window)
			default:
				ui.showError(err)
			}
		})
	})
}
