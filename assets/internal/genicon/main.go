// Command genicon draws Clippings' application icon, a news clipping with a
// highlighted line on a blue tile, and writes it as a 512×512 PNG.
//
//	go run ./assets/internal/genicon -o assets/icon.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

// samples per pixel side: shapes are anti-aliased by supersampling.
const samples = 4

// shape reports whether a point (in icon pixels) is inside it.
type shape func(x, y float64) bool

// layer is a shape filled with a colour that may vary across the icon.
type layer struct {
	inside shape
	fill   func(x, y float64) color.NRGBA
}

func main() {
	out := flag.String("o", "icon.png", "where to write the PNG")
	flag.Parse()
	if err := write(*out, draw(layers())); err != nil {
		log.Fatal(err)
	}
}

func layers() []layer {
	tileTop := color.NRGBA{0x25, 0x63, 0xeb, 0xff}
	tileBottom := color.NRGBA{0x1e, 0x3a, 0x8a, 0xff}
	paper := solid(color.NRGBA{0xff, 0xff, 0xff, 0xff})
	shadow := solid(color.NRGBA{0x0b, 0x1b, 0x4d, 0x70})
	ink := solid(color.NRGBA{0x1f, 0x29, 0x37, 0xff})
	grey := solid(color.NRGBA{0x9c, 0xa3, 0xaf, 0xff})
	marker := solid(color.NRGBA{0xfa, 0xcc, 0x15, 0xff})

	// The clipping is tilted a little, as if just cut out and laid down.
	const tilt = -6 * math.Pi / 180
	const cx, cy = 256.0, 262.0
	onPaper := func(s shape) shape { return rotated(s, tilt, cx, cy) }

	ls := []layer{
		{roundedRect(16, 16, 496, 496, 96), func(_, y float64) color.NRGBA {
			return mix(tileTop, tileBottom, (y-16)/480)
		}},
		{onPaper(roundedRect(126, 104, 398, 434, 18)), shadow},
		{onPaper(roundedRect(112, 88, 384, 418, 18)), paper},
		{onPaper(roundedRect(144, 126, 352, 160, 8)), ink}, // headline
		{onPaper(roundedRect(144, 174, 300, 194, 6)), ink}, // second headline line
	}
	lines := []struct{ y, right float64 }{{226, 352}, {260, 352}, {294, 330}, {328, 352}, {362, 290}}
	for i, l := range lines {
		if i == 1 { // a search hit, marked like the app marks matched words
			ls = append(ls, layer{onPaper(roundedRect(136, l.y-12, 360, l.y+24, 6)), marker})
			ls = append(ls, layer{onPaper(roundedRect(144, l.y, l.right, l.y+12, 6)), ink})
			continue
		}
		ls = append(ls, layer{onPaper(roundedRect(144, l.y, l.right, l.y+12, 6)), grey})
	}
	return ls
}

// draw paints the layers in order, each pixel averaged over samples².
func draw(ls []layer) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := float64(px) + (float64(sx)+0.5)/samples
					y := float64(py) + (float64(sy)+0.5)/samples
					cr, cg, cb, ca := 0.0, 0.0, 0.0, 0.0
					for _, l := range ls {
						if !l.inside(x, y) {
							continue
						}
						c := l.fill(x, y)
						fa := float64(c.A) / 255
						cr = cr*(1-fa) + float64(c.R)*fa
						cg = cg*(1-fa) + float64(c.G)*fa
						cb = cb*(1-fa) + float64(c.B)*fa
						ca = ca*(1-fa) + fa
					}
					r, g, b, a = r+cr, g+cg, b+cb, a+ca
				}
			}
			n := float64(samples * samples)
			if a == 0 {
				continue
			}
			// Colours were accumulated premultiplied; undo that for NRGBA.
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(a / n * 255)),
			})
		}
	}
	return img
}

func roundedRect(x0, y0, x1, y1, radius float64) shape {
	return func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		dx := math.Max(math.Max(x0+radius-x, x-(x1-radius)), 0)
		dy := math.Max(math.Max(y0+radius-y, y-(y1-radius)), 0)
		return dx*dx+dy*dy <= radius*radius
	}
}

// rotated turns a shape by angle (radians) around (cx, cy).
func rotated(s shape, angle, cx, cy float64) shape {
	sin, cos := math.Sincos(-angle)
	return func(x, y float64) bool {
		dx, dy := x-cx, y-cy
		return s(cx+dx*cos-dy*sin, cy+dx*sin+dy*cos)
	}
}

func solid(c color.NRGBA) func(x, y float64) color.NRGBA {
	return func(_, _ float64) color.NRGBA { return c }
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = math.Min(math.Max(t, 0), 1)
	lerp := func(p, q uint8) uint8 { return uint8(math.Round(float64(p)*(1-t) + float64(q)*t)) }
	return color.NRGBA{lerp(a.R, b.R), lerp(a.G, b.G), lerp(a.B, b.B), lerp(a.A, b.A)}
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create icon: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode icon: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write icon: %w", err)
	}
	return nil
}
