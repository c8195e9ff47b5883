package searchbar

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

// bar is a search bar alone in a window, counting what it asks for.
type bar struct {
	*Bar
	g              *tasks.Group
	searches       int
	sorts          []db.Sort
	keys           []fyne.KeyName
	importsClicked int
}

func newBar(t *testing.T, query string) *bar {
	t.Helper()
	a := test.NewTempApp(t)
	b := &bar{g: tasks.New(true)}
	b.Bar = New(Config{Query: query, Sort: db.Newest, Tasks: b.g,
		HandleKey: func(ev *fyne.KeyEvent) bool { b.keys = append(b.keys, ev.Name); return ev.Name == fyne.KeyDown },
		OnSearch:  func() { b.searches++ },
		OnSort:    func(s db.Sort) { b.sorts = append(b.sorts, s) },
		OnImport:  func() { b.importsClicked++ }})
	w := a.NewWindow("bar")
	w.SetContent(b.Object())
	w.Show()
	return b
}

func TestTypingSearchesAfterAPause(t *testing.T) {
	b := newBar(t, "mali")
	if b.Query() != "mali" || b.Sort() != db.Newest {
		t.Fatalf("starts with %q, %v", b.Query(), b.Sort())
	}
	b.SetQuery("")
	b.Settle()
	test.Type(b.Field(), "mali coup")
	if !b.Typing() || b.searches != 0 {
		t.Fatalf("typing: pending %v, %d searches", b.Typing(), b.searches)
	}
	b.g.Wait()
	if b.searches != 1 || b.Query() != "mali coup" {
		t.Errorf("after the pause: %d searches of %q, want one", b.searches, b.Query())
	}

	// Enter searches at once; Settle forgets the search waiting for the pause.
	b.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b.searches != 2 {
		t.Errorf("Enter: %d searches", b.searches)
	}
	b.SetQuery("niger")
	b.Settle()
	b.g.Wait()
	if b.searches != 2 || b.Typing() {
		t.Errorf("settled: %d searches, pending %v", b.searches, b.Typing())
	}
}

func TestWindowKeysGoToTheWindowFirst(t *testing.T) {
	b := newBar(t, "")
	b.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	b.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	b.Field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if len(b.keys) != 2 || b.keys[0] != fyne.KeyDown || b.keys[1] != fyne.KeyEscape {
		t.Errorf("offered to the window: %v, want Down and Escape", b.keys)
	}
}

func TestSortChosenOrSet(t *testing.T) {
	b := newBar(t, "")
	var choice interface{ SetSelected(string) }
	for _, o := range test.LaidOutObjects(b.Object()) {
		if s, ok := o.(interface{ SetSelected(string) }); ok {
			choice = s
		}
	}
	choice.SetSelected("Oldest")
	if len(b.sorts) != 1 || b.sorts[0] != db.Oldest || b.Sort() != db.Oldest {
		t.Fatalf("chosen: %v, now %v", b.sorts, b.Sort())
	}
	b.SetSort(db.Relevance) // from the menu: the window knows
	if len(b.sorts) != 1 || b.Sort() != db.Relevance {
		t.Errorf("set: told %v, now %v", b.sorts, b.Sort())
	}
}

// Past db.CountCap the store stops counting; the count must not pretend to
// be exact.
func TestCountSaysWhenCappedAndHowSorted(t *testing.T) {
	b := newBar(t, "")
	for _, c := range []struct {
		total  int
		capped bool
		order  string
		want   string
	}{
		{0, false, "", "No articles"},
		{1, false, "", "1 article"},
		{2500, false, "", "2,500 articles"},
		{db.CountCap, true, "", "10,000+ articles"},
		{db.CountCap, true, "newest first", "10,000+ articles · newest first"},
	} {
		b.SetCount(c.total, c.capped, c.order)
		if got := b.CountText(); got != c.want {
			t.Errorf("SetCount(%d, %v, %q) = %q, want %q", c.total, c.capped, c.order, got, c.want)
		}
	}
}
