package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

// maxSuggestions is how many existing tags are offered while a name is
// typed.
const maxSuggestions = 6

// tagEntry is a field for a tag's name that offers the existing tags the
// typed text matches, as buttons below it (its suggestions, placed by its
// owner): Down and Up pick one, Enter takes the one picked or else the
// name as typed, a click takes one.
type tagEntry struct {
	widget.Entry
	suggestions *kit.FlowBox
	choices     func() []string // every tag that may be offered
	onAccept    func(name string)

	matches []string
	pick    int // the picked suggestion, -1 for none
}

func newTagEntry(choices func() []string, onAccept func(string)) *tagEntry {
	t := &tagEntry{choices: choices, onAccept: onAccept, pick: -1, suggestions: kit.NewFlowBox()}
	t.ExtendBaseWidget(t)
	t.suggestions.Hide()
	t.OnChanged = func(string) { t.pick = -1; t.suggest() }
	t.OnSubmitted = func(string) { t.accept() }
	return t
}

// accept takes the picked suggestion, or the name typed.
func (t *tagEntry) accept() {
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

func (t *tagEntry) TypedKey(ev *fyne.KeyEvent) {
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
func (t *tagEntry) suggest() {
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

func (t *tagEntry) showSuggestions() {
	if len(t.matches) == 0 {
		t.suggestions.Hide()
		t.suggestions.SetObjects()
		return
	}
	var buttons []fyne.CanvasObject
	for i, name := range t.matches {
		b := widget.NewButtonWithIcon(name, kit.TagIcon, func() {
			t.SetText("")
			t.onAccept(name)
		})
		b.Importance = widget.LowImportance
		if i == t.pick {
			b.Importance = widget.HighImportance
		}
		buttons = append(buttons, b)
	}
	t.suggestions.SetObjects(buttons...)
	t.suggestions.Show()
}

// tagChoices is every tag but those the open article has, for its tag
// field.
func (ui *UI) tagChoices() []string {
	var taken []string
	if a := ui.detail.article; a != nil {
		taken = a.Tags
	}
	return ui.allTags(taken)
}

// allTags is the names of the archive's tags, most used first, without
// those taken.
func (ui *UI) allTags(taken []string) []string {
	tags := ui.side.Tags()
	slices.SortStableFunc(tags, func(a, b db.TagCount) int { return b.Articles - a.Articles })
	var out []string
	for _, t := range tags {
		if !slices.ContainsFunc(taken, func(n string) bool { return sameTag(n, t.Name) }) {
			out = append(out, t.Name)
		}
	}
	return out
}

// tagChip is one of the open article's tags: its name, which searches for
// the articles with that tag, and a button that takes it off.
type tagChip struct {
	widget.BaseWidget
	name   *widget.Button
	remove *widget.Button
	bg     *canvas.Rectangle
}

func (ui *UI) newTagChip(id int64, name string) *tagChip {
	c := &tagChip{bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))}
	c.name = widget.NewButtonWithIcon(name, kit.TagIcon, func() {
		ui.runQuery(db.FacetQuery(db.FacetTag, name), nil)
	})
	c.name.Importance = widget.LowImportance
	c.remove = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { ui.removeTag([]int64{id}, name) })
	c.remove.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

func (c *tagChip) CreateRenderer() fyne.WidgetRenderer {
	c.bg.CornerRadius = c.Theme().Size(theme.SizeNameInputRadius) * 2
	return &chipRenderer{c: c, row: container.New(&chipLayout{}, c.name, c.remove)}
}

type chipRenderer struct {
	c   *tagChip
	row *fyne.Container
}

func (r *chipRenderer) Layout(size fyne.Size) {
	r.c.bg.Resize(size)
	r.row.Resize(size)
}
func (r *chipRenderer) MinSize() fyne.Size { return r.row.MinSize() }
func (r *chipRenderer) Refresh() {
	r.c.bg.FillColor = r.c.Theme().Color(theme.ColorNameInputBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r.c.bg.Refresh()
	r.row.Refresh()
}
func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.bg, r.row} }
func (r *chipRenderer) Destroy()                     {}

// chipLayout sets a chip's name and remove button side by side, closer
// than an HBox would: they are one thing.
type chipLayout struct{}

