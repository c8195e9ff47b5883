package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/export"
)

// exportQuery is the search whose results can be exported, "" when the
// list shows every article.
func (ui *UI) exportQuery() string {
	if humanize.IsBlank(ui.list.Query()) || ui.list.Failure() != nil {
		return ""
	}
	return ui.list.Query()
}

// Export scopes, as chooseExportFor presets them.
const (
	scopeAll = iota
	scopeResults
	scopeChosen
)

// chooseExport asks where to export to, in which format, and which
// articles: all, the current search's results, or the selected ones (the
// open one when one is).
func (ui *UI) chooseExport() { ui.chooseExportFor(scopeAll) }

// exportResults is chooseExport with the search's results chosen.
func (ui *UI) exportResults() { ui.chooseExportFor(scopeResults) }

// exportChosen is chooseExport with the selected articles chosen.
func (ui *UI) exportChosen() { ui.chooseExportFor(scopeChosen) }

func (ui *UI) chooseExportFor(preset int) {
	p := ui.app.Preferences()
	parent := p.StringWithFallback(prefExportFolder, kit.DocumentsFolder())
	folder := filepath.Join(parent, dialogs.FreeName(parent, "clippings-export-"+time.Now().Format("2006-01-02")))
	scopes := []dialogs.ExportScope{{Label: "All articles"}}
	selected := 0
	if query := ui.exportQuery(); query != "" {
		total, capped := ui.list.Total()
		label := fmt.Sprintf("The %s of the search “%s”", humanize.Plural(total, "result", "results"), query)
		if capped {
			label = fmt.Sprintf("The results of the search “%s” (%s+)", query, humanize.Thousands(total))
		}
		scopes = append(scopes, dialogs.ExportScope{Label: label, Query: query})
		if preset == scopeResults {
			selected = len(scopes) - 1
		}
	}
	ids := ui.list.Chosen()
	label := ""
	switch a, open := ui.reader.Article(); {
	case len(ids) > 0:
		label = "The " + humanize.Plural(len(ids), "selected article", "selected articles")
	case open:
		ids = []int64{a.ID}
		title := a.Title
		if title == "" {
			title = "Untitled"
		}
		label = "This article: “" + title + "”"
	}
	if label != "" {
		scopes = append(scopes, dialogs.ExportScope{Label: label, IDs: ids})
		if preset == scopeChosen {
			selected = len(scopes) - 1
		}
	}
	dialogs.AskExport(ui.window, folder, export.Format(p.String(prefExportFormat)), scopes, selected, ui.exportTo, ui.showError)
}

// exportTo writes the articles opts names (a search's results, chosen
// ones, or all) into dir in the background, with progress and Cancel,
// then sums up.
func (ui *UI) exportTo(dir string, opts export.Options) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	ctx, ok := ui.jobs.Start("the export", "Exporting to "+dir, true)
	if !ok {
		return
	}
	p := ui.app.Preferences()
	p.SetString(prefExportFolder, filepath.Dir(dir))
	p.SetString(prefExportFormat, string(opts.Format))
	format, query := opts.Format, opts.Query

	ui.tasks.Go(func() {
		total := len(opts.IDs)
		if total == 0 {
			total = ui.exportTotal(ctx, query)
		}
		if total == 0 {
			ui.tasks.Do(ui.jobs.Activity) // how many is not known: show activity
		}
		done := 0
		var lastDraw time.Time
		n, err := export.Write(ctx, ui.store, dir, opts, func(f export.File) {
			done++
			if time.Since(lastDraw) < kit.ProgressInterval {
				return
			}
			lastDraw = time.Now()
			done, total := done, total
			if total > 0 {
				total = max(total, done) // articles were imported meanwhile
			}
			ui.tasks.Do(func() { ui.jobs.Progress(done, total, "articles") })
		})
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			switch {
			case ui.ctx.Err() != nil: // the window is closing
			case err == nil:
				dialogs.ShowExported(ui.window, dir, format, query, n, false, ui.openFile)
			case cancelled:
				dialogs.ShowExported(ui.window, dir, format, query, n, true, ui.openFile)
			case n == 0:
				ui.showError(fmt.Errorf("the export failed: %w", err))
			default:
				ui.showError(fmt.Errorf("the export stopped: %w\n\n%s exported to %s before; they are kept",
					err, humanize.Plural(n, "article was", "articles were"), dir))
			}
		})
	})
}

// exportTotal is how many articles an export will write, for its progress
// bar; 0 when that is not known (a search with more matches than are
// counted).
func (ui *UI) exportTotal(ctx context.Context, query string) int {
	if query == "" {
		n, err := ui.store.Count(ctx)
		if err != nil {
			return 0
		}
		return n
	}
	res, err := ui.store.Search(ctx, db.Request{Query: query, Limit: 1})
	if err != nil || res.TotalCapped {
		return 0
	}
	return res.Total
}
