package app

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

const (
	// pageSize hits are fetched at a time through the store's keyset cursor:
	// a screenful several times over; each hit's snippet costs about 0.1 ms
	// at a million articles, and 100 made the first page up to half as slow
	// again.
	pageSize = 50
	// prefetchRows: when a row this close to the end of the loaded hits is
	// shown, the next page is fetched, before the user gets there.
	prefetchRows = 30
)

// searchState is the running query and its loaded results.
//
// Each search gets a generation number; results of an older generation are
// dropped on arrival, so a slow stale search can never overwrite a newer one.
type searchState struct {
	gen atomic.Uint64

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

// searchNow cancels whatever search is running and starts the current one.
func (ui *UI) searchNow() { ui.startSearch(false) }

// startSearch runs the query in the search field. A refresh runs it again
// because the archive changed: it fetches as many hits as are loaded, and
// keeps the selection and the scroll position (see showRefreshed).
func (ui *UI) startSearch(refresh bool) {
	s := &ui.search
	ui.bar.Settle()
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	gen := s.gen.Add(1)
	ctx, cancel := context.WithCancel(ui.ctx)
	s.ctx, s.cancel = ctx, cancel
	s.mu.Unlock()

	req := db.Request{Query: ui.bar.Query(), Sort: ui.bar.Sort(), Limit: pageSize, Group: ui.group}
	fetch := req
	if refresh {
		// Every hit loaded, and a page more: room for new articles listed
		// above them, and for the page being loaded.
		fetch.Limit = (len(s.hits)/pageSize + 1) * pageSize
	} else {
		// The newest matches at once when ranking would keep the list
		// waiting; the ranked list follows (rank).
		fetch.Quick = true
	}
	s.request = req
	s.loadingMore = false
	s.awaited = true
	ui.app.Preferences().SetString(prefQuery, req.Query)
	ui.side.SetQuery(req.Query, req.Sort)
	ui.timeline.SetQuery(req.Query)

	ui.tasks.Go(func() {
		res, err := ui.store.Search(ctx, fetch)
		if ctx.Err() != nil {
			return // a newer search (or closing the window) took over
		}
		ui.tasks.Do(func() {
			if s.gen.Load() == gen {
				s.awaited = false
				if err == nil {
					// Counted once the list is shown, so as not to slow it.
					ui.timeline.Count(req.Query)
					ui.side.CountNames(req.Query)
				}
			}
			switch {
			case s.gen.Load() != gen:
			case refresh && err != nil:
				ui.refreshFailed() // keep the list as it is; the next poll tries again
			case refresh:
				ui.showRefreshed(res)
			default:
				ui.showResults(res, err)
				if err == nil && res.Refine {
					ui.rank(ctx, gen, req)
				}
			}
		})
	})
}

// rank fetches the ranked first page of a search whose newest matches are
// shown while it waits, and puts it in their place.
func (ui *UI) rank(ctx context.Context, gen uint64, req db.Request) {
	s := &ui.search
	s.ranking = true
	ui.bar.SetCount(s.total, s.capped, s.orderNote())
	ui.tasks.Go(func() {
		res, err := ui.store.Search(ctx, req)
		if ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			if s.gen.Load() != gen || !s.ranking {
				return // a newer search, or a refresh that ranked it already
			}
			ui.showRanked(res, err)
		})
	})
}

// showRanked replaces the newest matches with the ranked list. The article
// being read stays open, selected if it is on the ranked page.
func (ui *UI) showRanked(res db.Results, err error) {
	s := &ui.search
	s.ranking = false
	if err != nil {
		// The newest matches stay; the label says so.
		ui.bar.SetCount(s.total, s.capped, s.orderNote())
		return
	}
	s.order++
	s.take(res)
	s.gone = -1
	ui.bar.SetCount(s.total, s.capped, s.orderNote())
	ui.list.UnselectAll()
	ui.list.Refresh()
	ui.list.ScrollToTop()
	if i := ui.hitIndex(ui.reader.ArticleID()); i >= 0 {
		ui.list.selectQuietly(i)
	}
	ui.pruneChosen()
}

