package importpanel

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/importer"
)

// showDetails lists every file of the last imports that was not
// imported, and why.
func (s *Panel) showDetails() {
	problems := s.problems
	list := widget.NewList(
		func() int { return len(problems) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle = fyne.TextStyle{Bold: true}
			name.Truncation = fyne.TextTruncateEllipsis
			reason := widget.NewLabel("")
			reason.Truncation = fyne.TextTruncateEllipsis
			return container.New(&kit.TightColumn{}, name, reason)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			labels := o.(*fyne.Container).Objects
			p := problems[id]
			labels[0].(*widget.Label).SetText(filepath.Base(p.Path) + "  —  " + p.Path)
			labels[1].(*widget.Label).SetText(problemReason(p))
		})
	d := dialog.NewCustom(humanize.Plural(len(problems), "file was not imported", "files were not imported"), "Close", list, s.cfg.Window)
	d.Resize(fyne.NewSize(720, 420))
	d.Show()
}

// problemReason says why a file was not imported.
func problemReason(r importer.Result) string {
	var dup *db.DuplicateError
	switch {
	case r.Status == importer.Duplicate && errors.As(r.Err, &dup):
		return fmt.Sprintf("Already in the archive (article #%d)", dup.ID)
	case r.Status == importer.Duplicate:
		return fmt.Sprintf("Already in the archive (article #%d)", r.ID)
	case r.Err != nil:
		return humanize.Capitalize(string(r.Status)) + ": " + r.Err.Error()
	}
	return humanize.Capitalize(string(r.Status))
}
