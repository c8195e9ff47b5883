package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
	"github.com/clippings/clippings/importer"
)

// progressInterval limits progress redraws during an import of many small
// files.
const progressInterval = 50 * time.Millisecond

// importState is the import running in the background and the panel at the
// bottom of the window that shows it.
type importState struct {
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
	// resumeBackfill: finding copies and names gave way to this batch, and
	// goes on when it is done (pauseBackfill).
	resumeBackfill bool
}

func (ui *UI) buildImportPanel() {
	s := &ui.imports
	s.progress = kit.NewQuietProgressBar()
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), ui.CancelImport)
	s.details = widget.NewButtonWithIcon("Details", theme.InfoIcon(), ui.showImportDetails)
	s.dismiss = widget.NewButtonWithIcon("", theme.WindowCloseIcon(), ui.dismissImportPanel)
	s.dismiss.Importance = widget.LowImportance
	buttons := container.NewCenter(container.NewHBox(s.cancel, s.details, s.dismiss))
	s.panel = container.NewPadded(container.NewBorder(nil, nil, nil, buttons,
		container.NewVBox(s.progress, s.status)))
	s.panel.Hide()
}

// HandleDrop imports the files, folders and links dropped on the window.
// It is the window's drop handler.
func (ui *UI) HandleDrop(_ fyne.Position, uris []fyne.URI) {
	var paths, refused []string
	for _, u := range uris {
		switch {
		case u.Scheme() == "http" || u.Scheme() == "https":
			paths = append(paths, u.String()) // from a driver that keeps links as they are
		case u.Scheme() != "file":
			refused = append(refused, u.String())
		case droppedLink(u.Path()) != "":
			paths = append(paths, droppedLink(u.Path()))
		default:
			paths = append(paths, u.Path())
		}
	}
	if len(refused) > 0 {
		ui.showError(fmt.Errorf("only files, folders and web links can be imported, not %s", strings.Join(refused, ", ")))
	}
	ui.Import(paths)
}

// droppedLink recovers a web link dragged from a browser. GLFW hands the
// entries of a dropped text/uri-list that are not file:// URIs over as
// they are, and Fyne makes each a file URI, joined to the current folder
// and cleaned: "https://site/a" arrives as "/home/me/https:/site/a".
// Cleaning also drops a trailing slash and folds "//" in the rest, which
// cannot be undone.
func droppedLink(path string) string {
	if _, err := os.Stat(path); err == nil {
		return "" // a real file, in a folder named "http:"
	}
	path = filepath.ToSlash(path)
	for _, scheme := range []string{"https:", "http:"} {
		i := strings.Index(path, scheme+"/")
		if i < 0 || (i > 0 && path[i-1] != '/') {
			continue
		}
		link := scheme + "//" + strings.TrimLeft(path[i+len(scheme):], "/")
		if fetch.IsAddress(link) {
			return link
		}
	}
	return ""
}

// Import imports files, folders and web addresses in the background,
// showing progress in the panel at the bottom of the window. What is given
// while an import runs is imported after it.
func (ui *UI) Import(paths []string) {
	if len(paths) > 0 {
		ui.ImportBatch(importer.Batch{Paths: paths})
	}
}

// ImportBatch imports paths, web addresses and articles in hand (a paste)
// as Import does.
func (ui *UI) ImportBatch(b importer.Batch) { ui.importJob(importJob{batch: b}) }

// importJob is one import asked for; quiet ones came by themselves (the
// inbox folder): they open no article, and leave no panel when they
// brought nothing new.
type importJob struct {
	batch importer.Batch
	quiet bool
}

func (ui *UI) importJob(j importJob) {
	switch {
	case j.quiet && ui.readOnly():
		return // the inbox does not import into a read-only archive
	case ui.refuseChange():
		return
	}
	s := &ui.imports
	if s.stop != nil {
		s.queue = append(s.queue, j)
		return
	}
	s.summary, s.problems, s.stopped, s.quiet = importer.Summary{}, nil, false, true
	ui.startImport(j)
}

// startImport runs one import; the panel adds its counts to those of the
// runs before it in the same batch.
func (ui *UI) startImport(j importJob) {
	s := &ui.imports
	ui.pauseBackfill()
	ctx, stop := context.WithCancel(ui.ctx)
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

	ui.tasks.Go(func() {
		defer stop()
		var problems []importer.Result
		var lastDraw time.Time
		im := importer.Importer{Store: ui.store, Pool: ui.pool}
		sum := im.RunBatch(ctx, j.batch,
			func(r importer.Result) {
				if r.Status != importer.Imported {
					problems = append(problems, r)
				}
			},
			func(p importer.Progress) {
				if p.Done < p.Total && time.Since(lastDraw) < progressInterval {
					return
				}
				lastDraw = time.Now()
				ui.tasks.Do(func() { ui.showImportProgress(p) })
			})
		ui.tasks.Do(func() { ui.importFinished(sum, problems) })
	})
}

// CancelImport stops the running import after the files in hand; what was
// imported stays. Queued imports are dropped.
func (ui *UI) CancelImport() {
	s := &ui.imports
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

func (ui *UI) showImportProgress(p importer.Progress) {
	s := &ui.imports
	if s.stop == nil {
		return // a late report of a finished run
	}
	s.progress.Max = float64(max(p.Total, 1))
	s.progress.SetValue(float64(p.Done))
	s.status.SetText(fmt.Sprintf("%s of %s files · %s", humanize.Thousands(p.Done), humanize.Thousands(p.Total), filepath.Base(p.Current)))
}

func (ui *UI) importFinished(sum importer.Summary, problems []importer.Result) {
	s := &ui.imports
	s.stop = nil
	s.summary = addSummaries(s.summary, sum)
	s.problems = append(s.problems, problems...)
	if len(s.queue) > 0 {
		next := s.queue[0]
		s.queue = s.queue[1:]
		ui.startImport(next)
		return
	}
	if s.quiet && s.summary.Imported == 0 && s.summary.Failed == 0 {
		// The inbox's files were all in the archive already.
		ui.resumeBackfill()
		ui.dismissImportPanel()
		return
	}
	ui.resumeBackfill()

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
		ui.showError(fmt.Errorf("import: %w", err))
	}
	// Show the new articles at once; a single new article is opened,
	// unless it came by itself while the user was reading another.
	if s.summary.Imported == 1 && !s.quiet {
		ui.search.selectID = s.summary.LastID
	}
	if sum.Imported > 0 || s.summary.Imported > 0 {
		ui.searchNow()
	}
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

func (ui *UI) dismissImportPanel() {
	s := &ui.imports
	if s.stop != nil {
		return
	}
	s.summary, s.problems, s.stopped = importer.Summary{}, nil, false
	s.panel.Hide()
}
