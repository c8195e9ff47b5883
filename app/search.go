package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

// searchNow runs the query in the search field at once, in place of any
// search running.
func (ui *UI) searchNow() { ui.search(false) }

// search runs the search bar's query in the list, and tells the sidebar
// and the timeline. A refresh runs it again because the archive changed
// (see results.List.Search).
func (ui *UI) search(refresh bool) {
	ui.bar.Settle()
	req := db.Request{Query: ui.bar.Query(), Sort: ui.bar.Sort(), Group: ui.group}
	ui.list.Search(req, refresh)
	ui.app.Preferences().SetString(queryKey(ui.store.Path()), req.Query)
	ui.side.SetQuery(req.Query, req.Sort)
	ui.timeline.SetQuery(req.Query)
}

// listed: the list shows a search's results; an archive without articles
// invites the first.
func (ui *UI) listed(query string, total int, err error) {
	ui.showEmptyState(err == nil && total == 0 && humanize.IsBlank(query))
}

// searched: the first page of a search arrived; the timeline and the
// names of the results are counted now, so as not to slow it.
func (ui *UI) searched(query string) {
	ui.timeline.Count(query)
	ui.side.CountNames(query)
}

// showArticle opens an article in the article pane, the words of the
// search shown marked.
func (ui *UI) showArticle(id int64) { ui.reader.Show(id, ui.list.Query()) }

// openArticle opens an article from the article pane (a related article,
// a copy): selected in the list when it is listed, else shown beside the
// list, which keeps its results.
func (ui *UI) openArticle(id int64) {
	if !ui.list.Reveal(id) {
		ui.showArticle(id)
	}
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
	ui.menu.refresh()
	ui.searchNow()
}

// runQuery puts a query (and a sort, when one is given) in the search
// field and searches at once: what the sidebar's entries do.
func (ui *UI) runQuery(query string, sort *db.Sort) {
	if sort != nil && *sort != ui.bar.Sort() {
		ui.bar.SetSort(*sort)
		ui.app.Preferences().SetString(prefSort, sort.String())
		ui.menu.refresh()
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

// showRowMenu is a row's menu, at the pointer: the Article menu's actions,
// for the selected articles or the one the row opened.
func (ui *UI) showRowMenu(at fyne.Position) {
	// With several selected, only what applies to them all.
	oneOnly := map[string]bool{"Open original": true, "Copy article text": true, "Edit note": true, "Edit details…": true}
	items := ui.articleMenuItems()
	if len(ui.list.Chosen()) > 0 {
		items = slices.DeleteFunc(items, func(it *fyne.MenuItem) bool { return oneOnly[it.Label] })
		items = items[1:] // the separator left first
	}
	items = slices.Insert(items, len(items)-2, fyne.NewMenuItem("Export…", ui.arch.exportChosen)) // before Delete… and its separator
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), ui.window.Canvas(), at)
}

// refreshResults runs the search again as the archive changed, unless a
// search is about to run anyway.
func (ui *UI) refreshResults() {
	if ui.list.Awaited() {
		return
	}
	if !ui.bar.Typing() {
		ui.search(true)
	}
}

// tagRenamed searches for a renamed tag under its new name, when the
// search field asked for it.
func (ui *UI) tagRenamed(from, to string) {
	if q, ok := replaceTagInQuery(ui.bar.Query(), from, to); ok {
		ui.bar.SetQuery(q)
		ui.searchNow()
	}
}
