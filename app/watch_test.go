package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/results"
	"github.com/clippings/clippings/db"
)

// testPoll is a poll interval short enough for tests.
const testPoll = 10 * time.Millisecond

// otherProgram opens a second Store on the window's archive, as
// `clippings import` in a terminal would.
func otherProgram(t *testing.T, ui *UI) *db.Store {
	t.Helper()
	other, err := db.Open(context.Background(), ui.store.Path())
	if err != nil {
		t.Fatalf("open the archive a second time: %v", err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

func TestArticlesAddedByAnotherProgramAppear(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, pollInterval: testPoll})
	addArticles(t, store, 3)
	waitFor(t, ui, "our own articles", func() bool { return len(ui.list.Hits()) == 3 })
	ui.list.Rows().Select(1)
	ui.WaitIdle()
	reading := shownArticle(ui)
	if reading == nil {
		t.Fatal("no article shown")
	}
	pane := paneContent(ui)

	addNumbered(t, otherProgram(t, ui), 100, 2)
	waitFor(t, ui, "the other program's articles", func() bool { return len(ui.list.Hits()) == 5 })

	if got := ui.bar.CountText(); got != "5 articles" {
		t.Errorf("count = %q", got)
	}
	if got := hitTitles(ui)[0]; got != "Harbour report 101" {
		t.Errorf("newest first starts with %q", got)
	}
	if got := shownArticle(ui); got == nil || got.ID != reading.ID || paneContent(ui) != pane {
		t.Error("the article being read was reloaded or closed by the refresh")
	}
	if i := ui.list.SelectedIndex(); i < 0 || ui.list.Hits()[i].ID != reading.ID {
		t.Errorf("selection moved off the article being read: row %d", i)
	}
}

func TestRefreshKeepsTheSelectedRowInPlace(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, pollInterval: testPoll})
	n := results.PageSize - 5 // one page, with room for three more
	addArticles(t, store, n)
	waitFor(t, ui, "the articles", func() bool { return len(ui.list.Hits()) == n })
	ui.list.Rows().Select(40) // scrolls it into view, well down the list
	ui.WaitIdle()
	id := ui.list.Hits()[40].ID
	before := ui.list.Rows().GetScrollOffset()
	if before <= 0 {
		t.Fatalf("the list did not scroll to row 40 (offset %v)", before)
	}

	addNumbered(t, otherProgram(t, ui), 1000, 3) // newer: listed above
	waitFor(t, ui, "the refresh", func() bool { return len(ui.list.Hits()) == n+3 })

	if i := ui.list.SelectedIndex(); i != 43 || ui.list.Hits()[i].ID != id {
		t.Fatalf("selected row %d, want the same article at row 43", i)
	}
	want := before + 3*ui.list.RowPitch()
	if got := ui.list.Rows().GetScrollOffset(); got != want {
		t.Errorf("scroll offset %v, want %v: the selected row moved on screen", got, want)
	}
}

func TestRefreshKeepsPagesAlreadyLoaded(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, pollInterval: testPoll})
	addArticles(t, store, 2*results.PageSize+20)
	waitFor(t, ui, "the first page", func() bool { return len(ui.list.Hits()) == results.PageSize })
	ui.list.Rows().ScrollToBottom()
	ui.WaitIdle()
	loaded := len(ui.list.Hits())
	if loaded <= results.PageSize {
		t.Fatalf("scrolling down loaded nothing more: %d", loaded)
	}
	addNumbered(t, otherProgram(t, ui), 5000, 1)
	waitFor(t, ui, "the refresh", func() bool { return ui.bar.CountText() == humanize.Thousands(2*results.PageSize+21)+" articles" })
	if got := len(ui.list.Hits()); got < loaded+1 {
		t.Errorf("after the refresh %d hits are loaded, want the %d that were, and the new one", got, loaded)
	}
}

func TestArticleDeletedByAnotherProgramIsClosed(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, pollInterval: testPoll})
	addArticles(t, store, 3)
	waitFor(t, ui, "the articles", func() bool { return len(ui.list.Hits()) == 3 })
	ui.list.Rows().Select(0)
	ui.WaitIdle()
	doomed := shownArticle(ui).ID

	if err := otherProgram(t, ui).Delete(context.Background(), doomed); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ui, "the refresh", func() bool { return len(ui.list.Hits()) == 2 })
	if shownArticle(ui) != nil || ui.reader.ArticleID() != 0 {
		t.Error("the deleted article is still shown")
	}
}

func TestEmptyWindowFillsWhenAnotherProgramImports(t *testing.T) {
	ui, _ := newTestUIWith(t, options{queued: true, pollInterval: testPoll})
	if !ui.isEmptyState() {
		t.Fatal("no invitation on an empty archive")
	}
	addNumbered(t, otherProgram(t, ui), 0, 1)
	waitFor(t, ui, "the article", func() bool { return len(ui.list.Hits()) == 1 })
	if ui.isEmptyState() {
		t.Error("still inviting a drop with an article listed")
	}
}

func TestNoRefreshWhileOurOwnImportRuns(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 2)
	// An import that runs until the page it fetches comes: never, here.
	release := make(chan struct{})
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		http.NotFound(w, r)
	}))
	defer site.Close()
	ui.Import([]string{site.URL + "/story"})
	if !ui.imports.Running() {
		t.Fatal("the import is not running")
	}
	gen := ui.list.Generation()
	ui.watch.take(42)
	if ui.list.Generation() != gen {
		t.Error("the list was searched again during an import")
	}
	if ui.watch.seen.Load() == 42 {
		t.Error("the change was taken as seen; it would be missed after the import")
	}
	close(release)
	ui.WaitIdle()
	ui.watch.take(42)
	ui.WaitIdle()
	if ui.list.Generation() == gen || len(ui.list.Hits()) != 2 {
		t.Errorf("no refresh once the import ended: %d hits", len(ui.list.Hits()))
	}
}

func TestNoRefreshOverASearchOnItsWay(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 2)
	ui.searchNow()
	ui.WaitIdle()
	want := ui.list.Hits()[1].ID
	ui.list.SelectWhenShown(want) // as importFinished does, asking for an article to be opened
	ui.searchNow()
	gen := ui.list.Generation()
	ui.watch.take(42)
	if ui.list.Generation() != gen {
		t.Fatal("a refresh overtook the search on its way")
	}
	ui.WaitIdle()
	if a := shownArticle(ui); a == nil || a.ID != want {
		t.Errorf("the article asked for was not opened: %+v", a)
	}
	ui.watch.take(42) // the next poll
	ui.WaitIdle()
	if ui.list.Generation() == gen {
		t.Error("no refresh once the search had landed")
	}
}
