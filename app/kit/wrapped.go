// Package kit holds the widgets, layouts, styles, icons and theme the
// window's components share: text with the words a search matched marked,
// wrapped to its width; a box that flows its objects onto lines; dialog
// and folder helpers.
package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Ellipsis ends text that was cut.
const Ellipsis = "…"

// WrappedText shows marked text (see splitMarks) word-wrapped to its width,
// in paragraphs, optionally cut after a number of lines with an Ellipsis.
//
// It breaks the lines itself and hands RichText one line per block: Fyne's
// RichText wraps a paragraph of several differently styled segments wrongly
// at some widths (one character per line), and truncating such a paragraph
// drops every line after the first.
type WrappedText struct {
	widget.BaseWidget
	lineStyle
	text     *widget.RichText
	blocks   []block
	maxLines int  // 0 for no limit
	fixed    bool // always maxLines high, so list rows are all alike

	fitWidth float32 // the width the lines were broken for; -1 to break again

	// fixedHeight is the height of maxLines lines at text size fixedFor:
	// measuring builds a RichText, which Fyne then caches for a minute, and
	// MinSize is asked on every layout of every row.
	fixedHeight, fixedFor float32
}

// block is a line of the text as given, to be wrapped; gap sets a new
// paragraph apart from the one before.
type block struct {
	spans []span
	gap   bool
}

// word is a word with the spaces after it.
type word struct {
	text   string
	marked bool
}

func NewWrappedText(plain, mark widget.RichTextStyle) *WrappedText {
	t := &WrappedText{text: widget.NewRichText(), lineStyle: lineStyle{plain: plain, mark: mark}, fitWidth: -1}
	t.ExtendBaseWidget(t)
	return t
}

// NewSnippetText is two lines of a snippet, always two lines high.
func NewSnippetText() *WrappedText {
	t := NewWrappedText(SnippetStyle, SnippetMarkStyle)
	t.maxLines, t.fixed = 2, true
	return t
}

// SetMarked shows marked text. A line break starts a new line; a blank
// line starts a new paragraph, set apart by a gap.
func (t *WrappedText) SetMarked(marked string) {
	if len(t.widths) > 10000 {
		t.widths = nil // a recycled list row meets new words forever
	}
	t.blocks = parseBlocks(marked, t.blocks[:0])
	t.fitWidth = -1
	t.fit(t.Size().Width)
}

// parseBlocks cuts marked text into blocks, appended to blocks.
func parseBlocks(marked string, blocks []block) []block {
	current := block{}
	gap := false // a blank line was seen: the next block starts a paragraph
	for _, sp := range splitMarks(NormalizeParagraphs(marked)) {
		for i, part := range strings.Split(sp.text, "\n") {
			if i > 0 {
				if len(current.spans) > 0 {
					blocks = append(blocks, current)
				} else {
					gap = true
				}
				current = block{}
			}
			if part != "" {
				if len(current.spans) == 0 {
					current.gap, gap = gap, false
				}
				current.spans = append(current.spans, span{text: part, marked: sp.marked})
			}
		}
	}
	if len(current.spans) > 0 {
		blocks = append(blocks, current)
	}
	return blocks
}

// Resize breaks the lines again for a new width.
func (t *WrappedText) Resize(size fyne.Size) {
	before := t.text.MinSize().Height
	t.fit(size.Width)
	t.BaseWidget.Resize(size)
	if t.text.MinSize().Height != before {
		t.Refresh() // the height changed: let the containers lay out again
	}
}

func (t *WrappedText) fit(width float32) {
	if width == t.fitWidth || width <= 0 {
		return
	}
	t.fitWidth = width
	inner := innerWidth(t.Theme(), width)
	measure := func(w word) float32 { return t.measure(t.Theme(), w) }
	var segs []widget.RichTextSegment
	lines := 0
	for _, b := range t.blocks {
		if t.maxLines > 0 && lines >= t.maxLines {
			break
		}
		if b.gap && len(segs) > 0 {
			segs = append(segs, &widget.TextSegment{Text: " ", Style: paragraphGapStyle})
		}
		broken := breakLines(paragraphWords(b.spans), inner, measure)
		if t.maxLines > 0 && lines+len(broken) > t.maxLines {
			broken = broken[:t.maxLines-lines]
			last := len(broken) - 1
			broken[last] = withEllipsis(broken[last], inner, measure)
		}
		lines += len(broken)
		for _, line := range broken {
			segs = append(segs, t.lineSegments(line)...)
		}
	}
	t.text.Segments = segs
	t.text.Refresh()
}

// innerWidth is the room for text in a RichText width wide.
func innerWidth(th fyne.Theme, width float32) float32 {
	return width - 2*th.Size(theme.SizeNameInnerPadding) - 4 // slack for rounding and kerning
}

// lineStyle is how text and the words a search matched are written, and
// the widths of the words measured so.
type lineStyle struct {
	plain, mark widget.RichTextStyle
	widths      map[word]float32
	// estimateAfter: once this many words were measured, the rest are
	// estimated as the sum of their letters' widths (see measure); 0:
	// never.
	estimateAfter int
	letters       map[word]float32 // the widths of single letters
}

// lineSegments is one line: a segment per run of like words, then the
// end of the block.
func (t *lineStyle) lineSegments(line []word) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	var run strings.Builder
	marked := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		style := t.plain
		if marked {
			style = t.mark
		}
		segs = append(segs, &widget.TextSegment{Text: run.String(), Style: style})
		run.Reset()
	}
	for i, w := range line {
		if w.marked != marked {
			flush()
			marked = w.marked
		}
		text := w.text
		if i == len(line)-1 {
			text = strings.TrimRight(text, " ")
		}
		run.WriteString(text)
	}
	flush()
	end := t.plain
	end.Inline = false
	return append(segs, &widget.TextSegment{Style: end})
}

