package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FlowBox lays its objects out left to right, at their natural size,
// wrapping onto more lines when the width runs out: tag chips, the
// selection bar's buttons. Like WrappedText it knows its height only once
// it knows its width, and asks to be laid out again when that changes it.
type FlowBox struct {
	widget.BaseWidget
	objects []fyne.CanvasObject
	width   float32 // laid out at; 0 before the first layout
}

func NewFlowBox(objects ...fyne.CanvasObject) *FlowBox {
	f := &FlowBox{objects: objects}
	f.ExtendBaseWidget(f)
	return f
}

// SetObjects replaces what the box holds.
func (f *FlowBox) SetObjects(objects ...fyne.CanvasObject) {
	f.objects = objects
	f.Refresh()
}

func (f *FlowBox) Resize(size fyne.Size) {
	before := f.heightAt(f.width)
	f.width = size.Width
	f.BaseWidget.Resize(size)
	if f.heightAt(size.Width) != before {
		f.Refresh() // the height changed: let the containers lay out again
	}
}

func (f *FlowBox) gap() float32 { return f.Theme().Size(theme.SizeNamePadding) }

// place calls at for each visible object with its position, for a width;
// it returns the height used.
func (f *FlowBox) place(width float32, at func(o fyne.CanvasObject, pos fyne.Position, size fyne.Size)) float32 {
	gap := f.gap()
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range f.objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y = 0, y+line+gap
			line = 0
		}
		if at != nil {
			at(o, fyne.NewPos(x, y), fyne.NewSize(min(m.Width, max(width, 1)), m.Height))
		}
		x += m.Width + gap
		line = max(line, m.Height)
	}
	return y + line
}

func (f *FlowBox) heightAt(width float32) float32 {
	if width <= 0 {
		width = f.widest()
	}
	return f.place(width, nil)
}

func (f *FlowBox) widest() float32 {
	w := float32(0)
	for _, o := range f.objects {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	return w
}

func (f *FlowBox) CreateRenderer() fyne.WidgetRenderer { return &flowRenderer{f: f} }

type flowRenderer struct{ f *FlowBox }

func (r *flowRenderer) Layout(size fyne.Size) {
	r.f.place(size.Width, func(o fyne.CanvasObject, pos fyne.Position, s fyne.Size) {
		o.Move(pos)
		o.Resize(s)
	})
}

// MinSize is as wide as the widest object and as high as the lines at the
// width the box was last given.
func (r *flowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.f.widest(), r.f.heightAt(r.f.width))
}

func (r *flowRenderer) Refresh() {
	r.Layout(r.f.Size())
	for _, o := range r.f.objects {
		o.Refresh()
	}
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.f.objects }
func (r *flowRenderer) Destroy()                     {}

// MinWidth gives an object (an entry) a width of its own in a FlowBox.
type MinWidth struct{ Width float32 }

func (m *MinWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (m *MinWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(m.Width, 0)
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}
