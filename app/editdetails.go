package app

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/db"
)

// editDetails corrects the open article's headline, authors, source, date
// and address in a dialog. Only the fields changed are stored as the
// user's; the article keeps them when it is extracted again.
func (ui *UI) editDetails() {
	a, ok := ui.reader.Article()
	if !ok {
		return
	}
	if len(ui.list.Chosen()) > 0 {
		dialog.ShowInformation("Edit details", "Details are corrected one article at a time: "+
			"open the article whose details are wrong (click it alone), then choose Edit details again.", ui.window)
		return
	}
	ui.showEditDetails(&a)
}

// showEditDetailsOfOpen edits the open article's details, selected with
// others or not: the article pane's way.
func (ui *UI) showEditDetailsOfOpen() {
	if a, ok := ui.reader.Article(); ok {
		ui.showEditDetails(&a)
	}
}

func (ui *UI) showEditDetails(a *db.Article) {
	if ui.refuseChange() {
		return
	}
	id := a.ID
	dialogs.EditDetails(ui.window, a, func(edit db.MetadataEdit) {
		ui.tasks.Go(func() {
			err := ui.store.Edit(ui.ctx, id, edit)
			ui.tasks.Do(func() { ui.detailsEdited(id, err) })
		})
	})
}

func (ui *UI) detailsEdited(id int64, err error) {
	if err != nil {
		ui.showError(fmt.Errorf("the details of article #%d were not saved: %w", id, err))
		return
	}
	if ui.reader.ArticleID() == id {
		ui.reader.ShowAgain() // headline and byline change
	}
	ui.refreshAfterChange([]int64{id})
}