func (l *chipLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	name, remove := objects[0], objects[1]
	rw := remove.MinSize().Width
	name.Move(fyne.NewPos(0, 0))
	name.Resize(fyne.NewSize(size.Width-rw+chipOverlap, size.Height))
	remove.Move(fyne.NewPos(size.Width-rw, 0))
	remove.Resize(fyne.NewSize(rw, size.Height))
}

func (l *chipLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(a.Width+b.Width-chipOverlap, max(a.Height, b.Height))
}

const chipOverlap = 8

// tagTargets tags what the Article menu acts on: the open article in its
// own tag field; several selected ones in a dialog.
func (ui *UI) tagTargets() {
	ids := ui.chosen()
	if len(ids) == 0 {
		if ui.detail.article == nil {
			return
		}
		ui.window.Canvas().Focus(ui.detail.tagInput)
		return
	}
	var present []string
	for _, h := range ui.search.hits {
		if ui.sel.ids[h.ID] {
			for _, t := range h.Tags {
				if !slices.ContainsFunc(present, func(p string) bool { return sameTag(p, t) }) {
					present = append(present, t)
				}
			}
		}
	}
	slices.SortFunc(present, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	ui.showTagDialog(ids, humanize.Plural(len(ids), "selected article", "selected articles"), present)
}

// showTagDialog adds a tag to articles, or takes one off them: what names
// them ("the 3 selected articles"), and the tags some of them have, each
// with a button that takes it off them all.
func (ui *UI) showTagDialog(ids []int64, what string, present []string) {
	if ui.refuseChange() {
		return
	}
	var d *dialog.CustomDialog
	entry := newTagEntry(func() []string { return ui.allTags(nil) }, func(name string) {
		d.Hide()
		ui.addTag(ids, name)
	})
	entry.SetPlaceHolder("Tag name")
	intro := widget.NewLabel(fmt.Sprintf("Add a tag to the %s, or remove one from them.", what))
	intro.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{intro, entry, entry.suggestions}
	if len(present) > 0 {
		var chips []fyne.CanvasObject
		for _, name := range present {
			b := widget.NewButtonWithIcon(name, theme.CancelIcon(), func() {
				d.Hide()
				ui.removeTag(ids, name)
			})
			b.IconPlacement = widget.ButtonIconTrailingText
			chips = append(chips, b)
		}
		parts = append(parts, kit.DimText("Tags they have — click one to remove it from them all:", theme.SizeNameCaptionText), kit.NewFlowBox(chips...))
	}
	d = dialog.NewCustomWithoutButtons("Tag "+humanize.Plural(len(ids), "article", "articles"), container.NewVBox(parts...), ui.window)
	removeButton := widget.NewButtonWithIcon("Remove tag", theme.ContentRemoveIcon(), func() {
		if name := db.CleanTagName(entry.Text); name != "" {
			d.Hide()
			ui.removeTag(ids, name)
		}
	})
	add := widget.NewButtonWithIcon("Add tag", theme.ContentAddIcon(), entry.accept)
	add.Importance = widget.HighImportance
	update := func() {
		if db.CleanTagName(entry.Text) == "" {
			add.Disable()
			removeButton.Disable()
		} else {
			add.Enable()
			removeButton.Enable()
		}
	}
	changed := entry.OnChanged
	entry.OnChanged = func(s string) { changed(s); update() }
	update()
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), removeButton, add})
	kit.ShowSized(d, 560)
	ui.window.Canvas().Focus(entry)
}

// tagAllResults tags every article the search finds.
func (ui *UI) tagAllResults() {
	ui.withResults(func(ids []int64, what string) {
		ui.showTagDialog(ids, what, nil)
	})
}

