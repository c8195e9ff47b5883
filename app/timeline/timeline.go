// Package timeline is the histogram above the list: the results of the
// current search by month (or year, or day) of publication, counted in the
// background after each search. A click on a bar narrows the search to its
// period, a drag across bars to theirs, and the × beside the query's dates
// takes them out again.
package timeline

import (
	querylang "github.com/clippings/clippings/query"

	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

// Store is what the timeline asks of the archive.
type Store interface {
	Timeline(ctx context.Context, query string) (db.Timeline, error)
}

// Timeline is the histogram and the line under it, hidden together.
type Timeline struct {
	store   Store
	tasks   *tasks.Group
	ctx     context.Context // the window's: its end stops a count
	onQuery func(string)    // narrowing: the query to search

	root   *fyne.Container
	view   *view
	shown  bool   // the user wants it (View ▸ Timeline)
	query  string // the search the list shows, whose dates × takes out
	counts tasks.Latest
	stop   context.CancelFunc // of the count running
}

// New makes the timeline, shown or not as the user last wanted. onQuery is
// given the query a click, a drag or × asks for.
func New(ctx context.Context, store Store, g *tasks.Group, shown bool, onQuery func(query string)) *Timeline {
	t := &Timeline{store: store, tasks: g, ctx: ctx, onQuery: onQuery, shown: shown}
	t.view = newView()
	t.view.onPick = func(first, last db.Period) {
		t.onQuery(querylang.WithDates(querylang.Parse(t.view.query), querylang.Span(first.Label, last.Label)).String())
	}
	t.view.onClear = func() { t.onQuery(querylang.WithDates(querylang.Parse(t.query), &querylang.Query{}).String()) }
	t.root = container.NewVBox(container.NewPadded(t.view), widget.NewSeparator())
	t.root.Hide()
	return t
}

// Object is what the window lays out.
func (t *Timeline) Object() fyne.CanvasObject { return t.root }

// Shown reports whether the user wants the timeline.
func (t *Timeline) Shown() bool { return t.shown }

// Visible reports whether it is on screen: wanted, and with something to
// show.
func (t *Timeline) Visible() bool { return t.root.Visible() }

// SetShown shows or hides it; shown, it counts the current search.
func (t *Timeline) SetShown(shown bool) {
	t.shown = shown
	if shown {
		t.Count(t.query)
	}
	t.show()
}

// SetQuery is the search the list is about to show: its date filters are
// shown at once, and a count of an earlier search is stopped.
func (t *Timeline) SetQuery(query string) {
	t.query = query
	if t.stop != nil {
		t.stop()
		t.stop = nil
	}
	t.view.setFilters(query)
}

// Counted is the query of the timeline shown, and whether one arrived.
func (t *Timeline) Counted() (query string, ok bool) { return t.view.query, t.view.ok }

// show shows the timeline when it is wanted and has something to show:
// periods, or dates to take out of the query.
func (t *Timeline) show() {
	v := t.view
	if t.shown && v.ok && (len(v.tl.Periods) > 0 || len(v.filters) > 0) {
		t.root.Show()
	} else {
		t.root.Hide()
	}
}

// Count counts a search's results by period in the background, when the
// timeline is wanted; the next search (SetQuery) stops it.
func (t *Timeline) Count(query string) {
	if !t.shown {
		return
	}
	if t.stop != nil {
		t.stop()
	}
	ctx, stop := context.WithCancel(t.ctx)
	t.stop = stop
	load := func(ctx context.Context) (db.Timeline, error) { return t.store.Timeline(ctx, query) }
	tasks.Load(t.tasks, &t.counts, ctx, load, func(tl db.Timeline, err error) {
		if err != nil {
			tl = db.Timeline{Complete: true}
		}
		t.view.setTimeline(tl, query)
		t.show()
	})
}
