package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/export"
)

// exportFormats are the choices of File ▸ Export…, in the order shown.
var exportFormats = []struct {
	format      export.Format
	name, label string
}{
	{export.JSON, "JSON", "JSON — complete, originals included: imports back into Clippings"},
	{export.Markdown, "Markdown", "Markdown — to read and edit, one .md file per article"},
	{export.HTML, "HTML", "HTML — to read in a browser, one page per article"},
}

func formatName(f export.Format) string {
	for _, ef := range exportFormats {
		if ef.format == f {
			return ef.name
		}
	}
	return string(f)
}

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
	folder := filepath.Join(parent, freeName(parent, "clippings-export-"+time.Now().Format("2006-01-02")))
	folderEntry, folderRow := kit.FolderField(ui.window, folder, ui.showError)

	var labels []string
	chosen := exportFormats[0].label
	for _, ef := range exportFormats {
		labels = append(labels, ef.label)
		if string(ef.format) == p.String(prefExportFormat) {
			chosen = ef.label
		}
	}
	format := widget.NewRadioGroup(labels, nil)
	format.Required = true
	format.SetSelected(chosen)

	all := "All articles"
	scopes := []string{all}
	selected := all
	query := ui.exportQuery()
	resultsLabel := ""
	if query != "" {
		total, capped := ui.list.Total()
		resultsLabel = fmt.Sprintf("The %s of the search “%s”", humanize.Plural(total, "result", "results"), query)
		if capped {
			resultsLabel = fmt.Sprintf("The results of the search “%s” (%s+)", query, humanize.Thousands(total))
		}
		scopes = append(scopes, resultsLabel)
		if preset == scopeResults {
			selected = resultsLabel
		}
	}
	ids := ui.list.Chosen()
	a, open := ui.reader.Article()
	chosenLabel := ""
	switch {
	case len(ids) > 0:
		chosenLabel = "The " + humanize.Plural(len(ids), "selected article", "selected articles")
	case ui.reader.ArticleID() != 0 && open:
		ids = []int64{a.ID}
		title := a.Title
		if title == "" {
			title = "Untitled"
		}
		chosenLabel = "This article: “" + title + "”"
	}
	if chosenLabel != "" {
		scopes = append(scopes, chosenLabel)
		if preset == scopeChosen {
			selected = chosenLabel
		}
	}
	scope := widget.NewRadioGroup(scopes, nil)
	scope.Required = true
	scope.SetSelected(selected)

	folderItem := widget.NewFormItem("Folder", folderRow)
	folderItem.HintText = "One file per article. Files already there are kept: new names get -2, -3…"
	items := []*widget.FormItem{folderItem,
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Articles", scope)}
	d := dialog.NewForm("Export articles", "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		f := exportFormats[0].format
		for _, ef := range exportFormats {
			if ef.label == format.Selected {
				f = ef.format
			}
		}
		opts := export.Options{Format: f}
		switch scope.Selected {
		case resultsLabel:
			opts.Query = query
		case chosenLabel:
			opts.IDs = ids
		}
		ui.exportTo(kit.ExpandHome(folderEntry.Text), opts)
	}, ui.window)
	folderEntry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 720)
	ui.window.Canvas().Focus(folderEntry)
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
				ui.showExported(dir, format, query, n, false)
			case cancelled:
				ui.showExported(dir, format, query, n, true)
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

// showExported sums up an export that finished or was cancelled.
func (ui *UI) showExported(dir string, format export.Format, query string, n int, cancelled bool) {
	title := "Export complete"
	var what string
	switch {
	case cancelled:
		title = "Export cancelled"
		what = fmt.Sprintf("The export was cancelled. %s exported before, as %s, into", humanize.Plural(n, "article was", "articles were"), formatName(format))
	case n == 0 && query != "":
		what = fmt.Sprintf("No articles match “%s”: nothing was exported into", query)
	case n == 0:
		what = "The archive has no articles: nothing was exported into"
	default:
		what = fmt.Sprintf("%s exported as %s, one file each, into", humanize.Plural(n, "article was", "articles were"), formatName(format))
	}
	intro := widget.NewLabel(what)
	intro.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(dir)
	where.Wrapping = fyne.TextWrapBreak
	where.TextStyle = fyne.TextStyle{Monospace: true}
	parts := []fyne.CanvasObject{intro, where}
	if format == export.JSON && n > 0 {
		restore := widget.NewLabel("To restore them, import this folder with File ▸ Import folder… (or clippings import FOLDER).")
		restore.Wrapping = fyne.TextWrapWord
		parts = append(parts, restore)
	}
	ui.showDone(title, container.NewVBox(parts...), dir)
}