// take makes res the loaded list: its first page, or pages, in full.
func (s *searchState) take(res db.Results) {
	s.hits, s.total, s.capped, s.next, s.failure = res.Hits, res.Total, res.TotalCapped, res.Next, nil
	s.byDate, s.ranking, s.loadingMore = res.ByDate, false, false
}

// orderNote is what the count label adds about the order of a relevance
// search listed by date.
func (s *searchState) orderNote() string {
	switch {
	case s.ranking:
		return "ranking…"
	case s.byDate:
		return "newest first"
	}
	return ""
}

// showResults replaces the list with a new search's first page.
func (ui *UI) showResults(res db.Results, err error) {
	s := &ui.search
	if err != nil {
		res = db.Results{}
	}
	s.take(res)
	s.failure = err
	ui.bar.SetCount(s.total, s.capped, s.orderNote())
	ui.showEmptyState(err == nil && s.total == 0 && humanize.IsBlank(s.request.Query))
	ui.showNotice()

	// Keep the article being read if it still matches (its highlights change
	// with the query), or select the one asked for.
	asked := s.selectID
	s.selectID = 0
	want := asked
	if want == 0 {
		want = ui.reader.ArticleID()
	}
	ui.list.UnselectAll()
	ui.list.Refresh()
	if i := ui.hitIndex(want); i >= 0 {
		ui.list.Select(i)
		return
	}
	ui.list.ScrollToTop()
	if asked != 0 {
		ui.showArticle(asked) // asked for but not among the hits: show it anyway
		return
	}
	ui.reader.Clear()
}

// loadMore fetches the next page of the current search in the background.
func (ui *UI) loadMore() {
	s := &ui.search
	if s.loadingMore || s.next == "" || s.failure != nil {
		return
	}
	s.loadingMore = true
	gen, order := s.gen.Load(), s.order
	s.mu.Lock()
	ctx := s.ctx
	s.mu.Unlock()
	req := s.request
	req.Cursor = s.next

	ui.tasks.Go(func() {
		res, err := ui.store.Search(ctx, req)
		if ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			if s.gen.Load() != gen || s.order != order {
				return // another search, or its ranked list, took the place
			}
			s.loadingMore = false
			if err != nil {
				s.failure = err
				ui.showNotice()
			} else {
				s.hits = append(s.hits, res.Hits...)
				s.next = res.Next
			}
			ui.list.Refresh()
		})
	})
}

// setSort changes the order (from the menu) and searches again.
func (ui *UI) setSort(sort db.Sort) {
	if ui.bar.Sort() == sort {
		return
	}
	ui.bar.SetSort(sort)
	ui.sortChosen(sort)
}

// sortChosen remembers another order and searches again.
func (ui *UI) sortChosen(sort db.Sort) {
	ui.app.Preferences().SetString(prefSort, sort.String())
	ui.refreshMenus()
	ui.searchNow()
}

// runQuery puts a query (and a sort, when one is given) in the search
// field and searches at once: what the sidebar's entries do.
func (ui *UI) runQuery(query string, sort *db.Sort) {
	if sort != nil && *sort != ui.bar.Sort() {
		ui.bar.SetSort(*sort)
		ui.app.Preferences().SetString(prefSort, sort.String())
		ui.refreshMenus()
	}
	ui.bar.SetQuery(query)
	ui.searchNow()
}

// clearSearch empties the query; an empty query lists everything.
func (ui *UI) clearSearch() {
	if ui.bar.Query() == "" {
		return
	}
	ui.bar.SetQuery("") // which schedules the search
}

func (ui *UI) hitIndex(id int64) int {
	if id == 0 {
		return -1
	}
	for i, h := range ui.search.hits {
		if h.ID == id {
			return i
		}
	}
	return -1
}

// showNotice explains an empty list: no matches, or a failed search.
func (ui *UI) showNotice() {
	s := &ui.search
	switch {
	case s.failure != nil:
		ui.notice.SetText("The search failed: " + humanize.DescribeError(s.failure))
	case len(s.hits) == 0 && !humanize.IsBlank(s.request.Query):
		ui.notice.SetText("No articles match “" + s.request.Query + "”.\nPress Escape to see them all.")
	default:
		ui.notice.Hide()
		return
	}
	ui.notice.Show()
}
