package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// jobState is the backup, export or check running in the background, and
// the panel at the bottom of the window that shows it, above the import
// panel. One runs at a time; reading and searching go on meanwhile.
type jobState struct {
	panel    *fyne.Container
	progress *widget.ProgressBar         // when the amount of work is known
	activity *widget.ProgressBarInfinite // when it is not
	status   *widget.Label               // what runs, and how far it got
	cancel   *widget.Button
	what     string // "Exporting to …", before the count

	name      string             // what runs, as in "the backup"; "" when nothing runs
	stop      context.CancelFunc // cancels it
	cancelled bool               // by the user
}

func (ui *UI) buildJobPanel() {
	j := &ui.jobs
	j.progress = kit.NewQuietProgressBar()
	j.activity = widget.NewProgressBarInfinite()
	j.activity.Stop()
	j.status = widget.NewLabel("")
	j.status.Truncation = fyne.TextTruncateEllipsis
	j.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), ui.cancelJob)
	bars := container.NewStack(j.progress, j.activity)
	j.panel = container.NewPadded(container.NewBorder(nil, nil, nil, container.NewCenter(j.cancel),
		container.NewVBox(bars, j.status)))
	j.panel.Hide()
}

// startJob shows the panel for a new job and returns its context, or says
// what is running and returns false. With known set the bar fills as
// jobProgress reports; without, it just shows activity.
func (ui *UI) startJob(name, status string, known bool) (context.Context, bool) {
	j := &ui.jobs
	if j.name != "" {
		dialog.ShowInformation("Please wait", humanize.Capitalize(j.name)+" is still running. "+
			"Wait for it to finish, or cancel it, then try again.", ui.window)
		return nil, false
	}
	ctx, stop := context.WithCancel(ui.ctx)
	j.name, j.stop, j.cancelled = name, stop, false
	j.what = status
	j.status.SetText(status)
	j.progress.Max, j.progress.Value = 1, 0
	j.progress.Refresh()
	if known {
		j.activity.Stop()
		j.activity.Hide()
		j.progress.Show()
	} else {
		j.progress.Hide()
		j.activity.Show()
		j.activity.Start()
	}
	j.cancel.Enable()
	j.panel.Show()
	return ctx, true
}

// jobProgress says how far the job got: "Exporting to …: 12 of 450
// articles", the bar filled as much; with total unknown (0), "12 articles
// so far" beside the activity bar.
func (ui *UI) jobProgress(done, total int, unit string) {
	j := &ui.jobs
	if j.name == "" || j.cancelled {
		return // a late report of a finished job, or Cancelling… is shown
	}
	if total <= 0 {
		j.status.SetText(fmt.Sprintf("%s: %s %s so far", j.what, humanize.Thousands(done), unit))
		return
	}
	j.status.SetText(fmt.Sprintf("%s: %s of %s %s", j.what, humanize.Thousands(done), humanize.Thousands(total), unit))
	j.progress.Max = float64(total)
	j.progress.SetValue(float64(done))
}

// jobActivity turns the bar into an activity bar, when it turns out the
// amount of work cannot be known.
func (ui *UI) jobActivity() {
	j := &ui.jobs
	if j.name == "" {
		return
	}
	j.progress.Hide()
	j.activity.Show()
	j.activity.Start()
}

// cancelJob stops the running job; it says how far it got when it ends.
func (ui *UI) cancelJob() {
	j := &ui.jobs
	if j.stop == nil {
		return
	}
	j.cancelled = true
	j.stop()
	j.cancel.Disable()
	j.status.SetText("Cancelling…")
}

// endJob hides the panel, and reports whether the user cancelled the job;
// its outcome is shown in a dialog.
func (ui *UI) endJob() (cancelled bool) {
	j := &ui.jobs
	if j.stop != nil {
		j.stop()
	}
	cancelled = j.cancelled
	j.name, j.stop, j.cancelled = "", nil, false
	j.activity.Stop()
	j.panel.Hide()
	return cancelled
}
