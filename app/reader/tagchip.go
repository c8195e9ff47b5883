package reader

import (
	querylang "github.com/clippings/clippings/query"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
)

// TagChip is one of the open article's tags: its name, which searches for
// the articles with that tag, and a button that takes it off.
type TagChip struct {
	widget.BaseWidget
	name   *widget.Button
	remove *widget.Button
	bg     *canvas.Rectangle
}

func (r *Reader) newTagChip(id int64, name string) *TagChip {
	c := &TagChip{bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))}
	c.name = widget.NewButtonWithIcon(name, kit.TagIcon, func() {
		r.cfg.OnQuery(querylang.Clause(querylang.FacetTag, name).String())
	})
	c.name.Importance = widget.LowImportance
	c.remove = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { r.cfg.RemoveTag([]int64{id}, name) })
	c.remove.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

// Name is the tag's name.
func (c *TagChip) Name() string { return c.name.Text }

// RemoveButton takes the tag off the article.
func (c *TagChip) RemoveButton() *widget.Button { return c.remove }

func (c *TagChip) CreateRenderer() fyne.WidgetRenderer {
	c.bg.CornerRadius = c.Theme().Size(theme.SizeNameInputRadius) * 2
	return &chipRenderer{c: c, row: container.New(&chipLayout{}, c.name, c.remove)}
}

type chipRenderer struct {
	c   *TagChip
	row *fyne.Container
}

func (r *chipRenderer) Layout(size fyne.Size) {
	r.c.bg.Resize(size)
	r.row.Resize(size)
}
func (r *chipRenderer) MinSize() fyne.Size { return r.row.MinSize() }
func (r *chipRenderer) Refresh() {
	r.c.bg.FillColor = r.c.Theme().Color(theme.ColorNameInputBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r.c.bg.Refresh()
	r.row.Refresh()
}
func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.bg, r.row} }
func (r *chipRenderer) Destroy()                     {}

// chipLayout sets a chip's name and remove button side by side, closer
// than an HBox would: they are one thing.
type chipLayout struct{}

func (l *chipLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	name, remove := objects[0], objects[1]
	rw := remove.MinSize().Width
	name.Move(fyne.NewPos(0, 0))
	name.Resize(fyne.NewSize(size.Width-rw+chipOverlap, size.Height))
	remove.Move(fyne.NewPos(size.Width-rw, 0))
	remove.Resize(fyne.NewSize(rw, size.Height))
}

func (l *chipLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(a.Width+b.Width-chipOverlap, max(a.Height, b.Height))
}

const chipOverlap = 8
