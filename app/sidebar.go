package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

// facetRows values of a facet are listed until "Show all" is clicked, and
// then facetRowsAll at most.
const (
	facetRows    = 5
	facetRowsAll = 100
)

// Library queries.
const (
	queryUnread  = "is:unread"
	queryStarred = "is:starred"
)

// sidebarState is the pane left of the list: the library (all articles,
// unread, starred), the saved searches, the tags, and the breakdown of the
// current results by source, author, language and year. Every entry runs
// a search; the counts are made in the background, again whenever the
// archive changes, and the breakdown after every search.
type sidebarState struct {
	root   *fyne.Container
	box    *fyne.Container
	scroll *container.Scroll
	rows   []*sideRow
	// The box's parts: what is counted, and the facets of the results,
	// laid out again each when it changes.
	countBox, facetBox *fyne.Container

	library   libraryCounts
	saved     []savedCount
	tags      []db.TagCount
	counted   bool // the counts above have arrived once
	countGen  atomic.Uint64
	stopCount context.CancelFunc

	facets    db.Facets
	facetsFor string // the query the facets are of; facetsOK says they arrived
	facetsOK  bool
	facetErr  error
	facetGen  atomic.Uint64
	expanded  map[db.FacetKind]bool

	// The people, places and organisations the results name.
	names    db.EntityFacets
	namesFor string // the query they are of; namesOK says they arrived
	namesOK  bool
	namesGen atomic.Uint64

	query string // the list's, to mark the entry that shows it
	sort  db.Sort
}

type libraryCounts struct{ all, unread, starred count }

// count is a number of articles, or why it is not known.
type count struct {
	n      int
	capped bool
	err    error
}

func (c count) String() string {
	switch {
	case c.err != nil:
		return "–"
	case c.capped:
		return humanize.Thousands(c.n) + "+"
	}
	return humanize.Thousands(c.n)
}

type savedCount struct {
	db.SavedSearch
	count
}

func (ui *UI) buildSidebar() {
	s := &ui.side
	s.countBox, s.facetBox = container.NewVBox(), container.NewVBox()
	s.box = container.NewVBox(s.countBox, s.facetBox)
	s.scroll = container.NewVScroll(s.box)
	s.expanded = map[db.FacetKind]bool{}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	s.root = container.NewStack(bg, s.scroll)
	ui.rebuildSidebar()
	ui.rebuildFacets()
}

// toggleSidebar shows or hides the sidebar, and remembers it.
func (ui *UI) toggleSidebar() {
	s := &ui.side
	if s.root.Visible() {
		ui.app.Preferences().SetFloat(prefSideOffset, ui.sideSplit.Offset)
		s.root.Hide()
	} else {
		s.root.Show()
	}
	ui.app.Preferences().SetBool(prefSidebar, s.root.Visible())
	ui.sideSplit.Refresh()
	ui.refreshMenus()
}

// refreshSidebar counts the library, the saved searches and the tags in
// the background; a newer refresh cancels an older one.
func (ui *UI) refreshSidebar() {
	s := &ui.side
	if s.stopCount != nil {
		s.stopCount()
	}
	ctx, stop := context.WithCancel(ui.ctx)
	s.stopCount = stop
	gen := s.countGen.Add(1)
	ui.tasks.Go(func() {
		defer stop()
		var lib libraryCounts
		n, err := ui.store.Count(ctx)
		lib.all = count{n: n, err: err}
		lib.unread = ui.countQuery(ctx, queryUnread)
		lib.starred = ui.countQuery(ctx, queryStarred)
		tags, tagErr := ui.store.Tags(ctx)
		saved, savedErr := ui.store.SavedSearches(ctx)
		var counted []savedCount
		for _, ss := range saved {
			counted = append(counted, savedCount{SavedSearch: ss, count: ui.countQuery(ctx, ss.Query)})
		}
		if ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			if s.countGen.Load() != gen {
				return
			}
			s.library, s.counted = lib, true
			if tagErr == nil {
				s.tags = tags
			}
			if savedErr == nil {
				s.saved = counted
			}
			ui.rebuildSidebar()
		})
	})
}

