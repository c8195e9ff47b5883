package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ShowSized shows a dialog width wide and no taller than its content:
// wrapped text only knows its height once it has been laid out at a width.
func ShowSized(d dialog.Dialog, width float32) {
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Show()
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
}

// ProblemNote is an error icon and a wrapped message, at the top of a
// dialog that is asked again.
func ProblemNote(text string) fyne.CanvasObject {
	msg := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: theme.ColorNameError}})
	msg.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.ErrorIcon()), layout.NewSpacer()), nil, msg)
}
