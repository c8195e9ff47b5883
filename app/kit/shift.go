package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Shift follows the Shift keys for a focusable widget: Fyne gives Shift
// with Enter or an arrow neither as a shortcut nor in the key event, only
// as its own key going down and up (desktop.Keyable).
type Shift struct{ held bool }

// KeyDown notes a Shift key pressed.
func (s *Shift) KeyDown(ev *fyne.KeyEvent) {
	if isShift(ev) {
		s.held = true
	}
}

// KeyUp notes a Shift key released.
func (s *Shift) KeyUp(ev *fyne.KeyEvent) {
	if isShift(ev) {
		s.held = false
	}
}

// Release forgets Shift, for when the widget loses focus: the key may be
// let go while another widget hears it.
func (s *Shift) Release() { s.held = false }

// Held reports whether a Shift key is down.
func (s *Shift) Held() bool { return s.held }

func isShift(ev *fyne.KeyEvent) bool {
	return ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight
}
