package kit

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ProgressInterval limits progress redraws during work on many small
// things (files imported, articles exported).
const ProgressInterval = 50 * time.Millisecond

// NewQuietProgressBar is a thin progress bar without a label: Fyne writes
// its label in white on the half-transparent primary colour, which cannot
// be read on the light theme. The count goes in a label of its own.
func NewQuietProgressBar() *widget.ProgressBar {
	p := widget.NewProgressBar()
	p.TextFormatter = func() string { return "" }
	return p
}

// SetStarButton names a button after what it will do: star, or unstar.
func SetStarButton(b *widget.Button, starred bool, star, unstar string) {
	icon, text := StarOutlineIcon, star
	if starred {
		icon, text = StarIcon, unstar
	}
	if b.Text != text || b.Icon != icon {
		b.Text, b.Icon = text, icon
		b.Refresh()
	}
}

// SetReadButton names a button after what it will do: mark read, or unread.
func SetReadButton(b *widget.Button, read bool) {
	icon, text := fyne.Resource(theme.VisibilityIcon()), "Mark read"
	if read {
		icon, text = theme.VisibilityOffIcon(), "Mark unread"
	}
	if b.Text != text {
		b.Text, b.Icon = text, icon
		b.Refresh()
	}
}
