// Package results is the list of articles a search finds: it runs the
// search it is given, shows the newest matches at once when ranking would
// keep it waiting and the ranked list when it comes, fetches later pages as
// the end comes into view, and runs the search again when the archive
// changes without moving what the reader looks at. Its selection is the
// article open beside it, and further articles selected with Ctrl and
// Shift, with a bar of what can be done to them all.
package results

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

const (
	// PageSize hits are fetched at a time through the store's keyset
	// cursor: a screenful several times over; each hit's snippet costs
	// about 0.1 ms at a million articles, and 100 made the first page up to
	// half as slow again.
	PageSize = 50
	// prefetchRows: when a row this close to the end of the loaded hits is
	// shown, the next page is fetched, before the user gets there.
	prefetchRows = 30
)

// Store is what the list asks of the archive.
type Store interface {
	Search(ctx context.Context, req db.Request) (db.Results, error)
}

// Config is what the list is built with.
type Config struct {
	Ctx    context.Context // the window's: its end stops a search
	Store  Store
	Tasks  *tasks.Group
	Window fyne.Window // for the keyboard focus
	// HandleKey is offered the keys that mean something to the window
	// (Up, Down, Delete, Escape) before the list.
	HandleKey func(*fyne.KeyEvent) bool
	// OpenID is the article the article pane shows or loads, 0 for none.
	OpenID func() int64
	// OnOpen opens an article in the article pane, OnClose empties it.
	OnOpen  func(id int64)
	OnClose func()
	// OnCount shows how many articles match (capped: at least that many),
	// and how they are sorted when not as asked ("newest first").
	OnCount func(total int, capped bool, order string)
	// OnListed: a search's results (or its refresh's) are shown; err is why
	// it failed.
	OnListed func(query string, total int, err error)
	// OnSearched: the first page of a search of query arrived; what waits
	// for it (the timeline, the names of the results) may be counted.
	OnSearched func(query string)
	// OnRefreshFailed: running the search again failed; the list stays.
	OnRefreshFailed func()
	// OnGone: the article being read left the list (it no longer matches,
	// or it was deleted).
	OnGone func(id int64)
	// OnSelection: the articles selected changed.
	OnSelection func()
	// TargetState is whether every one of ids is starred, and read.
	TargetState func(ids []int64) (starred, read bool)
	// ShowMenu shows the menu of the articles selected, at a position.
	ShowMenu func(at fyne.Position)
	// The selection bar's buttons.
	Tag, Star, Read, Export, Delete func()
}

// List is the list of results and its search.
//
// Each search gets a generation number; results of an older generation are
// dropped on arrival, so a slow stale search can never overwrite a newer one.
type List struct {
	cfg    Config
	rows   *Rows
	notice *widget.Label // over the list: no matches, or why the search failed
	pane   fyne.CanvasObject
	sel    *selection

	gen    atomic.Uint64
	mu     sync.Mutex      // guards ctx and cancel
	ctx    context.Context // of the current generation; page loads use it too
	cancel context.CancelFunc

	// The rest belongs to the Fyne goroutine.
	request db.Request // the current generation's first page
	hits    []db.Hit
	total   int
	capped  bool // total is a lower bound: the store stops counting at db.CountCap
	byDate  bool // asked for relevance, listed newest first (db.Results.ByDate)
	ranking bool // and the ranked list is on its way (db.Results.Refine)
	// order counts the lists a search's first page was replaced by (its
	// ranking arriving): a page loaded for an earlier list is dropped.
	order       uint64
	next        string // cursor of the next page, "" when all are loaded
	loadingMore bool
	failure     error // why the last search or page load failed, shown in the list
	selectID    int64 // article to select when results arrive, 0 for none
	awaited     bool  // a search's first page is on its way
	// gone is the row where the article being read was listed until a
	// refresh found it no longer matches (a read article in a list of
	// unread ones); it stays open, and Down goes on from there. -1: none.
	gone int
}

// New makes the list, empty until Search.
func New(cfg Config) *List {
	l := &List{cfg: cfg, gone: -1}
	l.sel = newSelection(l)
	l.rows = newRows(l)
	l.notice = widget.NewLabel("")
	l.notice.Wrapping = fyne.TextWrapWord
	l.notice.Alignment = fyne.TextAlignCenter
	l.notice.Hide()
	l.pane = container.NewStack(l.rows, container.NewVBox(layout.NewSpacer(), l.notice, layout.NewSpacer()))
	return l
}

