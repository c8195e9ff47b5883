package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// An archive from before copies and names were found on import has
// articles without them, and one from before the current search index
// (schema 4) is searched on its old index until the new one is filled:
// the window does both in the background, re-indexing first, with progress
// and Cancel in the job panel. Cancelled, or the window closed, it goes on
// from where it stopped the next time.

// backfillJob is what the job panel calls it.
const backfillJob = "finding copies and names"

// startBackfill asks the archive whether articles lack their copies and
// names, and finds them if so.
func (ui *UI) startBackfill() {
	if ui.readOnly() {
		return // it would write; search goes on without the older articles' copies and names
	}
	ui.tasks.Go(func() {
		pending, err := ui.store.BackfillPending(ui.ctx)
		if err == nil && !pending {
			pending, err = ui.store.ReindexPending(ui.ctx)
		}
		if err != nil || !pending || ui.ctx.Err() != nil {
			return
		}
		ui.tasks.Do(ui.runBackfill)
	})
}

// runBackfill runs the archive's backfill as a job; it gives way to a job
// the user started.
func (ui *UI) runBackfill() {
	if ui.jobs.Running() != "" || ui.ctx.Err() != nil {
		return
	}
	ctx, ok := ui.jobs.Start(backfillJob, "Finding copies and names", true)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		var lastDraw time.Time
		progress := func(what string) func(done, total int) {
			first := true
			return func(done, total int) {
				if first {
					first = false
					ui.tasks.Do(func() {
						ui.jobs.Say(backfillJob, fmt.Sprintf(what, humanize.Plural(total, "article", "articles")))
					})
					return
				}
				if done < total && time.Since(lastDraw) < kit.ProgressInterval {
					return
				}
				lastDraw = time.Now()
				ui.tasks.Do(func() {
					if ui.jobs.Running() == backfillJob {
						ui.jobs.Progress(done, total, "articles")
					}
				})
			}
		}
		err := ui.store.Reindex(ctx, progress("Re-indexing %s (searches use the old index until it is done)…"))
		if err == nil {
			err = ui.store.Backfill(ctx, progress("Finding copies and names in %s…"))
		}
		ui.tasks.Do(func() {
			gaveWay := ctx.Err() != nil && !ui.jobs.Cancelled() // to an import (pauseBackfill)
			cancelled := ui.jobs.End()
			if ui.ctx.Err() != nil || cancelled || (gaveWay && err != nil) {
				return
			}
			if err != nil && !errors.Is(err, ctx.Err()) {
				ui.showError(fmt.Errorf("finding copies and names stopped (it goes on the next time Clippings opens): %w", err))
				return
			}
			// Copies are grouped and names known now.
			ui.refreshResults()
			ui.side.Refresh()
			ui.reader.ReloadExtras()
		})
	})
}

// pauseBackfill stops finding copies and names while the user imports:
// the two would share the archive's one writer and the cores, and at a
// million articles an import then crawled (11 files a second). It goes on
// from where it stopped when the imports are done (resumeBackfill).
func (ui *UI) pauseBackfill() {
	if ui.jobs.Interrupt(backfillJob) {
		ui.backfillPaused = true
	}
}

// resumeBackfill starts finding copies and names again after the imports
// it gave way to.
func (ui *UI) resumeBackfill() {
	if !ui.backfillPaused {
		return
	}
	ui.backfillPaused = false
	ui.startBackfill()
}
