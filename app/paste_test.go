package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/clipboard"
)

// What Chromium puts on the clipboard for a selected article (shortened).
const copiedSelection = `<meta charset='utf-8'><h1 style="font-size: 2em; color: rgb(32, 33, 36);">Ferries return to the islands after the storm</h1>` +
	`<p style="color: rgb(95, 99, 104);">By Ana Lopes</p><p style="margin: 0px 0px 1em;">The ferries to the islands sailed again on Monday after a week in port, as the storm that had kept them there moved east.</p>` +
	`<p style="margin: 0px 0px 1em;">The operator said every sailing of the week was full, and that it would add two evening crossings until the backlog had cleared.</p>`

// clipboardHolding makes a UI whose clipboard holds clip (or fails
// with err), and counts the reads.
func clipboardHolding(t *testing.T, clip clipboard.Clip, err error) (*UI, *int) {
	t.Helper()
	reads := new(int)
	ui, _ := newTestUIWith(t, options{queued: true, readClipboard: func(context.Context) (clipboard.Clip, error) {
		*reads++
		return clip, err
	}})
	return ui, reads
}

func pressCtrlV(ui *UI) {
	ui.Window().Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutPaste{Clipboard: ui.app.Clipboard()})
	ui.WaitIdle()
}

func TestCtrlVImportsTheBrowserSelection(t *testing.T) {
	ui, _ := clipboardHolding(t, clipboard.Clip{Kind: clipboard.HTML, Data: []byte(copiedSelection), Source: "https://courier.example/ferries"}, nil)
	pressCtrlV(ui)

	if got := ui.imports.Status(); got != "1 imported" {
		t.Errorf("summary %q", got)
	}
	a := shownArticle(ui)
	if a == nil {
		t.Fatalf("the pasted article is not open; list %q", hitTitles(ui))
	}
	if a.Title != "Ferries return to the islands after the storm" || a.URL != "https://courier.example/ferries" || a.File.Name != "pasted.html" {
		t.Errorf("pasted: %q, %q, %+v", a.Title, a.URL, a.File)
	}
	orig, err := ui.store.Original(ui.ctx, a.ID)
	if err != nil || string(orig) != copiedSelection {
		t.Errorf("the original is not what was copied (%v)", err)
	}

	// The same again: a duplicate, said as a drop's is.
	pressCtrlV(ui)
	if got := ui.imports.Status(); got != "0 imported · 1 duplicate" {
		t.Errorf("again: %q", got)
	}
}

