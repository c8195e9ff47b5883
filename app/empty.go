package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/assets"
)

const dropInvitation = "Drop articles here — saved pages, copied text, Markdown… or click Import"

// newEmptyState is what an empty archive shows: an invitation to drop files
// anywhere on the window.
func (ui *UI) newEmptyState() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(128, 128))

	invite := widget.NewLabel(dropInvitation)
	invite.Alignment = fyne.TextAlignCenter
	invite.Wrapping = fyne.TextWrapWord
	invite.SizeName = theme.SizeNameSubHeadingText

	hint := dimText("Files and whole folders can be dropped anywhere on this window. Nothing leaves your computer.", theme.SizeNameText)
	hint.Segments[0].(*widget.TextSegment).Style.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord

	importFiles := widget.NewButtonWithIcon("Import files…", theme.FileIcon(), ui.chooseFilesToImport)
	importFiles.Importance = widget.HighImportance
	importFolder := widget.NewButtonWithIcon("Import folder…", theme.FolderOpenIcon(), ui.chooseFolderToImport)

	column := container.NewVBox(
		container.NewCenter(icon),
		invite,
		hint,
		container.NewCenter(container.NewHBox(importFiles, importFolder)),
	)
	return container.New(&centeredColumn{width: 560}, column)
}

// centeredColumn centres one object at a fixed width (narrower when the
// space is), so wrapped text keeps a readable measure in a wide window.
type centeredColumn struct{ width float32 }

func (c *centeredColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		w := min(c.width, size.Width)
		o.Resize(fyne.NewSize(w, size.Height)) // wrapped text measures its height at this width
		h := min(o.MinSize().Height, size.Height)
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

func (c *centeredColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s = s.Max(fyne.NewSize(min(c.width, m.Width), m.Height))
	}
	return s
}
