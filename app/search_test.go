package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

func TestTypingNarrowsTheList(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)

	test.Type(ui.bar.Field(), "Zakharova")
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 1 || got[0] != maliTitle {
		t.Fatalf("hits = %q, want only the Mali article", got)
	}
	if got := ui.bar.CountText(); got != "1 article" {
		t.Errorf("count = %q", got)
	}
	if !strings.Contains(ui.search.hits[0].Snippet, db.MarkStart+"Zakharova"+db.MarkEnd) {
		t.Errorf("snippet has no marked word: %q", ui.search.hits[0].Snippet)
	}

	ui.clearSearch()
	ui.WaitIdle()
	if got := len(ui.search.hits); got != 3 {
		t.Errorf("after clearing, %d hits, want all 3", got)
	}
}

func TestSearchWordsAreHighlightedInListAndDetail(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	test.Type(ui.bar.Field(), "Zakharova")
	ui.WaitIdle()
	ui.list.Select(0)
	ui.WaitIdle()

	row := newHitRow()
	row.Resize(row.MinSize().AddWidthHeight(400, 0))
	row.show(ui.search.hits[0])
	if !hasMarkedText(row, "Zakharova") {
		t.Errorf("list snippet does not mark Zakharova: %q", texts(row))
	}
	if !shows(ui.reader.Object(), "Foreign Ministry") {
		t.Fatal("no article body in the detail")
	}
	if !hasMarkedText(ui.reader.Object(), "Zakharova") {
		t.Error("article body does not mark Zakharova")
	}
}

// hasMarkedText reports whether text is drawn under o in the style of a
// word the search matched.
func hasMarkedText(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		rt, ok := o.(*widget.RichText)
		if !ok {
			return
		}
		for _, s := range rt.Segments {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Style.ColorName == theme.ColorNamePrimary && strings.Contains(ts.Text, text) {
				found = true
			}
		}
	})
	return found
}

func TestBrokenSyntaxStillFindsArticles(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)

	test.Type(ui.bar.Field(), `"negotiating (table OR`)
	ui.WaitIdle()
	if ui.search.failure != nil {
		t.Fatalf("search failed: %v", ui.search.failure)
	}
	if got := hitTitles(ui); len(got) == 0 {
		t.Error("broken syntax found nothing; it should search the plain words")
	}
}

func TestNewestQueryWinsOverSlowerOlderOne(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)

	// Each change cancels the search before it; only the last may land.
	for _, q := range []string{"Zakharova", "dockworkers", "glaciers"} {
		ui.bar.SetQuery(q)
		ui.searchNow()
	}
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 1 || !strings.Contains(strings.ToLower(ui.search.hits[0].Snippet+got[0]), "glacier") {
		t.Errorf("hits = %q, want only the glacier article", got)
	}
	if ui.search.request.Query != "glaciers" {
		t.Errorf("current query = %q", ui.search.request.Query)
	}
}

func TestListPagesThroughLargeResults(t *testing.T) {
	ui, store := newTestUI(t)
	total := 2*pageSize + pageSize/2
	addArticles(t, store, total)
	ui.searchNow()
	ui.WaitIdle()

	if got := len(ui.search.hits); got != pageSize {
		t.Fatalf("first page has %d hits, want %d", got, pageSize)
	}
	if got, want := ui.bar.CountText(), humanize.Thousands(total)+" articles"; got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	for want := 2 * pageSize; want <= total+pageSize; want += pageSize {
		ui.list.ScrollToBottom() // showing the last rows fetches the next page
		ui.WaitIdle()
		if got := len(ui.search.hits); got < min(want, total) {
			t.Fatalf("after scrolling to the end, %d hits loaded, want %d", got, min(want, total))
		}
	}
	seen := map[int64]bool{}
	for _, h := range ui.search.hits {
		if seen[h.ID] {
			t.Fatalf("article #%d listed twice", h.ID)
		}
		seen[h.ID] = true
	}
	if len(seen) != total {
		t.Errorf("%d distinct articles loaded, want %d", len(seen), total)
	}
}

func TestSortOrders(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 5)
	ui.setSort(db.Oldest)
	ui.WaitIdle()
	if got := ui.search.hits[0].Title; got != "Harbour report 0" {
		t.Errorf("oldest first starts with %q", got)
	}
	if sortChoice(ui).Selected != "Oldest" {
		t.Errorf("sort choice shows %q", sortChoice(ui).Selected)
	}
	sortChoice(ui).SetSelected("Newest")
	ui.WaitIdle()
	if got := ui.search.hits[0].Title; got != "Harbour report 4" {
		t.Errorf("newest first starts with %q", got)
	}
}

func TestNoMatchesIsSaidInTheList(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	test.Type(ui.bar.Field(), "xylophone")
	ui.WaitIdle()
	if len(ui.search.hits) != 0 || !ui.notice.Visible() || !strings.Contains(ui.notice.Text, "No articles match") {
		t.Errorf("hits %d, notice %q (visible %v)", len(ui.search.hits), ui.notice.Text, ui.notice.Visible())
	}
	if ui.isEmptyState() {
		t.Error("a search without matches is not an empty archive")
	}
	ui.clearSearch()
	ui.WaitIdle()
	if ui.notice.Visible() {
		t.Error("notice still shown with results")
	}
}