func TestPasteOfCopiedFilesAndALink(t *testing.T) {
	var mu sync.Mutex
	asked := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1><img src="/photo.jpg">`+
			`<p>The northern harbour reopened to shipping on Tuesday after a three-day strike ended with a pay deal.</p>`+
			`<p>About forty ships were waiting in the roads to unload, the port authority said.</p></article></body></html>`)
	}))
	defer srv.Close()
	ui, _ := clipboardHolding(t, clipboard.Clip{Kind: clipboard.Paths, Paths: []string{fixture(t, maliFile), srv.URL + "/port"}}, nil)
	ui.paste.paste() // Edit ▸ Paste as new article
	ui.WaitIdle()

	if got := ui.imports.Status(); got != "2 imported" {
		t.Errorf("summary %q, problems %+v", got, problems(ui))
	}
	if titles := strings.Join(hitTitles(ui), " | "); !strings.Contains(titles, "Port reopens") || !strings.Contains(titles, maliTitle) {
		t.Errorf("listed %q", titles)
	}
	mu.Lock()
	defer mu.Unlock()
	if asked != 1 {
		t.Errorf("the site was asked %d times; only the page may be fetched", asked)
	}
}

func TestPasteOfNothingUsefulSaysWhy(t *testing.T) {
	for _, tc := range []struct {
		clip clipboard.Clip
		err  error
		says string
	}{
		{clipboard.Clip{Offered: []string{"TARGETS", "TIMESTAMP", "image/png"}}, nil, "The clipboard holds image/png: Clippings takes text, web pages, links and files."},
		{clipboard.Clip{}, clipboard.ErrEmpty, "The clipboard is empty. In your browser, select the article"},
		{clipboard.Clip{}, fmt.Errorf("text/html: %w", context.DeadlineExceeded), "ead the clipboard: text/html: context deadline exceeded"},
	} {
		ui, _ := clipboardHolding(t, tc.clip, tc.err)
		pressCtrlV(ui)
		if d := topDialog(ui); d == nil || !shows(d, tc.says) {
			t.Errorf("no dialog saying %q", tc.says)
		}
		if ui.imports.Visible() {
			t.Error("an import started")
		}
	}
}

func TestPasteFallsBackToTheToolkitsText(t *testing.T) {
	ui, _ := clipboardHolding(t, clipboard.Clip{}, fmt.Errorf("connect to the X server: %w", clipboard.ErrNoServer))
	ui.app.Clipboard().SetContent("Ferry timetable changes\n\nThe ferry to the islands will sail twice a day from Monday, the operator said.\n\nTickets bought for the old times remain valid.")
	pressCtrlV(ui)
	a := shownArticle(ui)
	if a == nil || a.Title != "Ferry timetable changes" || a.File.Name != "pasted.txt" {
		t.Fatalf("pasted %+v", a)
	}
}

func TestCtrlVIsNotAPasteWithADialogOpen(t *testing.T) {
	ui, reads := clipboardHolding(t, clipboard.Clip{Kind: clipboard.Text, Data: []byte("Some text\n\nthat would be an article.")}, nil)
	ui.in.askWebAddress()
	pressCtrlV(ui)
	if *reads != 0 {
		t.Error("Ctrl+V behind a dialog read the clipboard")
	}
}

// TestPasteMenuItemLeavesTextFieldsTheirPaste: the desktop driver matches
// a key against the main menu's shortcuts, by name, before the focused
// widget gets it; the menu item must show Ctrl+V without being Fyne's
// Paste, or Ctrl+V in the search field would paste an article.
func TestPasteMenuItemLeavesTextFieldsTheirPaste(t *testing.T) {
	ui, _ := newTestUI(t)
	var found *fyne.MenuItem
	for _, m := range ui.Window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Paste as new article" {
				found = it
			}
		}
	}
	if found == nil || found.Shortcut == nil {
		t.Fatal("no Edit ▸ Paste as new article with a shortcut")
	}
	if found.Shortcut.ShortcutName() == (&fyne.ShortcutPaste{}).ShortcutName() {
		t.Error("the menu's shortcut is Fyne's Paste: it would take Ctrl+V from text fields")
	}
	if got := dialogs.ShortcutText(found.Shortcut); got != "Ctrl+V" {
		t.Errorf("shown as %q", got)
	}
	// In the search field, Ctrl+V pastes text there.
	ui.app.Clipboard().SetContent("zakharova")
	ui.Window().Canvas().Focus(ui.bar.Field())
	ui.bar.Field().TypedShortcut(&fyne.ShortcutPaste{Clipboard: ui.app.Clipboard()})
	if ui.bar.Query() != "zakharova" {
		t.Errorf("search field holds %q", ui.bar.Query())
	}
}

func TestEmptyArchiveOffersPaste(t *testing.T) {
	ui, reads := clipboardHolding(t, clipboard.Clip{Kind: clipboard.HTML, Data: []byte(copiedSelection)}, nil)
	b := button(ui.Window().Content(), "Paste")
	if b == nil {
		t.Fatalf("no Paste button; the window shows %q", texts(ui.Window().Content()))
	}
	test.Tap(b)
	ui.WaitIdle()
	if *reads != 1 || ui.isEmptyState() {
		t.Errorf("%d reads; empty state %v", *reads, ui.isEmptyState())
	}
}

func TestDroppedLinkIsFetched(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Storm closes port | Courier</title></head><body><article><h1>Storm closes port</h1>`+
			`<p>The northern harbour closed to shipping on Sunday as a storm brought winds of more than a hundred kilometres an hour.</p>`+
			`<p>The ferries to the islands stayed in port, and the operator said it would decide on Monday morning whether to sail.</p></article></body></html>`)
	}))
	defer srv.Close()
	ui, _ := newTestUI(t)
	// What GLFW and Fyne make of a link dragged from a browser.
	ui.HandleDrop(fyne.NewPos(5, 5), []fyne.URI{storage.NewFileURI(srv.URL + "/news/storm")})
	ui.WaitIdle()
	a := shownArticle(ui)
	if a == nil || a.Title != "Storm closes port" || a.URL != srv.URL+"/news/storm" {
		t.Fatalf("dropped link gave %+v (panel %q, problems %+v)", a, ui.imports.Status(), problems(ui))
	}
}

func TestDroppedLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "https:", "example.com", "saved.html")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("<p>x</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{storage.NewFileURI("https://news.example/2024/story?id=3").Path(), "https://news.example/2024/story?id=3"},
		{storage.NewFileURI("http://127.0.0.1:8000/article.html").Path(), "http://127.0.0.1:8000/article.html"},
		{"/home/ana/https:/news.example/a", "https://news.example/a"},
		{"/home/ana/notes/story.html", ""},
		{"/home/ana/https:/", ""},
		{real, ""}, // a file in a folder named "https:"
	} {
		if got := droppedLink(tc.path); got != tc.want {
			t.Errorf("droppedLink(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestInboxFolderImportsWhatArrives(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, inboxQuiet: 100 * time.Millisecond})
	dir := t.TempDir()
	mali, err := os.ReadFile(fixture(t, maliFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "there-before.txt"), mali, 0o644); err != nil {
		t.Fatal(err)
	}
	if ui.inbox.Watching() != "" {
		t.Fatal("the inbox is on before the user turned it on")
	}
	if err := ui.inbox.Apply(true, dir); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n, _ := store.Count(ui.ctx)
		return n
	}
	waitFor(t, ui, "the file already there", func() bool { return count() == 1 && !ui.imports.Running() })
	port, err := os.ReadFile(fixture(t, portFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "arrived.txt"), port, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ui, "the file that arrived", func() bool { return count() == 2 && len(ui.list.Hits()) == 2 })
	if shownArticle(ui) != nil {
		t.Error("an article that arrived by itself was opened")
	}
	if !ui.imports.Visible() || !strings.Contains(ui.imports.Status(), "imported") {
		t.Errorf("the window does not show it arriving: panel %v %q", ui.imports.Visible(), ui.imports.Status())
	}
	ui.imports.Dismiss()

	// A restart: what is there is already in the archive, and says nothing.
	ui.inbox.stop()
	if err := ui.inbox.start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	waitFor(t, ui, "the second look", func() bool { return !ui.imports.Running() })
	if count() != 2 || ui.imports.Visible() {
		t.Errorf("after a restart: %d articles, panel %q", count(), ui.imports.Status())
	}

	// A file that fails is reported, and left where it is.
	broken := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(broken, []byte("%PDF-1.4 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ui, "the failure", func() bool { return summary(ui).Failed == 1 && !ui.imports.Running() })
	if !(button(ui.imports.Object(), "Details") != nil) || !strings.HasPrefix(ui.imports.Status(), "Inbox folder: Not imported: "+broken+" — ") {
		t.Errorf("failure not shown: %q", ui.imports.Status())
	}
	if _, err := os.Stat(broken); err != nil {
		t.Errorf("the failed file was not left in place: %v", err)
	}

	// Turned off, it watches no more, and remembers it.
	if err := ui.inbox.Apply(false, dir); err != nil {
		t.Fatal(err)
	}
	if ui.inbox.Watching() != "" || ui.app.Preferences().Bool(prefInboxOn) {
		t.Error("still on")
	}
	if err := ui.inbox.Apply(true, filepath.Join(dir, "missing")); err == nil || ui.app.Preferences().Bool(prefInboxOn) {
		t.Errorf("a missing folder: %v; remembered as on: %v", err, ui.app.Preferences().Bool(prefInboxOn))
	}
}

func TestPreferencesTurnTheInboxOn(t *testing.T) {
	ui, _ := newTestUIWith(t, options{queued: true, inboxQuiet: 100 * time.Millisecond})
	dir := t.TempDir()
	menuItem(ui, "Preferences…").Action()
	d := topDialog(ui)
	if d == nil || !shows(d, "Inbox folder") {
		t.Fatal("no Preferences dialog")
	}
	on := anyOf[*widget.Check](d)
	folder := entryWith(d, kit.DownloadsFolder())
	if on == nil || folder == nil || on.Checked || !folder.Disabled() {
		t.Fatal("the inbox is on, or its folder editable, before the user turned it on")
	}
	on.SetChecked(true)
	folder.SetText(dir)
	if folder.Disabled() {
		t.Error("the folder cannot be chosen once the inbox is on")
	}
	test.Tap(button(d, "Save"))
	if ui.inbox.Watching() != dir || !ui.app.Preferences().Bool(prefInboxOn) {
		t.Errorf("watching %q", ui.inbox.Watching())
	}
}
