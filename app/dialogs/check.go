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
	"github.com/clippings/clippings/db"
)

// checkAdvice is what to do about a damaged archive.
const checkAdvice = "Restore a backup, or export what can still be read (File ▸ Export…, as JSON) " +
	"and import that folder into a new archive."

// ShowCheckReport shows what a check of the archive found, over w: all is
// well, or every problem, with a button that copies the report to
// clipboard.
func ShowCheckReport(w fyne.Window, r db.CheckReport, clipboard fyne.Clipboard) {
	if r.OK() {
		dialog.ShowInformation("Archive check",
			fmt.Sprintf("All is well: %s checked.", humanize.Plural(r.Articles, "article", "articles")), w)
		return
	}
	var lines []string
	rows := container.NewVBox()
	for _, p := range r.Problems {
		lines = append(lines, p.String())
		l := widget.NewLabel(problemText(p))
		l.Wrapping = fyne.TextWrapWord
		rows.Add(l)
	}
	problems := r.Problems
	intro := widget.NewLabel(fmt.Sprintf("%s in the archive of %s:",
		humanize.Capitalize(humanize.Plural(len(problems), "problem was found", "problems were found")),
		humanize.Plural(r.Articles, "article", "articles")))
	intro.Wrapping = fyne.TextWrapWord
	advice := widget.NewLabel(checkAdvice)
	advice.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Archive check: "+humanize.Plural(len(problems), "problem", "problems"),
		container.NewBorder(intro, advice, nil, nil, container.NewVScroll(rows)), w)
	closeButton := widget.NewButton("Close", d.Hide)
	closeButton.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon("Copy report", theme.ContentCopyIcon(), func() {
			clipboard.SetContent(r.Path + "\n" + strings.Join(lines, "\n") + "\n")
		}),
		closeButton,
	})
	d.Resize(fyne.NewSize(760, 460))
	d.Show()
}

// problemText is a problem as the report shows it: "Article #12: its
// original file is missing", "Search index: …". Copy report keeps the
// wording of `clippings check`.
func problemText(p db.Problem) string {
	if p.Article != 0 {
		return fmt.Sprintf("Article #%d: %s", p.Article, p.Detail)
	}
	kind := map[string]string{
		db.ProblemDatabase: "Database",
		db.ProblemIndex:    "Search index",
		db.ProblemOriginal: "Original files",
	}[p.Kind]
	if kind == "" {
		kind = humanize.Capitalize(p.Kind)
	}
	return kind + ": " + p.Detail
}
