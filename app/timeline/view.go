package timeline

import (
	querylang "github.com/clippings/clippings/query"

	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

// Timeline geometry.
const (
	timelineBarsHeight = 34
	timelineMaxBar     = 56 // the widest a bar gets, with few periods
	timelineGap        = 2  // between bars, when they are wide enough
)

// view draws the timeline: a bar per period, as high as its
// count, with the first and last periods named under them. Above them a
// line says what the pointer is over ("Mar 2020 · 12 articles"), and the
// query's date filters, with × to take them out.
type view struct {
	widget.BaseWidget
	tl      db.Timeline
	query   string   // the search the timeline counts
	ok      bool     // a timeline arrived
	filters []string // the query's date filters

	hover    int // the bar under the pointer, -1 for none
	dragging bool
	from, to int // the bars a drag went from and to

	onPick  func(first, last db.Period)
	onClear func()

	status, first, last *canvas.Text
	chip                *rangeChip
	bars                []*canvas.Rectangle
	base                *canvas.Rectangle
}

func newView() *view {
	v := &view{hover: -1, from: -1, to: -1,
		status: canvas.NewText("", color.Black), first: canvas.NewText("", color.Black), last: canvas.NewText("", color.Black),
		base: canvas.NewRectangle(color.Black)}
	v.chip = newRangeChip(func() {
		if v.onClear != nil {
			v.onClear()
		}
	})
	v.chip.Hide()
	v.ExtendBaseWidget(v)
	return v
}

// setFilters shows the date filters of the query being searched.
func (v *view) setFilters(query string) {
	v.filters = querylang.Parse(query).DateFilters()
	v.chip.setText(strings.Join(v.filters, " "))
	if len(v.filters) > 0 {
		v.chip.Show()
	} else {
		v.chip.Hide()
	}
	v.Refresh()
}

func (v *view) setTimeline(tl db.Timeline, query string) {
	v.tl, v.query, v.ok = tl, query, true
	v.hover, v.dragging, v.from, v.to = -1, false, -1, -1
	v.setFilters(query)
}

// periodName is a period as people write it: "2020", "Mar 2020",
// "14 Mar 2020".
func periodName(p db.Period, unit db.TimelineUnit) string {
	switch unit {
	case db.Years:
		return p.From.Format("2006")
	case db.Months:
		return p.From.Format("Jan 2006")
	}
	return p.From.Format("2 Jan 2006")
}

// unitName is "month", "year" or "day".
func unitName(unit db.TimelineUnit) string {
	switch unit {
	case db.Years:
		return "year"
	case db.Days:
		return "day"
	}
	return "month"
}

// statusText is what the line above the bars says: the bars under the
// pointer or being dragged over, else what the timeline shows.
func (v *view) statusText() string {
	ps := v.tl.Periods
	articles := func(from, to int) string {
		n := 0
		for i := from; i <= to; i++ {
			if !ps[i].Counted {
				return "not counted"
			}
			n += ps[i].Count
		}
		return humanize.Plural(n, "article", "articles")
	}
	switch {
	case v.dragging && v.from >= 0 && v.to >= 0:
		a, b := min(v.from, v.to), max(v.from, v.to)
		if a == b {
			return periodName(ps[a], v.tl.Unit) + " · " + articles(a, a)
		}
		return periodName(ps[a], v.tl.Unit) + " – " + periodName(ps[b], v.tl.Unit) + " · " + articles(a, b)
	case v.hover >= 0 && v.hover < len(ps):
		return periodName(ps[v.hover], v.tl.Unit) + " · " + articles(v.hover, v.hover)
	case len(ps) == 0 && len(v.filters) > 0:
		return "No articles in these dates"
	case len(ps) == 0:
		return ""
	}
	text := "By " + unitName(v.tl.Unit) + " · click or drag to narrow"
	if !v.tl.Complete {
		text += " · older " + unitName(v.tl.Unit) + "s not counted"
	}
	return text
}

// onBars reports whether a point is below the line over the bars: that
// line's text and × are not a place to pick a period.
func (v *view) onBars(pos fyne.Position) bool {
	r := renderer{v: v}
	return pos.Y >= r.lineHeight()
}

// barAt is the bar at x, or -1.
func (v *view) barAt(x float32) int {
	n := len(v.tl.Periods)
	if n == 0 {
		return -1
	}
	left, slot := v.barGeometry(v.Size().Width)
	i := int((x - left) / slot)
	return max(0, min(n-1, i))
}

// barGeometry is where the first bar starts and the room each takes.
func (v *view) barGeometry(width float32) (left, slot float32) {
	pad := theme.Padding()
	n := float32(max(1, len(v.tl.Periods)))
	room := max(1, width-2*pad)
	slot = min(room/n, timelineMaxBar)
	return pad + (room-slot*n)/2, slot
}

// MouseIn, MouseMoved and MouseOut name the bar under the pointer.
func (v *view) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }
func (v *view) MouseMoved(ev *desktop.MouseEvent) {
	i := -1
	if v.onBars(ev.Position) {
		i = v.barAt(ev.Position.X)
	}
	if i != v.hover {
		v.hover = i
		v.Refresh()
	}
}
func (v *view) MouseOut() {
	if v.hover != -1 {
		v.hover = -1
		v.Refresh()
	}
}