func (ui *UI) countQuery(ctx context.Context, query string) count {
	n, capped, err := ui.store.CountMatches(ctx, query)
	return count{n: n, capped: capped, err: err}
}

// countFacets breaks a search's results down in the background; the
// search's context cancels it when the next search starts.
func (ui *UI) countFacets(ctx context.Context, query string) {
	s := &ui.side
	gen := s.facetGen.Add(1)
	ui.tasks.Go(func() {
		f, err := ui.store.Facets(ctx, query)
		if ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			if s.facetGen.Load() != gen {
				return
			}
			if s.facetsFor != query {
				s.expanded = map[db.FacetKind]bool{}
			}
			s.facets, s.facetErr, s.facetsFor, s.facetsOK = f, err, query, true
			ui.rebuildFacets()
		})
	})
}

// entityFacetsKept is how many people (places, organisations) of the
// results the sidebar can list.
const entityFacetsKept = 25

// countEntityFacets counts the people, places and organisations the
// results name, in the background, once the list is shown; the search's
// context cancels it when the next search starts.
func (ui *UI) countEntityFacets(ctx context.Context, query string) {
	s := &ui.side
	gen := s.namesGen.Add(1)
	ui.tasks.Go(func() {
		f, err := ui.store.EntityFacets(ctx, query, entityFacetsKept)
		if ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			if s.namesGen.Load() != gen {
				return
			}
			if err != nil {
				f = db.EntityFacets{}
			}
			s.names, s.namesFor, s.namesOK = f, query, true
			ui.rebuildFacets()
		})
	})
}

// markCurrent marks the entries whose search the list shows.
func (s *sidebarState) markCurrent(query string, sort db.Sort) {
	s.query, s.sort = strings.TrimSpace(query), sort
	for _, r := range s.rows {
		r.setCurrent(r.isCurrent(s.query, s.sort))
	}
}

// rebuildSidebar lays the counted parts of the sidebar out again: the
// library, saved searches and tags.
func (ui *UI) rebuildSidebar() {
	ui.relayout(ui.side.countBox, ui.countedSection())
}

// rebuildFacets lays "In these results" out again.
func (ui *UI) rebuildFacets() {
	ui.relayout(ui.side.facetBox, ui.facetSection())
}

// relayout replaces a part of the sidebar; the entry that had the keyboard
// focus keeps it.
func (ui *UI) relayout(part *fyne.Container, objects []fyne.CanvasObject) {
	s := &ui.side
	focusKey := ""
	if r, ok := ui.window.Canvas().Focused().(*sideRow); ok {
		focusKey = r.key
	}
	part.Objects = objects
	part.Refresh()
	s.rows = nil
	for _, p := range []*fyne.Container{s.countBox, s.facetBox} {
		for _, o := range p.Objects {
			if r, ok := o.(*sideRow); ok {
				s.rows = append(s.rows, r)
				r.setCurrent(r.isCurrent(s.query, s.sort))
			}
		}
	}
	if focusKey != "" {
		for _, r := range s.rows {
			if r.key == focusKey {
				ui.window.Canvas().Focus(r)
			}
		}
	}
}

