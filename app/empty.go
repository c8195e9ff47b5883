package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/assets"
)

// dropInvitation is the empty archive's first line: the fastest way in.
const dropInvitation = "Clip an article: select all in your browser, copy, and press Ctrl+V here"

// newEmptyState is what an empty archive shows: how to paste an article,
// and the other ways in, with buttons that paste, ask for a web address,
// files or a folder.
func newEmptyState(paste, askAddress, chooseFiles, chooseFolder func()) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(128, 128))

	invite := widget.NewLabel(dropInvitation)
	invite.Alignment = fyne.TextAlignCenter
	invite.Wrapping = fyne.TextWrapWord
	invite.SizeName = theme.SizeNameSubHeadingText

	hint := kit.DimText("Or drop saved pages, text, Markdown, e-mails, PDFs, whole folders — or a link dragged from the browser's address bar — anywhere on this window. "+
		"Clippings goes on the network only to fetch an address you give it.", theme.SizeNameText)
	hint.Segments[0].(*widget.TextSegment).Style.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord

	pasteButton := widget.NewButtonWithIcon("Paste", theme.ContentPasteIcon(), paste)
	pasteButton.Importance = widget.HighImportance
	address := widget.NewButtonWithIcon("Add web address…", theme.DownloadIcon(), askAddress)
	importFiles := widget.NewButtonWithIcon("Import files…", theme.FileIcon(), chooseFiles)
	importFolder := widget.NewButtonWithIcon("Import folder…", theme.FolderOpenIcon(), chooseFolder)

	column := container.NewVBox(
		container.NewCenter(icon),
		invite,
		hint,
		container.NewCenter(container.NewHBox(pasteButton, address, importFiles, importFolder)),
	)
	return container.New(&kit.CenteredColumn{Width: 620}, column)
}