// renameTag asks for a tag's new name. Saved searches and the search field
// that ask for the old name are changed to ask for the new one.
func (ui *UI) renameTag(from string) {
	if ui.refuseChange() {
		return
	}
	entry := widget.NewEntry()
	entry.SetText(from)
	entry.Validator = func(s string) error {
		if db.CleanTagName(s) == "" {
			return errors.New("a tag needs a name")
		}
		return nil
	}
	item := widget.NewFormItem("New name", entry)
	item.HintText = "Renaming it to another tag's name merges the two."
	d := dialog.NewForm("Rename the tag “"+from+"”", "Rename", "Cancel", []*widget.FormItem{item}, func(ok bool) {
		to := db.CleanTagName(entry.Text)
		if !ok || to == from {
			return
		}
		ui.runTagJob("Renaming the tag “"+from+"”", func(ctx context.Context) error {
			if err := ui.store.RenameTag(ctx, from, to); err != nil {
				return err
			}
			return ui.renameTagInSearches(ctx, from, to)
		}, func() {
			if q, ok := replaceTagInQuery(ui.bar.Query(), from, to); ok {
				ui.bar.SetQuery(q)
				ui.searchNow()
			}
		})
	}, ui.window)
	entry.OnSubmitted = func(string) { d.Submit() }
	kit.ShowSized(d, 520)
	ui.window.Canvas().Focus(entry)
}

// renameTagInSearches makes the saved searches that ask for a renamed tag
// ask for it under its new name.
func (ui *UI) renameTagInSearches(ctx context.Context, from, to string) error {
	saved, err := ui.store.SavedSearches(ctx)
	if err != nil {
		return err
	}
	for _, s := range saved {
		if q, ok := replaceTagInQuery(s.Query, from, to); ok {
			if _, err := ui.store.SaveSearch(ctx, s.Name, q, s.Sort); err != nil {
				return err
			}
		}
	}
	return nil
}

// confirmDeleteTag asks before taking a tag off every article.
func (ui *UI) confirmDeleteTag(name string, articles int) {
	if ui.refuseChange() {
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("The tag “%s” will be removed from %s. The articles stay in the archive.",
		name, humanize.Plural(articles, "article", "articles")))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete the tag “"+name+"”?", "Delete tag", "Cancel", msg, func(ok bool) {
		if ok {
			ui.runTagJob("Deleting the tag “"+name+"”", func(ctx context.Context) error {
				return ui.store.DeleteTag(ctx, name)
			}, nil)
		}
	}, ui.window)
	d.SetConfirmImportance(widget.DangerImportance)
	kit.ShowSized(d, 480)
}

// runTagJob renames or deletes a tag in the background (on many articles
// that takes a while: the job panel says so), then shows the archive as
// it is.
func (ui *UI) runTagJob(status string, fn func(context.Context) error, after func()) {
	ctx, ok := ui.jobs.Start("the change to a tag", status+"…", false)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		err := fn(context.WithoutCancel(ctx))
		ui.tasks.Do(func() {
			ui.jobs.End()
			if err != nil && ui.ctx.Err() == nil {
				ui.showError(fmt.Errorf("%s: %w", strings.ToLower(status[:1])+status[1:], err))
			}
			if after != nil {
				after()
			}
			var ids []int64
			if a := ui.detail.article; a != nil {
				ids = []int64{a.ID}
			}
			ui.refreshAfterChange(ids)
		})
	})
}

// replaceTagInQuery changes tag:from (quoted or not, in any case) to
// tag:"to" in a query, and reports whether it did.
func replaceTagInQuery(query, from, to string) (string, bool) {
	var b strings.Builder
	changed := false
	rest := query
	for {
		i := indexFold(rest, "tag:")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		// Only a field of its own: not "mytag:".
		if i > 0 && !strings.ContainsAny(rest[i-1:i], " \t(-") {
			b.WriteString(rest[:i+4])
			rest = rest[i+4:]
			continue
		}
		b.WriteString(rest[:i])
		value := rest[i+4:]
		var name string
		var n int
		if strings.HasPrefix(value, `"`) {
			end := strings.Index(value[1:], `"`)
			if end < 0 {
				name, n = value[1:], len(value)
			} else {
				name, n = value[1:end+1], end+2
			}
		} else {
			n = strings.IndexAny(value, " \t()")
			if n < 0 {
				n = len(value)
			}
			name = value[:n]
		}
		if name != "" && sameTag(name, from) {
			b.WriteString(db.FacetQuery(db.FacetTag, to))
			changed = true
		} else {
			b.WriteString(rest[i : i+4+n])
		}
		rest = value[n:]
	}
	return b.String(), changed
}

// indexFold finds an ASCII sub in s without regard to case.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
