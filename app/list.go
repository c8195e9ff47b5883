package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// resultList is the article list: a virtualised widget.List over the loaded
// hits that fetches the next page as the end comes into view. Keys that mean
// something to the window (Up, Down, Delete, Escape) go to the window first.
type resultList struct {
	widget.List
	handleKey func(*fyne.KeyEvent) bool
	quiet     bool // selecting without opening the article (see selectQuietly)
}

// selectQuietly moves the selection to row i, which shows the article
// already open, without loading it again.
func (l *resultList) selectQuietly(i widget.ListItemID) {
	l.quiet = true
	defer func() { l.quiet = false }()
	l.Select(i)
}

// buildListPane is the left pane: the list, with a notice over it when it
// is empty for a reason worth saying.
func (ui *UI) buildListPane() fyne.CanvasObject {
	ui.list = ui.newResultList()
	ui.notice = widget.NewLabel("")
	ui.notice.Wrapping = fyne.TextWrapWord
	ui.notice.Alignment = fyne.TextAlignCenter
	ui.notice.Hide()
	return container.NewStack(ui.list, container.NewVBox(layout.NewSpacer(), ui.notice, layout.NewSpacer()))
}

func (ui *UI) newResultList() *resultList {
	l := &resultList{handleKey: ui.handleKey}
	l.Length = func() int { return len(ui.search.hits) }
	l.CreateItem = func() fyne.CanvasObject { return newHitRow() }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		hits := ui.search.hits
		if id < 0 || id >= len(hits) {
			return
		}
		o.(*hitRow).show(hits[id])
		if id >= len(hits)-prefetchRows {
			ui.loadMore()
		}
	}
	l.OnSelected = func(id widget.ListItemID) {
		if !l.quiet && id >= 0 && id < len(ui.search.hits) {
			ui.showArticle(ui.search.hits[id].ID)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *resultList) TypedKey(ev *fyne.KeyEvent) {
	if l.handleKey(ev) {
		return
	}
	l.List.TypedKey(ev)
}

// selectedIndex is the selected row, or -1.
func (ui *UI) selectedIndex() int {
	if i := ui.hitIndex(ui.detail.articleID); i >= 0 {
		return i
	}
	return -1
}

// moveSelection selects the row delta rows away from the selected one (the
// first row when none is selected).
func (ui *UI) moveSelection(delta int) {
	n := len(ui.search.hits)
	if n == 0 {
		return
	}
	i := ui.selectedIndex()
	if i < 0 {
		i = 0
	} else {
		i += delta
	}
	if i < 0 || i >= n {
		return
	}
	ui.list.Select(i)
}

// hitRow shows one hit: headline, source · date, and two lines of snippet
// with the matched words marked.
type hitRow struct {
	widget.BaseWidget
	title   *widget.Label
	meta    *widget.RichText
	snippet *wrappedText
	content fyne.CanvasObject
}

func newHitRow() *hitRow {
	r := &hitRow{
		title:   widget.NewLabel(""),
		meta:    dimText("", theme.SizeNameCaptionText),
		snippet: newSnippetText(),
	}
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.content = container.New(&tightColumn{}, r.title, r.meta, r.snippet)
	r.ExtendBaseWidget(r)
	return r
}

func (r *hitRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

func (r *hitRow) show(h db.Hit) {
	title := h.Title
	if title == "" {
		title = "Untitled"
	}
	r.title.SetText(title)
	var meta []string
	if h.Source != "" {
		meta = append(meta, h.Source)
	}
	if d := displayDate(h.Published); d != "" {
		meta = append(meta, d)
	}
	if len(meta) == 0 {
		meta = append(meta, "Source unknown")
	}
	setDimText(r.meta, strings.Join(meta, " · "))
	r.snippet.SetMarked(oneLine(h.Snippet))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tightColumn stacks objects top to bottom like a VBox, but lets the inner
// padding of neighbouring text widgets overlap, so a row of three texts is
// not mostly whitespace.
type tightColumn struct{}

func (t *tightColumn) overlap() float32 {
	return theme.Size(theme.SizeNameInnerPadding) * 0.75
}

func (t *tightColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for i, o := range objects {
		h := o.MinSize().Height
		if i == len(objects)-1 {
			h = max(h, size.Height-y) // the last one takes what is left
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - t.overlap()
	}
}

func (t *tightColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= t.overlap()
		}
	}
	return s
}

var _ fyne.Layout = (*tightColumn)(nil)
