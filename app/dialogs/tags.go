package dialogs

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

// AskTag adds a tag to n articles, or takes one off them, in a dialog
// over w: what names them ("the 3 selected articles"), and the tags some
// of them have (present), each with a button that takes it off them all.
// choices are the tags offered; add and remove do it.
func AskTag(w fyne.Window, n int, what string, present []string, choices func() []string, add, remove func(name string)) {
	var d *dialog.CustomDialog
	entry := kit.NewTagField(choices, func(name string) {
		d.Hide()
		add(name)
	})
	entry.SetPlaceHolder("Tag name")
	intro := widget.NewLabel(fmt.Sprintf("Add a tag to the %s, or remove one from them.", what))
	intro.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{intro, entry, entry.Suggestions}
	if len(present) > 0 {
		var chips []fyne.CanvasObject
		for _, name := range present {
			b := widget.NewButtonWithIcon(name, theme.CancelIcon(), func() {
				d.Hide()
				remove(name)
			})
			b.IconPlacement = widget.ButtonIconTrailingText
			chips = append(chips, b)
		}
		parts = append(parts, kit.DimText("Tags they have — click one to remove it from them all:", theme.SizeNameCaptionText), kit.NewFlowBox(chips...))
	}
	d = dialog.NewCustomWithoutButtons("Tag "+humanize.Plural(n, "article", "articles"), container.NewVBox(parts...), w)
	removeButton := widget.NewButtonWithIcon("Remove tag", theme.ContentRemoveIcon(), func() {
		if name := db.CleanTagName(entry.Text); name != "" {
			d.Hide()
			remove(name)
		}
	})
	addButton := widget.NewButtonWithIcon("Add tag", theme.ContentAddIcon(), entry.Accept)
	addButton.Importance = widget.HighImportance
	update := func() {
		if db.CleanTagName(entry.Text) == "" {
			addButton.Disable()
			removeButton.Disable()
		} else {
			addButton.Enable()
			removeButton.Enable()
		}
	}
	changed := entry.OnChanged
	entry.OnChanged = func(s string) { changed(s); update() }
	update()
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), removeButton, addButton})
	kit.ShowSized(d, 560)
	w.Canvas().Focus(entry)
}

// RenameTag asks over w for a tag's new name; rename is given it, when it
// is another.
func RenameTag(w fyne.Window, from string, rename func(to string)) {
	entry := widget.NewEntry()
	entry.SetText(from)
	entry.Validator = func(s string) error {
		if db.CleanTagName(s) == "" {
			return errors.New("a tag needs a name")
		}
		return nil
	}
	item := widget.NewFormItem("New name", entry)
	item.HintText = "Renaming it to another tag's name merges the two."
	d := dialog.NewForm("Rename the tag “"+from+"”", "Rename", "Cancel", []*widget.FormItem{item}, func(ok bool) {
		to := db.CleanTagName(entry.Text)
		if !ok || to == from {
			return
		}
		rename(to)
	}, w)
	entry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 520)
	w.Canvas().Focus(entry)
}

// ConfirmDeleteTag asks over w before taking a tag off every article (of
// articles); ok does it.
func ConfirmDeleteTag(w fyne.Window, name string, articles int, ok func()) {
	msg := widget.NewLabel(fmt.Sprintf("The tag “%s” will be removed from %s. The articles stay in the archive.",
		name, humanize.Plural(articles, "article", "articles")))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete the tag “"+name+"”?", "Delete tag", "Cancel", msg, func(yes bool) {
		if yes {
			ok()
		}
	}, w)
	d.SetConfirmImportance(widget.DangerImportance)
	kit.ShowSized(d, 480)
}
