package dialogs

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// ConfirmDeleteArticle asks over w before deleting the article titled so;
// ok deletes it.
func ConfirmDeleteArticle(w fyne.Window, title string, ok func()) {
	message := widget.NewLabel(fmt.Sprintf("“%s” will be removed from the archive.\nThe file it was imported from is not touched.", title))
	message.Wrapping = fyne.TextWrapWord
	confirm := dialog.NewCustomConfirm("Delete this article?", "Delete", "Cancel", message, func(yes bool) {
		if yes {
			ok()
		}
	}, w)
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Resize(fyne.NewSize(460, 200))
	confirm.Show()
}

// ConfirmDeleteArticles asks over w before deleting n articles (what names
// them); ok deletes them.
func ConfirmDeleteArticles(w fyne.Window, n int, what string, ok func()) {
	message := widget.NewLabel(fmt.Sprintf("The %s will be removed from the archive, with their tags and notes.\n"+
		"The files they were imported from are not touched.", what))
	message.Wrapping = fyne.TextWrapWord
	confirm := dialog.NewCustomConfirm("Delete "+humanize.Plural(n, "article", "articles")+"?",
		"Delete "+humanize.Plural(n, "article", "articles"), "Cancel", message, func(yes bool) {
			if yes {
				ok()
			}
		}, w)
	confirm.SetConfirmImportance(widget.DangerImportance)
	kit.ShowSized(confirm, 500)
}
