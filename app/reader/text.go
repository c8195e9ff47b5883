package reader

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
)

// editedNames are the corrected fields as the window names them.
var editedNames = map[string]string{
	db.FieldTitle: "headline", db.FieldAuthors: "authors", db.FieldSource: "source",
	db.FieldPublished: "date", db.FieldURL: "address",
}

// editedText is "Corrected by you: headline and date".
func editedText(fields []string) string {
	var names []string
	for _, f := range fields {
		if n := editedNames[f]; n != "" {
			names = append(names, n)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return "Corrected by you: " + names[0]
	}
	return "Corrected by you: " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// byline is "By A and B · Source · 21 Aug 2020".
func byline(a *db.Article) string {
	var parts []string
	switch n := len(a.Authors); {
	case n == 1:
		parts = append(parts, "By "+a.Authors[0])
	case n > 1:
		parts = append(parts, "By "+strings.Join(a.Authors[:n-1], ", ")+" and "+a.Authors[n-1])
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if d := humanize.Date(a.Published); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// articleLink links to the article on the web; only http and https links
// are offered, as anything else could run a program.
func articleLink(raw string) fyne.CanvasObject {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	link := widget.NewHyperlink(u.String(), u)
	link.Truncation = fyne.TextTruncateEllipsis
	return link
}

// captionsCard sets photo captions apart from the text, in italics.
func captionsCard(a *db.Article) fyne.CanvasObject {
	var items []fyne.CanvasObject
	for _, c := range a.Captions {
		segs := []widget.RichTextSegment{&widget.TextSegment{Text: c.Text, Style: widget.RichTextStyleEmphasis}}
		if c.Credit != "" {
			segs = append(segs, &widget.TextSegment{Text: "  " + c.Credit, Style: widget.RichTextStyle{
				Inline: true, SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder,
			}})
		}
		caption := widget.NewRichText(segs...)
		caption.Wrapping = fyne.TextWrapWord
		items = append(items, container.NewBorder(nil, nil, widget.NewIcon(theme.MediaPhotoIcon()), nil, caption))
	}
	return widget.NewCard("", "", container.NewVBox(items...))
}

// facts lists where the article came from and how long it is.
func facts(a *db.Article) fyne.CanvasObject {
	row := func(name, value string) []fyne.CanvasObject {
		k := kit.DimText(name, theme.SizeNameText)
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapBreak
		return []fyne.CanvasObject{k, v}
	}
	var cells []fyne.CanvasObject
	file := a.File.Name
	switch {
	case fetch.IsAddress(a.File.Path): // fetched, or pasted from a page
		cells = append(cells, row("From", a.File.Path)...)
	case a.File.Path != "":
		file = a.File.Path
	}
	if file != "" {
		cells = append(cells, row("File", file)...)
	}
	if a.File.Format != "" {
		format := a.File.Format
		if a.File.Size > 0 {
			format += ", " + humanize.ByteSize(a.File.Size)
		}
		cells = append(cells, row("Format", format)...)
	}
	cells = append(cells, row("Imported", humanize.Time(a.Added))...)
	cells = append(cells, row("Words", humanize.Thousands(a.Words))...)
	cells = append(cells, row("Reading time", humanize.ReadingTime(a.Words))...)
	if a.Language != "" {
		cells = append(cells, row("Language", a.Language)...)
	}
	return container.New(layout.NewFormLayout(), cells...)
}

// plainText is the article as one would paste it: headline, subtitle,
// byline, link, body.
func plainText(a *db.Article) string {
	var parts []string
	for _, s := range []string{a.Title, a.Subtitle, byline(a), a.URL} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	parts = append(parts, kit.NormalizeParagraphs(a.Body))
	return strings.Join(parts, "\n\n") + "\n"
}
