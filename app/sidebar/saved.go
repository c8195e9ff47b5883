package sidebar

import (
	"context"
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

// SaveSearch names a query and sort in a dialog and keeps them in the
// sidebar.
func (s *Sidebar) SaveSearch(query string, sort db.Sort) {
	if s.cfg.Refuse() {
		return
	}
	query = strings.TrimSpace(query)
	name := widget.NewEntry()
	name.SetText(suggestedName(query, s.saved))
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
		s.savedChange(func(ctx context.Context) error {
			if _, err := s.cfg.Store.SaveSearch(ctx, n, query, sort); err != nil {
				return fmt.Errorf("the search was not saved: %w", err)
			}
			return nil
		})
	}, s.cfg.Window)
	name.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 560)
	s.cfg.Window.Canvas().Focus(name)
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

// savedMenu is a saved search's menu in the sidebar.
func (s *Sidebar) savedMenu(ss db.SavedSearch, at int, pos fyne.Position) {
	sort := ss.Sort
	update := fyne.NewMenuItem("Replace with the current search", func() {
		query, sort := s.cfg.Current()
		query = strings.TrimSpace(query)
		s.savedChange(func(ctx context.Context) error {
			_, err := s.cfg.Store.SaveSearch(ctx, ss.Name, query, sort)
			return err
		})
	})
	up := fyne.NewMenuItem("Move up", func() { s.moveSaved(at, -1) })
	down := fyne.NewMenuItem("Move down", func() { s.moveSaved(at, 1) })
	up.Disabled = at == 0
	down.Disabled = at == len(s.saved)-1
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Show articles", func() { s.cfg.OnQuery(ss.Query, &sort) }),
		fyne.NewMenuItem("Rename…", func() { s.renameSaved(ss) }),
		update, up, down,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete…", func() { s.confirmDeleteSaved(ss) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, s.cfg.Window.Canvas(), pos)
}

// savedChange changes the saved searches in the background, then shows
// them.
func (s *Sidebar) savedChange(fn func(ctx context.Context) error) {
	if s.cfg.Refuse() {
		return
	}
	g, ctx := s.cfg.Tasks, s.cfg.Ctx
	g.Go(func() {
		err := fn(ctx)
		g.Do(func() {
			if err != nil && ctx.Err() == nil {
				s.cfg.Fail(err)
			}
			s.Refresh()
		})
	})
}

// renameSaved asks for a saved search's new name; a name another one has
// is refused, and asked again.
func (s *Sidebar) renameSaved(ss db.SavedSearch) {
	if s.cfg.Refuse() {
		return
	}
	s.showRenameSaved(ss, ss.Name, "")
}

func (s *Sidebar) showRenameSaved(ss db.SavedSearch, name, problem string) {
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
	d := dialog.NewForm("Rename “"+ss.Name+"”", "Rename", "Cancel", items, func(ok bool) {
		to := strings.TrimSpace(entry.Text)
		if !ok || to == ss.Name {
			return
		}
		g := s.cfg.Tasks
		g.Go(func() {
			err := s.cfg.Store.RenameSavedSearch(s.cfg.Ctx, ss.ID, to)
			g.Do(func() {
				switch {
				case errors.Is(err, db.ErrNameTaken):
					s.showRenameSaved(ss, to, fmt.Sprintf("Another saved search is called “%s”. Choose another name, or delete that one first.", to))
				case err != nil:
					s.cfg.Fail(fmt.Errorf("the saved search was not renamed: %w", err))
				}
				s.Refresh()
			})
		})
	}, s.cfg.Window)
	entry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 520)
	s.cfg.Window.Canvas().Focus(entry)
}

// confirmDeleteSaved asks before forgetting a saved search.
func (s *Sidebar) confirmDeleteSaved(ss db.SavedSearch) {
	msg := widget.NewLabel(fmt.Sprintf("The saved search “%s” will be forgotten. The articles it finds are not touched.", ss.Name))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete the saved search?", "Delete", "Cancel", msg, func(ok bool) {
		if ok {
			s.savedChange(func(ctx context.Context) error { return s.cfg.Store.DeleteSavedSearch(ctx, ss.ID) })
		}
	}, s.cfg.Window)
	d.SetConfirmImportance(widget.DangerImportance)
	kit.ShowSized(d, 480)
}

// moveSaved moves the saved search at index i step places.
func (s *Sidebar) moveSaved(i, step int) {
	saved := s.saved
	j := i + step
	if i < 0 || j < 0 || i >= len(saved) || j >= len(saved) {
		return
	}
	ids := make([]int64, len(saved))
	for k, ss := range saved {
		ids[k] = ss.ID
	}
	ids[i], ids[j] = ids[j], ids[i]
	s.savedChange(func(ctx context.Context) error { return s.cfg.Store.MoveSavedSearches(ctx, ids) })
}
