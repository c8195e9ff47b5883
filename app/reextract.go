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
func (ui *UI) reextractTargets() {
	ids := ui.org.targets()
	if len(ids) == 0 {
		return
	}
	what := "the article"
	if len(ids) > 1 {
		what = "the " + humanize.Plural(len(ids), "selected article", "selected articles")
	}
	ui.reextract(ids, what)
}

// reextractResults does it for every article the search finds, after
// asking.
func (ui *UI) reextractResults() {
	ui.org.withResults(func(ids []int64, what string) { ui.confirmReextract(ids, "the "+what) })
}

// reextractAll does it for the whole archive, after asking.
func (ui *UI) reextractAll() {
	ui.org.withMatching("", "Re-extract", "The archive has no articles.", func(ids []int64) {
		ui.confirmReextract(ids, "all "+humanize.Plural(len(ids), "article", "articles")+" in the archive")
	})
}

func (ui *UI) confirmReextract(ids []int64, what string) {
	if ui.refuseChange() {
		return
	}
	dialogs.ConfirmReextract(ui.window, len(ids), what, func() { ui.reextract(ids, what) })
}

// reextract runs the extractor again over the articles' originals in the
// background, with progress and Cancel in the job panel, then sums up what
// changed and what failed, and why.
func (ui *UI) reextract(ids []int64, what string) {
	if ui.refuseChange() {
		return
	}
	ctx, ok := ui.jobs.Start("the re-extraction", "Extracting "+what+" again", true)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		var updated, failed []importer.ReextractResult
		var lastDraw time.Time
		// A core is left to the window.
		opts := importer.ReextractOptions{Workers: max(1, runtime.NumCPU()-1), Pool: ui.pool}
		sum, err := importer.Reextract(ctx, ui.store, ids, opts, func(r importer.ReextractResult) {
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
			ui.tasks.Do(func() { ui.jobs.Progress(p.Done, p.Total, "articles") })
		})
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			if ui.ctx.Err() != nil {
				return
			}
			if err != nil && !cancelled {
				ui.showError(fmt.Errorf("the re-extraction stopped: %w", err))
			} else {
				dialogs.ShowReextracted(ui.window, sum, updated, failed, cancelled)
			}
			if a, ok := ui.reader.Article(); ok {
				for _, r := range updated {
					if r.ID == a.ID {
						ui.reader.ShowAgain() // its text changed
					}
				}
			}
			ui.org.refreshAfterChange(ids)
		})
	})
}
