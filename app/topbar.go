package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

const searchPlaceholder = `words "a phrase" prefix* title: after:2020-01-01`

// sortLabels are the sort choices in the order shown, indexed by db.Sort.
var sortLabels = [...]string{db.Relevance: "Relevance", db.Newest: "Newest", db.Oldest: "Oldest"}

// topBar is the row across the top: search, sort, import, count.
type topBar struct {
	root         fyne.CanvasObject
	entry        *searchEntry
	sort         *widget.Select
	count        *widget.Label
	importButton *widget.Button
}

func (ui *UI) buildTopBar(query string) {
	b := &ui.bar
	b.entry = newSearchEntry(ui.handleKey)
	b.entry.SetPlaceHolder(searchPlaceholder)
	b.entry.SetText(query)
	b.entry.OnChanged = func(string) { ui.scheduleSearch() }
	b.entry.OnSubmitted = func(string) { ui.searchNow() }

	b.sort = widget.NewSelect(sortLabels[:], func(label string) {
		for s, l := range sortLabels {
			if l == label {
				ui.setSort(db.Sort(s))
			}
		}
	})
	b.sort.SetSelected(sortLabels[ui.search.sort])

	b.importButton = widget.NewButtonWithIcon("Import…", theme.ContentAddIcon(), ui.chooseFilesToImport)
	b.importButton.Importance = widget.HighImportance

	b.count = widget.NewLabel("")
	b.count.TextStyle = fyne.TextStyle{Bold: true}

	right := container.NewHBox(b.count, b.sort, b.importButton)
	b.root = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), right, b.entry)
}

// setCount shows how many articles match; capped counts (the store stops
// counting at db.CountCap) read "10,000+ articles". order, when not "",
// says how the list is sorted although relevance was chosen (orderNote).
func (b *topBar) setCount(total int, capped bool, order string) {
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

// searchEntry is the search field. Keys that mean something to the window
// (Escape, Up, Down) are offered to it first, so the list can be driven
// without leaving the field.
type searchEntry struct {
	widget.Entry
	handleKey func(*fyne.KeyEvent) bool
}

func newSearchEntry(handleKey func(*fyne.KeyEvent) bool) *searchEntry {
	e := &searchEntry{handleKey: handleKey}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyUp, fyne.KeyDown, fyne.KeyF1:
		if e.handleKey(ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}
