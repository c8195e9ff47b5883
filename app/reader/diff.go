package reader

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/neardup"
)

// diffView is the comparison of the open article with one of its copies.
type diffView struct {
	paragraphs []neardup.Paragraph
	box        *fyne.Container
	all        *widget.Check // show the paragraphs both have too
	this       string        // "this article (Le Monde)"
	other      string        // "Reuters"
	dialog     *dialog.CustomDialog
}

// showDiff compares the open article with a copy of it in a dialog:
// paragraphs only in this one, only in the other, and moved, each with a
// marker and a coloured bar.
func (x *extras) showDiff(m db.GroupMember, name string) {
	a := x.shown()
	if a == nil {
		return
	}
	openID := a.ID
	this := "this article"
	if a.Source != "" {
		this += " (" + a.Source + ")"
	}
	g, ctx := x.cfg.Tasks, x.cfg.Ctx
	g.Go(func() {
		paragraphs, err := x.cfg.Store.Diff(ctx, openID, m.ID)
		if ctx.Err() != nil {
			return
		}
		g.Do(func() {
			if a := x.shown(); a == nil || a.ID != openID {
				return
			}
			if err != nil {
				x.cfg.Fail(err)
				return
			}
			showDiffDialog(x.cfg.Window, &diffView{paragraphs: paragraphs, this: this, other: name}, m, x.cfg.OnOpen)
		})
	})
}

// showDiffDialog shows the comparison over w; open opens the copy.
func showDiffDialog(w fyne.Window, v *diffView, m db.GroupMember, openCopy func(id int64)) {
	var onlyA, onlyB, moved, both int
	for _, p := range v.paragraphs {
		switch {
		case p.Moved && p.Change == neardup.OnlyA:
			moved++
		case p.Moved:
		case p.Change == neardup.OnlyA:
			onlyA++
		case p.Change == neardup.OnlyB:
			onlyB++
		default:
			both++
		}
	}
	var counts []string
	if both > 0 {
		counts = append(counts, humanize.Plural(both, "paragraph", "paragraphs")+" the same")
	}
	if onlyA > 0 {
		counts = append(counts, fmt.Sprintf("%d only in %s", onlyA, v.this))
	}
	if onlyB > 0 {
		counts = append(counts, fmt.Sprintf("%d only in %s", onlyB, v.other))
	}
	if moved > 0 {
		counts = append(counts, fmt.Sprintf("%d moved", moved))
	}
	if onlyA+onlyB+moved == 0 {
		counts = append(counts, "the texts say the same")
	}
	summary := widget.NewLabel(humanize.Capitalize(strings.Join(counts, ", ")) + ".")
	summary.Wrapping = fyne.TextWrapWord

	title := m.Title
	if title == "" {
		title = "Untitled"
	}
	var about []string
	if d := humanize.Date(m.Published); d != "" {
		about = append(about, d)
	}
	if m.Words > 0 {
		about = append(about, humanize.Plural(m.Words, "word", "words"))
	}
	head := widget.NewLabel(v.other + ": “" + title + "”")
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Wrapping = fyne.TextWrapWord
	legend := container.NewHBox(
		diffMarker(neardup.OnlyA, false, "only in "+v.this),
		diffMarker(neardup.OnlyB, false, "only in "+v.other),
		diffMarker(neardup.OnlyA, true, "moved"))

	v.box = container.NewVBox()
	v.all = widget.NewCheck("Show the paragraphs both have", func(bool) { v.fill() })
	v.fill()
	top := container.NewVBox(head, kit.DimText(strings.Join(about, " · "), theme.SizeNameCaptionText), summary, legend, v.all, widget.NewSeparator())

	open := widget.NewButtonWithIcon("Open "+v.other, theme.DocumentIcon(), func() {
		v.dialog.Hide()
		openCopy(m.ID)
	})
	close := widget.NewButton("Close", func() { v.dialog.Hide() })
	close.Importance = widget.HighImportance
	v.dialog = dialog.NewCustomWithoutButtons("What differs", container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.box)), w)
	v.dialog.SetButtons([]fyne.CanvasObject{open, close})
	v.dialog.Resize(fyne.NewSize(min(760, w.Canvas().Size().Width-40), min(620, w.Canvas().Size().Height-40)))
	v.dialog.Show()
}

// fill lays the paragraphs out: every one, or the differences with what
// both have between them counted.
func (v *diffView) fill() {
	var objects []fyne.CanvasObject
	same := 0
	flush := func() {
		if same > 0 {
			t := kit.DimText(fmt.Sprintf("… %s the same …", humanize.Plural(same, "paragraph", "paragraphs")), theme.SizeNameCaptionText)
			objects = append(objects, t)
			same = 0
		}
	}
	for _, p := range v.paragraphs {
		if p.Change == neardup.Both && !v.all.Checked {
			same++
			continue
		}
		flush()
		objects = append(objects, v.paragraph(p))
	}
	flush()
	v.box.Objects = objects
	v.box.Refresh()
}

// paragraph is one paragraph of the comparison: its text beside a bar in
// the colour of its change, under a line that says the change in words.
func (v *diffView) paragraph(p neardup.Paragraph) fyne.CanvasObject {
	text := widget.NewLabel(p.Text)
	text.Wrapping = fyne.TextWrapWord
	if p.Change == neardup.Both {
		text.Importance = widget.LowImportance
		return container.NewBorder(nil, nil, diffBar(color.Transparent), nil, text)
	}
	var what string
	switch {
	case p.Moved && p.Change == neardup.OnlyA:
		what = "moved: " + v.this + " has it here"
	case p.Moved:
		what = "moved: " + v.other + " has it here"
	case p.Change == neardup.OnlyA:
		what = "only in " + v.this
	default:
		what = "only in " + v.other
	}
	bar := diffBar(diffColor(p.Change, p.Moved))
	return container.NewBorder(nil, nil, bar, nil, container.New(&kit.TightColumn{}, diffMarker(p.Change, p.Moved, what), text))
}

// diffMarker says a change in words, after its sign: − only in this
// article, + only in the other, ¶ moved. (Fyne's font has no arrows: they
// would come from an emoji font, in colour.)
func diffMarker(c neardup.Change, moved bool, what string) fyne.CanvasObject {
	sign := "−"
	switch {
	case moved:
		sign = "¶"
	case c == neardup.OnlyB:
		sign = "+"
	}
	t := widget.NewRichText(
		&widget.TextSegment{Text: sign + " ", Style: widget.RichTextStyle{Inline: true, ColorName: diffColorName(c, moved),
			SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: what, Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameForeground,
			SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true}}})
	return t
}

func diffColorName(c neardup.Change, moved bool) fyne.ThemeColorName {
	switch {
	case moved:
		return theme.ColorNamePrimary
	case c == neardup.OnlyA:
		return theme.ColorNameError
	}
	return theme.ColorNameSuccess
}

func diffColor(c neardup.Change, moved bool) color.Color {
	return theme.Color(diffColorName(c, moved))
}

// diffBar is the coloured bar beside a changed paragraph.
func diffBar(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(4, 4))
	r.CornerRadius = 2
	return container.New(layout.NewCustomPaddedLayout(4, 4, 0, 0), r)
}
