package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/assets"
	"github.com/clippings/clippings/cli"
)

// searchSyntax is the query language (db/query.go), example by example.
var searchSyntax = [][2]string{
	{`mali junta`, "Articles with all of these words. Endings don't matter: negotiating finds negotiations."},
	{`"negotiating table"`, "The exact phrase."},
	{`negoti*`, "Words starting with negoti."},
	{`mali OR niger`, "Either word."},
	{`mali -coup`, "Leave out articles with coup (NOT coup works too)."},
	{`(mali OR niger) coup`, "Group with brackets."},
	{`title:mali`, "Only in the headline. Also author:\"jane doe\" and source:reuters."},
	{`after:2020-08-01`, "Published on or after a day; YYYY and YYYY-MM work too."},
	{`before:2021`, "Published before."},
}

func (ui *UI) showSearchSyntax() {
	rows := []fyne.CanvasObject{}
	for _, ex := range searchSyntax {
		q := widget.NewLabel(ex[0])
		q.TextStyle = fyne.TextStyle{Monospace: true}
		what := widget.NewLabel(ex[1])
		what.Wrapping = fyne.TextWrapWord
		rows = append(rows, q, what)
	}
	intro := widget.NewLabel("Type words to find the articles that have them all; results update as you type. " +
		"Anything the search cannot make sense of is searched as plain words. An empty search lists every article.")
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(intro, nil, nil, nil,
		container.NewVScroll(container.New(layout.NewFormLayout(), rows...)))
	d := dialog.NewCustom("Search syntax", "Close", content, ui.window)
	d.Resize(fyne.NewSize(720, 540))
	d.Show()
}

// showAbout shows the version and the archive's location and size.
func (ui *UI) showAbout() {
	path := ui.store.Path()
	ui.tasks.Go(func() {
		count, err := ui.store.Count(ui.ctx)
		size := archiveSize(path)
		ui.tasks.Do(func() {
			articles := plural(count, "article", "articles")
			if err != nil {
				articles = "article count unavailable: " + err.Error()
			}
			ui.showAboutDialog(path, fmt.Sprintf("%s on disk · %s", byteSize(size), articles))
		})
	})
}

func (ui *UI) showAboutDialog(path, size string) {
	// cli.Version, not the Fyne metadata, which a plain `go build` leaves
	// at Fyne's placeholder.
	v := cli.Version
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	name := widget.NewLabel("Clippings " + v)
	name.TextStyle = fyne.TextStyle{Bold: true}
	name.Alignment = fyne.TextAlignCenter
	blurb := widget.NewLabel("A searchable archive of the news articles you keep.")
	blurb.Alignment = fyne.TextAlignCenter
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.TextStyle = fyne.TextStyle{Monospace: true}
	facts := container.New(layout.NewFormLayout(),
		widget.NewLabel("Archive"), where,
		widget.NewLabel("Size"), widget.NewLabel(size))
	d := dialog.NewCustom("About Clippings", "Close",
		container.NewVBox(container.NewCenter(icon), name, blurb, widget.NewSeparator(), facts), ui.window)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
}

// archiveSize is the archive's size on disk, its write-ahead log included.
func archiveSize(path string) int64 {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if info, err := os.Stat(p); err == nil {
			total += info.Size()
		}
	}
	return total
}
