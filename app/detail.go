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

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/fetch"
)

// detailView is the right pane: the selected article, ready to read, with
// what the user adds to it — star, read state, tags, a note — above its
// text.
type detailView struct {
	root    *fyne.Container
	scroll  *container.Scroll
	actions *fyne.Container
	blank   fyne.CanvasObject

	star     *widget.Button
	read     *widget.Button
	more     *widget.Button
	delete   *widget.Button
	edited   *fyne.Container // "Corrected by you: …"
	tags     *kit.FlowBox    // the article's tags, then the field adding one
	tagInput *kit.TagField
	chips    map[string]*tagChip // by tag name, for tests
	note     *noteEntry
	noteLine *widget.RichText // "Saved", or why not
	notes    noteState

	gen       atomic.Uint64 // drops an article load that a newer selection overtook
	articleID int64         // shown or being loaded, 0 for none
	article   *db.Article   // shown, nil while none is

	// What the archive knows around the article, loaded after it shows:
	// its copies, the names in it, related articles.
	extras extrasState
}

func (ui *UI) buildDetail() {
	d := &ui.detail
	// The pane's buttons act on the article it shows, even while several
	// are selected; the menus act on the selection.
	d.star = widget.NewButtonWithIcon("Star", kit.StarOutlineIcon, func() { ui.toggleStarOf(ui.openOnly()) })
	d.read = widget.NewButtonWithIcon("Mark unread", theme.VisibilityOffIcon(), func() { ui.toggleReadOf(ui.openOnly()) })
	d.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), nil)
	d.more.OnTapped = func() {
		menu := widget.NewPopUpMenu(fyne.NewMenu("",
			fyne.NewMenuItem("Copy text", ui.copyArticleText),
			fyne.NewMenuItem("Edit details…", ui.showEditDetailsOfOpen),
			fyne.NewMenuItem("Re-extract from the original", func() { ui.reextract(ui.openOnly(), "the article") })),
			ui.window.Canvas())
		// Right-aligned under the button: the window ends just after it.
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.more)
		menu.ShowAtPosition(at.AddXY(d.more.Size().Width-menu.MinSize().Width, d.more.Size().Height))
	}
	d.delete = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), ui.confirmDeleteOpen)
	d.actions = container.NewHBox(
		d.star, d.read,
		widget.NewButtonWithIcon("Open original", theme.FileIcon(), ui.openOriginal),
		layout.NewSpacer(),
		d.more,
		d.delete,
	)
	d.edited = container.NewHBox()
	d.tagInput = kit.NewTagField(ui.tagChoices, func(name string) {
		if a := d.article; a != nil {
			ui.addTag([]int64{a.ID}, name)
		}
	})
	d.tagInput.SetPlaceHolder("Add a tag…")
	d.tags = kit.NewFlowBox()
	d.note = newNoteEntry()
	d.note.OnChanged = func(string) { ui.noteChanged() }
	d.note.onBlur = ui.saveNote
	d.noteLine = kit.DimText("", theme.SizeNameCaptionText)
	ui.buildExtras()
	d.scroll = container.NewVScroll(container.NewVBox())
	hint := kit.DimText("Select an article to read it", theme.SizeNameText)
	d.blank = container.NewCenter(hint)
	d.root = container.NewStack(d.blank)
}

// showArticle loads an article with the current query's words marked and
// shows it when it arrives.
func (ui *UI) showArticle(id int64) {
	d := &ui.detail
	ui.saveNote()
	gen := d.gen.Add(1)
	d.articleID = id
	query := ui.search.request.Query
	ui.tasks.Go(func() {
		a, err := ui.store.Get(ui.ctx, id)
		var title, body string
		if err == nil {
			title, body, err = ui.store.Highlight(ui.ctx, id, query)
		}
		// Its copies come with it (one indexed read), so that "Also
		// published by" does not push the pane down a moment later.
		var members []db.GroupMember
		if err == nil {
			members, _ = ui.store.Group(ui.ctx, id)
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
			ui.renderArticle(&a, title, body, members)
		})
	})
}

// clearDetail empties the right pane.
func (ui *UI) clearDetail() {
	d := &ui.detail
	ui.saveNote()
	ui.stopMarkRead()
	d.gen.Add(1)
	d.articleID, d.article = 0, nil
	d.notes.of = 0
	ui.stopExtras()
	d.root.Objects = []fyne.CanvasObject{d.blank}
	d.root.Refresh()
	ui.refreshMenus()
}

// renderArticle shows an article, with its copies when they are known
// (members not nil).
func (ui *UI) renderArticle(a *db.Article, markedTitle, markedBody string, members []db.GroupMember) {
	d := &ui.detail
	again := d.article != nil && d.article.ID == a.ID // corrected, or re-extracted
	d.article = a
	if !again {
		ui.loadNote(a)
		ui.markWhenRead(a)
	}
	if markedTitle == "" {
		markedTitle = a.Title
	}
	if markedTitle == "" {
		markedTitle = "Untitled"
	}
	headline := kit.NewWrappedText(kit.HeadlineStyle, kit.HeadlineMarkStyle)
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
		by := kit.DimText(line, theme.SizeNameText)
		by.Wrapping = fyne.TextWrapWord
		parts = append(parts, by)
	}
	parts = append(parts, d.edited)
	if link := articleLink(a.URL); link != nil {
		parts = append(parts, link)
	}
	parts = append(parts, d.extras.copies, d.tags, d.tagInput.Suggestions, d.note, d.noteLine)
	if len(a.Captions) > 0 {
		parts = append(parts, captionsCard(a))
	}
	parts = append(parts, widget.NewSeparator())

	text := kit.NewWrappedText(kit.BodyStyle, kit.BodyMarkStyle)
	text.SetMarked(markedBody)
	parts = append(parts, text, d.extras.names, d.extras.related, widget.NewSeparator(), facts(a))

	ui.showOrganised()
	offset := d.scroll.Offset
	d.scroll.Content = container.NewPadded(container.NewVBox(parts...))
	d.scroll.Refresh()
	if again {
		d.scroll.ScrollToOffset(offset)
	} else {
		d.scroll.ScrollToTop()
	}
	d.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(d.actions), nil, nil, nil, d.scroll)}
	d.root.Refresh()
	ui.refreshMenus()
	ui.loadExtras(a.ID, again, members)
}

// showOrganised shows the open article's star, read state, tags and
// corrected fields.
func (ui *UI) showOrganised() {
	d := &ui.detail
	a := d.article
	if a == nil {
		return
	}
	kit.SetStarButton(d.star, a.Starred, "Star", "Unstar")
	kit.SetReadButton(d.read, a.Read)

	d.chips = map[string]*tagChip{}
	var objects []fyne.CanvasObject
	for _, name := range a.Tags {
		chip := ui.newTagChip(a.ID, name)
		d.chips[name] = chip
		objects = append(objects, chip)
	}
	objects = append(objects, container.New(&kit.MinWidth{Width: 200}, d.tagInput))
	d.tags.SetObjects(objects...)

	d.edited.Objects = nil
	d.edited.Hide()
	if len(a.Edited) > 0 {
		icon := widget.NewIcon(theme.DocumentCreateIcon())
		d.edited.Objects = []fyne.CanvasObject{icon, kit.DimText(editedText(a.Edited), theme.SizeNameCaptionText)}
		d.edited.Show()
	}
	d.edited.Refresh()
}

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

// shownArticle is the article in the right pane, or nil.
func (ui *UI) shownArticle() *db.Article { return ui.detail.article }
