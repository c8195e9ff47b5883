package dialogs

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
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

// ExportScope is a choice of articles to export: all (neither set), a
// search's results (Query) or some articles (IDs).
type ExportScope struct {
	Label string
	Query string
	IDs   []int64
}

// AskExport asks over w where to export to (folder offered), in which
// format (the last one used first) and which articles, scopes[selected]
// chosen at first; exportTo is given the folder and what to export.
func AskExport(w fyne.Window, folder string, last export.Format, scopes []ExportScope, selected int,
	exportTo func(dir string, opts export.Options), fail func(error)) {
	folderEntry, folderRow := kit.FolderField(w, folder, fail)

	var labels []string
	chosen := exportFormats[0].label
	for _, ef := range exportFormats {
		labels = append(labels, ef.label)
		if ef.format == last {
			chosen = ef.label
		}
	}
	format := widget.NewRadioGroup(labels, nil)
	format.Required = true
	format.SetSelected(chosen)

	var scopeLabels []string
	for _, s := range scopes {
		scopeLabels = append(scopeLabels, s.Label)
	}
	scope := widget.NewRadioGroup(scopeLabels, nil)
	scope.Required = true
	scope.SetSelected(scopes[selected].Label)

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
		for _, s := range scopes {
			if s.Label == scope.Selected {
				opts.Query, opts.IDs = s.Query, s.IDs
			}
		}
		exportTo(kit.ExpandHome(folderEntry.Text), opts)
	}, w)
	folderEntry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 720)
	w.Canvas().Focus(folderEntry)
}

// ShowExported sums up over w an export into dir that finished or was
// cancelled; openFolder opens the folder.
func ShowExported(w fyne.Window, dir string, format export.Format, query string, n int, cancelled bool, openFolder func(string)) {
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
	ShowDone(w, title, container.NewVBox(parts...), dir, openFolder)
}
