package kit

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LongText shows marked text as WrappedText does — word-wrapped, in
// paragraphs, the words a search matched marked — however long it is. It
// breaks all of it into lines, which is quick, but hands only the lines in
// view, and a screenful either side, to a RichText, and hands it others as
// the text scrolls (Update). A book-length article (136,593 words, 25,000
// lines) in one RichText took a minute to lay out in Fyne's test driver,
// and froze the real window for about 20 s; a screenful takes a
// millisecond or two.
//
// Every line is as high as RichText makes it, so where each line goes is
// known without laying it out: the text is as high as all of its lines,
// and the lines shown sit where they would in one long RichText.
type LongText struct {
	widget.BaseWidget
	lineStyle
	blocks []block

	fitWidth float32   // the width the lines were broken for; -1 to break again
	rows     []textRow // at fitWidth
	tops     []float32 // tops[k] is where row k starts; tops[len(rows)] where the text ends
	metrics  rowMetrics

	shown       *widget.RichText // the rows first to last-1
	first, last int
	// viewport is the part of the text in view, in its own coordinates;
	// nil: the top of the text.
	viewport func() (top, height float32)
}

// exactWords is how many different words of a LongText are measured
// exactly (about 0.1 s); the rest are estimated (see lineStyle.measure).
// An article of a few thousand words has fewer.
const exactWords = 1000

// textRow is one row of a LongText: a line of words, or the gap that sets
// a paragraph apart from the one before.
type textRow struct {
	line   []word
	gap    bool
	marked bool // a word of it is marked (its height may differ)
}

// rowMetrics are the heights RichText gives rows, for a text size.
type rowMetrics struct {
	size                  float32 // the text size they are for; 0: not measured
	plain, marked, gapRow float32
	spacing, padding      float32
}

// NewLongText makes a LongText writing text in plain and the words a
// search matched in mark.
func NewLongText(plain, mark widget.RichTextStyle) *LongText {
	t := &LongText{lineStyle: lineStyle{plain: plain, mark: mark, estimateAfter: exactWords}, shown: widget.NewRichText(), fitWidth: -1}
	t.ExtendBaseWidget(t)
	return t
}

// SetMarked shows marked text (see WrappedText.SetMarked).
func (t *LongText) SetMarked(marked string) {
	t.blocks = parseBlocks(marked, nil)
	t.widths, t.letters = nil, nil
	t.fitWidth = -1
	t.first, t.last = 0, 0
	t.Refresh()
}

// SetViewport tells the text how to find the part of it in view: its top
// and height in the text's own coordinates (what a scroll around it
// shows).
func (t *LongText) SetViewport(viewport func() (top, height float32)) { t.viewport = viewport }

// String is the text shown, without marks or line breaks.
func (t *LongText) String() string { return blocksText(t.blocks) }

// Update shows the lines now in view, after the text was scrolled.
func (t *LongText) Update() {
	if t.fitWidth > 0 && t.choose() {
		t.place()
	}
}

// Resize breaks the lines again for a new width.
func (t *LongText) Resize(size fyne.Size) {
	before := t.height()
	t.fit(size.Width)
	t.BaseWidget.Resize(size)
	if t.height() != before {
		t.Refresh() // the height changed: let the containers lay out again
	}
}

// measureRows finds the heights RichText gives rows in the current theme.
func (t *LongText) measureRows() {
	th := t.Theme()
	size := th.Size(theme.SizeNameText)
	if t.metrics.size == size {
		return
	}
	line := func(style widget.RichTextStyle) []widget.RichTextSegment {
		end := style
		end.Inline = false
		return []widget.RichTextSegment{&widget.TextSegment{Text: "Mg", Style: style}, &widget.TextSegment{Style: end}}
	}
	height := func(segs ...[]widget.RichTextSegment) float32 {
		var all []widget.RichTextSegment
		for _, s := range segs {
			all = append(all, s...)
		}
		return widget.NewRichText(all...).MinSize().Height
	}
	m := rowMetrics{size: size, spacing: th.Size(theme.SizeNameLineSpacing), padding: th.Size(theme.SizeNameInnerPadding)}
	m.plain = height(line(t.plain)) - 2*m.padding
	m.marked = height(line(t.mark)) - 2*m.padding
	gap := []widget.RichTextSegment{&widget.TextSegment{Text: " ", Style: paragraphGapStyle}}
	m.gapRow = height(line(t.plain), gap, line(t.plain)) - 2*m.plain - 2*m.spacing - 2*m.padding
	t.metrics = m
	t.widths, t.letters = nil, nil
	t.fitWidth = -1
}

