package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
)

// selectionState is the articles selected in the list besides the one open
// beside it. Ctrl+click (Cmd+click) adds a row to the selection or takes it
// out, Shift+click selects every row from the last one clicked; a plain
// click, or moving with the arrow keys, selects one row again. With two
// or more selected, the bar over the list says how many and offers what
// can be done to them all, and the Article menu acts on them all.
type selectionState struct {
	ids    map[int64]bool // two or more, or nil: just the open article
	anchor int64          // the row Shift+click extends from

	bar   *fyne.Container
	label *widget.Label
	star  *widget.Button
	read  *widget.Button
}

func (ui *UI) buildSelectionBar() {
	s := &ui.sel
	s.label = widget.NewLabel("")
	s.label.TextStyle = fyne.TextStyle{Bold: true}
	s.star = widget.NewButtonWithIcon("Star", kit.StarOutlineIcon, ui.toggleStar)
	s.read = widget.NewButtonWithIcon("Mark read", theme.VisibilityIcon(), ui.toggleRead)
	clear := widget.NewButtonWithIcon("", theme.CancelIcon(), ui.clearChosen)
	clear.Importance = widget.LowImportance
	buttons := kit.NewFlowBox(
		widget.NewButtonWithIcon("Tag…", kit.TagIcon, ui.tagTargets),
		s.star, s.read,
		widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), ui.exportChosen),
		widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), ui.confirmDelete),
	)
	s.bar = container.NewVBox(
		container.NewPadded(container.NewVBox(container.NewBorder(nil, nil, nil, clear, s.label), buttons)),
		widget.NewSeparator())
	s.bar.Hide()
}

