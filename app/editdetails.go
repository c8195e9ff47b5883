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
func (o *organiser) editDetails() {
	a, ok := o.reader.Article()
	if !ok {
		return
	}
	if len(o.list.Chosen()) > 0 {
		dialog.ShowInformation("Edit details", "Details are corrected one article at a time: "+
			"open the article whose details are wrong (click it alone), then choose Edit details again.", o.window)
		return
	}
	o.showEditDetails(&a)
}

// showEditDetailsOfOpen edits the open article's details, selected with
// others or not: the article pane's way.
func (o *organiser) showEditDetailsOfOpen() {
	if a, ok := o.reader.Article(); ok {
		o.showEditDetails(&a)
	}
}

func (o *organiser) showEditDetails(a *db.Article) {
	if o.refuse() {
		return
	}
	id := a.ID
	dialogs.EditDetails(o.window, a, func(edit db.MetadataEdit) {
		o.tasks.Go(func() {
			err := o.store.Edit(o.ctx, id, edit)
			o.tasks.Do(func() { o.detailsEdited(id, err) })
		})
	})
}

func (o *organiser) detailsEdited(id int64, err error) {
	if err != nil {
		o.fail(fmt.Errorf("the details of article #%d were not saved: %w", id, err))
		return
	}
	if o.reader.ArticleID() == id {
		o.reader.ShowAgain() // headline and byline change
	}
	o.refreshAfterChange([]int64{id})
}