func (m rowMetrics) of(r textRow) float32 {
	switch {
	case r.gap:
		return m.gapRow
	case r.marked:
		return max(m.plain, m.marked)
	}
	return m.plain
}

// fit breaks the text into rows for a width, and finds where each goes.
func (t *LongText) fit(width float32) {
	t.measureRows()
	if width == t.fitWidth || width <= 0 {
		return
	}
	t.fitWidth = width
	th := t.Theme()
	inner := innerWidth(th, width)
	measure := func(w word) float32 { return t.measure(th, w) }
	t.rows = t.rows[:0]
	for _, b := range t.blocks {
		if b.gap && len(t.rows) > 0 {
			t.rows = append(t.rows, textRow{gap: true})
		}
		for _, line := range breakLines(paragraphWords(b.spans), inner, measure) {
			r := textRow{line: line}
			for _, w := range line {
				r.marked = r.marked || w.marked
			}
			t.rows = append(t.rows, r)
		}
	}
	// Summed in float64: 25,000 rows summed in float32 drift by a pixel.
	m := t.metrics
	y := float64(m.padding)
	t.tops = append(t.tops[:0], float32(y))
	for _, r := range t.rows {
		y += float64(m.of(r) + m.spacing)
		t.tops = append(t.tops, float32(y))
	}
	t.first, t.last = 0, 0
}

// height is the height of all the rows, as one RichText would be.
func (t *LongText) height() float32 {
	if len(t.rows) == 0 {
		return t.metrics.plain + 2*t.metrics.padding
	}
	return t.tops[len(t.rows)] - t.metrics.spacing + t.metrics.padding
}

// choose picks the rows to show: those in view and a screenful either
// side. It reports whether they changed.
func (t *LongText) choose() bool {
	top, view := float32(0), float32(1000)
	if t.viewport != nil {
		top, view = t.viewport()
		view = max(view, 200)
	}
	margin := max(view, 400)
	if t.last > t.first && t.tops[t.first] <= max(0, top-margin/2) && t.tops[t.last] >= min(top+view+margin/2, t.height()-t.metrics.padding) {
		return false // what is shown still covers the view
	}
	first := max(0, t.rowAt(top-margin))
	last := min(len(t.rows), t.rowAt(top+view+margin)+1)
	if first == t.first && last == t.last {
		return false
	}
	t.first, t.last = first, last
	var segs []widget.RichTextSegment
	for _, r := range t.rows[first:last] {
		if r.gap {
			segs = append(segs, &widget.TextSegment{Text: " ", Style: paragraphGapStyle})
			continue
		}
		segs = append(segs, t.lineSegments(r.line)...)
	}
	t.shown.Segments = segs
	t.shown.Refresh()
	return true
}

// rowAt is the row at y, or the nearest.
func (t *LongText) rowAt(y float32) int {
	return sort.Search(len(t.rows), func(k int) bool { return t.tops[k+1] > y })
}

// place puts the RichText of the rows shown where they go.
func (t *LongText) place() {
	if t.last <= t.first {
		t.shown.Move(fyne.NewPos(0, 0))
		t.shown.Resize(fyne.NewSize(t.fitWidth, t.height()))
		return
	}
	m := t.metrics
	t.shown.Move(fyne.NewPos(0, t.tops[t.first]-m.padding))
	t.shown.Resize(fyne.NewSize(t.fitWidth, t.tops[t.last]-t.tops[t.first]-m.spacing+2*m.padding))
}

// Shown says which rows are handed to the RichText (first to last-1) of
// how many.
func (t *LongText) Shown() (first, last, rows int) { return t.first, t.last, len(t.rows) }

func (t *LongText) CreateRenderer() fyne.WidgetRenderer { return &longRenderer{t: t} }

type longRenderer struct{ t *LongText }

func (r *longRenderer) Layout(size fyne.Size) {
	r.t.fit(size.Width)
	r.t.choose()
	r.t.place()
}

// MinSize is narrow, as the text wraps to any width, and as high as all
// its lines at its width.
func (r *longRenderer) MinSize() fyne.Size {
	r.t.measureRows()
	return fyne.NewSize(2*r.t.Theme().Size(theme.SizeNameInnerPadding)+40, r.t.height())
}

func (r *longRenderer) Refresh() {
	t := r.t
	t.measureRows()
	if size := t.Size(); size.Width > 0 {
		t.fit(size.Width)
		t.first, t.last = 0, 0 // the rows' segments are made again: the text or theme changed
		t.choose()
		t.place()
	}
	t.shown.Refresh()
}

func (r *longRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.shown} }
func (r *longRenderer) Destroy()                     {}