// Object is the list, with a notice over it when it is empty for a reason
// worth saying.
func (l *List) Object() fyne.CanvasObject { return l.pane }

// SelectionBar is the bar of what can be done with several selected
// articles, shown while they are.
func (l *List) SelectionBar() fyne.CanvasObject { return l.sel.bar }

// Rows is the list widget itself.
func (l *List) Rows() *Rows { return l.rows }

// Hits are the results loaded, in order.
func (l *List) Hits() []db.Hit { return l.hits }

// Hit is the loaded result of article id.
func (l *List) Hit(id int64) (db.Hit, bool) {
	if i := l.Index(id); i >= 0 {
		return l.hits[i], true
	}
	return db.Hit{}, false
}

// Request is the search shown (its first page).
func (l *List) Request() db.Request { return l.request }

// Query is the query of the search shown.
func (l *List) Query() string { return l.request.Query }

// Total is how many articles the search matches; capped: at least that.
func (l *List) Total() (n int, capped bool) { return l.total, l.capped }

// Failure is why the last search or page load failed, nil if it did not.
func (l *List) Failure() error { return l.failure }

// Awaited reports whether a search's first page is on its way.
func (l *List) Awaited() bool { return l.awaited }

// Generation counts the searches started.
func (l *List) Generation() uint64 { return l.gen.Load() }

// SelectWhenShown asks for article id to be opened (and selected, when it
// is listed) when the next results are shown.
func (l *List) SelectWhenShown(id int64) { l.selectID = id }

// Notice is what the list says over itself, and whether it says it.
func (l *List) Notice() (string, bool) { return l.notice.Text, l.notice.Visible() }

// Search cancels whatever search is running and runs req. A refresh runs
// it again because the archive changed: it fetches as many hits as are
// loaded, and keeps the selection and the scroll position (see
// showRefreshed).
func (l *List) Search(req db.Request, refresh bool) {
	l.mu.Lock()
	if l.cancel != nil {
		l.cancel()
	}
	gen := l.gen.Add(1)
	ctx, cancel := context.WithCancel(l.cfg.Ctx)
	l.ctx, l.cancel = ctx, cancel
	l.mu.Unlock()

	req.Limit = PageSize
	fetch := req
	if refresh {
		// Every hit loaded, and a page more: room for new articles listed
		// above them, and for the page being loaded.
		fetch.Limit = (len(l.hits)/PageSize + 1) * PageSize
	} else {
		// The newest matches at once when ranking would keep the list
		// waiting; the ranked list follows (rank).
		fetch.Quick = true
	}
	l.request = req
	l.loadingMore = false
	l.awaited = true

	g := l.cfg.Tasks
	g.Go(func() {
		res, err := l.cfg.Store.Search(ctx, fetch)
		if ctx.Err() != nil {
			return // a newer search (or closing the window) took over
		}
		g.Do(func() {
			if l.gen.Load() == gen {
				l.awaited = false
				if err == nil {
					// Counted once the list is shown, so as not to slow it.
					l.cfg.OnSearched(req.Query)
				}
			}
			switch {
			case l.gen.Load() != gen:
			case refresh && err != nil:
				l.cfg.OnRefreshFailed() // keep the list as it is; the next poll tries again
			case refresh:
				l.showRefreshed(res)
			default:
				l.showResults(res, err)
				if err == nil && res.Refine {
					l.rank(ctx, gen, req)
				}
			}
		})
	})
}

// rank fetches the ranked first page of a search whose newest matches are
// shown while it waits, and puts it in their place.
func (l *List) rank(ctx context.Context, gen uint64, req db.Request) {
	l.ranking = true
	l.showCount()
	g := l.cfg.Tasks
	g.Go(func() {
		res, err := l.cfg.Store.Search(ctx, req)
		if ctx.Err() != nil {
			return
		}
		g.Do(func() {
			if l.gen.Load() != gen || !l.ranking {
				return // a newer search, or a refresh that ranked it already
			}
			l.showRanked(res, err)
		})
	})
}