// Tapped narrows the search to the period clicked.
func (v *view) Tapped(ev *fyne.PointEvent) {
	if !v.onBars(ev.Position) {
		return
	}
	if i := v.barAt(ev.Position.X); i >= 0 && v.onPick != nil {
		p := v.tl.Periods[i]
		v.onPick(p, p)
	}
}

// Dragged marks the bars from where the drag started to where the pointer
// is; DragEnd narrows the search to their periods.
func (v *view) Dragged(ev *fyne.DragEvent) {
	if len(v.tl.Periods) == 0 {
		return
	}
	if !v.dragging {
		v.dragging = true
		v.from = v.barAt(ev.Position.X - ev.Dragged.DX)
	}
	v.to = v.barAt(ev.Position.X)
	v.hover = -1
	v.Refresh()
}

func (v *view) DragEnd() {
	if !v.dragging {
		return
	}
	from, to := v.from, v.to
	v.dragging, v.from, v.to = false, -1, -1
	v.Refresh()
	if from >= 0 && to >= 0 && v.onPick != nil {
		v.onPick(v.tl.Periods[min(from, to)], v.tl.Periods[max(from, to)])
	}
}

func (v *view) CreateRenderer() fyne.WidgetRenderer { return &renderer{v: v} }

type renderer struct{ v *view }

func (r *renderer) textHeight() float32 {
	return fyne.MeasureText("M", r.v.Theme().Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
}

// lineHeight is the height of the lines above and under the bars.
func (r *renderer) lineHeight() float32 {
	return max(r.textHeight()+2, r.v.chip.MinSize().Height)
}

func (r *renderer) MinSize() fyne.Size {
	pad := theme.Padding()
	return fyne.NewSize(120, 2*r.lineHeight()+timelineBarsHeight+2*pad)
}

func (r *renderer) Layout(size fyne.Size) {
	v := r.v
	pad := theme.Padding()
	line := r.lineHeight()
	textH := r.textHeight()

	chip := v.chip.MinSize()
	v.chip.Resize(chip)
	v.chip.Move(fyne.NewPos(size.Width-pad-chip.Width, (line-chip.Height)/2))
	v.status.Move(fyne.NewPos(pad, (line-textH)/2))

	top := line + pad
	bottom := top + timelineBarsHeight
	left, slot := v.barGeometry(size.Width)
	gap := float32(0)
	switch {
	case slot >= 8:
		gap = timelineGap
	case slot >= 4:
		gap = 1
	}
	maxCount := 0
	for _, p := range v.tl.Periods {
		maxCount = max(maxCount, p.Count)
	}
	for i, b := range r.v.bars {
		if i >= len(v.tl.Periods) {
			break
		}
		p := v.tl.Periods[i]
		h := float32(0)
		switch {
		case !p.Counted:
			h = 2
		case p.Count > 0 && maxCount > 0:
			h = max(2, timelineBarsHeight*float32(p.Count)/float32(maxCount))
		}
		b.Move(fyne.NewPos(left+float32(i)*slot+gap/2, bottom-h))
		b.Resize(fyne.NewSize(max(1, slot-gap), h))
	}
	n := float32(len(v.tl.Periods))
	v.base.Move(fyne.NewPos(left, bottom))
	v.base.Resize(fyne.NewSize(slot*n, 1))

	under := bottom + pad/2 + (line-textH)/2
	v.first.Move(fyne.NewPos(left, under))
	lastW := fyne.MeasureText(v.last.Text, v.last.TextSize, v.last.TextStyle).Width
	v.last.Move(fyne.NewPos(max(left, left+slot*n-lastW), under))
}

func (r *renderer) Refresh() {
	v := r.v
	th, variant := v.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameCaptionText)
	dim := th.Color(theme.ColorNamePlaceHolder, variant)
	for _, t := range []*canvas.Text{v.status, v.first, v.last} {
		t.TextSize = size
		t.Color = dim
	}
	v.status.Text = v.statusText()
	if v.hover >= 0 || v.dragging {
		v.status.Color = th.Color(theme.ColorNameForeground, variant)
	}
	ps := v.tl.Periods
	v.first.Text, v.last.Text = "", ""
	if len(ps) > 0 {
		v.first.Text = periodName(ps[0], v.tl.Unit)
	}
	if len(ps) > 1 {
		v.last.Text = periodName(ps[len(ps)-1], v.tl.Unit)
	}
	v.base.FillColor = th.Color(theme.ColorNameSeparator, variant)

	for len(v.bars) < len(ps) {
		v.bars = append(v.bars, canvas.NewRectangle(color.Transparent))
	}
	v.bars = v.bars[:len(ps)]
	primary := th.Color(theme.ColorNamePrimary, variant)
	soft := withAlpha(primary, 0xb0)
	faint := withAlpha(primary, 0x40)
	lo, hi := -1, -1
	if v.dragging && v.from >= 0 && v.to >= 0 {
		lo, hi = min(v.from, v.to), max(v.from, v.to)
	}
	for i, b := range v.bars {
		switch {
		case !ps[i].Counted:
			b.FillColor = th.Color(theme.ColorNameDisabled, variant)
		case lo >= 0 && i >= lo && i <= hi:
			b.FillColor = primary
		case lo >= 0:
			b.FillColor = faint
		case i == v.hover:
			b.FillColor = primary
		default:
			b.FillColor = soft
		}
		b.CornerRadius = 1
	}
	r.Layout(v.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *renderer) Objects() []fyne.CanvasObject {
	v := r.v
	objects := []fyne.CanvasObject{v.base}
	for _, b := range v.bars {
		objects = append(objects, b)
	}
	return append(objects, v.status, v.first, v.last, v.chip)
}

func (r *renderer) Destroy() {}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 0xff)
	return n
}

