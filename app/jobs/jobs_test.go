package jobs

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func newPanel(t *testing.T) (*Panel, func() string) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("jobs")
	j := New(context.Background(), w)
	w.SetContent(j.Object())
	w.Show()
	return j, func() string { return j.status.Text }
}

func TestOneJobAtATimeWithProgressAndCancel(t *testing.T) {
	j, status := newPanel(t)
	if j.Visible() || j.Running() != "" {
		t.Fatal("a job is shown before any started")
	}
	ctx, ok := j.Start("the export", "Exporting to /tmp/x", true)
	if !ok || !j.Visible() || !j.progress.Visible() || j.activity.Visible() {
		t.Fatalf("started: ok %v, shown %v", ok, j.Visible())
	}
	j.Progress(12, 450, "articles")
	if got := status(); got != "Exporting to /tmp/x: 12 of 450 articles" || j.progress.Value != 12 {
		t.Errorf("progress %q, bar %v", got, j.progress.Value)
	}
	if _, ok := j.Start("the backup", "Backing up", false); ok {
		t.Error("a second job started while one runs")
	}
	if d := j.window.Canvas().Overlays().Top(); d == nil {
		t.Error("no word that the export still runs")
	}

	j.Cancel()
	if ctx.Err() == nil || status() != "Cancelling…" || !j.Cancelled() {
		t.Errorf("cancel: ctx %v, %q", ctx.Err(), status())
	}
	j.Progress(13, 450, "articles") // a late report
	if status() != "Cancelling…" {
		t.Errorf("a report after Cancel shown: %q", status())
	}
	if !j.End() || j.Visible() || j.Running() != "" {
		t.Errorf("End: shown %v, running %q", j.Visible(), j.Running())
	}
}

func TestUnknownAmountShowsActivity(t *testing.T) {
	j, status := newPanel(t)
	j.Start("the check", "Checking", false)
	if j.progress.Visible() || !j.activity.Visible() {
		t.Error("an unknown amount shows a progress bar")
	}
	j.Progress(7, 0, "articles")
	if got := status(); got != "Checking: 7 articles so far" {
		t.Errorf("%q", got)
	}
	j.End()
	j.Start("the export", "Exporting", true)
	j.Activity() // the amount turned out unknowable
	if j.progress.Visible() || !j.activity.Visible() {
		t.Error("Activity did not switch the bar")
	}
}

// A job that gives way (to an import) ends without the user's cancel.
func TestInterruptStopsOnlyTheNamedJob(t *testing.T) {
	j, status := newPanel(t)
	ctx, _ := j.Start("finding copies", "Finding", true)
	j.Step("finding copies", "Finding copies", "Finding copies in 3 articles…")
	j.Step("something else", "no", "no")
	if got := status(); got != "Finding copies in 3 articles…" {
		t.Errorf("%q", got)
	}
	if j.Interrupt("the export") || ctx.Err() != nil {
		t.Fatal("another job's name stopped it")
	}
	if !j.Interrupt("finding copies") || ctx.Err() == nil || j.Cancelled() {
		t.Errorf("interrupted: ctx %v, cancelled %v", ctx.Err(), j.Cancelled())
	}
	if j.End() {
		t.Error("an interrupted job reads as cancelled by the user")
	}
}

// A job of several steps reports each one's progress under its own name.
func TestStepsReportTheirOwnProgress(t *testing.T) {
	j, status := newPanel(t)
	if _, ok := j.Start("the upgrade", "Updating", true); !ok {
		t.Fatal("not started")
	}
	j.Step("the upgrade", "Listing words", "Listing the words of 450 articles…")
	if got := status(); got != "Listing the words of 450 articles…" {
		t.Errorf("step: %q", got)
	}
	j.Progress(12, 450, "articles")
	if got := status(); got != "Listing words: 12 of 450 articles" {
		t.Errorf("step's progress: %q", got)
	}
	j.Step("another job", "Other", "Other")
	if got := status(); got != "Listing words: 12 of 450 articles" {
		t.Errorf("another job's step shown: %q", got)
	}
}
