package app

import (
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// detailView is the right pane: the selected article, ready to read.
type detailView struct {
	root    *fyne.Container
	scroll  *container.Scroll
	actions *fyne.Container
	blank   fyne.CanvasObject

	gen       atomic.Uint64 // drops an article load that a newer selection overtook
	articleID int64         // shown or being loaded, 0 for none
	article   *db.Article   // shown, nil while none is
}

func (ui *UI) buildDetail() {
	d := &ui.detail
	d.actions = container.NewHBox(
		widget.NewButtonWithIcon("Open original", theme.FileIcon(), ui.openOriginal),
		widget.NewButtonWithIcon("Copy text", theme.ContentCopyIcon(), ui.copyArticleText),
		layout.NewSpacer(),
		widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), ui.confirmDelete),
	)
	d.scroll = container.NewVScroll(container.NewVBox())
	hint := dimText("Select an article to read it", theme.SizeNameText)
	d.blank = container.NewCenter(hint)
	d.root = container.NewStack(d.blank)
}

// showArticle loads an article with the current query's words marked and
// shows it when it arrives.
func (ui *UI) showArticle(id int64) {
	d := &ui.detail
	gen := d.gen.Add(1)
	d.articleID = id
	query := ui.search.request.Query
	ui.tasks.Go(func() {
		a, err := ui.store.Get(ui.ctx, id)
		var title, body string
		if err == nil {
			title, body, err = ui.store.Highlight(ui.ctx, id, query)
		}
		if ui.ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			if d.gen.Load() != gen {
				return
			}
			if err != nil {
				ui.clearDetail()
				ui.showError(fmt.Errorf("open article #%d: %w", id, err))
				return
			}
			ui.renderArticle(&a, title, body)
		})
	})
}

// clearDetail empties the right pane.
func (ui *UI) clearDetail() {
	d := &ui.detail
	d.gen.Add(1)
	d.articleID, d.article = 0, nil
	d.root.Objects = []fyne.CanvasObject{d.blank}
	d.root.Refresh()
}

func (ui *UI) renderArticle(a *db.Article, markedTitle, markedBody string) {
	d := &ui.detail
	d.article = a
	if markedTitle == "" {
		markedTitle = a.Title
	}
	if markedTitle == "" {
		markedTitle = "Untitled"
	}
	headline := newWrappedText(headlineStyle, headlineMarkStyle)
	headline.SetMarked(markedTitle)
	parts := []fyne.CanvasObject{headline}

	if a.Subtitle != "" {
		sub := widget.NewRichText(&widget.TextSegment{Text: a.Subtitle, Style: widget.RichTextStyle{
			SizeName: theme.SizeNameSubHeadingText, ColorName: theme.ColorNameForeground,
		}})
		sub.Wrapping = fyne.TextWrapWord
		parts = append(parts, sub)
	}
	if line := byline(a); line != "" {
		by := dimText(line, theme.SizeNameText)
		by.Wrapping = fyne.TextWrapWord
		parts = append(parts, by)
	}
	if link := articleLink(a.URL); link != nil {
		parts = append(parts, link)
	}
	if len(a.Captions) > 0 {
		parts = append(parts, captionsCard(a))
	}
	parts = append(parts, widget.NewSeparator())

	text := newWrappedText(bodyStyle, bodyMarkStyle)
	text.SetMarked(markedBody)
	parts = append(parts, text, widget.NewSeparator(), facts(a))

	d.scroll.Content = container.NewPadded(container.NewVBox(parts...))
	d.scroll.Refresh()
	d.scroll.ScrollToTop()
	d.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(d.actions), nil, nil, nil, d.scroll)}
	d.root.Refresh()
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
	if d := displayDate(a.Published); d != "" {
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
		k := dimText(name, theme.SizeNameText)
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapBreak
		return []fyne.CanvasObject{k, v}
	}
	var cells []fyne.CanvasObject
	file := a.File.Name
	if a.File.Path != "" {
		file = a.File.Path
	}
	if file != "" {
		cells = append(cells, row("File", file)...)
	}
	if a.File.Format != "" {
		format := a.File.Format
		if a.File.Size > 0 {
			format += ", " + byteSize(a.File.Size)
		}
		cells = append(cells, row("Format", format)...)
	}
	cells = append(cells, row("Imported", displayTime(a.Added))...)
	cells = append(cells, row("Words", thousands(a.Words))...)
	cells = append(cells, row("Reading time", readingTime(a.Words))...)
	if a.Language != "" {
		cells = append(cells, row("Language", a.Language)...)
	}
	return container.New(layout.NewFormLayout(), cells...)
}

// shownArticle is the article in the right pane, or nil.
func (ui *UI) shownArticle() *db.Article { return ui.detail.article }