// showRanked replaces the newest matches with the ranked list. The article
// being read stays open, selected if it is on the ranked page.
func (l *List) showRanked(res db.Results, err error) {
	l.ranking = false
	if err != nil {
		l.showCount() // the newest matches stay; the count says so
		return
	}
	l.order++
	l.take(res)
	l.gone = -1
	l.showCount()
	l.rows.UnselectAll()
	l.rows.Refresh()
	l.rows.ScrollToTop()
	if i := l.Index(l.cfg.OpenID()); i >= 0 {
		l.rows.selectQuietly(i)
	}
	l.sel.prune()
}

// take makes res the loaded list: its first page, or pages, in full.
func (l *List) take(res db.Results) {
	l.hits, l.total, l.capped, l.next, l.failure = res.Hits, res.Total, res.TotalCapped, res.Next, nil
	l.byDate, l.ranking, l.loadingMore = res.ByDate, false, false
}

// showCount says how many match, and how they are sorted when relevance
// was asked for but they are listed by date.
func (l *List) showCount() {
	order := ""
	switch {
	case l.ranking:
		order = "ranking…"
	case l.byDate:
		order = "newest first"
	}
	l.cfg.OnCount(l.total, l.capped, order)
}

// showResults replaces the list with a new search's first page.
func (l *List) showResults(res db.Results, err error) {
	if err != nil {
		res = db.Results{}
	}
	l.take(res)
	l.failure = err
	l.showCount()
	l.cfg.OnListed(l.request.Query, l.total, err)
	l.showNotice()

	// Keep the article being read if it still matches (its highlights change
	// with the query), or select the one asked for.
	asked := l.selectID
	l.selectID = 0
	want := asked
	if want == 0 {
		want = l.cfg.OpenID()
	}
	l.rows.UnselectAll()
	l.rows.Refresh()
	if i := l.Index(want); i >= 0 {
		l.rows.Select(i)
		return
	}
	l.rows.ScrollToTop()
	if asked != 0 {
		l.cfg.OnOpen(asked) // asked for but not among the hits: show it anyway
		return
	}
	l.cfg.OnClose()
}

// loadMore fetches the next page of the current search in the background.
func (l *List) loadMore() {
	if l.loadingMore || l.next == "" || l.failure != nil {
		return
	}
	l.loadingMore = true
	gen, order := l.gen.Load(), l.order
	l.mu.Lock()
	ctx := l.ctx
	l.mu.Unlock()
	req := l.request
	req.Cursor = l.next

	g := l.cfg.Tasks
	g.Go(func() {
		res, err := l.cfg.Store.Search(ctx, req)
		if ctx.Err() != nil {
			return
		}
		g.Do(func() {
			if l.gen.Load() != gen || l.order != order {
				return // another search, or its ranked list, took the place
			}
			l.loadingMore = false
			if err != nil {
				l.failure = err
				l.showNotice()
			} else {
				l.hits = append(l.hits, res.Hits...)
				l.next = res.Next
			}
			l.rows.Refresh()
		})
	})
}

// showRefreshed puts the results of the current search, run again because
// the archive changed, in place of the list's without disturbing the
// reader: the selected article stays selected and open (not reloaded, so
// the article keeps its scroll position), and the row the view was
// anchored on — the selected one, else the top one — stays where it was
// on screen. Articles added above it are there when scrolling up.
func (l *List) showRefreshed(res db.Results) {
	if l.selectID != 0 {
		l.showResults(res, nil) // an article is to be opened: do as a search does
		return
	}
	rows := l.rows
	offset := rows.GetScrollOffset()
	pitch := l.RowPitch()
	selected := l.cfg.OpenID()
	wasListed := l.Index(selected) >= 0
	anchorID, anchorRow := int64(0), -1
	switch {
	case wasListed:
		anchorID, anchorRow = selected, l.Index(selected)
	case offset > 0 && len(l.hits) > 0:
		anchorRow = min(int(offset/pitch), len(l.hits)-1)
		anchorID = l.hits[anchorRow].ID
	}

	l.take(res) // a refresh is ranked (not Quick)
	l.showCount()
	l.cfg.OnListed(l.request.Query, l.total, nil)
	l.showNotice()

	l.gone = -1
	if i := l.Index(selected); i >= 0 {
		rows.selectQuietly(i)
	} else {
		rows.UnselectAll()
		if wasListed {
			// It no longer matches: marked read in a list of unread
			// articles, say. It stays open unless it is gone from the
			// archive (another program deleted it).
			l.gone = anchorRow
			l.cfg.OnGone(selected)
		}
	}
	l.sel.prune()
	rows.Refresh()
	if anchorRow >= 0 {
		if j := l.Index(anchorID); j >= 0 {
			offset += float32(j-anchorRow) * pitch
		}
	}
	rows.ScrollToOffset(offset)
}

