package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/searchbar"
	"github.com/clippings/clippings/db"
)

// savedNameLength is as much of a query as a new saved search is named
// after.
const savedNameLength = 40

// saveSearchDialog names the current query and sort and keeps them in the
// sidebar. In the note field, Ctrl+S saves the note instead: that is what
// the keys mean to someone typing.
func (ui *UI) saveSearchDialog() {
	if ui.refuseChange() {
		return
	}
	if ui.window.Canvas().Focused() == ui.detail.note {
		ui.saveNote()
		return
	}
	query, sort := strings.TrimSpace(ui.bar.Query()), ui.bar.Sort()
	name := widget.NewEntry()
	name.SetText(suggestedName(query, ui.side.saved))
	name.Validator = func(s string) error {
		if humanize.IsBlank(s) {
			return errors.New("a saved search needs a name")
		}
		return nil
	}
	what := widget.NewLabel(fmt.Sprintf("“%s”, %s", query, strings.ToLower(searchbar.SortLabels[sort])))
	if query == "" {
		what.SetText("Every article, " + strings.ToLower(searchbar.SortLabels[sort]))
	}
	what.Wrapping = fyne.TextWrapWord
	nameItem := widget.NewFormItem("Name", name)
	nameItem.HintText = "Saving under a name already used replaces that search."
	d := dialog.NewForm("Save search", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Search", what), nameItem,
	}, func(ok bool) {
		if !ok {
			return
		}
		n := strings.TrimSpace(name.Text)
		ui.tasks.Go(func() {
			_, err := ui.store.SaveSearch(ui.ctx, n, query, sort)
			ui.tasks.Do(func() {
				if err != nil {
					ui.showError(fmt.Errorf("the search was not saved: %w", err))
				}
				ui.refreshSidebar()
			})
		})
	}, ui.window)
	name.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 560)
	ui.window.Canvas().Focus(name)
	name.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// suggestedName is a name for a query: the query itself, shortened, and
// not the name of another saved search unless that one is this query.
func suggestedName(query string, saved []savedCount) string {
	name := strings.Join(strings.Fields(query), " ")
	switch {
	case name == "":
		name = "All articles"
	case len([]rune(name)) > savedNameLength:
		name = strings.TrimSpace(string([]rune(name)[:savedNameLength])) + "…"
	}
	for _, s := range saved {
		if strings.TrimSpace(s.Query) == strings.TrimSpace(query) {
			return s.Name
		}
	}
	return name
}

// savedSearchMenu is a saved search's menu in the sidebar.
func (ui *UI) savedSearchMenu(s db.SavedSearch, at int, pos fyne.Position) {
	sort := s.Sort
	update := fyne.NewMenuItem("Replace with the current search", func() {
		query, sort := strings.TrimSpace(ui.bar.Query()), ui.bar.Sort()
		ui.savedSearchChange(func() error {
			_, err := ui.store.SaveSearch(ui.ctx, s.Name, query, sort)
			return err
		})
	})
	up := fyne.NewMenuItem("Move up", func() { ui.moveSavedSearch(at, -1) })
	down := fyne.NewMenuItem("Move down", func() { ui.moveSavedSearch(at, 1) })
	up.Disabled = at == 0
	down.Disabled = at == len(ui.side.saved)-1
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Show articles", func() { ui.runQuery(s.Query, &sort) }),
		fyne.NewMenuItem("Rename…", func() { ui.renameSavedSearch(s) }),
		update, up, down,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete…", func() { ui.confirmDeleteSavedSearch(s) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, ui.window.Canvas(), pos)
}

// savedSearchChange changes the saved searches in the background, then
// shows them.
func (ui *UI) savedSearchChange(fn func() error) {
	if ui.refuseChange() {
		return
	}
	ui.tasks.Go(func() {
		err := fn()
		ui.tasks.Do(func() {
			if err != nil && ui.ctx.Err() == nil {
				ui.showError(err)
			}
			ui.refreshSidebar()
		})
	})
}

// renameSavedSearch asks for a saved search's new name; a name another
// one has is refused, and asked again.
func (ui *UI) renameSavedSearch(s db.SavedSearch) {
	if ui.refuseChange() {
		return
	}
	ui.showRenameSavedSearch(s, s.Name, "")
}

func (ui *UI) showRenameSavedSearch(s db.SavedSearch, name, problem string) {
	entry := widget.NewEntry()
	entry.SetText(name)
	entry.Validator = func(t string) error {
		if humanize.IsBlank(t) {
			return errors.New("a saved search needs a name")
		}
		return nil
	}
	var items []*widget.FormItem
	if problem != "" {
		items = append(items, widget.NewFormItem("", kit.ProblemNote(problem)))
	}
	items = append(items, widget.NewFormItem("New name", entry))
	d := dialog.NewForm("Rename “"+s.Name+"”", "Rename", "Cancel", items, func(ok bool) {
		to := strings.TrimSpace(entry.Text)
		if !ok || to == s.Name {
			return
		}
		ui.tasks.Go(func() {
			err := ui.store.RenameSavedSearch(ui.ctx, s.ID, to)
			ui.tasks.Do(func() {
				switch {
				case errors.Is(err, db.ErrNameTaken):
					ui.showRenameSavedSearch(s, to, fmt.Sprintf("Another saved search is called “%s”. Choose another name, or delete that one first.", to))
				case err != nil:
					ui.showError(fmt.Errorf("the saved search was not renamed: %w", err))
				}
				ui.refreshSidebar()
			})
		})
	}, ui.window)
	entry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 520)
	ui.window.Canvas().Focus(entry)
}

// confirmDeleteSavedSearch asks before forgetting a saved search.
func (ui *UI) confirmDeleteSavedSearch(s db.SavedSearch) {
	msg := widget.NewLabel(fmt.Sprintf("The saved search “%s” will be forgotten. The articles it finds are not touched.", s.Name))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete the saved search?", "Delete", "Cancel", msg, func(ok bool) {
		if ok {
			ui.savedSearchChange(func() error { return ui.store.DeleteSavedSearch(ui.ctx, s.ID) })
		}
	}, ui.window)
	d.SetConfirmImportance(widget.DangerImportance)
	kit.ShowSized(d, 480)
}

// moveSavedSearch moves the saved search at index i step places.
func (ui *UI) moveSavedSearch(i, step int) {
	saved := ui.side.saved
	j := i + step
	if i < 0 || j < 0 || i >= len(saved) || j >= len(saved) {
		return
	}
	ids := make([]int64, len(saved))
	for k, s := range saved {
		ids[k] = s.ID
	}
	ids[i], ids[j] = ids[j], ids[i]
	ui.savedSearchChange(func() error { return ui.store.MoveSavedSearches(ui.ctx, ids) })
}
