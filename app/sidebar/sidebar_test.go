package sidebar

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// fixture is a sidebar alone in a window over an archive of three
// articles, two by Anna Keller in 2021, one starred and tagged; the
// queries it asks for are searched as the window does.
type fixture struct {
	*Sidebar
	store *db.Store
	g     *tasks.Group
	w     fyne.Window
	asked []string
	query string
	sort  db.Sort
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	for i, by := range []string{"Anna Keller", "Anna Keller", "Tom Berg"} {
		body := fmt.Sprintf("Report %d on harbour cranes.", i)
		art := article.Article{Title: fmt.Sprintf("Report %d", i), Authors: []string{by}, Source: "Wire", Body: body,
			Words: 5, Published: article.NewDate(time.Date(2021-i/2, 3, 1, 0, 0, 0, 0, time.UTC))}
		if res, err := store.Add(context.Background(), []db.NewArticle{{Article: art, Original: []byte(body)}}); err != nil || res[0].Err != nil {
			t.Fatal(err, res)
		}
	}
	if err := store.SetStarred(context.Background(), []int64{1}, true); err != nil {
		t.Fatal(err)
	}
	if err := store.SetTags(context.Background(), []int64{1}, []string{"Mali coup"}, nil); err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: store, g: tasks.New(true), w: a.NewWindow("sidebar")}
	f.Sidebar = New(Config{Ctx: context.Background(), Store: store, Tasks: f.g, Window: f.w,
		HandleKey: func(*fyne.KeyEvent) bool { return false },
		OnQuery: func(q string, sort *db.Sort) {
			if sort != nil {
				f.sort = *sort
			}
			f.asked = append(f.asked, q)
			f.search(q)
		},
		Current:   func() (string, db.Sort) { return f.query, db.Newest },
		Refuse:    func() bool { return false },
		Fail:      func(err error) { t.Errorf("failure shown: %v", err) },
		RenameTag: func(string) {}, DeleteTag: func(string, int) {}})
	f.w.SetContent(f.Object())
	f.w.Resize(fyne.NewSize(300, 900))
	f.w.Show()
	f.Refresh()
	f.search("")
	return f
}

// search is what the window does for a search.
func (f *fixture) search(q string) {
	f.query = q
	f.SetQuery(q, f.sort)
	f.CountNames(q)
	f.g.Wait()
}

func (f *fixture) row(name string) *Row {
	for _, r := range f.Rows() {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

func (f *fixture) names() []string {
	var out []string
	for _, r := range f.Rows() {
		out = append(out, r.Name()+" "+r.Count())
	}
	return out
}

func TestEntriesAreCountedAndRunTheirSearch(t *testing.T) {
	f := newFixture(t)
	for name, want := range map[string]string{"All articles": "3", "Unread": "3", "Starred": "1", "Mali coup": "1"} {
		if r := f.row(name); r == nil || r.Count() != want {
			t.Errorf("%s: %q", name, f.names())
		}
	}
	if !f.row("All articles").Current() {
		t.Error("the entry of the search shown is not marked")
	}
	f.row("Starred").Tapped(nil)
	if len(f.asked) != 1 || f.asked[0] != QueryStarred || !f.row("Starred").Current() || f.row("All articles").Current() {
		t.Errorf("Starred asked %q", f.asked)
	}
	// From the keyboard: Up to Unread, Enter.
	f.w.Canvas().Focus(f.row("Starred"))
	f.row("Starred").TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if r, _ := f.w.Canvas().Focused().(*Row); r == nil || r.Name() != "Unread" {
		t.Fatal("Up did not move to Unread")
	}
	f.w.Canvas().Focused().(*Row).TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := f.asked[len(f.asked)-1]; got != QueryUnread {
		t.Errorf("Enter asked %q", got)
	}
}

func TestFacetsNarrowTheSearch(t *testing.T) {
	f := newFixture(t)
	f.search("harbour")
	year, author := f.row("2021"), f.row("Anna Keller")
	if year == nil || year.Count() != "2" || author == nil || author.Count() != "2" {
		t.Fatalf("facets: %q", f.names())
	}
	author.Tapped(nil)
	if got := f.asked[len(f.asked)-1]; got != `harbour author:"Anna Keller"` {
		t.Errorf("narrowed to %q", got)
	}
}

func TestSavedSearchesAreMadeRenamedMovedAndDeleted(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{"cranes", "harbour", "report"} {
		f.SaveSearch(q, db.Newest)
		d := f.w.Canvas().Overlays().Top()
		if d == nil {
			t.Fatal("no dialog to name the search")
		}
		entry := entryIn(d)
		if entry == nil || entry.Text != q {
			t.Fatalf("the name offered is not the query: %+v", entry)
		}
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		f.g.Wait()
	}
	saved := func() string {
		var names []string
		for _, s := range f.Saved() {
			names = append(names, s.Name)
		}
		return strings.Join(names, " ")
	}
	if saved() != "cranes harbour report" {
		t.Fatalf("saved %q", saved())
	}
	f.savedMenu(f.Saved()[2], 2, fyne.Position{})
	f.moveSaved(2, -1) // the menu's Move up
	f.g.Wait()
	if saved() != "cranes report harbour" {
		t.Errorf("after Move up: %q", saved())
	}
	f.w.Canvas().Overlays().Top().Hide()
	f.row("report").TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	e := entryIn(f.w.Canvas().Overlays().Top())
	e.SetText("Reports")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.g.Wait()
	if saved() != "cranes Reports harbour" {
		t.Errorf("after renaming: %q", saved())
	}
	f.row("Reports").Tapped(nil)
	if f.query != "report" || f.sort != db.Newest || !f.row("Reports").Current() {
		t.Errorf("the saved search searched %q, %v", f.query, f.sort)
	}
	f.row("Reports").TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	confirm := f.w.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("deleting asks nothing")
	}
	for _, o := range test.LaidOutObjects(confirm) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Delete" {
			test.Tap(b)
		}
	}
	f.g.Wait()
	if saved() != "cranes harbour" {
		t.Errorf("after deleting: %q", saved())
	}
}

func entryIn(o fyne.CanvasObject) *widget.Entry {
	var found *widget.Entry
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if e, ok := o.(*widget.Entry); ok {
			found = e
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				visit(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				visit(child)
			}
		}
	}
	visit(o)
	return found
}