// countedSection is the library, the saved searches and the tags.
func (ui *UI) countedSection() []fyne.CanvasObject {
	s := &ui.side
	var objects []fyne.CanvasObject
	add := func(o ...fyne.CanvasObject) { objects = append(objects, o...) }

	// Library.
	add(sectionHeader("Library", nil))
	lib := []struct {
		name, query string
		icon        fyne.Resource
		n           count
	}{
		{"All articles", "", theme.StorageIcon(), s.library.all},
		{"Unread", queryUnread, theme.VisibilityIcon(), s.library.unread},
		{"Starred", queryStarred, kit.StarOutlineIcon, s.library.starred},
	}
	for _, l := range lib {
		r := ui.newSideRow("library:"+l.name, l.icon, l.name, "", func() { ui.runQuery(l.query, nil) })
		if s.counted {
			r.setCount(l.n.String())
		}
		r.query = l.query
		add(r)
	}

	// Saved searches.
	save := widget.NewButtonWithIcon("", theme.ContentAddIcon(), ui.saveSearchDialog)
	save.Importance = widget.LowImportance
	add(sectionHeader("Saved searches", save))
	if len(s.saved) == 0 {
		add(sideHint("Save a search (Ctrl+S) to find it here."))
	}
	for i, ss := range s.saved {
		sort := ss.Sort
		r := ui.newSideRow(fmt.Sprintf("saved:%d", ss.ID), theme.SearchIcon(), ss.Name, ss.count.String(),
			func() { ui.runQuery(ss.Query, &sort) })
		r.query, r.sort, r.matchSort = ss.Query, ss.Sort, true
		r.onMenu = func(at fyne.Position) { ui.savedSearchMenu(ss.SavedSearch, i, at) }
		r.onKey = func(ev *fyne.KeyEvent) bool {
			switch ev.Name {
			case fyne.KeyF2:
				ui.renameSavedSearch(ss.SavedSearch)
			case fyne.KeyDelete:
				ui.confirmDeleteSavedSearch(ss.SavedSearch)
			default:
				return false
			}
			return true
		}
		add(r)
	}

	// Tags.
	add(sectionHeader("Tags", nil))
	if len(s.tags) == 0 {
		add(sideHint("Tag articles in the article pane, or several at once from the Article menu."))
	}
	for _, t := range s.tags {
		q := db.FacetQuery(db.FacetTag, t.Name)
		r := ui.newSideRow("tag:"+strings.ToLower(t.Name), kit.TagIcon, t.Name, humanize.Thousands(t.Articles), func() { ui.runQuery(q, nil) })
		r.query = q
		r.onMenu = func(at fyne.Position) { ui.tagMenu(t, at) }
		r.onKey = func(ev *fyne.KeyEvent) bool {
			switch ev.Name {
			case fyne.KeyF2:
				ui.renameTag(t.Name)
			case fyne.KeyDelete:
				ui.confirmDeleteTag(t.Name, t.Articles)
			default:
				return false
			}
			return true
		}
		add(r)
	}

	return objects
}

// facetSection is "In these results": the sources, authors, languages and
// years of the results, with counts; a click narrows the search.
func (ui *UI) facetSection() []fyne.CanvasObject {
	s := &ui.side
	f := s.facets
	if !s.facetsOK || s.facetsFor != ui.search.request.Query || s.facetErr != nil || f.Counted == 0 {
		return nil
	}
	out := []fyne.CanvasObject{sectionHeader("In these results", nil)}
	if f.Capped {
		out = append(out, sideHint(fmt.Sprintf("Counted over the newest %s.", humanize.Thousands(f.Counted))))
	}
	type kind struct {
		kind   db.FacetKind
		title  string
		values []db.FacetCount
		label  func(string) string
		top    bool // the most frequent only: "Show top 25", not "Show all"
	}
	kinds := []kind{
		{db.FacetSource, "Sources", f.Sources, nil, false},
		{db.FacetAuthor, "Authors", f.Authors, nil, false},
	}
	if n := s.names; s.namesOK && s.namesFor == s.facetsFor {
		kinds = append(kinds,
			kind{db.FacetPerson, "People", n.People, nil, len(n.People) >= entityFacetsKept},
			kind{db.FacetPlace, "Places", n.Places, nil, len(n.Places) >= entityFacetsKept},
			kind{db.FacetOrganisation, "Organisations", n.Organisations, nil, len(n.Organisations) >= entityFacetsKept})
	}
	kinds = append(kinds,
		kind{db.FacetLanguage, "Languages", f.Languages, humanize.LanguageName, false},
		kind{db.FacetYear, "Years", f.Years, nil, false})
	query := s.facetsFor
	for _, k := range kinds {
		if len(k.values) == 0 {
			continue
		}
		out = append(out, subHeader(k.title))
		shown := k.values
		switch {
		case !s.expanded[k.kind] && len(shown) > facetRows+1:
			shown = shown[:facetRows]
		case len(shown) > facetRowsAll:
			shown = shown[:facetRowsAll]
		}
		for _, v := range shown {
			label := v.Value
			if k.label != nil {
				label = k.label(v.Value)
			}
			clause := db.FacetQuery(k.kind, v.Value)
			narrowed := db.Narrow(query, clause)
			r := ui.newSideRow(fmt.Sprintf("facet:%s:%s", k.kind, v.Value), nil, label, humanize.Thousands(v.Count),
				func() { ui.runQuery(narrowed, nil) })
			r.query = narrowed
			out = append(out, r)
		}
		if s.expanded[k.kind] && len(shown) < len(k.values) {
			out = append(out, sideHint(fmt.Sprintf("and %s more", humanize.Thousands(len(k.values)-len(shown)))))
		} else if len(shown) < len(k.values) {
			kind := k.kind
			label := fmt.Sprintf("Show all %s", humanize.Thousands(len(k.values)))
			if k.top {
				label = fmt.Sprintf("Show top %s", humanize.Thousands(len(k.values)))
			}
			more := ui.newSideRow(fmt.Sprintf("more:%s", kind), nil, label, "", func() {
				s.expanded[kind] = true
				ui.rebuildFacets()
			})
			more.dim = true
			out = append(out, more)
		}
	}
	return out
}

