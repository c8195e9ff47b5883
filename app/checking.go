package app

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

// checkArchive verifies the archive in the background (it only reads),
// then reports: all is well, or every problem found.
func (ui *UI) checkArchive() {
	ctx, ok := ui.jobs.Start("the check", "Checking the archive: its database, full-text index and original files…", false)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		report, err := ui.store.Check(ctx)
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			switch {
			case ui.ctx.Err() != nil: // the window is closing
			case err == nil:
				ui.showCheckReport(report)
			case cancelled:
				dialog.ShowInformation("Check cancelled", "The check was cancelled before it finished.", ui.window)
			default:
				ui.showError(err)
			}
		})
	})
}

// checkAdvice is what to do about a damaged archive.
const checkAdvice = "Restore a backup, or export what can still be read (File ▸ Export…, as JSON) " +
	"and import that folder into a new archive."

func (ui *UI) showCheckReport(r db.CheckReport) {
	if r.OK() {
		dialog.ShowInformation("Archive check",
			fmt.Sprintf("All is well: %s checked.", humanize.Plural(r.Articles, "article", "articles")), ui.window)
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
		container.NewBorder(intro, advice, nil, nil, container.NewVScroll(rows)), ui.window)
	closeButton := widget.NewButton("Close", d.Hide)
	closeButton.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon("Copy report", theme.ContentCopyIcon(), func() {
			ui.app.Clipboard().SetContent(r.Path + "\n" + strings.Join(lines, "\n") + "\n")
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