func (t *lineStyle) measure(th fyne.Theme, w word) float32 {
	if width, ok := t.widths[w]; ok {
		return width
	}
	style := t.plain
	if w.marked {
		style = t.mark
	}
	size := th.Size(style.SizeName)
	if style.SizeName == "" {
		size = th.Size(theme.SizeNameText)
	}
	var width float32
	if t.estimateAfter > 0 && len(t.widths) >= t.estimateAfter {
		// Measuring a word shapes it with HarfBuzz, about 0.1 ms here: a
		// book's 15,000 different words took 2 s. The sum of its letters'
		// widths was within -0.8% and +5.8% of it (over the words of an
		// article, in plain and bold), which the slack left at the end of
		// a line (innerWidth) takes up.
		if t.letters == nil {
			t.letters = map[word]float32{}
		}
		for _, r := range w.text {
			l := word{text: string(r), marked: w.marked}
			lw, ok := t.letters[l]
			if !ok {
				lw = fyne.MeasureText(l.text, size, style.TextStyle).Width
				t.letters[l] = lw
			}
			width += lw
		}
	} else {
		width = fyne.MeasureText(w.text, size, style.TextStyle).Width
	}
	if t.widths == nil {
		t.widths = map[word]float32{}
	}
	t.widths[w] = width
	return width
}

func (t *WrappedText) CreateRenderer() fyne.WidgetRenderer {
	return &wrappedRenderer{t: t}
}

// paragraphGapStyle is the blank line between paragraphs: half a line.
var paragraphGapStyle = widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, Inline: false}

type wrappedRenderer struct{ t *WrappedText }

func (r *wrappedRenderer) Layout(size fyne.Size) {
	r.t.fit(size.Width)
	r.t.text.Resize(size)
}

// MinSize is narrow, as the text wraps to any width, and as high as the
// lines it has at its width.
func (r *wrappedRenderer) MinSize() fyne.Size {
	width := 2*r.t.Theme().Size(theme.SizeNameInnerPadding) + 40
	if r.t.fixed {
		if size := r.t.Theme().Size(theme.SizeNameText); size != r.t.fixedFor {
			r.t.fixedHeight, r.t.fixedFor = linesHeight(r.t.maxLines, r.t.plain), size
		}
		return fyne.NewSize(width, r.t.fixedHeight)
	}
	return fyne.NewSize(width, r.t.text.MinSize().Height)
}

func (r *wrappedRenderer) Refresh()                     { r.t.text.Refresh() }
func (r *wrappedRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.text} }
func (r *wrappedRenderer) Destroy()                     {}

// linesHeight is the height a RichText needs for n lines in style.
func linesHeight(n int, style widget.RichTextStyle) float32 {
	end := style
	end.Inline = false
	var segs []widget.RichTextSegment
	for range n {
		segs = append(segs, &widget.TextSegment{Text: "Mg", Style: style}, &widget.TextSegment{Style: end})
	}
	return widget.NewRichText(segs...).MinSize().Height
}

func paragraphWords(spans []span) []word {
	var words []word
	for _, sp := range spans {
		for _, w := range splitKeepingSpaces(sp.text) {
			words = append(words, word{w, sp.marked})
		}
	}
	return words
}

// breakLines wraps words to width. A word wider than a line is cut.
func breakLines(words []word, width float32, measure func(word) float32) [][]word {
	var lines [][]word
	var line []word
	x := float32(0)
	for len(words) > 0 {
		w := words[0]
		wide := measure(word{strings.TrimRight(w.text, " "), w.marked})
		switch {
		case x+wide <= width || width <= 0:
			line = append(line, w)
			x += measure(w)
			words = words[1:]
		case len(line) > 0:
			lines = append(lines, line)
			line, x = nil, 0
		default: // alone on its line and still too wide
			head, tail := cutWord(w, width, measure)
			lines = append(lines, []word{head})
			words[0] = tail
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// cutWord splits a word at the last rune that fits width (at least one).
func cutWord(w word, width float32, measure func(word) float32) (head, tail word) {
	runes := []rune(w.text)
	n := 1
	for n < len(runes) && measure(word{string(runes[:n+1]), w.marked}) <= width {
		n++
	}
	return word{string(runes[:n]), w.marked}, word{string(runes[n:]), w.marked}
}

// withEllipsis ends a line with "…", dropping words to make room.
func withEllipsis(line []word, width float32, measure func(word) float32) []word {
	dots := measure(word{text: Ellipsis})
	for len(line) > 1 {
		x := float32(0)
		for _, w := range line {
			x += measure(w)
		}
		if x+dots <= width {
			break
		}
		line = line[:len(line)-1]
	}
	out := append([]word(nil), line...)
	if n := len(out); n > 0 {
		out[n-1].text = strings.TrimRight(out[n-1].text, " ")
	}
	return append(out, word{text: Ellipsis})
}

// splitKeepingSpaces cuts text into words, each with the spaces after it.
func splitKeepingSpaces(text string) []string {
	var words []string
	for text != "" {
		i := strings.IndexByte(text, ' ')
		if i < 0 {
			words = append(words, text)
			break
		}
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		words = append(words, text[:j])
		text = text[j:]
	}
	return words
}

// String is the text shown, without marks or line breaks.
func (t *WrappedText) String() string { return blocksText(t.blocks) }

// blocksText is the text of blocks, without marks, a block a line.
func blocksText(blocks []block) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, sp := range bl.spans {
			b.WriteString(sp.text)
		}
	}
	return b.String()
}
