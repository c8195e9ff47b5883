// Package searchbar is the row across the top of the window: the search
// field, the sort, the count of matches and the Import… button. It owns
// the query being typed and the sort chosen, and says when to search: after
// a pause in typing, at once on Enter.
package searchbar

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

// searchDelay lets a word be typed before it is searched.
const searchDelay = 150 * time.Millisecond

const placeholder = `words "a phrase" prefix* title: after:2020-01-01`

// SortLabels are the sort choices in the order shown, indexed by db.Sort.
var SortLabels = [...]string{db.Relevance: "Relevance", db.Newest: "Newest", db.Oldest: "Oldest"}

// Config is what the bar is built with.
type Config struct {
	Query string  // in the field at first
	Sort  db.Sort // chosen at first
	Tasks *tasks.Group
	// HandleKey is offered the keys that mean something to the window
	// (Escape, Up, Down, F1) before the field; true: it took the key.
	HandleKey func(*fyne.KeyEvent) bool
	OnSearch  func()        // search the field's query now
	OnSort    func(db.Sort) // the user chose another sort
	OnImport  func()        // the Import… button
}

// Bar is the search bar.
type Bar struct {
	root         fyne.CanvasObject
	entry        *Field
	sortSelect   *widget.Select
	count        *widget.Label
	importButton *widget.Button

	sort     db.Sort
	typing   *tasks.Timer // the search waits for a pause in typing
	onSearch func()
	onSort   func(db.Sort)
}

// New makes the bar.
func New(cfg Config) *Bar {
	b := &Bar{sort: cfg.Sort, typing: cfg.Tasks.NewTimer(), onSearch: cfg.OnSearch, onSort: cfg.OnSort}
	b.entry = newField(cfg.HandleKey)
	b.entry.SetPlaceHolder(placeholder)
	b.entry.SetText(cfg.Query)
	b.entry.OnChanged = func(string) { b.typing.Start(searchDelay, b.onSearch) }
	b.entry.OnSubmitted = func(string) { b.onSearch() }

	b.sortSelect = widget.NewSelect(SortLabels[:], func(label string) {
		for s, l := range SortLabels {
			if l == label && db.Sort(s) != b.sort {
				b.sort = db.Sort(s)
				b.onSort(b.sort)
			}
		}
	})
	b.sortSelect.SetSelected(SortLabels[b.sort])

	b.importButton = widget.NewButtonWithIcon("Import…", theme.ContentAddIcon(), cfg.OnImport)
	b.importButton.Importance = widget.HighImportance

	b.count = widget.NewLabel("")
	b.count.TextStyle = fyne.TextStyle{Bold: true}

	right := container.NewHBox(b.count, b.sortSelect, b.importButton)
	b.root = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), right, b.entry)
	return b
}

// Object is what the window lays out.
func (b *Bar) Object() fyne.CanvasObject { return b.root }

// Query is the text in the search field.
func (b *Bar) Query() string { return b.entry.Text }

// SetQuery puts a query in the field; as typing does, that searches after
// a pause (Settle searches at once).
func (b *Bar) SetQuery(query string) { b.entry.SetText(query) }

// Sort is the sort chosen.
func (b *Bar) Sort() db.Sort { return b.sort }

// SetSort shows another sort as chosen (from the menu, a saved search).
func (b *Bar) SetSort(sort db.Sort) {
	b.sort = sort
	b.sortSelect.SetSelected(SortLabels[sort])
}

// Typing reports whether a search waits for a pause in typing.
func (b *Bar) Typing() bool { return b.typing.Pending() }

// Settle forgets the search waiting for a pause in typing: the query is
// being searched now.
func (b *Bar) Settle() { b.typing.Stop() }

// Focus puts the cursor in the search field with its text selected, so
// typing replaces the query.
func (b *Bar) Focus(c fyne.Canvas) {
	c.Focus(b.entry)
	b.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// Field is the search field itself.
func (b *Bar) Field() *Field { return b.entry }

// ReadOnly turns off importing.
func (b *Bar) ReadOnly() { b.importButton.Disable() }

// CountText is what the count says.
func (b *Bar) CountText() string { return b.count.Text }

// SetCount shows how many articles match; capped counts (the store stops
// counting at db.CountCap) read "10,000+ articles". order, when not "",
// says how the list is sorted although relevance was chosen.
func (b *Bar) SetCount(total int, capped bool, order string) {
	var text string
	switch {
	case capped:
		text = humanize.Thousands(total) + "+ articles"
	case total == 0:
		text = "No articles"
	case total == 1:
		text = "1 article"
	default:
		text = humanize.Thousands(total) + " articles"
	}
	if order != "" {
		text += " · " + order
	}
	b.count.SetText(text)
}

// Field is the search field. Keys that mean something to the window
// (Escape, Up, Down, F1) are offered to it first, so the list can be driven
// without leaving the field.
type Field struct {
	widget.Entry
	handleKey func(*fyne.KeyEvent) bool
}

func newField(handleKey func(*fyne.KeyEvent) bool) *Field {
	e := &Field{handleKey: handleKey}
	e.ExtendBaseWidget(e)
	return e
}

func (e *Field) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyUp, fyne.KeyDown, fyne.KeyF1:
		if e.handleKey(ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}
