package kit

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	l := func(c color.Color) float64 {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		lin := func(v uint8) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
	}
	la, lb := l(a), l(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over is c drawn over an opaque background.
func over(c, bg color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{R: mix(n.R, b.R), G: mix(n.G, b.G), B: mix(n.B, b.B), A: 0xff}
}

func TestLightThemeIsLegible(t *testing.T) {
	th := NewTheme()
	v := theme.VariantLight
	white := th.Color(theme.ColorNameBackground, v)
	selected := over(th.Color(theme.ColorNameSelection, v), white)
	for _, c := range []struct {
		what    string
		fg, bg  color.Color
		minimum float64
	}{
		{"radio and entry outlines", th.Color(theme.ColorNameInputBorder, v), th.Color(theme.ColorNameOverlayBackground, v), 3},
		{"dim text", th.Color(theme.ColorNamePlaceHolder, v), white, 4.5},
		{"a selected row's date", th.Color(theme.ColorNamePlaceHolder, v), selected, 3.5},
		{"a selected row's text", th.Color(theme.ColorNameForeground, v), selected, 4.5},
		{"a selected row's marked words", th.Color(theme.ColorNamePrimary, v), selected, 3},
	} {
		if got := contrast(c.fg, c.bg); got < c.minimum {
			t.Errorf("%s: contrast %.2f:1, want at least %.1f:1", c.what, got, c.minimum)
		}
	}
	if contrast(th.Color(theme.ColorNamePlaceHolder, v), white) >= contrast(th.Color(theme.ColorNameForeground, v), white) {
		t.Error("dim text is as dark as text")
	}
	dark := theme.VariantDark
	if th.Color(theme.ColorNamePlaceHolder, dark) != theme.DefaultTheme().Color(theme.ColorNamePlaceHolder, dark) {
		t.Error("the dark variant was changed")
	}
}
