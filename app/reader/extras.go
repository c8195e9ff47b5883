package reader

import (
	querylang "github.com/clippings/clippings/query"

	"context"
	"fmt"
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
	"github.com/clippings/clippings/entities"
)

// relatedCount is how many related articles "More like this" lists.
const relatedCount = 6

// namesShown is how many people (places, organisations) of an article are
// shown; the rest are counted.
const namesShown = 10

// extrasState is what the article pane shows around the article once it
// is open: the other outlets that published the story ("Also published
// by"), the people, places and organisations it names, and related
// articles ("More like this"). Each is loaded in the background after the
// article shows, and dropped when another article is opened first.
type extras struct {
	cfg *Config
	// shown is the article the pane shows, nil when none is; gen numbers
	// the articles opened, to drop what arrives for one opened before.
	shown func() *db.Article
	gen   func() uint64

	copies  *fyne.Container // "Also published by: …"
	names   *fyne.Container // people, places, organisations
	related *fyne.Container // "More like this"

	of     int64              // the article they are of
	cancel context.CancelFunc // cancels their loading

	// What arrived, for tests and for laying out again.
	members  []db.GroupMember
	entities entities.Entities
	similar  []db.Hit
}

func newExtras(cfg *Config, shown func() *db.Article, gen func() uint64) *extras {
	x := &extras{cfg: cfg, shown: shown, gen: gen}
	x.copies, x.names, x.related = container.NewVBox(), container.NewVBox(), container.NewVBox()
	x.copies.Hide()
	x.names.Hide()
	x.related.Hide()
	return x
}

// stop cancels their loading and empties them.
func (x *extras) stop() {
	if x.cancel != nil {
		x.cancel()
		x.cancel = nil
	}
	x.of = 0
	x.members, x.entities, x.similar = nil, entities.Entities{}, nil
	for _, c := range []*fyne.Container{x.copies, x.names, x.related} {
		c.Objects = nil
		c.Hide()
	}
}

// load loads the sections of article id in the background; its copies are
// shown at once when members are given (not nil). Shown again (corrected,
// re-extracted), the article keeps the sections it had until the new ones
// arrive.
func (x *extras) load(id int64, again bool, members []db.GroupMember) {
	if !again || x.of != id {
		x.stop()
	} else if x.cancel != nil {
		x.cancel()
	}
	x.of = id
	ctx, cancel := context.WithCancel(x.cfg.Ctx)
	x.cancel = cancel
	gen := x.gen()
	current := func() bool { return x.gen() == gen && x.of == id && ctx.Err() == nil }
	g, store := x.cfg.Tasks, x.cfg.Store

	if members != nil {
		x.members = members
		x.showCopies()
	} else {
		loadWhile(g, ctx, current, func(ctx context.Context) ([]db.GroupMember, error) { return store.Group(ctx, id) },
			func(members []db.GroupMember) {
				x.members = members
				x.showCopies()
			})
	}
	loadWhile(g, ctx, current, func(ctx context.Context) (entities.Entities, error) { return store.Entities(ctx, id) },
		func(ents entities.Entities) {
			x.entities = ents
			x.showNames()
		})
	loadWhile(g, ctx, current, func(ctx context.Context) ([]db.Hit, error) { return store.Related(ctx, id, relatedCount) },
		func(hits []db.Hit) {
			x.similar = hits
			x.showRelated()
		})
}

// loadWhile loads in the background and shows what arrived, if it came
// without an error while current holds.
func loadWhile[T any](g *tasks.Group, ctx context.Context, current func() bool, load func(context.Context) (T, error), show func(T)) {
	g.Go(func() {
		v, err := load(ctx)
		if ctx.Err() != nil {
			return
		}
		g.Do(func() {
			if current() && err == nil {
				show(v)
			}
		})
	})
}

// showCopies is "Also published by: Reuters, AP …": each outlet's name
// opens what differs between its copy and the article.
func (x *extras) showCopies() {
	if len(x.members) == 0 {
		x.copies.Objects = nil
		x.copies.Hide()
		x.copies.Refresh()
		return
	}
	objects := []fyne.CanvasObject{kit.DimText("Also published by", theme.SizeNameText)}
	names := copyNames(x.members)
	for i, m := range x.members {
		link := widget.NewHyperlink(names[i], nil)
		link.OnTapped = func() { x.showDiff(m, names[i]) }
		objects = append(objects, link)
	}
	x.copies.Objects = []fyne.CanvasObject{kit.NewFlowBox(objects...)}
	x.copies.Show()
	x.copies.Refresh()
}

// copyNames names each copy by its outlet; outlets named twice get the
// date too, and a copy without a source its headline.
func copyNames(members []db.GroupMember) []string {
	seen := map[string]int{}
	for _, m := range members {
		seen[strings.ToLower(m.Source)]++
	}
	out := make([]string, len(members))
	for i, m := range members {
		name := m.Source
		if name == "" {
			name = m.Title
			if name == "" {
				name = fmt.Sprintf("#%d", m.ID)
			}
			if r := []rune(name); len(r) > 40 {
				name = string(r[:39]) + kit.Ellipsis
			}
		}
		if seen[strings.ToLower(m.Source)] > 1 {
			if d := humanize.Date(m.Published); d != "" {
				name += " (" + d + ")"
			} else {
				name += fmt.Sprintf(" (#%d)", m.ID)
			}
		}
		out[i] = name
	}
	return out
}

