// Package sidebar is the pane left of the list: the library (all articles,
// unread, starred), the saved searches, the tags, and the breakdown of the
// current results by source, author, the people, places and organisations
// they name, language and year. Every entry runs a search; the counts are
// made in the background, again whenever the archive changes, and the
// breakdown after every search. Saved searches are made, renamed, moved
// and deleted here.
package sidebar

import (
	querylang "github.com/clippings/clippings/query"

	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/tasks"
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
	QueryUnread  = "is:unread"
	QueryStarred = "is:starred"
)

// Store is what the sidebar asks of the archive.
type Store interface {
	Count(ctx context.Context) (int, error)
	CountMatches(ctx context.Context, query string) (n int, capped bool, err error)
	Tags(ctx context.Context) ([]db.TagCount, error)
	Facets(ctx context.Context, query string) (db.Facets, error)
	EntityFacets(ctx context.Context, query string, perKind int) (db.EntityFacets, error)
	SavedSearches(ctx context.Context) ([]db.SavedSearch, error)
	SaveSearch(ctx context.Context, name, query string, sort db.Sort) (db.SavedSearch, error)
	RenameSavedSearch(ctx context.Context, id int64, name string) error
	DeleteSavedSearch(ctx context.Context, id int64) error
	MoveSavedSearches(ctx context.Context, ids []int64) error
}

// Config is what the sidebar is built with.
type Config struct {
	Ctx    context.Context // the window's: its end stops the counting
	Store  Store
	Tasks  *tasks.Group
	Window fyne.Window // for the keyboard focus, menus and dialogs
	// HandleKey is offered the keys an entry does not use.
	HandleKey func(*fyne.KeyEvent) bool
	// OnQuery searches what an entry shows, with its sort when it has one.
	OnQuery func(query string, sort *db.Sort)
	// Current is the query in the search field and the sort chosen, which
	// "Replace with the current search" saves.
	Current func() (query string, sort db.Sort)
	// Refuse stops a change to the archive, saying why (read-only); it
	// reports whether it did. Fail shows an error.
	Refuse func() bool
	Fail   func(error)
	// RenameTag and DeleteTag are a tag's menu's and keys' actions.
	RenameTag func(name string)
	DeleteTag func(name string, articles int)
}