// sectionHeader names a part of the sidebar, with a button beside it.
func sectionHeader(text string, button fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewRichText(&widget.TextSegment{Text: strings.ToUpper(text), Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true},
	}})
	row := fyne.CanvasObject(t)
	if button != nil {
		row = container.NewBorder(nil, nil, nil, button, t)
	}
	return container.NewPadded(row)
}

func subHeader(text string) fyne.CanvasObject {
	return kit.DimText(text, theme.SizeNameCaptionText)
}

func sideHint(text string) fyne.CanvasObject {
	t := kit.DimText(text, theme.SizeNameCaptionText)
	t.Wrapping = fyne.TextWrapWord
	return t
}

// sideRow is one entry of the sidebar: an icon, a name and a count. A
// click, or Enter when it has the keyboard focus, runs its search; a
// right click opens its menu (rename, delete…), as F2 and Delete do from
// the keyboard.
type sideRow struct {
	widget.BaseWidget
	key       string
	query     string
	sort      db.Sort
	matchSort bool // a saved search is current only with its own sort
	dim       bool // "Show all …"

	icon   *widget.Icon
	name   *widget.Label
	count  *widget.RichText
	bg     *canvas.Rectangle
	onTap  func()
	onMenu func(at fyne.Position)
	onKey  func(*fyne.KeyEvent) bool

	current, hovered, focused bool
	ui                        *UI
}

func (ui *UI) newSideRow(key string, icon fyne.Resource, name, n string, onTap func()) *sideRow {
	r := &sideRow{key: key, name: widget.NewLabel(name), count: kit.DimText(n, theme.SizeNameCaptionText),
		bg: canvas.NewRectangle(color.Transparent), onTap: onTap, ui: ui}
	r.name.Truncation = fyne.TextTruncateEllipsis
	if icon != nil {
		r.icon = widget.NewIcon(icon)
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *sideRow) setCount(n string) { kit.SetDimText(r.count, n) }

func (r *sideRow) isCurrent(query string, sort db.Sort) bool {
	if r.dim || strings.TrimSpace(r.query) != query {
		return false
	}
	return !r.matchSort || r.sort == sort
}

func (r *sideRow) CreateRenderer() fyne.WidgetRenderer {
	// Entries without an icon (a facet's values) keep its room, so that
	// every name starts at the same place.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSquareSize(r.Theme().Size(theme.SizeNameInlineIcon)))
	left := fyne.CanvasObject(room)
	if r.icon != nil {
		left = r.icon
	}
	if r.dim {
		r.name.Importance = widget.LowImportance
		r.name.TextStyle = fyne.TextStyle{Italic: true}
	}
	row := container.NewBorder(nil, nil, left, container.NewCenter(r.count), r.name)
	r.paint()
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.New(&sideRowLayout{}, row)))
}

// sideRowLayout indents a row a little, and keeps it compact.
type sideRowLayout struct{}