// RowPitch is the distance from one row of the list to the next.
func (l *List) RowPitch() float32 {
	return newHitRow().MinSize().Height + l.rows.Theme().Size(theme.SizeNamePadding)
}

// Index is the row of article id, or -1.
func (l *List) Index(id int64) int {
	if id == 0 {
		return -1
	}
	for i, h := range l.hits {
		if h.ID == id {
			return i
		}
	}
	return -1
}

// showNotice explains an empty list: no matches, or a failed search.
func (l *List) showNotice() {
	switch {
	case l.failure != nil:
		l.notice.SetText("The search failed: " + humanize.DescribeError(l.failure))
	case len(l.hits) == 0 && !humanize.IsBlank(l.request.Query):
		l.notice.SetText("No articles match “" + l.request.Query + "”.\nPress Escape to see them all.")
	default:
		l.notice.Hide()
		return
	}
	l.notice.Show()
}

// Update applies a change the user made (a star, a tag) to the loaded
// results of ids, so the list shows it at once.
func (l *List) Update(ids []int64, change func(*db.Hit)) {
	in := make(map[int64]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	for i := range l.hits {
		if in[l.hits[i].ID] {
			change(&l.hits[i])
		}
	}
	l.rows.Refresh()
}

// NextAfter is the article listed after ids (else before them), the one
// to open once they are gone; 0 for none.
func (l *List) NextAfter(ids []int64) int64 {
	doomed := make(map[int64]bool, len(ids))
	for _, id := range ids {
		doomed[id] = true
	}
	last := -1
	for i, h := range l.hits {
		if doomed[h.ID] {
			last = i
		}
	}
	if last < 0 {
		return 0
	}
	for i := last + 1; i < len(l.hits); i++ {
		if !doomed[l.hits[i].ID] {
			return l.hits[i].ID
		}
	}
	for i := last - 1; i >= 0; i-- {
		if !doomed[l.hits[i].ID] {
			return l.hits[i].ID
		}
	}
	return 0
}

// SelectedIndex is the row of the open article, or -1.
func (l *List) SelectedIndex() int { return l.Index(l.cfg.OpenID()) }

// MoveSelection selects the row delta rows away from the selected one (the
// first row when none is selected; when the article being read left the
// list, as a read article leaves a list of unread ones, the row that took
// its place going down). Several selected articles become one again.
func (l *List) MoveSelection(delta int) {
	n := len(l.hits)
	if n == 0 {
		return
	}
	i := l.SelectedIndex()
	switch {
	case i >= 0:
		i += delta
	case l.gone >= 0 && delta > 0:
		i = l.gone
	case l.gone >= 0:
		i = l.gone - 1
	default:
		i = 0
	}
	if i < 0 || i >= n {
		return
	}
	l.sel.clear()
	l.sel.anchor = l.hits[i].ID
	l.rows.Select(i)
}

// Reveal selects article id alone and scrolls to it when it is listed,
// and reports whether it is; else it unselects the list, which keeps its
// results.
func (l *List) Reveal(id int64) bool {
	l.sel.clear()
	if i := l.Index(id); i >= 0 {
		l.sel.anchor = id
		l.rows.Select(i)
		l.rows.ScrollTo(i)
		return true
	}
	l.rows.UnselectAll()
	return false
}

// Chosen is the selected articles in list order, when two or more are.
func (l *List) Chosen() []int64 { return l.sel.chosen() }

// ClearChosen makes the open article the only one selected.
func (l *List) ClearChosen() { l.sel.clear() }

// ShowSelection redraws the rows' tints and the selection bar after
// something they show changed (a star, the article opened).
func (l *List) ShowSelection() { l.sel.show() }