// showNames lists the people, places and organisations the article names,
// with how often; a click searches for the articles naming one.
func (x *extras) showNames() {
	e := x.entities
	var objects []fyne.CanvasObject
	for _, k := range []struct {
		title string
		kind  db.FacetKind
		icon  fyne.Resource
		list  []entities.Entity
	}{
		{"People", db.FacetPerson, theme.AccountIcon(), e.People},
		{"Places", db.FacetPlace, kit.PlaceIcon, e.Places},
		{"Organisations", db.FacetOrganisation, kit.OrganisationIcon, e.Organisations},
	} {
		if len(k.list) == 0 {
			continue
		}
		var chips []fyne.CanvasObject
		for i, ent := range k.list {
			if i == namesShown {
				chips = append(chips, container.NewCenter(kit.DimText(fmt.Sprintf("and %d more", len(k.list)-namesShown), theme.SizeNameCaptionText)))
				break
			}
			query := querylang.Clause(k.kind, ent.Name).String()
			chips = append(chips, newNameChip(k.icon, ent.Name, ent.Count, func() { x.cfg.OnQuery(query) }))
		}
		objects = append(objects, sectionTitle(k.title), kit.NewFlowBox(chips...))
	}
	if len(objects) == 0 {
		x.names.Objects = nil
		x.names.Hide()
		x.names.Refresh()
		return
	}
	x.names.Objects = append([]fyne.CanvasObject{widget.NewSeparator()}, objects...)
	x.names.Show()
	x.names.Refresh()
}

// showRelated is "More like this": a few articles about what this one is
// about; a click opens one.
func (x *extras) showRelated() {
	if len(x.similar) == 0 {
		x.related.Objects = nil
		x.related.Hide()
		x.related.Refresh()
		return
	}
	objects := []fyne.CanvasObject{widget.NewSeparator(), sectionTitle("More like this")}
	for _, h := range x.similar {
		objects = append(objects, newLinkRow(h, func() { x.cfg.OnOpen(h.ID) }))
	}
	x.related.Objects = objects
	x.related.Show()
	x.related.Refresh()
}

// sectionTitle names a part of the article pane below the text.
func sectionTitle(text string) fyne.CanvasObject {
	return widget.NewRichText(&widget.TextSegment{Text: strings.ToUpper(text), Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true},
	}})
}

// NameChip is a person, place or organisation of the article, with how
// often it is named: "Bamako · 4". A click searches for it.
type NameChip struct {
	widget.BaseWidget
	button *widget.Button
	bg     *canvas.Rectangle
	name   string
}

func newNameChip(icon fyne.Resource, name string, count int, onTap func()) *NameChip {
	text := name
	if count > 1 {
		text += " · " + humanize.Thousands(count)
	}
	c := &NameChip{button: widget.NewButtonWithIcon(text, icon, onTap), bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)), name: name}
	c.button.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

// Name is the name the chip searches for.
func (c *NameChip) Name() string { return c.name }

// Button is what a click on the chip taps.
func (c *NameChip) Button() *widget.Button { return c.button }

func (c *NameChip) CreateRenderer() fyne.WidgetRenderer {
	c.bg.CornerRadius = c.Theme().Size(theme.SizeNameInputRadius) * 2
	return &nameChipRenderer{c: c}
}

type nameChipRenderer struct{ c *NameChip }

func (r *nameChipRenderer) Layout(size fyne.Size) {
	r.c.bg.Resize(size)
	r.c.button.Resize(size)
}
func (r *nameChipRenderer) MinSize() fyne.Size { return r.c.button.MinSize() }
func (r *nameChipRenderer) Refresh() {
	r.c.bg.FillColor = r.c.Theme().Color(theme.ColorNameInputBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r.c.bg.Refresh()
	r.c.button.Refresh()
}
func (r *nameChipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.button}
}
func (r *nameChipRenderer) Destroy() {}

// LinkRow is an article in a short list (More like this): its headline,
// then source and date, lit under the pointer; a click opens it.
type LinkRow struct {
	widget.BaseWidget
	id      int64
	title   *widget.Label
	meta    *widget.RichText
	bg      *canvas.Rectangle
	onTap   func()
	hovered bool
}

func newLinkRow(h db.Hit, onTap func()) *LinkRow {
	title := h.Title
	if title == "" {
		title = "Untitled"
	}
	var meta []string
	if h.Source != "" {
		meta = append(meta, h.Source)
	}
	if d := humanize.Date(h.Published); d != "" {
		meta = append(meta, d)
	}
	r := &LinkRow{id: h.ID, title: widget.NewLabel(title), meta: kit.DimText(strings.Join(meta, " · "), theme.SizeNameCaptionText),
		bg: canvas.NewRectangle(theme.Color(theme.ColorNameHover)), onTap: onTap}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.title.Importance = widget.HighImportance // the primary colour: it reads as a link
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.bg.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// ID is the article the row opens.
func (r *LinkRow) ID() int64 { return r.id }

func (r *LinkRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg.CornerRadius = r.Theme().Size(theme.SizeNameSelectionRadius)
	column := container.New(&kit.TightColumn{}, r.title, r.meta)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, column))
}

func (r *LinkRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *LinkRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (r *LinkRow) MouseIn(*desktop.MouseEvent) {
	r.bg.FillColor = r.Theme().Color(theme.ColorNameHover, fyne.CurrentApp().Settings().ThemeVariant())
	r.bg.Show()
	r.bg.Refresh()
}
func (r *LinkRow) MouseMoved(*desktop.MouseEvent) {}
func (r *LinkRow) MouseOut()                      { r.bg.Hide(); r.bg.Refresh() }
