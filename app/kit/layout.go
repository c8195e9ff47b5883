package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TightColumn stacks objects top to bottom like a VBox, but lets the inner
// padding of neighbouring text widgets overlap, so a row of three texts is
// not mostly whitespace.
type TightColumn struct{}

func (t *TightColumn) overlap() float32 {
	return theme.Size(theme.SizeNameInnerPadding) * 0.75
}

func (t *TightColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
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

func (t *TightColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
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

var _ fyne.Layout = (*TightColumn)(nil)

// CenteredColumn centres one object at a fixed width (narrower when the
// space is), so wrapped text keeps a readable measure in a wide window.
type CenteredColumn struct{ Width float32 }

func (c *CenteredColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		w := min(c.Width, size.Width)
		o.Resize(fyne.NewSize(w, size.Height)) // wrapped text measures its height at this width
		h := min(o.MinSize().Height, size.Height)
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

func (c *CenteredColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s = s.Max(fyne.NewSize(min(c.Width, m.Width), m.Height))
	}
	return s
}
