package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

// noteDelay is the pause in typing after which a note is saved. It is also
// saved when the field loses the focus, another article is opened, and the
// window closes.
const noteDelay = time.Second

// noteState is the note being edited and its saving. Notes are written in
// the background; each write carries a number, and one that a later write
// of the same article's note overtook is not made, so the last text typed
// is the one kept.
type noteState struct {
	of      int64  // the article the note field holds, 0 for none
	saved   string // its text as last sent to the archive
	seq     uint64 // numbers the writes
	pending map[int64]string

	timer *tasks.Timer // saves after a pause in typing

	writeMu sync.Mutex       // one write at a time
	written map[int64]uint64 // the latest write made, by article
}

// noteEntry is the note field: several lines, wrapped, saved when it loses
// the focus.
type noteEntry struct {
	widget.Entry
	onBlur func()
}

func newNoteEntry() *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder("Add a note… (plain text or Markdown; saved as you type)")
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(2)
	return e
}

func (e *noteEntry) FocusGained() {
	e.Entry.FocusGained()
	e.fit(true)
}

func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	e.fit(false)
	if e.onBlur != nil {
		e.onBlur()
	}
}

// fit makes the field two lines high while it is empty and idle, five
// while it is used.
func (e *noteEntry) fit(focused bool) {
	rows := 2
	if focused || e.Text != "" {
		rows = 5
	}
	e.SetMinRowsVisible(rows)
}

// loadNote puts a newly opened article's note in the note field; the text
// of a write still on its way, if any, is the newer one.
func (ui *UI) loadNote(a *db.Article) {
	n := &ui.detail.notes
	ui.stopNoteTimer()
	text := a.Note
	if pending, ok := n.pending[a.ID]; ok {
		text = pending
	}
	n.of = 0 // setting the text is not typing
	n.saved = text
	ui.detail.note.SetText(text)
	ui.detail.note.fit(ui.window.Canvas().Focused() == ui.detail.note)
	n.of = a.ID
	ui.setNoteLine("")
}

// noteChanged saves the note after a pause in typing.
func (ui *UI) noteChanged() {
	n := &ui.detail.notes
	if n.of == 0 || ui.detail.note.Text == n.saved {
		return
	}
	ui.setNoteLine("Editing…")
	n.timer.Start(ui.opt.noteDelay, ui.saveNote)
}

func (ui *UI) stopNoteTimer() { ui.detail.notes.timer.Stop() }

// saveNote writes the note field's text if it changed. The write is not
// cancelled by closing the window: Shutdown waits for it.
func (ui *UI) saveNote() {
	n := &ui.detail.notes
	ui.stopNoteTimer()
	if ui.readOnly() {
		return // the note field is disabled: nothing was typed
	}
	text := ui.detail.note.Text
	if n.of == 0 || text == n.saved {
		return
	}
	id := n.of
	n.saved = text
	n.seq++
	seq := n.seq
	if n.pending == nil {
		n.pending = map[int64]string{}
	}
	n.pending[id] = text
	ui.setNoteLine("Saving…")
	ui.tasks.Go(func() {
		err := ui.writeNote(id, text, seq)
		ui.tasks.Do(func() { ui.noteSaved(id, text, seq, err) })
	})
}

func (ui *UI) writeNote(id int64, text string, seq uint64) error {
	n := &ui.detail.notes
	n.writeMu.Lock()
	defer n.writeMu.Unlock()
	if n.written == nil {
		n.written = map[int64]uint64{}
	}
	if seq < n.written[id] {
		return nil // a later text was written already
	}
	n.written[id] = seq
	return ui.store.SetNote(context.WithoutCancel(ui.ctx), id, text)
}

func (ui *UI) noteSaved(id int64, text string, seq uint64, err error) {
	n := &ui.detail.notes
	if seq == n.seq {
		delete(n.pending, id)
	}
	if err != nil && isNotFound(err) {
		err = nil // deleted meanwhile
	}
	if err != nil {
		if n.of == id && n.saved == text {
			n.saved = "\x00" // not saved: the next pause or leaving the field tries again
			ui.setNoteLine("Not saved: " + humanize.DescribeError(err))
		}
		if ui.ctx.Err() == nil {
			ui.showError(fmt.Errorf("the note of article #%d was not saved: %w", id, err))
		}
		return
	}
	if a := ui.detail.article; a != nil && a.ID == id {
		a.Note = text
	}
	if n.of == id && seq == n.seq {
		ui.setNoteLine("Saved")
	}
	if ui.ctx.Err() == nil {
		ui.refreshResults() // a note is searched with the article
	}
}

func (ui *UI) setNoteLine(text string) {
	l := ui.detail.noteLine
	kit.SetDimText(l, text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// editNote puts the cursor in the open article's note.
func (ui *UI) editNote() {
	if ui.detail.article == nil || ui.refuseChange() {
		return
	}
	ui.window.Canvas().Focus(ui.detail.note)
	ui.detail.scroll.ScrollToTop()
}
