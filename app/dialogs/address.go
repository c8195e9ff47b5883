// Package dialogs are the window's dialogs: what they show and ask, not
// what is done with the answer, which their callers are given.
package dialogs

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/fetch"
)

// AskWebAddress asks for web addresses to fetch, File ▸ Add web address…,
// over w; fetchThem is given them when the user confirms.
func AskWebAddress(w fyne.Window, fetchThem func([]string)) {
	d := newAddressDialog(w, fetchThem)
	d.dialog.Show()
	w.Canvas().Focus(d.entry)
}

// addressDialog asks for web addresses to fetch.
type addressDialog struct {
	entry  *addressEntry
	dialog *dialog.FormDialog
}

// addressEntry takes one address a line. Enter fetches, as in any dialog
// with one field — people paste an address and press Enter — and
// Shift+Enter starts a line for another (Fyne's multi-line entry has it the
// other way round).
type addressEntry struct {
	widget.Entry
	shift  kit.Shift
	submit func()
}

func newAddressEntry() *addressEntry {
	e := &addressEntry{}
	e.MultiLine = true
	e.ExtendBaseWidget(e)
	return e
}

// KeyDown notes Shift, which turns Enter into a new line.
func (e *addressEntry) KeyDown(k *fyne.KeyEvent) {
	e.shift.KeyDown(k)
	e.Entry.KeyDown(k)
}

// KeyUp notes Shift released.
func (e *addressEntry) KeyUp(k *fyne.KeyEvent) {
	e.shift.KeyUp(k)
	e.Entry.KeyUp(k)
}

// FocusLost forgets Shift, which may be let go elsewhere.
func (e *addressEntry) FocusLost() {
	e.shift.Release()
	e.Entry.FocusLost()
}

// TypedKey submits on Enter without Shift.
func (e *addressEntry) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.shift.Held() && e.submit != nil {
		e.submit()
		return
	}
	e.Entry.TypedKey(k)
}

func newAddressDialog(w fyne.Window, fetchThem func([]string)) *addressDialog {
	d := &addressDialog{entry: newAddressEntry()}
	d.entry.SetPlaceHolder("https://…")
	d.entry.SetMinRowsVisible(3)
	d.entry.Wrapping = fyne.TextWrapBreak
	d.entry.Validator = func(s string) error {
		_, err := webAddresses(s)
		return err
	}
	items := []*widget.FormItem{{Text: "Address", Widget: d.entry,
		HintText: "Enter fetches; Shift+Enter for another address. Each page is fetched once, now, and nothing it refers to: no images, scripts or cookies."}}
	d.dialog = dialog.NewForm("Add web address", "Fetch", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if addresses, err := webAddresses(d.entry.Text); err == nil {
			fetchThem(addresses)
		}
	}, w)
	d.entry.submit = d.dialog.Submit // does nothing while the text is not valid
	d.dialog.Resize(fyne.NewSize(560, 260))
	return d
}

// webAddresses reads the addresses typed or pasted, one a line (or
// separated by spaces), saying which one is not a web address.
func webAddresses(s string) ([]string, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, errors.New("enter a web address: https://…")
	}
	for _, f := range fields {
		if !fetch.IsAddress(f) {
			return nil, fmt.Errorf("%q is not a web address (http:// or https://)", f)
		}
	}
	return fields, nil
}
