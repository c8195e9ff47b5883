// Package importpanel runs the window's imports — files, folders, web
// addresses and pastes — one batch after another in the background, and
// shows them in the panel at the bottom of the window: progress and
// Cancel while they run, then what they brought, with the details of what
// was not imported.
package importpanel

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
	"github.com/clippings/clippings/importer"
)

// Importer runs an import: importer.Importer's RunBatch.
type Importer interface {
	RunBatch(ctx context.Context, b importer.Batch, onResult func(importer.Result), onProgress func(importer.Progress)) importer.Summary
}

// Config is what the panel is built with.
type Config struct {
	Ctx      context.Context // the window's: its end stops an import
	Importer Importer
	Tasks    *tasks.Group
	Window   fyne.Window // over which the details are shown
	// Refuse stops an import the user asked for, saying why (a read-only
	// archive); it reports whether it did. ReadOnly tells the inbox's
	// imports to stay away quietly.
	Refuse   func() bool
	ReadOnly func() bool
	// OnStart is called as each import of a batch starts, OnDone when the
	// batch is over (quiet when it all came by itself, from the inbox).
	OnStart func()
	OnDone  func(Done)
	Fail    func(error)
}

// Done is what a batch of imports brought.
type Done struct {
	// Imported counts the articles of the batch's imports, LastID is the
	// last one's.
	Imported int
	LastID   int64
	// Quiet: every import of the batch came by itself (the inbox folder).
	Quiet bool
}

// Panel is the import panel and the imports it runs.
type Panel struct {
	cfg Config

	panel    *fyne.Container
	progress *widget.ProgressBar
	status   *widget.Label
	cancel   *widget.Button
	details  *widget.Button
	dismiss  *widget.Button

	stop     context.CancelFunc // of the running import; nil when none runs
	queue    []importJob        // given while an import ran; imported next
	summary  importer.Summary   // of every run since the panel was last dismissed
	problems []importer.Result  // files not imported, with the reason
	stopped  bool               // the user cancelled
	// quiet: every run since the panel was last dismissed came from the
	// inbox folder, not from the user's hand.
	quiet bool
}

// New makes the panel, hidden.
func New(cfg Config) *Panel {
	s := &Panel{cfg: cfg}
	s.progress = kit.NewQuietProgressBar()
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.Cancel)
	s.details = widget.NewButtonWithIcon("Details", theme.InfoIcon(), s.showDetails)
	s.dismiss = widget.NewButtonWithIcon("", theme.WindowCloseIcon(), s.Dismiss)
	s.dismiss.Importance = widget.LowImportance
	buttons := container.NewCenter(container.NewHBox(s.cancel, s.details, s.dismiss))
	s.panel = container.NewPadded(container.NewBorder(nil, nil, nil, buttons,
		container.NewVBox(s.progress, s.status)))
	s.panel.Hide()
	return s
}

// Object is what the window lays out.
func (s *Panel) Object() fyne.CanvasObject { return s.panel }

// Visible reports whether the panel is shown.
func (s *Panel) Visible() bool { return s.panel.Visible() }

// Running reports whether an import runs.
func (s *Panel) Running() bool { return s.stop != nil }

// Status is what the panel says.
func (s *Panel) Status() string { return s.status.Text }

// Summary sums up the imports since the panel was last dismissed, and
// lists the files not imported, with the reason.
func (s *Panel) Summary() (importer.Summary, []importer.Result) { return s.summary, s.problems }

// Import imports paths, web addresses and articles in hand (a paste) in
// the background, showing progress in the panel. What is given while an
// import runs is imported after it.
func (s *Panel) Import(b importer.Batch) { s.add(importJob{batch: b}) }

// ImportQuietly imports what came by itself (the inbox folder): it opens
// no article, and leaves no panel when it brought nothing new.
func (s *Panel) ImportQuietly(b importer.Batch) { s.add(importJob{batch: b, quiet: true}) }

// importJob is one import asked for; quiet ones came by themselves.
type importJob struct {
	batch importer.Batch
	quiet bool
}

func (s *Panel) add(j importJob) {
	switch {
	case j.quiet && s.cfg.ReadOnly():
		return // the inbox does not import into a read-only archive
	case s.cfg.Refuse():
		return
	}
	if s.stop != nil {
		s.queue = append(s.queue, j)
		return
	}
	s.summary, s.problems, s.stopped, s.quiet = importer.Summary{}, nil, false, true
	s.start(j)
}

// startImport runs one import; the panel adds its counts to those of the
// runs before it in the same batch.
func (s *Panel) start(j importJob) {
	s.cfg.OnStart()
	ctx, stop := context.WithCancel(s.cfg.Ctx)
	s.stop = stop
	s.quiet = s.quiet && j.quiet
	s.progress.Max, s.progress.Value = 1, 0
	s.progress.Refresh()
	s.status.SetText(startingText(j.batch))
	s.progress.Show()
	s.cancel.Show()
	s.details.Hide()
	s.dismiss.Hide()
	s.panel.Show()

	g := s.cfg.Tasks
	g.Go(func() {
		defer stop()
		var problems []importer.Result
		var lastDraw time.Time
		sum := s.cfg.Importer.RunBatch(ctx, j.batch,
			func(r importer.Result) {
				if r.Status != importer.Imported {
					problems = append(problems, r)
				}
			},
			func(p importer.Progress) {
				if p.Done < p.Total && time.Since(lastDraw) < kit.ProgressInterval {
					return
				}
				lastDraw = time.Now()
				g.Do(func() { s.showProgress(p) })
			})
		g.Do(func() { s.finished(sum, problems) })
	})
}