// Sidebar is the sidebar.
type Sidebar struct {
	cfg    Config
	root   *fyne.Container
	box    *fyne.Container
	scroll *container.Scroll
	rows   []*Row
	// The box's parts: what is counted, and the facets of the results,
	// laid out again each when it changes.
	countBox, facetBox *fyne.Container

	library   libraryCounts
	saved     []savedCount
	tags      []db.TagCount
	counted   bool // the counts above have arrived once
	counts    tasks.Latest
	stopCount context.CancelFunc

	facets     db.Facets
	facetsFor  string // the query the facets are of; facetsOK says they arrived
	facetsOK   bool
	facetErr   error
	facetLoads tasks.Latest
	expanded   map[db.FacetKind]bool

	// The people, places and organisations the results name.
	names     db.EntityFacets
	namesFor  string // the query they are of; namesOK says they arrived
	namesOK   bool
	nameLoads tasks.Latest

	// The search the list shows: its query as given, and trimmed to mark
	// the entry that shows it; counting its breakdown stops with stopFacets.
	searched   string
	query      string
	sort       db.Sort
	searchCtx  context.Context // ends when the next search starts
	stopFacets context.CancelFunc
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

// New makes the sidebar; Refresh counts it.
func New(cfg Config) *Sidebar {
	s := &Sidebar{cfg: cfg}
	s.countBox, s.facetBox = container.NewVBox(), container.NewVBox()
	s.box = container.NewVBox(s.countBox, s.facetBox)
	s.scroll = container.NewVScroll(s.box)
	s.expanded = map[db.FacetKind]bool{}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	s.root = container.NewStack(bg, s.scroll)
	s.rebuild()
	s.rebuildFacets()
	return s
}

// Object is what the window lays out.
func (s *Sidebar) Object() fyne.CanvasObject { return s.root }

// Visible reports whether the sidebar is shown.
func (s *Sidebar) Visible() bool { return s.root.Visible() }

// SetVisible shows or hides it.
func (s *Sidebar) SetVisible(shown bool) {
	if shown {
		s.root.Show()
	} else {
		s.root.Hide()
	}
}

// Rows are its entries, top to bottom.
func (s *Sidebar) Rows() []*Row { return s.rows }

// Tags are the archive's tags with how many articles have each, as last
// counted.
func (s *Sidebar) Tags() []db.TagCount { return slices.Clone(s.tags) }

// Saved are the saved searches, in their order.
func (s *Sidebar) Saved() []db.SavedSearch {
	out := make([]db.SavedSearch, len(s.saved))
	for i, c := range s.saved {
		out[i] = c.SavedSearch
	}
	return out
}

// counts are what Refresh counts.
type counts struct {
	library  libraryCounts
	tags     []db.TagCount
	tagErr   error
	saved    []savedCount
	savedErr error
}

// Refresh counts the library, the saved searches and the tags in the
// background; a newer refresh cancels an older one.
func (s *Sidebar) Refresh() {
	if s.stopCount != nil {
		s.stopCount()
	}
	ctx, stop := context.WithCancel(s.cfg.Ctx)
	s.stopCount = stop
	tasks.Load(s.cfg.Tasks, &s.counts, ctx, func(ctx context.Context) (counts, error) {
		var c counts
		n, err := s.cfg.Store.Count(ctx)
		c.library.all = count{n: n, err: err}
		c.library.unread = s.countQuery(ctx, QueryUnread)
		c.library.starred = s.countQuery(ctx, QueryStarred)
		c.tags, c.tagErr = s.cfg.Store.Tags(ctx)
		var saved []db.SavedSearch
		saved, c.savedErr = s.cfg.Store.SavedSearches(ctx)
		for _, ss := range saved {
			c.saved = append(c.saved, savedCount{SavedSearch: ss, count: s.countQuery(ctx, ss.Query)})
		}
		return c, nil
	}, func(c counts, _ error) {
		s.library, s.counted = c.library, true
		if c.tagErr == nil {
			s.tags = c.tags
		}
		if c.savedErr == nil {
			s.saved = c.saved
		}
		s.rebuild()
	})
}

func (s *Sidebar) countQuery(ctx context.Context, query string) count {
	n, capped, err := s.cfg.Store.CountMatches(ctx, query)
	return count{n: n, capped: capped, err: err}
}

// SetQuery is the search the list is about to show: the entries that show
// it are marked, and its results broken down in the background (stopping
// the breakdown of the search before).
func (s *Sidebar) SetQuery(query string, sort db.Sort) {
	s.searched = query
	s.query, s.sort = strings.TrimSpace(query), sort
	for _, r := range s.rows {
		r.setCurrent(r.isCurrent(s.query, s.sort))
	}
	if s.stopFacets != nil {
		s.stopFacets()
	}
	s.searchCtx, s.stopFacets = context.WithCancel(s.cfg.Ctx)
	s.countFacets(s.searchCtx, query)
}

// countFacets breaks a search's results down in the background; the next
// search stops it.
func (s *Sidebar) countFacets(ctx context.Context, query string) {
	load := func(ctx context.Context) (db.Facets, error) { return s.cfg.Store.Facets(ctx, query) }
	tasks.Load(s.cfg.Tasks, &s.facetLoads, ctx, load, func(f db.Facets, err error) {
		if s.facetsFor != query {
			s.expanded = map[db.FacetKind]bool{}
		}
		s.facets, s.facetErr, s.facetsFor, s.facetsOK = f, err, query, true
		s.rebuildFacets()
	})
}

// entityFacetsKept is how many people (places, organisations) of the
// results the sidebar can list.
const entityFacetsKept = 25

// CountNames counts the people, places and organisations the results of
// query name, in the background, once the list shows them; the next
// search stops it.
func (s *Sidebar) CountNames(query string) {
	ctx := s.searchCtx
	if ctx == nil {
		ctx = s.cfg.Ctx
	}
	load := func(ctx context.Context) (db.EntityFacets, error) {
		return s.cfg.Store.EntityFacets(ctx, query, entityFacetsKept)
	}
	tasks.Load(s.cfg.Tasks, &s.nameLoads, ctx, load, func(f db.EntityFacets, err error) {
		if err != nil {
			f = db.EntityFacets{}
		}
		s.names, s.namesFor, s.namesOK = f, query, true
		s.rebuildFacets()
	})
}

// rebuild lays the counted parts of the sidebar out again: the library,
// saved searches and tags.
func (s *Sidebar) rebuild() {
	s.relayout(s.countBox, s.countedSection())
}

// rebuildFacets lays "In these results" out again.
func (s *Sidebar) rebuildFacets() {
	s.relayout(s.facetBox, s.facetSection())
}

// relayout replaces a part of the sidebar; the entry that had the keyboard
// focus keeps it.
func (s *Sidebar) relayout(part *fyne.Container, objects []fyne.CanvasObject) {
	c := s.cfg.Window.Canvas()
	focusKey := ""
	if r, ok := c.Focused().(*Row); ok {
		focusKey = r.key
	}
	part.Objects = objects
	part.Refresh()
	s.rows = nil
	for _, p := range []*fyne.Container{s.countBox, s.facetBox} {
		for _, o := range p.Objects {
			if r, ok := o.(*Row); ok {
				s.rows = append(s.rows, r)
				r.setCurrent(r.isCurrent(s.query, s.sort))
			}
		}
	}
	if focusKey != "" {
		for _, r := range s.rows {
			if r.key == focusKey {
				c.Focus(r)
			}
		}
	}
}

// countedSection is the library, the saved searches and the tags.
func (s *Sidebar) countedSection() []fyne.CanvasObject {
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
		{"Unread", QueryUnread, theme.VisibilityIcon(), s.library.unread},
		{"Starred", QueryStarred, kit.StarOutlineIcon, s.library.starred},
	}
	for _, l := range lib {
		r := s.newRow("library:"+l.name, l.icon, l.name, "", func() { s.cfg.OnQuery(l.query, nil) })
		if s.counted {
			r.setCount(l.n.String())
		}
		r.query = l.query
		add(r)
	}

	// Saved searches.
	save := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { s.SaveSearch(s.cfg.Current()) })
	save.Importance = widget.LowImportance
	add(sectionHeader("Saved searches", save))
	if len(s.saved) == 0 {
		add(sideHint("Save a search (Ctrl+S) to find it here."))
	}
	for i, ss := range s.saved {
		sort := ss.Sort
		r := s.newRow(fmt.Sprintf("saved:%d", ss.ID), theme.SearchIcon(), ss.Name, ss.count.String(),
			func() { s.cfg.OnQuery(ss.Query, &sort) })
		r.query, r.sort, r.matchSort = ss.Query, ss.Sort, true
		r.onMenu = func(at fyne.Position) { s.savedMenu(ss.SavedSearch, i, at) }
		r.onKey = func(ev *fyne.KeyEvent) bool {
			switch ev.Name {
			case fyne.KeyF2:
				s.renameSaved(ss.SavedSearch)
			case fyne.KeyDelete:
				s.confirmDeleteSaved(ss.SavedSearch)
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
		q := querylang.Clause(querylang.FacetTag, t.Name).String()
		r := s.newRow("tag:"+strings.ToLower(t.Name), kit.TagIcon, t.Name, humanize.Thousands(t.Articles), func() { s.cfg.OnQuery(q, nil) })
		r.query = q
		r.onMenu = func(at fyne.Position) { s.tagMenu(t, at) }
		r.onKey = func(ev *fyne.KeyEvent) bool {
			switch ev.Name {
			case fyne.KeyF2:
				s.cfg.RenameTag(t.Name)
			case fyne.KeyDelete:
				s.cfg.DeleteTag(t.Name, t.Articles)
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
func (s *Sidebar) facetSection() []fyne.CanvasObject {
	f := s.facets
	if !s.facetsOK || s.facetsFor != s.searched || s.facetErr != nil || f.Counted == 0 {
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
	parsed := querylang.Parse(s.facetsFor)
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
			narrowed := querylang.Narrow(parsed, querylang.Clause(k.kind, v.Value)).String()
			r := s.newRow(fmt.Sprintf("facet:%s:%s", k.kind, v.Value), nil, label, humanize.Thousands(v.Count),
				func() { s.cfg.OnQuery(narrowed, nil) })
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
			more := s.newRow(fmt.Sprintf("more:%s", kind), nil, label, "", func() {
				s.expanded[kind] = true
				s.rebuildFacets()
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

// Row is one entry of the sidebar: an icon, a name and a count. A
// click, or Enter when it has the keyboard focus, runs its search; a
// right click opens its menu (rename, delete…), as F2 and Delete do from
// the keyboard.
type Row struct {
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
	side                      *Sidebar
}

func (s *Sidebar) newRow(key string, icon fyne.Resource, name, n string, onTap func()) *Row {
	r := &Row{key: key, name: widget.NewLabel(name), count: kit.DimText(n, theme.SizeNameCaptionText),
		bg: canvas.NewRectangle(color.Transparent), onTap: onTap, side: s}
	r.name.Truncation = fyne.TextTruncateEllipsis
	if icon != nil {
		r.icon = widget.NewIcon(icon)
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *Row) setCount(n string) { kit.SetDimText(r.count, n) }

// Name is the entry's name.
func (r *Row) Name() string { return r.name.Text }

// Count is the number beside it ("12", "10,000+", "–" when it could not be
// counted).
func (r *Row) Count() string { return r.count.String() }

// Current reports whether the list shows the entry's search.
func (r *Row) Current() bool { return r.current }

func (r *Row) isCurrent(query string, sort db.Sort) bool {
	if r.dim || strings.TrimSpace(r.query) != query {
		return false
	}
	return !r.matchSort || r.sort == sort
}

func (r *Row) CreateRenderer() fyne.WidgetRenderer {
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

func (r *Row) setCurrent(current bool) {
	if r.current != current {
		r.current = current
		r.name.TextStyle.Bold = current
		r.name.Refresh()
		r.paint()
	}
}

// paint tints the row: selected when the list shows its search, lighter
// under the pointer, outlined with the keyboard focus.
func (r *Row) paint() {
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

func (r *Row) Refresh() {
	r.paint()
	r.BaseWidget.Refresh()
}

func (r *Row) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *Row) TappedSecondary(ev *fyne.PointEvent) {
	if r.onMenu != nil {
		r.onMenu(ev.AbsolutePosition)
	}
}

func (r *Row) MouseIn(*desktop.MouseEvent)    { r.hovered = true; r.paint() }
func (r *Row) MouseMoved(*desktop.MouseEvent) {}
func (r *Row) MouseOut()                      { r.hovered = false; r.paint() }

func (r *Row) FocusGained()   { r.focused = true; r.paint() }
func (r *Row) FocusLost()     { r.focused = false; r.paint() }
func (r *Row) TypedRune(rune) {}

// TypedKey: Enter or Space runs the entry, Up and Down move between
// entries, F2 and Delete rename and delete; the rest goes to the window.
func (r *Row) TypedKey(ev *fyne.KeyEvent) {
	c := r.side.cfg.Window.Canvas()
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		r.Tapped(nil)
	case fyne.KeyUp:
		r.side.focusRow(r, -1)
	case fyne.KeyDown:
		r.side.focusRow(r, 1)
	default:
		if r.onKey != nil && r.onKey(ev) {
			return
		}
		if r.side.cfg.HandleKey(ev) {
			return
		}
		if ev.Name == fyne.KeyEscape {
			c.Unfocus()
		}
	}
}

// focusRow moves the keyboard focus to the entry step entries away.
func (s *Sidebar) focusRow(from *Row, step int) {
	rows := s.rows
	for i, r := range rows {
		if r == from {
			if j := i + step; j >= 0 && j < len(rows) {
				s.cfg.Window.Canvas().Focus(rows[j])
				s.scroll.ScrollToOffset(fyne.NewPos(0, max(0, rows[j].Position().Y-rows[j].Size().Height*2)))
			}
			return
		}
	}
}

// tagMenu is a tag's menu in the sidebar.
func (s *Sidebar) tagMenu(t db.TagCount, at fyne.Position) {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Show articles", func() { s.cfg.OnQuery(querylang.Clause(querylang.FacetTag, t.Name).String(), nil) }),
		fyne.NewMenuItem("Rename…", func() { s.cfg.RenameTag(t.Name) }),
		fyne.NewMenuItem("Delete…", func() { s.cfg.DeleteTag(t.Name, t.Articles) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, s.cfg.Window.Canvas(), at)
}

// Focus gives the keyboard focus to the entry whose search the list shows,
// or the first.
func (s *Sidebar) Focus() {
	c := s.cfg.Window.Canvas()
	for _, r := range s.rows {
		if r.current {
			c.Focus(r)
			return
		}
	}
	if len(s.rows) > 0 {
		c.Focus(s.rows[0])
	}
}