func (l *sideRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Size(theme.SizeNamePadding)
	for _, o := range objects {
		o.Move(fyne.NewPos(pad, 0))
		o.Resize(fyne.NewSize(size.Width-2*pad, size.Height))
	}
}

func (l *sideRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Size(theme.SizeNamePadding)
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(min(s.Width, 120)+2*pad, s.Height-pad)
}

func (r *sideRow) setCurrent(current bool) {
	if r.current != current {
		r.current = current
		r.name.TextStyle.Bold = current
		r.name.Refresh()
		r.paint()
	}
}

// paint tints the row: selected when the list shows its search, lighter
// under the pointer, outlined with the keyboard focus.
func (r *sideRow) paint() {
	th, v := r.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	var fill color.Color = color.Transparent
	switch {
	case r.current:
		fill = th.Color(theme.ColorNameSelection, v)
	case r.hovered:
		fill = th.Color(theme.ColorNameHover, v)
	}
	r.bg.FillColor = fill
	r.bg.StrokeWidth = 0
	if r.focused {
		r.bg.StrokeColor = th.Color(theme.ColorNameFocus, v)
		r.bg.StrokeWidth = 2
	}
	r.bg.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	r.bg.Refresh()
}

func (r *sideRow) Refresh() {
	r.paint()
	r.BaseWidget.Refresh()
}

func (r *sideRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *sideRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.onMenu != nil {
		r.onMenu(ev.AbsolutePosition)
	}
}

func (r *sideRow) MouseIn(*desktop.MouseEvent)    { r.hovered = true; r.paint() }
func (r *sideRow) MouseMoved(*desktop.MouseEvent) {}
func (r *sideRow) MouseOut()                      { r.hovered = false; r.paint() }

func (r *sideRow) FocusGained()   { r.focused = true; r.paint() }
func (r *sideRow) FocusLost()     { r.focused = false; r.paint() }
func (r *sideRow) TypedRune(rune) {}

// TypedKey: Enter or Space runs the entry, Up and Down move between
// entries, F2 and Delete rename and delete; the rest goes to the window.
func (r *sideRow) TypedKey(ev *fyne.KeyEvent) {
	c := r.ui.window.Canvas()
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		r.Tapped(nil)
	case fyne.KeyUp:
		r.ui.focusSideRow(r, -1)
	case fyne.KeyDown:
		r.ui.focusSideRow(r, 1)
	default:
		if r.onKey != nil && r.onKey(ev) {
			return
		}
		if r.ui.handleKey(ev) {
			return
		}
		if ev.Name == fyne.KeyEscape {
			c.Unfocus()
		}
	}
}

// focusSideRow moves the keyboard focus to the entry step entries away.
func (ui *UI) focusSideRow(from *sideRow, step int) {
	rows := ui.side.rows
	for i, r := range rows {
		if r == from {
			if j := i + step; j >= 0 && j < len(rows) {
				ui.window.Canvas().Focus(rows[j])
				ui.side.scroll.ScrollToOffset(fyne.NewPos(0, max(0, rows[j].Position().Y-rows[j].Size().Height*2)))
			}
			return
		}
	}
}

// tagMenu is a tag's menu in the sidebar.
func (ui *UI) tagMenu(t db.TagCount, at fyne.Position) {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Show articles", func() { ui.runQuery(db.FacetQuery(db.FacetTag, t.Name), nil) }),
		fyne.NewMenuItem("Rename…", func() { ui.renameTag(t.Name) }),
		fyne.NewMenuItem("Delete…", func() { ui.confirmDeleteTag(t.Name, t.Articles) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, ui.window.Canvas(), at)
}

// focusSidebar gives the keyboard focus to the sidebar's current entry, or
// its first.
func (ui *UI) focusSidebar() {
	if !ui.side.root.Visible() {
		ui.toggleSidebar()
	}
	for _, r := range ui.side.rows {
		if r.current {
			ui.window.Canvas().Focus(r)
			return
		}
	}
	if len(ui.side.rows) > 0 {
		ui.window.Canvas().Focus(ui.side.rows[0])
	}
}