// chosen is the selected articles in list order, when two or more are.
func (ui *UI) chosen() []int64 {
	if len(ui.sel.ids) < 2 {
		return nil
	}
	var ids []int64
	for _, h := range ui.search.hits {
		if ui.sel.ids[h.ID] {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

// targets is what the Article menu acts on: the selected articles, else
// the one open.
func (ui *UI) targets() []int64 {
	if ids := ui.chosen(); len(ids) > 0 {
		return ids
	}
	if id := ui.reader.ArticleID(); id != 0 {
		return []int64{id}
	}
	return nil
}

// isChosen reports whether a row is tinted as one of several selected: the
// list tints the open article's row itself.
func (ui *UI) isChosen(id int64) bool {
	return len(ui.sel.ids) > 1 && ui.sel.ids[id] && id != ui.reader.ArticleID()
}

// rowTapped is a click on a row, with the modifier keys held.
func (ui *UI) rowTapped(row int, mod fyne.KeyModifier) {
	hits := ui.search.hits
	if row < 0 || row >= len(hits) {
		return
	}
	id := hits[row].ID
	ui.window.Canvas().Focus(ui.list) // as a click on the list does
	s := &ui.sel
	anchor := ui.hitIndex(s.anchor)
	switch {
	case mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		set := map[int64]bool{}
		for k := range s.ids {
			set[k] = true
		}
		if len(set) == 0 && ui.reader.ArticleID() != 0 {
			set[ui.reader.ArticleID()] = true
		}
		if set[id] {
			delete(set, id)
		} else {
			set[id] = true
		}
		s.anchor = id
		ui.choose(set, id)
	case mod&fyne.KeyModifierShift != 0 && anchor >= 0:
		set := map[int64]bool{}
		for i := min(anchor, row); i <= max(anchor, row); i++ {
			set[hits[i].ID] = true
		}
		ui.choose(set, id)
	default:
		s.anchor = id
		ui.clearChosen()
		ui.list.Select(row)
	}
}

// extendSelection is Shift+Down (step 1) or Shift+Up (-1) in the list: the
// selection runs from the anchor to the row after (before) the open one.
func (ui *UI) extendSelection(step int) {
	hits := ui.search.hits
	at := ui.selectedIndex()
	if at < 0 {
		ui.moveSelection(step)
		return
	}
	to := at + step
	if to < 0 || to >= len(hits) {
		return
	}
	anchor := ui.hitIndex(ui.sel.anchor)
	if anchor < 0 {
		anchor = at
		ui.sel.anchor = hits[at].ID
	}
	set := map[int64]bool{}
	for i := min(anchor, to); i <= max(anchor, to); i++ {
		set[hits[i].ID] = true
	}
	ui.choose(set, hits[to].ID)
}

// choose selects a set of articles, opening prefer when it is one of them.
func (ui *UI) choose(set map[int64]bool, prefer int64) {
	s := &ui.sel
	if len(set) < 2 {
		s.ids = nil
		for id := range set {
			if i := ui.hitIndex(id); i >= 0 {
				ui.list.Select(i)
			}
		}
		ui.selectionChanged()
		return
	}
	s.ids = set
	show := ui.reader.ArticleID()
	if set[prefer] {
		show = prefer
	} else if !set[show] {
		show = ui.chosen()[0]
	}
	if i := ui.hitIndex(show); i >= 0 && show != ui.reader.ArticleID() {
		ui.list.Select(i)
	}
	ui.selectionChanged()
}

// clearChosen makes the open article the only one selected.
func (ui *UI) clearChosen() {
	if ui.sel.ids == nil {
		return
	}
	ui.sel.ids = nil
	ui.selectionChanged()
}

// pruneChosen forgets selected articles the list no longer shows.
func (ui *UI) pruneChosen() {
	if ui.sel.ids == nil {
		return
	}
	for id := range ui.sel.ids {
		if ui.hitIndex(id) < 0 {
			delete(ui.sel.ids, id)
		}
	}
	if len(ui.sel.ids) < 2 {
		ui.sel.ids = nil
	}
	ui.selectionChanged()
}

// selectionChanged redraws the rows' tints, the bar and the menus.
func (ui *UI) selectionChanged() {
	s := &ui.sel
	ui.list.Refresh()
	ids := ui.chosen()
	if len(ids) < 2 {
		s.bar.Hide()
	} else {
		s.label.SetText(fmt.Sprintf("%s selected", humanize.Thousands(len(ids))))
		starred, read := ui.targetState(ids)
		kit.SetStarButton(s.star, starred, "Star", "Unstar")
		kit.SetReadButton(s.read, read)
		s.bar.Show()
	}
	ui.refreshMenus()
}

// targetState is whether every one of ids is starred, and read, as far as
// the loaded hits and the open article tell.
func (ui *UI) targetState(ids []int64) (starred, read bool) {
	starred, read = len(ids) > 0, len(ids) > 0
	for _, id := range ids {
		st, rd, ok := ui.knownState(id)
		if !ok {
			continue
		}
		starred = starred && st
		read = read && rd
	}
	return starred, read
}

func (ui *UI) knownState(id int64) (starred, read, ok bool) {
	if a, ok := ui.reader.Article(); ok && a.ID == id {
		return a.Starred, a.Read, true
	}
	if i := ui.hitIndex(id); i >= 0 {
		h := ui.search.hits[i]
		return h.Starred, h.Read, true
	}
	return false, false, false
}

// rowMenu is a row's menu, at the pointer: the Article menu's actions, for
// the selection when the row is part of it, else for the row alone (which
// is selected first, as a file manager does).
func (ui *UI) rowMenu(row int, at fyne.Position) {
	hits := ui.search.hits
	if row < 0 || row >= len(hits) {
		return
	}
	if id := hits[row].ID; !(len(ui.sel.ids) > 1 && ui.sel.ids[id]) {
		ui.sel.anchor = id
		ui.clearChosen()
		ui.list.Select(row)
	}
	// With several selected, only what applies to them all.
	oneOnly := map[string]bool{"Open original": true, "Copy article text": true, "Edit note": true, "Edit details…": true}
	items := ui.articleMenuItems()
	if len(ui.chosen()) > 0 {
		items = slices.DeleteFunc(items, func(it *fyne.MenuItem) bool { return oneOnly[it.Label] })
		items = items[1:] // the separator left first
	}
	items = slices.Insert(items, len(items)-2, fyne.NewMenuItem("Export…", ui.exportChosen)) // before Delete… and its separator
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), ui.window.Canvas(), at)
}