// Past db.CountCap the store stops counting; the window must not pretend
// the count is exact.
func TestCountLabelSaysWhenCapped(t *testing.T) {
	ui, _ := newTestUI(t)
	cases := []struct {
		total           int
		capped          bool
		byDate, ranking bool
		want            string
	}{
		{0, false, false, false, "No articles"},
		{1, false, false, false, "1 article"},
		{2500, false, false, false, "2,500 articles"},
		{db.CountCap, true, false, false, "10,000+ articles"},
		{db.CountCap, true, true, false, "10,000+ articles · newest first"},
		{db.CountCap, true, true, true, "10,000+ articles · ranking…"},
	}
	for _, c := range cases {
		s := searchState{byDate: c.byDate, ranking: c.ranking}
		ui.bar.SetCount(c.total, c.capped, s.orderNote())
		if got := ui.bar.CountText(); got != c.want {
			t.Errorf("setCount(%d, %v) by date %v, ranking %v = %q, want %q", c.total, c.capped, c.byDate, c.ranking, got, c.want)
		}
	}
}

// When counting runs out of time the list still shows a full first page,
// and the count says it is a lower bound.
func TestSlowCountStillShowsAFullPage(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 2*pageSize)
	later := article.Article{Title: "Unrelated", Body: "Nothing about ports.", Published: article.NewDate(dayOf(3650)),
		File: article.File{Name: "later.txt", Format: "text"}}
	if _, err := store.Add(context.Background(), []db.NewArticle{{Article: later, Original: []byte(later.Body)}}); err != nil {
		t.Fatal(err)
	}
	// Counting stops as soon as a page is known; the newest days, where the
	// scan starts, have no match.
	store.SetScanBudget(time.Nanosecond)
	ui.setSort(db.Newest)
	ui.bar.SetQuery("harbour")
	ui.searchNow()
	ui.WaitIdle()

	if got := len(ui.search.hits); got < pageSize {
		t.Fatalf("%d hits loaded, want a full page (%d)", got, pageSize)
	}
	if got := ui.bar.CountText(); !strings.Contains(got, "+") {
		t.Errorf("count = %q, want it marked as a lower bound", got)
	}
	for i := 1; i < len(ui.search.hits); i++ {
		if ui.search.hits[i].Published.String() >= ui.search.hits[i-1].Published.String() {
			t.Fatalf("hit %d is not older than the one before it", i)
		}
	}
}

// A relevance search whose ranking would keep the list waiting shows the
// newest matches first, says it is ranking, and then lists them ranked.
func TestSlowRankingShowsNewestFirstThenRanked(t *testing.T) {
	ui, store := newTestUI(t)
	var items []db.NewArticle
	bodies := []string{
		"The harbour reopened after the storm, said the mayor on Monday.",
		"Fishing boats left the harbour at dawn as prices for cod rose again.",
		"Cranes at the harbour were idle for a third week of the dock strike.",
	}
	for i, title := range []string{"Harbour news", "Port report", "Harbour harbour harbour"} {
		a := article.Article{Title: title, Body: bodies[i], Published: article.NewDate(dayOf(10 * (3 - i))),
			File: article.File{Name: title + ".txt", Format: "text"}}
		items = append(items, db.NewArticle{Article: a, Original: []byte(a.Body + title)})
	}
	if _, err := store.Add(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	ui.setSort(db.Relevance)
	ui.WaitIdle()
	store.SetQuickRankCost(time.Nanosecond) // every ranking is too slow to wait for

	// The quick first page, as the search shows it before ranking.
	ui.bar.SetQuery("harbour")
	req := db.Request{Query: "harbour", Sort: db.Relevance, Limit: pageSize}
	quick := req
	quick.Quick = true
	res, err := store.Search(context.Background(), quick)
	if err != nil || !res.Refine {
		t.Fatalf("quick search: Refine %v, %v", res.Refine, err)
	}
	ui.showResults(res, nil)
	if got := hitTitles(ui); len(got) != 3 || got[0] != "Harbour news" {
		t.Fatalf("quick list %q, want the newest first", got)
	}
	ui.rank(ui.search.ctx, ui.search.gen.Load(), req)
	if got := ui.bar.CountText(); got != "3 articles · ranking…" {
		t.Errorf("count while ranking = %q", got)
	}
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 3 || got[0] != "Harbour harbour harbour" {
		t.Errorf("ranked list %q, want the title that says harbour thrice first", got)
	}
	if got := ui.bar.CountText(); got != "3 articles" {
		t.Errorf("count once ranked = %q", got)
	}

	// Through the search field, the same ends ranked.
	ui.bar.SetQuery("harbo*")
	ui.searchNow()
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 3 || got[0] != "Harbour harbour harbour" || ui.bar.CountText() != "3 articles" {
		t.Errorf("after typing: %q, count %q", got, ui.bar.CountText())
	}
}