// Cancel stops the running import after the files in hand; what was
// imported stays. Queued imports are dropped.
func (s *Panel) Cancel() {
	if s.stop == nil {
		return
	}
	s.stopped = true
	s.queue = nil
	s.stop()
	s.status.SetText("Cancelling…")
}

// startingText is what the panel says before the first result.
func startingText(b importer.Batch) string {
	switch {
	case len(b.Items) > 0 && len(b.Paths) == 0:
		return "Importing what you pasted…"
	case len(b.Paths) == 1 && fetch.IsAddress(b.Paths[0]):
		if u, err := url.Parse(strings.TrimSpace(b.Paths[0])); err == nil {
			return "Fetching the page from " + u.Hostname() + "…"
		}
	}
	return "Looking for articles…"
}

func (s *Panel) showProgress(p importer.Progress) {
	if s.stop == nil {
		return // a late report of a finished run
	}
	s.progress.Max = float64(max(p.Total, 1))
	s.progress.SetValue(float64(p.Done))
	s.status.SetText(fmt.Sprintf("%s of %s files · %s", humanize.Thousands(p.Done), humanize.Thousands(p.Total), filepath.Base(p.Current)))
}

func (s *Panel) finished(sum importer.Summary, problems []importer.Result) {
	s.stop = nil
	s.summary = addSummaries(s.summary, sum)
	s.problems = append(s.problems, problems...)
	if len(s.queue) > 0 {
		next := s.queue[0]
		s.queue = s.queue[1:]
		s.start(next)
		return
	}
	done := Done{Imported: s.summary.Imported, LastID: s.summary.LastID, Quiet: s.quiet}
	if s.quiet && s.summary.Imported == 0 && s.summary.Failed == 0 {
		// The inbox's files were all in the archive already.
		s.Dismiss()
		s.cfg.OnDone(done)
		return
	}

	s.progress.Max = 1
	s.progress.SetValue(1)
	s.progress.Hide() // the summary says it all
	s.status.SetText(roundText(s.summary, s.problems, s.stopped, s.quiet))
	s.cancel.Hide()
	s.details.Show()
	if len(s.problems) == 0 {
		s.details.Hide()
	}
	s.dismiss.Show()

	if err := archiveProblem(s.problems); err != nil {
		s.cfg.Fail(fmt.Errorf("import: %w", err))
	}
	s.cfg.OnDone(done)
}

// archiveProblem is the first failure that is the archive's fault rather
// than the file's, worth a dialog of its own.
func archiveProblem(problems []importer.Result) error {
	for _, p := range problems {
		if p.Status == importer.Failed && (errors.Is(p.Err, db.ErrLocked) || errors.Is(p.Err, db.ErrReadOnly)) {
			return p.Err
		}
	}
	return nil
}

func addSummaries(a, b importer.Summary) importer.Summary {
	a.Imported += b.Imported
	a.Duplicates += b.Duplicates
	a.Failed += b.Failed
	a.Skipped += b.Skipped
	a.Cancelled += b.Cancelled
	if b.LastID != 0 {
		a.LastID = b.LastID
	}
	return a
}

// roundText is what the panel says when the imports since it was last
// dismissed are done: the counts, or why the one thing given (a paste, an
// address) failed; arrivals in the inbox folder say so.
func roundText(sum importer.Summary, problems []importer.Result, cancelled, inbox bool) string {
	text := summaryText(sum, cancelled)
	if sum.Failed == 1 && len(problems) == 1 && sum.Imported+sum.Duplicates+sum.Skipped+sum.Cancelled == 0 {
		p := problems[0]
		text = fmt.Sprintf("Not imported: %s — %v", p.Path, p.Err)
	}
	if inbox {
		text = "Inbox folder: " + text
	}
	return text
}

// summaryText is "12 imported · 2 duplicates · 1 failed".
func summaryText(sum importer.Summary, cancelled bool) string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, humanize.Plural(n, one, many))
		}
	}
	parts = append(parts, humanize.Thousands(sum.Imported)+" imported")
	add(sum.Duplicates, "duplicate", "duplicates")
	add(sum.Failed, "failed", "failed")
	add(sum.Skipped, "skipped", "skipped")
	add(sum.Cancelled, "not reached", "not reached")
	text := strings.Join(parts, " · ")
	if cancelled {
		text = "Import cancelled: " + text
	}
	if sum.Imported+sum.Duplicates+sum.Failed+sum.Skipped+sum.Cancelled == 0 {
		text = "No article files found"
	}
	return text
}

// Dismiss hides the panel (its × button), unless an import runs.
func (s *Panel) Dismiss() {
	if s.stop != nil {
		return
	}
	s.summary, s.problems, s.stopped = importer.Summary{}, nil, false
	s.panel.Hide()
}
