package results

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// selection is the articles selected in the list besides the one open
// beside it. Ctrl+click (Cmd+click) adds a row to the selection or takes it
// out, Shift+click selects every row from the last one clicked; a plain
// click, or moving with the arrow keys, selects one row again. With two
// or more selected, the bar over the list says how many and offers what
// can be done to them all, and the Article menu acts on them all.
type selection struct {
	l      *List
	ids    map[int64]bool // two or more, or nil: just the open article
	anchor int64          // the row Shift+click extends from

	bar   *fyne.Container
	label *widget.Label
	star  *widget.Button
	read  *widget.Button
}

func newSelection(l *List) *selection {
	s := &selection{l: l}
	cfg := &l.cfg
	s.label = widget.NewLabel("")
	s.label.TextStyle = fyne.TextStyle{Bold: true}
	s.star = widget.NewButtonWithIcon("Star", kit.StarOutlineIcon, cfg.Star)
	s.read = widget.NewButtonWithIcon("Mark read", theme.VisibilityIcon(), cfg.Read)
	clear := widget.NewButtonWithIcon("", theme.CancelIcon(), s.clear)
	clear.Importance = widget.LowImportance
	buttons := kit.NewFlowBox(
		widget.NewButtonWithIcon("Tag…", kit.TagIcon, cfg.Tag),
		s.star, s.read,
		widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), cfg.Export),
		widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), cfg.Delete),
	)
	s.bar = container.NewVBox(
		container.NewPadded(container.NewVBox(container.NewBorder(nil, nil, nil, clear, s.label), buttons)),
		widget.NewSeparator())
	s.bar.Hide()
	return s
}

// chosen is the selected articles in list order, when two or more are.
func (s *selection) chosen() []int64 {
	if len(s.ids) < 2 {
		return nil
	}
	var ids []int64
	for _, h := range s.l.hits {
		if s.ids[h.ID] {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

// isChosen reports whether a row is tinted as one of several selected: the
// list tints the open article's row itself.
func (s *selection) isChosen(id int64) bool {
	return len(s.ids) > 1 && s.ids[id] && id != s.l.cfg.OpenID()
}

// rowTapped is a click on a row, with the modifier keys held.
func (s *selection) rowTapped(row int, mod fyne.KeyModifier) {
	l := s.l
	hits := l.hits
	if row < 0 || row >= len(hits) {
		return
	}
	id := hits[row].ID
	l.cfg.Window.Canvas().Focus(l.rows) // as a click on the list does
	anchor := l.Index(s.anchor)
	open := l.cfg.OpenID()
	switch {
	case mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		set := map[int64]bool{}
		for k := range s.ids {
			set[k] = true
		}
		if len(set) == 0 && open != 0 {
			set[open] = true
		}
		if set[id] {
			delete(set, id)
		} else {
			set[id] = true
		}
		s.anchor = id
		s.choose(set, id)
	case mod&fyne.KeyModifierShift != 0 && anchor >= 0:
		set := map[int64]bool{}
		for i := min(anchor, row); i <= max(anchor, row); i++ {
			set[hits[i].ID] = true
		}
		s.choose(set, id)
	default:
		s.anchor = id
		s.clear()
		l.rows.Select(row)
	}
}

// extendSelection is Shift+Down (step 1) or Shift+Up (-1) in the list: the
// selection runs from the anchor to the row after (before) the open one.
func (s *selection) extend(step int) {
	l := s.l
	hits := l.hits
	at := l.SelectedIndex()
	if at < 0 {
		l.MoveSelection(step)
		return
	}
	to := at + step
	if to < 0 || to >= len(hits) {
		return
	}
	anchor := l.Index(s.anchor)
	if anchor < 0 {
		anchor = at
		s.anchor = hits[at].ID
	}
	set := map[int64]bool{}
	for i := min(anchor, to); i <= max(anchor, to); i++ {
		set[hits[i].ID] = true
	}
	s.choose(set, hits[to].ID)
}

// choose selects a set of articles, opening prefer when it is one of them.
func (s *selection) choose(set map[int64]bool, prefer int64) {
	l := s.l
	if len(set) < 2 {
		s.ids = nil
		for id := range set {
			if i := l.Index(id); i >= 0 {
				l.rows.Select(i)
			}
		}
		s.show()
		return
	}
	s.ids = set
	open := l.cfg.OpenID()
	show := open
	if set[prefer] {
		show = prefer
	} else if !set[show] {
		show = s.chosen()[0]
	}
	if i := l.Index(show); i >= 0 && show != open {
		l.rows.Select(i)
	}
	s.show()
}

// clear makes the open article the only one selected.
func (s *selection) clear() {
	if s.ids == nil {
		return
	}
	s.ids = nil
	s.show()
}

// prune forgets selected articles the list no longer shows.
func (s *selection) prune() {
	if s.ids == nil {
		return
	}
	for id := range s.ids {
		if s.l.Index(id) < 0 {
			delete(s.ids, id)
		}
	}
	if len(s.ids) < 2 {
		s.ids = nil
	}
	s.show()
}

// show redraws the rows' tints and the bar, and tells the window.
func (s *selection) show() {
	s.l.rows.Refresh()
	ids := s.chosen()
	if len(ids) < 2 {
		s.bar.Hide()
	} else {
		s.label.SetText(fmt.Sprintf("%s selected", humanize.Thousands(len(ids))))
		starred, read := s.l.cfg.TargetState(ids)
		kit.SetStarButton(s.star, starred, "Star", "Unstar")
		kit.SetReadButton(s.read, read)
		s.bar.Show()
	}
	s.l.cfg.OnSelection()
}

// rowMenu is a row's menu, at the pointer: for the selection when the row
// is part of it, else for the row alone (which is selected first, as a
// file manager does).
func (s *selection) rowMenu(row int, at fyne.Position) {
	l := s.l
	if row < 0 || row >= len(l.hits) {
		return
	}
	if id := l.hits[row].ID; !(len(s.ids) > 1 && s.ids[id]) {
		s.anchor = id
		s.clear()
		l.rows.Select(row)
	}
	l.cfg.ShowMenu(at)
}
