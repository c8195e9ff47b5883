// Package assets holds the files Clippings ships inside its binary.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./internal/genicon -o icon.png

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon, 512×512 PNG.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
