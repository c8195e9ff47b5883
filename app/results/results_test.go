package results

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// fixture is a list alone in a window over an archive, with the article
// pane's part played by open.
type fixture struct {
	*List
	store  *db.Store
	g      *tasks.Group
	open   int64
	count  string
	chosen int // selection changes told
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f := &fixture{store: store, g: tasks.New(true)}
	w := a.NewWindow("list")
	f.List = New(Config{Ctx: context.Background(), Store: store, Tasks: f.g, Window: w,
		HandleKey: func(*fyne.KeyEvent) bool { return false },
		OpenID:    func() int64 { return f.open }, OnOpen: func(id int64) { f.open = id }, OnClose: func() { f.open = 0 },
		OnCount: func(total int, capped bool, order string) {
			f.count = fmt.Sprint(total)
			if order != "" {
				f.count += " · " + order
			}
		},
		OnListed: func(string, int, error) {}, OnSearched: func(string) {}, OnRefreshFailed: func() {},
		OnGone: func(int64) {}, OnSelection: func() { f.chosen++ },
		TargetState: func([]int64) (bool, bool) { return false, false }, ShowMenu: func(fyne.Position) {},
		Tag: func() {}, Star: func() {}, Read: func() {}, Export: func() {}, Delete: func() {}})
	w.SetContent(f.Object())
	w.Resize(fyne.NewSize(500, 700))
	w.Show()
	return f
}

// add stores articles titled as given, the first published last.
func (f *fixture) add(t *testing.T, titles []string, bodies []string) {
	t.Helper()
	var items []db.NewArticle
	for i, title := range titles {
		body := "A report on the harbour."
		if bodies != nil {
			body = bodies[i]
		}
		a := article.Article{Title: title, Body: body, Words: len(strings.Fields(body)),
			Published: article.NewDate(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 10*(len(titles)-i))),
			File:      article.File{Name: title + ".txt", Format: "text"}}
		items = append(items, db.NewArticle{Article: a, Original: []byte(title + body)})
	}
	if _, err := f.store.Add(context.Background(), items); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) titles() []string {
	var out []string
	for _, h := range f.Hits() {
		out = append(out, h.Title)
	}
	return out
}

// A relevance search whose ranking would keep the list waiting shows the
// newest matches first, says it is ranking, and then lists them ranked.
func TestSlowRankingShowsNewestFirstThenRanked(t *testing.T) {
	f := newFixture(t)
	f.add(t, []string{"Harbour news", "Port report", "Harbour harbour harbour"}, []string{
		"The harbour reopened after the storm, said the mayor on Monday.",
		"Fishing boats left the harbour at dawn as prices for cod rose again.",
		"Cranes at the harbour were idle for a third week of the dock strike.",
	})
	f.store.SetQuickRankCost(time.Nanosecond) // every ranking is too slow to wait for

	// The quick first page, as the search shows it before ranking.
	req := db.Request{Query: "harbour", Sort: db.Relevance, Limit: PageSize}
	quick := req
	quick.Quick = true
	res, err := f.store.Search(context.Background(), quick)
	if err != nil || !res.Refine {
		t.Fatalf("quick search: Refine %v, %v", res.Refine, err)
	}
	f.request = req
	f.showResults(res, nil)
	if got := f.titles(); len(got) != 3 || got[0] != "Harbour news" {
		t.Fatalf("quick list %q, want the newest first", got)
	}
	if f.count != "3 · newest first" {
		t.Errorf("count of the quick list = %q", f.count)
	}
	f.rank(context.Background(), f.Generation(), req)
	if f.count != "3 · ranking…" {
		t.Errorf("count while ranking = %q", f.count)
	}
	f.g.Wait()
	if got := f.titles(); len(got) != 3 || got[0] != "Harbour harbour harbour" {
		t.Errorf("ranked list %q, want the title that says harbour thrice first", got)
	}
	if f.count != "3" {
		t.Errorf("count once ranked = %q", f.count)
	}
}

func TestPagesLoadAsTheEndComesIntoView(t *testing.T) {
	f := newFixture(t)
	var titles []string
	for i := range 2*PageSize + 7 {
		titles = append(titles, fmt.Sprintf("Report %03d", i))
	}
	f.add(t, titles, nil)
	f.Search(db.Request{Sort: db.Newest}, false)
	f.g.Wait()
	for range 5 {
		f.Rows().ScrollToBottom()
		f.g.Wait()
	}
	if got := len(f.Hits()); got != 2*PageSize+7 {
		t.Errorf("%d hits loaded, want all", got)
	}
	if n, capped := f.Total(); n != 2*PageSize+7 || capped {
		t.Errorf("total %d (capped %v)", n, capped)
	}
}

func TestSeveralAreSelectedWithCtrlAndShift(t *testing.T) {
	f := newFixture(t)
	f.add(t, []string{"A", "B", "C", "D"}, nil)
	f.Search(db.Request{Sort: db.Newest}, false)
	f.g.Wait()
	f.Rows().Select(0)
	f.sel.rowTapped(2, fyne.KeyModifierControl)
	if got := f.Chosen(); len(got) != 2 || !f.SelectionBar().Visible() {
		t.Fatalf("Ctrl+click: %v, bar shown %v", got, f.SelectionBar().Visible())
	}
	f.sel.rowTapped(3, fyne.KeyModifierShift)
	want := []int64{f.Hits()[2].ID, f.Hits()[3].ID}
	if got := f.Chosen(); !slices.Equal(got, want) {
		t.Errorf("Shift+click from the last clicked: %v, want %v", got, want)
	}
	f.MoveSelection(-1) // a plain move: one selected again
	if f.Chosen() != nil || f.SelectionBar().Visible() {
		t.Errorf("after moving: %v", f.Chosen())
	}
	if next := f.NextAfter([]int64{f.Hits()[1].ID, f.Hits()[2].ID}); next != f.Hits()[3].ID {
		t.Errorf("next after rows 1 and 2: #%d", next)
	}
}

func TestAnEmptyListSaysWhy(t *testing.T) {
	f := newFixture(t)
	f.add(t, []string{"A"}, nil)
	f.Search(db.Request{Query: "xylophone"}, false)
	f.g.Wait()
	if text, shown := f.Notice(); !shown || !strings.Contains(text, "No articles match “xylophone”") {
		t.Errorf("notice %q (shown %v)", text, shown)
	}
	f.Search(db.Request{}, false)
	f.g.Wait()
	if _, shown := f.Notice(); shown || len(f.Hits()) != 1 {
		t.Error("the notice stays over results")
	}
}
