package dialogs

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/importer"
)

// ConfirmReextract asks over w before extracting n articles (what names
// them) again; ok does it.
func ConfirmReextract(w fyne.Window, n int, what string, ok func()) {
	msg := widget.NewLabel(fmt.Sprintf("Clippings will extract %s again from their original files, with its current extractor. "+
		"Tags, stars, read state, notes and your corrections are kept; an article whose original no longer extracts keeps its text.", what))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Extract "+humanize.Plural(n, "article", "articles")+" again?", "Re-extract", "Cancel", msg, func(yes bool) {
		if yes {
			ok()
		}
	}, w)
	kit.ShowSized(d, 520)
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

// ShowReextracted sums up a re-extraction over w: counts, then the articles
// that failed with the reason, and those that changed.
func ShowReextracted(w fyne.Window, sum importer.ReextractSummary, updated, failed []importer.ReextractResult, cancelled bool) {
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
	d := dialog.NewCustom(title, "Close", container.NewBorder(container.NewVBox(parts...), nil, nil, nil, container.NewVScroll(list)), w)
	if len(list.Objects) == 0 {
		kit.ShowSized(d, 520)
		return
	}
	d.Resize(fyne.NewSize(680, min(460, 200+float32(len(list.Objects))*38)))
	d.Show()
}
