package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/reader"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/importer"
)

// The fixtures under testdata/.
const (
	maliFile    = "mali-russia-negotiations.txt"
	portFile    = "port-strike.txt"
	glacierFile = "glacier-study.txt"
	maliTitle   = "Russia calls for negotiations to end Mali crisis"
)

// newTestUI opens a fresh on-disk archive in a test app and waits for the
// first search.
func newTestUI(t *testing.T) (*UI, *db.Store) {
	t.Helper()
	return newTestUIWith(t, options{queued: true})
}

// newTestUIWith is newTestUI with other options (live refresh).
func newTestUIWith(t *testing.T, opt options) (*UI, *db.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatalf("open archive: %v", err)
	}
	ui := newUI(a, store, opt)
	t.Cleanup(func() {
		ui.Shutdown()
		if err := store.Close(); err != nil {
			t.Errorf("close archive: %v", err)
		}
	})
	ui.Window().Show()
	ui.WaitIdle()
	return ui, store
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// drop drops files on the window through its drop handler and waits for
// the import and the search after it.
func drop(t *testing.T, ui *UI, paths ...string) {
	t.Helper()
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	ui.HandleDrop(fyne.NewPos(10, 10), uris)
	ui.WaitIdle()
}

func dropFixtures(t *testing.T, ui *UI, names ...string) {
	t.Helper()
	var paths []string
	for _, n := range names {
		paths = append(paths, fixture(t, n))
	}
	drop(t, ui, paths...)
}

// addArticles stores n generated articles straight into the archive.
func addArticles(t *testing.T, store *db.Store, n int) {
	t.Helper()
	addNumbered(t, store, 0, n)
}

// addNumbered stores generated articles first to first+n-1; a higher
// number is published later.
func addNumbered(t *testing.T, store *db.Store, first, n int) {
	t.Helper()
	var items []db.NewArticle
	for i := first; i < first+n; i++ {
		body := fmt.Sprintf("Report number %d about harbour cranes and shipping number %d.", i, i*7919)
		items = append(items, db.NewArticle{
			Article: article.Article{
				Title: fmt.Sprintf("Harbour report %d", i), Source: "Test Wire", Body: body,
				Words: len(strings.Fields(body)), Published: article.NewDate(dayOf(i)),
				File: article.File{Name: fmt.Sprintf("report-%d.txt", i), Format: "text"},
			},
			Original: []byte(body),
		})
	}
	if _, err := store.Add(context.Background(), items); err != nil {
		t.Fatalf("add articles: %v", err)
	}
}

// texts is every piece of text shown under o: labels, rich text, buttons.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *kit.WrappedText:
			out = append(out, w.String())
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.RichText:
			out = append(out, w.String())
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Hyperlink:
			out = append(out, w.Text)
		}
	})
	return out
}

func shows(o fyne.CanvasObject, want string) bool {
	for _, s := range texts(o) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// walk visits o and everything drawn inside it that is visible.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, visit)
		}
	}
}

// button finds a visible button by its text.
func button(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// topDialog is the dialog (or other overlay) over the window, nil if none.
func topDialog(ui *UI) fyne.CanvasObject {
	return ui.Window().Canvas().Overlays().Top()
}

func hitTitles(ui *UI) []string {
	var titles []string
	for _, h := range ui.list.Hits() {
		titles = append(titles, h.Title)
	}
	return titles
}

func typeKey(ui *UI, name fyne.KeyName) {
	ui.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// waitFor lets background work (polls of the archive included) run until
// cond holds, failing the test after a few seconds.
func waitFor(t *testing.T, ui *UI, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ui.WaitIdle()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func dayOf(i int) time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i) }

// sortChoice is the search bar's choice of sort.
func sortChoice(ui *UI) *widget.Select {
	var found *widget.Select
	walk(ui.bar.Object(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			found = s
		}
	})
	return found
}

// visible reports whether something of type T is drawn under o.
func visible[T fyne.CanvasObject](o fyne.CanvasObject) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if _, ok := o.(T); ok {
			found = true
		}
	})
	return found
}

// anyOf is the first thing of type T under o, shown or hidden.
func anyOf[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	var done bool
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || done {
			return
		}
		if t, ok := o.(T); ok {
			found, done = t, true
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

// summary and problems are what the imports since the import panel was
// last dismissed brought, and the files they did not import.
func summary(ui *UI) importer.Summary {
	sum, _ := ui.imports.Summary()
	return sum
}

func problems(ui *UI) []importer.Result {
	_, p := ui.imports.Summary()
	return p
}

// shownArticle is the article the article pane shows, nil when none is.
func shownArticle(ui *UI) *db.Article {
	if a, ok := ui.reader.Article(); ok {
		return &a
	}
	return nil
}

// starButton and readButton are the article pane's Star and Mark read
// buttons, whatever they say now.
func starButton(ui *UI) *widget.Button { return buttonSaying(ui.reader.Object(), "Star", "Unstar") }
func readButton(ui *UI) *widget.Button {
	return buttonSaying(ui.reader.Object(), "Mark read", "Mark unread")
}

func buttonSaying(o fyne.CanvasObject, texts ...string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && slices.Contains(texts, b.Text) {
			found = b
		}
	})
	return found
}

// tagChip is the article pane's chip of a tag.
func tagChip(ui *UI, name string) *reader.TagChip {
	var found *reader.TagChip
	walk(ui.reader.Object(), func(o fyne.CanvasObject) {
		if c, ok := o.(*reader.TagChip); ok && c.Name() == name {
			found = c
		}
	})
	return found
}

// paneContent is what the article pane shows: the same object as long as
// the article is not shown again.
func paneContent(ui *UI) fyne.CanvasObject { return ui.reader.Object().(*fyne.Container).Objects[0] }

// noticeText and noticeShown are what the list says over itself.
func noticeText(ui *UI) string {
	text, _ := ui.list.Notice()
	return text
}

func noticeShown(ui *UI) bool {
	_, shown := ui.list.Notice()
	return shown
}
