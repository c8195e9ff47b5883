package app

import (
	"fmt"
	"runtime"
	"time"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/importer"
)

// reextractTargets extracts the open article, or the selected ones, again
// from their original files.
func (j *archiveJobs) reextractTargets() {
	ids := j.targets()
	if len(ids) == 0 {
		return
	}
	what := "the article"
	if len(ids) > 1 {
		what = "the " + humanize.Plural(len(ids), "selected article", "selected articles")
	}
	j.reextract(ids, what)
}

// reextractResults does it for every article the search finds, after
// asking.
func (j *archiveJobs) reextractResults() {
	j.withResults(func(ids []int64, what string) { j.confirmReextract(ids, "the "+what) })
}

// reextractAll does it for the whole archive, after asking.
func (j *archiveJobs) reextractAll() {
	j.withMatching("", "Re-extract", "The archive has no articles.", func(ids []int64) {
		j.confirmReextract(ids, "all "+humanize.Plural(len(ids), "article", "articles")+" in the archive")
	})
}

func (j *archiveJobs) confirmReextract(ids []int64, what string) {
	if j.refuse() {
		return
	}
	dialogs.ConfirmReextract(j.window, len(ids), what, func() { j.reextract(ids, what) })
}

// reextract runs the extractor again over the articles' originals in the
// background, with progress and Cancel in the job panel, then sums up what
// changed and what failed, and why.
func (j *archiveJobs) reextract(ids []int64, what string) {
	if j.refuse() {
		return
	}
	ctx, ok := j.panel.Start("the re-extraction", "Extracting "+what+" again", true)
	if !ok {
		return
	}
	j.tasks.Go(func() {
		var updated, failed []importer.ReextractResult
		var lastDraw time.Time
		// A core is left to the window.
		opts := importer.ReextractOptions{Workers: max(1, runtime.NumCPU()-1), Pool: j.pool}
		sum, err := importer.Reextract(ctx, j.store, ids, opts, func(r importer.ReextractResult) {
			switch r.Status {
			case importer.Updated:
				updated = append(updated, r)
			case importer.Failed:
				failed = append(failed, r)
			}
		}, func(p importer.Progress) {
			if p.Done < p.Total && time.Since(lastDraw) < kit.ProgressInterval {
				return
			}
			lastDraw = time.Now()
			j.tasks.Do(func() { j.panel.Progress(p.Done, p.Total, "articles") })
		})
		j.tasks.Do(func() {
			cancelled := j.panel.End()
			if j.ctx.Err() != nil {
				return
			}
			if err != nil && !cancelled {
				j.fail(fmt.Errorf("the re-extraction stopped: %w", err))
			} else {
				dialogs.ShowReextracted(j.window, sum, updated, failed, cancelled)
			}
			if a, ok := j.reader.Article(); ok {
				for _, r := range updated {
					if r.ID == a.ID {
						j.reader.ShowAgain() // its text changed
					}
				}
			}
			j.refreshAfterChange(ids)
		})
	})
}
