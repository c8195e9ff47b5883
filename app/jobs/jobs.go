// Package jobs is the panel at the bottom of the window that shows the
// backup, export, check, re-extraction or change to many articles running
// in the background, with its progress and a Cancel button. One job runs
// at a time; reading and searching go on meanwhile.
package jobs

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

// Panel is the job panel and the job it shows.
type Panel struct {
	ctx    context.Context // the window's: its end stops the job
	window fyne.Window     // over which "Please wait" is said

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

// New makes the panel, hidden; jobs end with ctx.
func New(ctx context.Context, w fyne.Window) *Panel {
	j := &Panel{ctx: ctx, window: w}
	j.progress = kit.NewQuietProgressBar()
	j.activity = widget.NewProgressBarInfinite()
	j.activity.Stop()
	j.status = widget.NewLabel("")
	j.status.Truncation = fyne.TextTruncateEllipsis
	j.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), j.Cancel)
	bars := container.NewStack(j.progress, j.activity)
	j.panel = container.NewPadded(container.NewBorder(nil, nil, nil, container.NewCenter(j.cancel),
		container.NewVBox(bars, j.status)))
	j.panel.Hide()
	return j
}

// Object is what the window lays out.
func (j *Panel) Object() fyne.CanvasObject { return j.panel }

// Visible reports whether a job is shown.
func (j *Panel) Visible() bool { return j.panel.Visible() }

// Running is the name of the job running, "" when none is.
func (j *Panel) Running() string { return j.name }

// Start shows the panel for a new job and returns its context, or says
// what is running and returns false. With known set the bar fills as
// Progress reports; without, it just shows activity.
func (j *Panel) Start(name, status string, known bool) (context.Context, bool) {
	if j.name != "" {
		dialog.ShowInformation("Please wait", humanize.Capitalize(j.name)+" is still running. "+
			"Wait for it to finish, or cancel it, then try again.", j.window)
		return nil, false
	}
	ctx, stop := context.WithCancel(j.ctx)
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

// Progress says how far the job got: "Exporting to …: 12 of 450
// articles", the bar filled as much; with total unknown (0), "12 articles
// so far" beside the activity bar. A late report of a job that ended, or
// one the user cancelled, is not shown.
func (j *Panel) Progress(done, total int, unit string) {
	if j.name == "" || j.cancelled {
		return
	}
	if total <= 0 {
		j.status.SetText(fmt.Sprintf("%s: %s %s so far", j.what, humanize.Thousands(done), unit))
		return
	}
	j.status.SetText(fmt.Sprintf("%s: %s of %s %s", j.what, humanize.Thousands(done), humanize.Thousands(total), unit))
	j.progress.Max = float64(total)
	j.progress.SetValue(float64(done))
}

// Step says the job named went on to another step: what it says and
// what its progress is reported as ("Re-indexing: 12 of 450 articles"),
// unless it ended or the user cancelled it.
func (j *Panel) Step(name, what, status string) {
	if j.name == name && !j.cancelled {
		j.what = what
		j.status.SetText(status)
	}
}

// Activity turns the bar into an activity bar, when it turns out the
// amount of work cannot be known.
func (j *Panel) Activity() {
	if j.name == "" {
		return
	}
	j.progress.Hide()
	j.activity.Show()
	j.activity.Start()
}

// Cancel stops the running job, as its Cancel button does; it says how far
// it got when it ends.
func (j *Panel) Cancel() {
	if j.stop == nil {
		return
	}
	j.cancelled = true
	j.stop()
	j.cancel.Disable()
	j.status.SetText("Cancelling…")
}

// Cancelled reports whether the user cancelled the running job.
func (j *Panel) Cancelled() bool { return j.cancelled }

// Interrupt stops the job named without the user's word: it gives way (to
// an import), and ends without a message. It reports whether it was
// running.
func (j *Panel) Interrupt(name string) bool {
	if j.name != name || j.stop == nil {
		return false
	}
	j.stop()
	return true
}

// End hides the panel, and reports whether the user cancelled the job;
// its outcome is the caller's to show.
func (j *Panel) End() (cancelled bool) {
	if j.stop != nil {
		j.stop()
	}
	cancelled = j.cancelled
	j.name, j.stop, j.cancelled = "", nil, false
	j.activity.Stop()
	j.panel.Hide()
	return cancelled
}
