package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// maxSuggestions is how many existing tags are offered while a name is
// typed.
const maxSuggestions = 6

// TagField is a field for a tag's name that offers the existing tags the
// typed text matches, as buttons below it (its Suggestions, placed by its
// owner): Down and Up pick one, Enter takes the one picked or else the
// name as typed, a click takes one.
type TagField struct {
	widget.Entry
	Suggestions *FlowBox
	choices     func() []string // every tag that may be offered
	onAccept    func(name string)

	matches []string
	pick    int // the picked suggestion, -1 for none
}

// NewTagField makes a field offering choices (every tag that may be offered),
// calling onAccept with the name taken.
func NewTagField(choices func() []string, onAccept func(string)) *TagField {
	t := &TagField{choices: choices, onAccept: onAccept, pick: -1, Suggestions: NewFlowBox()}
	t.ExtendBaseWidget(t)
	t.Suggestions.Hide()
	t.OnChanged = func(string) { t.pick = -1; t.suggest() }
	t.OnSubmitted = func(string) { t.Accept() }
	return t
}

// Offered are the tags offered for the text typed.
func (t *TagField) Offered() []string { return t.matches }

// Accept takes the picked suggestion, or the name typed.
func (t *TagField) Accept() {
	name := t.Text
	if t.pick >= 0 && t.pick < len(t.matches) {
		name = t.matches[t.pick]
	}
	if db.CleanTagName(name) == "" {
		return
	}
	t.SetText("")
	t.onAccept(db.CleanTagName(name))
}

func (t *TagField) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if len(t.matches) == 0 {
			return
		}
		step := 1
		if ev.Name == fyne.KeyUp {
			step = -1
		}
		t.pick = (t.pick + step + len(t.matches) + 1) % (len(t.matches) + 1)
		if t.pick == len(t.matches) {
			t.pick = -1 // back to what was typed
		}
		t.showSuggestions()
		return
	case fyne.KeyEscape:
		if t.Text != "" {
			t.SetText("")
			return
		}
	}
	t.Entry.TypedKey(ev)
}

// suggest finds the tags the text matches: those starting with it first,
// then those containing it, without tags already taken.
func (t *TagField) suggest() {
	typed := strings.ToLower(db.CleanTagName(t.Text))
	t.matches = t.matches[:0]
	if typed != "" {
		var starts, contains []string
		for _, name := range t.choices() {
			lower := strings.ToLower(name)
			switch {
			case lower == typed:
				starts = append([]string{name}, starts...)
			case strings.HasPrefix(lower, typed):
				starts = append(starts, name)
			case strings.Contains(lower, typed):
				contains = append(contains, name)
			}
		}
		t.matches = append(starts, contains...)
		if len(t.matches) > maxSuggestions {
			t.matches = t.matches[:maxSuggestions]
		}
	}
	t.showSuggestions()
}

func (t *TagField) showSuggestions() {
	if len(t.matches) == 0 {
		t.Suggestions.Hide()
		t.Suggestions.SetObjects()
		return
	}
	var buttons []fyne.CanvasObject
	for i, name := range t.matches {
		b := widget.NewButtonWithIcon(name, TagIcon, func() {
			t.SetText("")
			t.onAccept(name)
		})
		b.Importance = widget.LowImportance
		if i == t.pick {
			b.Importance = widget.HighImportance
		}
		buttons = append(buttons, b)
	}
	t.Suggestions.SetObjects(buttons...)
	t.Suggestions.Show()
}

// SameTag is how the window compares tag names until the archive says:
// case and spacing do not matter.
func SameTag(a, b string) bool { return strings.EqualFold(db.CleanTagName(a), db.CleanTagName(b)) }
