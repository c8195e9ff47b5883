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
	"github.com/clippings/clippings/app/results"
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
	if !strings.Contains(ui.list.Hits()[0].Snippet, db.MarkStart+"Zakharova"+db.MarkEnd) {
		t.Errorf("snippet has no marked word: %q", ui.list.Hits()[0].Snippet)
	}

	ui.clearSearch()
	ui.WaitIdle()
	if got := len(ui.list.Hits()); got != 3 {
		t.Errorf("after clearing, %d hits, want all 3", got)
	}
}

func TestSearchWordsAreHighlightedInListAndDetail(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	test.Type(ui.bar.Field(), "Zakharova")
	ui.WaitIdle()
	ui.list.Rows().Select(0)
	ui.WaitIdle()

	row := rowOf(t, ui, 0)
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
	if ui.list.Failure() != nil {
		t.Fatalf("search failed: %v", ui.list.Failure())
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
	if got := hitTitles(ui); len(got) != 1 || !strings.Contains(strings.ToLower(ui.list.Hits()[0].Snippet+got[0]), "glacier") {
		t.Errorf("hits = %q, want only the glacier article", got)
	}
	if ui.list.Query() != "glaciers" {
		t.Errorf("current query = %q", ui.list.Query())
	}
}

func TestListPagesThroughLargeResults(t *testing.T) {
	ui, store := newTestUI(t)
	total := 2*results.PageSize + results.PageSize/2
	addArticles(t, store, total)
	ui.searchNow()
	ui.WaitIdle()

	if got := len(ui.list.Hits()); got != results.PageSize {
		t.Fatalf("first page has %d hits, want %d", got, results.PageSize)
	}
	if got, want := ui.bar.CountText(), humanize.Thousands(total)+" articles"; got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	for want := 2 * results.PageSize; want <= total+results.PageSize; want += results.PageSize {
		ui.list.Rows().ScrollToBottom() // showing the last rows fetches the next page
		ui.WaitIdle()
		if got := len(ui.list.Hits()); got < min(want, total) {
			t.Fatalf("after scrolling to the end, %d hits loaded, want %d", got, min(want, total))
		}
	}
	seen := map[int64]bool{}
	for _, h := range ui.list.Hits() {
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
	if got := ui.list.Hits()[0].Title; got != "Harbour report 0" {
		t.Errorf("oldest first starts with %q", got)
	}
	if sortChoice(ui).Selected != "Oldest" {
		t.Errorf("sort choice shows %q", sortChoice(ui).Selected)
	}
	sortChoice(ui).SetSelected("Newest")
	ui.WaitIdle()
	if got := ui.list.Hits()[0].Title; got != "Harbour report 4" {
		t.Errorf("newest first starts with %q", got)
	}
}

func TestNoMatchesIsSaidInTheList(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	test.Type(ui.bar.Field(), "xylophone")
	ui.WaitIdle()
	if len(ui.list.Hits()) != 0 || !noticeShown(ui) || !strings.Contains(noticeText(ui), "No articles match") {
		t.Errorf("hits %d, notice %q (visible %v)", len(ui.list.Hits()), noticeText(ui), noticeShown(ui))
	}
	if ui.isEmptyState() {
		t.Error("a search without matches is not an empty archive")
	}
	ui.clearSearch()
	ui.WaitIdle()
	if noticeShown(ui) {
		t.Error("notice still shown with results")
	}
}

// When counting runs out of time the list still shows a full first page,
// and the count says it is a lower bound.
func TestSlowCountStillShowsAFullPage(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 2*results.PageSize)
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

	if got := len(ui.list.Hits()); got < results.PageSize {
		t.Fatalf("%d hits loaded, want a full page (%d)", got, results.PageSize)
	}
	if got := ui.bar.CountText(); !strings.Contains(got, "+") {
		t.Errorf("count = %q, want it marked as a lower bound", got)
	}
	for i := 1; i < len(ui.list.Hits()); i++ {
		if ui.list.Hits()[i].Published.String() >= ui.list.Hits()[i-1].Published.String() {
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

	// The newest first and then ranked, step by step: results' own test.
	// Through the search field, the list ends ranked.
	ui.bar.SetQuery("harbo*")
	ui.searchNow()
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 3 || got[0] != "Harbour harbour harbour" || ui.bar.CountText() != "3 articles" {
		t.Errorf("after typing: %q, count %q", got, ui.bar.CountText())
	}
}
