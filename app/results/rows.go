package results

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

// Rows is the list widget: a virtualised widget.List over the loaded hits
// that fetches the next page as the end comes into view. Its own selection
// is the article open beside it; further selected articles are the List's
// (see selection). Keys that mean something to the window (Up, Down,
// Delete, Escape) go to the window first.
type Rows struct {
	widget.List
	handleKey func(*fyne.KeyEvent) bool
	extend    func(step int) // Shift+Up, Shift+Down: select one row more (or less)
	quiet     bool           // selecting without opening the article (see selectQuietly)
	shift     kit.Shift
}

// selectQuietly moves the selection to row i, which shows the article
// already open, without loading it again.
func (l *Rows) selectQuietly(i widget.ListItemID) {
	l.quiet = true
	defer func() { l.quiet = false }()
	l.Select(i)
}

func newRows(list *List) *Rows {
	l := &Rows{handleKey: list.cfg.HandleKey, extend: list.sel.extend}
	l.Length = func() int { return len(list.hits) }
	l.CreateItem = func() fyne.CanvasObject {
		r := newHitRow()
		r.onTap, r.onMenu = list.sel.rowTapped, list.sel.rowMenu
		return r
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		hits := list.hits
		if id < 0 || id >= len(hits) {
			return
		}
		r := o.(*HitRow)
		r.index = id
		r.show(hits[id])
		r.setChosen(list.sel.isChosen(hits[id].ID))
		if id >= len(hits)-prefetchRows {
			list.loadMore()
		}
	}
	l.OnSelected = func(id widget.ListItemID) {
		if !l.quiet && id >= 0 && id < len(list.hits) {
			list.cfg.OnOpen(list.hits[id].ID)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained and FocusLost leave out the list's own keyboard cursor, a
// tint on the row it last moved to: the arrow keys move the selection here
// (see handleKey), so that tint would mark some other row.
func (l *Rows) FocusGained() {}
func (l *Rows) FocusLost()   { l.shift.Release() }

// KeyDown and KeyUp follow the Shift keys, for Shift with an arrow.
func (l *Rows) KeyDown(ev *fyne.KeyEvent) { l.shift.KeyDown(ev) }
func (l *Rows) KeyUp(ev *fyne.KeyEvent)   { l.shift.KeyUp(ev) }

func (l *Rows) TypedKey(ev *fyne.KeyEvent) {
	if l.shift.Held() && (ev.Name == fyne.KeyUp || ev.Name == fyne.KeyDown) {
		step := 1
		if ev.Name == fyne.KeyUp {
			step = -1
		}
		l.extend(step)
		return
	}
	if l.handleKey(ev) {
		return
	}
	l.List.TypedKey(ev)
}

// HitRow shows one hit: a dot when it is unread, headline (bold when
// unread), a star when starred, source · date · tags, and two lines of
// snippet with the matched words marked.
//
// It takes the clicks on its row from the list, to see the modifier keys
// held: Ctrl (Cmd) adds the row to the selection or takes it out, Shift
// extends the selection to it; a plain click selects it alone.
type HitRow struct {
	widget.BaseWidget
	title   *widget.Label
	meta    *widget.RichText
	snippet *kit.WrappedText
	unread  *canvas.Circle
	star    *widget.Icon
	chosen  *canvas.Rectangle // one of several selected rows
	content fyne.CanvasObject

	index  int              // the row shown
	mod    fyne.KeyModifier // held when the mouse button went down
	onTap  func(row int, mod fyne.KeyModifier)
	onMenu func(row int, at fyne.Position)
}

func newHitRow() *HitRow {
	r := &HitRow{
		title:   widget.NewLabel(""),
		meta:    kit.DimText("", theme.SizeNameCaptionText),
		snippet: kit.NewSnippetText(),
		unread:  canvas.NewCircle(color.Transparent),
		star:    widget.NewIcon(kit.StarIcon),
		chosen:  canvas.NewRectangle(color.Transparent),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.star.Hide()
	r.chosen.Hide()
	titleRow := container.NewBorder(nil, nil, nil, container.NewCenter(r.star), r.title)
	column := container.New(&kit.TightColumn{}, titleRow, r.meta, r.snippet)
	r.content = container.NewStack(r.chosen, container.New(&gutterLayout{}, r.unread, column))
	r.ExtendBaseWidget(r)
	return r
}

// Index is the row shown: its hit's place in the list.
func (r *HitRow) Index() int { return r.index }

// Look is what a row shows.
type Look struct {
	Title, Meta string
	Bold        bool // the headline, of an unread article
	Dot         bool // the unread dot
	Star        bool
	Chosen      bool // tinted as one of several selected
}

// Look is what the row shows now.
func (r *HitRow) Look() Look {
	return Look{Title: r.title.Text, Meta: r.meta.String(), Bold: r.title.TextStyle.Bold,
		Dot: r.unread.FillColor != color.Transparent, Star: r.star.Visible(), Chosen: r.chosen.Visible()}
}

func (r *HitRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

func (r *HitRow) show(h db.Hit) {
	title := h.Title
	if title == "" {
		title = "Untitled"
	}
	if r.title.Text != title || r.title.TextStyle.Bold == h.Read {
		r.title.TextStyle = fyne.TextStyle{Bold: !h.Read}
		r.title.SetText(title)
	}
	var meta []string
	if h.Source != "" {
		meta = append(meta, h.Source)
	}
	if d := humanize.Date(h.Published); d != "" {
		meta = append(meta, d)
	}
	if len(meta) == 0 {
		meta = append(meta, "Source unknown")
	}
	if len(h.Copies) > 0 {
		meta = append(meta, copiesText(len(h.Copies)))
	}
	if len(h.Tags) > 0 {
		meta = append(meta, strings.Join(h.Tags, ", "))
	}
	kit.SetDimText(r.meta, strings.Join(meta, " · "))
	r.snippet.SetMarked(oneLine(h.Snippet))
	r.setMarks(!h.Read, h.Starred)
}

// setMarks shows the unread dot and the star.
func (r *HitRow) setMarks(unread, starred bool) {
	var dot color.Color = color.Transparent
	if unread {
		dot = r.Theme().Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant())
	}
	if r.unread.FillColor != dot {
		r.unread.FillColor = dot
		r.unread.Refresh()
	}
	if starred != r.star.Visible() {
		if starred {
			r.star.Show()
		} else {
			r.star.Hide()
		}
	}
}

// setChosen tints a row that is one of several selected, as the list
// tints the one whose article is open.
func (r *HitRow) setChosen(chosen bool) {
	if chosen {
		r.chosen.FillColor = r.Theme().Color(theme.ColorNameSelection, fyne.CurrentApp().Settings().ThemeVariant())
		r.chosen.CornerRadius = r.Theme().Size(theme.SizeNameSelectionRadius)
		r.chosen.Show()
		r.chosen.Refresh()
	} else {
		r.chosen.Hide()
	}
}

// MouseDown notes the modifier keys of a click; Tapped acts on it.
func (r *HitRow) MouseDown(ev *desktop.MouseEvent) { r.mod = ev.Modifier }
func (r *HitRow) MouseUp(*desktop.MouseEvent)      {}

func (r *HitRow) Tapped(*fyne.PointEvent) {
	mod := r.mod
	r.mod = 0
	if r.onTap != nil {
		r.onTap(r.index, mod)
	}
}

// TappedSecondary opens the row's menu.
func (r *HitRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.onMenu != nil {
		r.onMenu(r.index, ev.AbsolutePosition)
	}
}

// gutterLayout puts the first object, the unread dot, in a narrow gutter
// beside the headline of the second, the row's text.
type gutterLayout struct{}

const (
	gutterWidth = 10
	dotSize     = 7
)

func (g *gutterLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	dot, text := objects[0], objects[1]
	text.Move(fyne.NewPos(gutterWidth, 0))
	text.Resize(fyne.NewSize(size.Width-gutterWidth, size.Height))
	lineHeight := fyne.MeasureText("M", theme.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Height
	top := theme.Size(theme.SizeNameInnerPadding) + (lineHeight-dotSize)/2
	dot.Move(fyne.NewPos((gutterWidth-dotSize)/2+1, top))
	dot.Resize(fyne.NewSize(dotSize, dotSize))
}

func (g *gutterLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[1].MinSize().AddWidthHeight(gutterWidth, 0)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// copiesText is what a grouped row adds to its source and date.
func copiesText(n int) string {
	if n == 1 {
		return "+1 copy"
	}
	return "+" + humanize.Thousands(n) + " copies"
}
