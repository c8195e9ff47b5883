package app

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/importer"
)

// reextractTargets extracts the open article, or the selected ones, again
// from their original files.
func (ui *UI) reextractTargets() {
	ids := ui.targets()
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
	ui.withResults(func(ids []int64, what string) { ui.confirmReextract(ids, "the "+what) })
}

// reextractAll does it for the whole archive, after asking.
func (ui *UI) reextractAll() {
	ui.withMatching("", "Re-extract", "The archive has no articles.", func(ids []int64) {
		ui.confirmReextract(ids, "all "+humanize.Plural(len(ids), "article", "articles")+" in the archive")
	})
}

func (ui *UI) confirmReextract(ids []int64, what string) {
	if ui.refuseChange() {
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("Clippings will extract %s again from their original files, with its current extractor. "+
		"Tags, stars, read state, notes and your corrections are kept; an article whose original no longer extracts keeps its text.", what))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Extract "+humanize.Plural(len(ids), "article", "articles")+" again?", "Re-extract", "Cancel", msg, func(ok bool) {
		if ok {
			ui.reextract(ids, what)
		}
	}, ui.window)
	kit.ShowSized(d, 520)
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
				ui.showReextracted(sum, updated, failed, cancelled)
			}
			if a, ok := ui.reader.Article(); ok {
				for _, r := range updated {
					if r.ID == a.ID {
						ui.reader.ShowAgain() // its text changed
					}
				}
			}
			ui.refreshAfterChange(ids)
		})
	})
}

// reextractSummary is "2 updated · 40 unchanged · 1 failed".
func reextractSummary(s importer.ReextractSummary) string {
	var parts []string
	for _, p := range []struct {
		n    int
		name string
	}{{s.Updated, "updated"}, {s.Unchanged, "unchanged"}, {s.Failed, "failed"}, {s.Cancelled, "not reached"}} {
		if p.n > 0 {
			parts = append(parts, humanize.Thousands(p.n)+" "+p.name)
		}
	}
	if len(parts) == 0 {
		return "No articles to extract"
	}
	return strings.Join(parts, " · ")
}

// showReextracted sums up a re-extraction: counts, then the articles that
// failed with the reason, and those that changed.
func (ui *UI) showReextracted(sum importer.ReextractSummary, updated, failed []importer.ReextractResult, cancelled bool) {
	title := "Re-extraction complete"
	if cancelled {
		title = "Re-extraction cancelled"
	}
	head := widget.NewLabel(reextractSummary(sum))
	head.TextStyle = fyne.TextStyle{Bold: true}
	parts := []fyne.CanvasObject{head}
	if sum.Updated == 0 && sum.Failed == 0 && !cancelled {
		parts = append(parts, widget.NewLabel("The extractor gives what was stored: nothing changed."))
	}
	list := container.NewVBox()
	name := func(r importer.ReextractResult) string {
		t := r.Title
		if t == "" {
			t = "Untitled"
		}
		return fmt.Sprintf("#%d %s", r.ID, t)
	}
	if len(failed) > 0 {
		list.Add(kit.DimText("Failed — these keep what they had:", theme.SizeNameText))
		for _, r := range failed {
			l := widget.NewLabel(name(r) + ": " + humanize.DescribeError(r.Err))
			l.Wrapping = fyne.TextWrapWord
			list.Add(l)
		}
	}
	if len(updated) > 0 {
		list.Add(kit.DimText("Updated:", theme.SizeNameText))
		for _, r := range updated {
			l := widget.NewLabel(name(r))
			l.Truncation = fyne.TextTruncateEllipsis
			list.Add(l)
		}
	}
	d := dialog.NewCustom(title, "Close", container.NewBorder(container.NewVBox(parts...), nil, nil, nil, container.NewVScroll(list)), ui.window)
	if len(list.Objects) == 0 {
		kit.ShowSized(d, 520)
		return
	}
	d.Resize(fyne.NewSize(680, min(460, 200+float32(len(list.Objects))*38)))
	d.Show()
}
