package reader

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

// notes is the note field of the article pane and its saving. A note is
// saved after a pause in typing, when the field loses the focus, when
// another article is opened, and when the window closes. Notes are written
// in the background; each write carries a number, and one that a later
// write of the same article's note overtook is not made, so the last text
// typed is the one kept.
type notes struct {
	cfg   *Config
	field *NoteEntry
	line  *widget.RichText // "Saved", or why not
	// saved is told a note was written, for the article shown.
	saved func(id int64, text string)

	of      int64  // the article the note field holds, 0 for none
	text    string // its text as last sent to the archive
	seq     uint64 // numbers the writes
	pending map[int64]string
	timer   *tasks.Timer // saves after a pause in typing

	writeMu sync.Mutex       // one write at a time
	written map[int64]uint64 // the latest write made, by article
}

func newNotes(cfg *Config, saved func(id int64, text string)) *notes {
	n := &notes{cfg: cfg, field: newNoteEntry(), line: kit.DimText("", theme.SizeNameCaptionText),
		saved: saved, timer: cfg.Tasks.NewTimer()}
	n.field.OnChanged = func(string) { n.changed() }
	n.field.onBlur = n.save
	return n
}

// NoteEntry is the note field: several lines, wrapped, saved when it loses
// the focus.
type NoteEntry struct {
	widget.Entry
	onBlur func()
}

func newNoteEntry() *NoteEntry {
	e := &NoteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder("Add a note… (plain text or Markdown; saved as you type)")
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(2)
	return e
}

func (e *NoteEntry) FocusGained() {
	e.Entry.FocusGained()
	e.fit(true)
}

func (e *NoteEntry) FocusLost() {
	e.Entry.FocusLost()
	e.fit(false)
	if e.onBlur != nil {
		e.onBlur()
	}
}

// fit makes the field two lines high while it is empty and idle, five
// while it is used.
func (e *NoteEntry) fit(focused bool) {
	rows := 2
	if focused || e.Text != "" {
		rows = 5
	}
	e.SetMinRowsVisible(rows)
}

// load puts a newly opened article's note in the note field; the text of
// a write still on its way, if any, is the newer one.
func (n *notes) load(a *db.Article) {
	n.timer.Stop()
	text := a.Note
	if pending, ok := n.pending[a.ID]; ok {
		text = pending
	}
	n.of = 0 // setting the text is not typing
	n.text = text
	n.field.SetText(text)
	n.field.fit(n.cfg.Window.Canvas().Focused() == n.field)
	n.of = a.ID
	n.setLine("")
}

// close forgets the article, its note saved first.
func (n *notes) close() {
	n.save()
	n.of = 0
}

// changed saves the note after a pause in typing.
func (n *notes) changed() {
	if n.of == 0 || n.field.Text == n.text {
		return
	}
	n.setLine("Editing…")
	n.timer.Start(n.cfg.NoteDelay, n.save)
}

// save writes the note field's text if it changed. The write is not
// cancelled by closing the window: the window waits for it.
func (n *notes) save() {
	n.timer.Stop()
	if n.cfg.ReadOnly {
		return // the note field is disabled: nothing was typed
	}
	text := n.field.Text
	if n.of == 0 || text == n.text {
		return
	}
	id := n.of
	n.text = text
	n.seq++
	seq := n.seq
	if n.pending == nil {
		n.pending = map[int64]string{}
	}
	n.pending[id] = text
	n.setLine("Saving…")
	g := n.cfg.Tasks
	g.Go(func() {
		err := n.write(id, text, seq)
		g.Do(func() { n.writeDone(id, text, seq, err) })
	})
}

func (n *notes) write(id int64, text string, seq uint64) error {
	n.writeMu.Lock()
	defer n.writeMu.Unlock()
	if n.written == nil {
		n.written = map[int64]uint64{}
	}
	if seq < n.written[id] {
		return nil // a later text was written already
	}
	n.written[id] = seq
	return n.cfg.Store.SetNote(context.WithoutCancel(n.cfg.Ctx), id, text)
}

// writeDone shows that a write ended.
func (n *notes) writeDone(id int64, text string, seq uint64, err error) {
	if seq == n.seq {
		delete(n.pending, id)
	}
	if err != nil && isNotFound(err) {
		err = nil // deleted meanwhile
	}
	if err != nil {
		if n.of == id && n.text == text {
			n.text = "\x00" // not saved: the next pause or leaving the field tries again
			n.setLine("Not saved: " + humanize.DescribeError(err))
		}
		if n.cfg.Ctx.Err() == nil {
			n.cfg.Fail(fmt.Errorf("the note of article #%d was not saved: %w", id, err))
		}
		return
	}
	n.saved(id, text)
	if n.of == id && seq == n.seq {
		n.setLine("Saved")
	}
	if n.cfg.Ctx.Err() == nil {
		n.cfg.OnNoteSaved() // a note is searched with the article
	}
}

func (n *notes) setLine(text string) {
	kit.SetDimText(n.line, text)
	if text == "" {
		n.line.Hide()
	} else {
		n.line.Show()
	}
}
