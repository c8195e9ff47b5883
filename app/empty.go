package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/assets"
)

// dropInvitation is the empty archive's first line: the fastest way in.
const dropInvitation = "Clip an article: select all in your browser, copy, and press Ctrl+V here"

// newEmptyState is what an empty archive shows: how to paste an article,
// and the other ways in.
func (ui *UI) newEmptyState() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(128, 128))

	invite := widget.NewLabel(dropInvitation)
	invite.Alignment = fyne.TextAlignCenter
	invite.Wrapping = fyne.TextWrapWord
	invite.SizeName = theme.SizeNameSubHeadingText

	hint := dimText("Or drop saved pages, text, Markdown, e-mails, PDFs, whole folders — or a link dragged from the browser's address bar — anywhere on this window. "+
		"Clippings goes on the network only to fetch an address you give it.", theme.SizeNameText)
	hint.Segments[0].(*widget.TextSegment).Style.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord

	paste := widget.NewButtonWithIcon("Paste", theme.ContentPasteIcon(), ui.paste.paste)
	paste.Importance = widget.HighImportance
	address := widget.NewButtonWithIcon("Add web address…", theme.DownloadIcon(), ui.askWebAddress)
	importFiles := widget.NewButtonWithIcon("Import files…", theme.FileIcon(), ui.chooseFilesToImport)
	importFolder := widget.NewButtonWithIcon("Import folder…", theme.FolderOpenIcon(), ui.chooseFolderToImport)

	column := container.NewVBox(
		container.NewCenter(icon),
		invite,
		hint,
		container.NewCenter(container.NewHBox(paste, address, importFiles, importFolder)),
	)
	return container.New(&centeredColumn{width: 620}, column)
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
