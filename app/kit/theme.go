package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's theme, dark or light as the system (or FYNE_THEME)
// says, with three colours of the light variant made legible:
//
//   - Fyne draws an unselected radio button and an entry's border in
//     #e3e3e3 on white, about 1.2:1: the unselected choices of a dialog
//     look like empty space.
//   - Dim text (dates, bylines, hints) is #888, 3.5:1 on white, and 2.4:1
//     on a selected row, where a result's date could hardly be read.
//   - The selected row's tint is lightened to match, so it still reads as
//     selected while the text on it keeps its contrast.
type appTheme struct{ fyne.Theme }

func NewTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

var (
	// lightInputBorder is the lightest grey with 3:1 on white, what an
	// outline needs to be made out.
	lightInputBorder = color.NRGBA{R: 0x94, G: 0x94, B: 0x94, A: 0xff}
	// lightPlaceHolder has about 5:1 on white, and stays lighter than the
	// text (#565656) so that dim text still looks dim.
	lightPlaceHolder = color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xff}
)

func (t appTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	c := t.Theme.Color(name, v)
	if v != theme.VariantLight {
		return c
	}
	switch name {
	case theme.ColorNameInputBorder:
		return lightInputBorder
	case theme.ColorNamePlaceHolder:
		return lightPlaceHolder
	case theme.ColorNameSelection:
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		n.A = n.A * 3 / 5
		return n
	}
	return c
}