// rangeChip is the query's date filters over the timeline's right end,
// with an × that takes them out: the way back from narrowing.
type rangeChip struct {
	widget.BaseWidget
	text  *canvas.Text
	icon  *canvas.Image
	bg    *canvas.Rectangle
	onTap func()
}

func newRangeChip(onTap func()) *rangeChip {
	c := &rangeChip{text: canvas.NewText("", color.Black), icon: canvas.NewImageFromResource(theme.CancelIcon()),
		bg: canvas.NewRectangle(color.Transparent), onTap: onTap}
	c.icon.FillMode = canvas.ImageFillContain
	c.ExtendBaseWidget(c)
	return c
}

func (c *rangeChip) setText(text string) {
	if c.text.Text != text {
		c.text.Text = text
		c.Refresh()
	}
}

func (c *rangeChip) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap()
	}
}

func (c *rangeChip) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *rangeChip) CreateRenderer() fyne.WidgetRenderer { return &rangeChipRenderer{c: c} }

type rangeChipRenderer struct{ c *rangeChip }

const chipIconSize = 12

func (r *rangeChipRenderer) MinSize() fyne.Size {
	c := r.c
	pad := theme.Padding()
	t := fyne.MeasureText(c.text.Text, c.Theme().Size(theme.SizeNameCaptionText), fyne.TextStyle{})
	return fyne.NewSize(t.Width+chipIconSize+3*pad, max(t.Height, chipIconSize)+pad/2)
}

func (r *rangeChipRenderer) Layout(size fyne.Size) {
	c := r.c
	pad := theme.Padding()
	c.bg.Resize(size)
	t := fyne.MeasureText(c.text.Text, c.text.TextSize, c.text.TextStyle)
	c.text.Move(fyne.NewPos(pad, (size.Height-t.Height)/2))
	c.icon.Resize(fyne.NewSquareSize(chipIconSize))
	c.icon.Move(fyne.NewPos(size.Width-pad-chipIconSize, (size.Height-chipIconSize)/2))
}

func (r *rangeChipRenderer) Refresh() {
	c := r.c
	th, variant := c.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	c.text.TextSize = th.Size(theme.SizeNameCaptionText)
	c.text.Color = th.Color(theme.ColorNameForeground, variant)
	c.bg.FillColor = th.Color(theme.ColorNameInputBackground, variant)
	c.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) * 2
	c.icon.Resource = theme.CancelIcon()
	r.Layout(c.Size())
	c.bg.Refresh()
	c.text.Refresh()
	c.icon.Refresh()
}

func (r *rangeChipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.text, r.c.icon}
}

func (r *rangeChipRenderer) Destroy() {}
