package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// An archive from before copies and names were found on import has
// articles without them, one from before the current search index
// (schema 4) is searched on its old index until the new one is filled,
// one from before dense doc keys (format 7) has its articles re-keyed in
// its index, and one from before the words table (schema 5) lists its words for
// prefix searches: the window does all three in the background, re-indexing first, with progress
// and Cancel in the job panel. Cancelled, or the window closed, it goes on
// from where it stopped the next time.

// backfillJob is what the job panel calls it.
const backfillJob = "finding copies and names"

// startBackfill asks the archive whether articles lack their copies and
// names, and finds them if so.
func (j *archiveJobs) startBackfill() {
	if j.store.ReadOnly() {
		return // it would write; search goes on without the older articles' copies and names
	}
	j.tasks.Go(func() {
		pending, err := j.store.BackfillPending(j.ctx)
		if err == nil && !pending {
			pending, err = j.store.ReindexPending(j.ctx)
		}
		if err == nil && !pending {
			pending, err = j.store.WordsPending(j.ctx)
		}
		if err != nil || !pending || j.ctx.Err() != nil {
			return
		}
		j.tasks.Do(j.runBackfill)
	})
}

// runBackfill runs the archive's backfill as a job; it gives way to a job
// the user started.
func (j *archiveJobs) runBackfill() {
	if j.panel.Running() != "" || j.ctx.Err() != nil {
		return
	}
	ctx, ok := j.panel.Start(backfillJob, "Finding copies and names", true)
	if !ok {
		return
	}
	j.tasks.Go(func() {
		var lastDraw time.Time
		// Each step says what it does, and its progress goes under its
		// name (the panel's first words were the job's, for every step).
		progress := func(step, what string) func(done, total int) {
			first := true
			return func(done, total int) {
				if first {
					first = false
					j.tasks.Do(func() {
						j.panel.Step(backfillJob, step, fmt.Sprintf(what, humanize.Plural(total, "article", "articles")))
					})
					return
				}
				if done < total && time.Since(lastDraw) < kit.ProgressInterval {
					return
				}
				lastDraw = time.Now()
				j.tasks.Do(func() {
					if j.panel.Running() == backfillJob {
						j.panel.Progress(done, total, "articles")
					}
				})
			}
		}
		err := j.store.Reindex(ctx, progress("Re-indexing", "Re-indexing %s (searches work meanwhile)…"))
		if err == nil {
			err = j.store.IndexWords(ctx, progress("Listing words for prefix searches", "Listing the words of %s for prefix searches…"))
		}
		if err == nil {
			err = j.store.Backfill(ctx, progress("Finding copies and names", "Finding copies and names in %s…"))
		}
		j.tasks.Do(func() {
			gaveWay := ctx.Err() != nil && !j.panel.Cancelled() // to an import (pauseBackfill)
			cancelled := j.panel.End()
			if j.ctx.Err() != nil || cancelled || (gaveWay && err != nil) {
				return
			}
			if err != nil && !errors.Is(err, ctx.Err()) {
				j.fail(fmt.Errorf("finding copies and names stopped (it goes on the next time Clippings opens): %w", err))
				return
			}
			// Copies are grouped and names known now.
			j.refreshResults()
			j.side.Refresh()
			j.reader.ReloadExtras()
		})
	})
}

// pauseBackfill stops finding copies and names while the user imports:
// the two would share the archive's one writer and the cores, and at a
// million articles an import then crawled (11 files a second). It goes on
// from where it stopped when the imports are done (resumeBackfill).
func (j *archiveJobs) pauseBackfill() {
	if j.panel.Interrupt(backfillJob) {
		j.backfillPaused = true
	}
}

// resumeBackfill starts finding copies and names again after the imports
// it gave way to.
func (j *archiveJobs) resumeBackfill() {
	if !j.backfillPaused {
		return
	}
	j.backfillPaused = false
	j.startBackfill()
}
