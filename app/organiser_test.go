package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/results"
	"github.com/clippings/clippings/app/sidebar"
	"github.com/clippings/clippings/db"
)

// rowOf finds the list row drawn for hit i.
func rowOf(t *testing.T, ui *UI, i int) *results.HitRow {
	t.Helper()
	var found *results.HitRow
	walk(ui.list.Object(), func(o fyne.CanvasObject) {
		if r, ok := o.(*results.HitRow); ok && r.Index() == i && found == nil {
			found = r
		}
	})
	if found == nil {
		t.Fatalf("row %d is not drawn", i)
	}
	return found
}

// click clicks row i of the list with modifier keys held, as the mouse
// does: button down, then the tap.
func click(t *testing.T, ui *UI, i int, mod fyne.KeyModifier) {
	t.Helper()
	r := rowOf(t, ui, i)
	r.MouseDown(&desktop.MouseEvent{Modifier: mod})
	r.Tapped(&fyne.PointEvent{})
	ui.WaitIdle()
}

// sideRowNamed finds a sidebar entry by its name.
func sideRowNamed(ui *UI, name string) *sidebar.Row {
	for _, r := range ui.side.Rows() {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

func sideNames(ui *UI) []string {
	var names []string
	for _, r := range ui.side.Rows() {
		names = append(names, r.Name()+" "+r.Count())
	}
	return names
}

func getArticle(t *testing.T, store *db.Store, id int64) db.Article {
	t.Helper()
	a, err := store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func total(t *testing.T, store *db.Store, query string) int {
	t.Helper()
	n, _, err := store.CountMatches(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// openRow selects row i and waits for its article.
func openRow(t *testing.T, ui *UI, i int) *db.Article {
	t.Helper()
	ui.list.Rows().Select(i)
	ui.WaitIdle()
	a := shownArticle(ui)
	if a == nil {
		t.Fatalf("row %d opened nothing", i)
	}
	return a
}

func TestTaggingTheOpenArticle(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	a := shownArticle(ui)

	// Ctrl+T puts the cursor in the tag field; Enter adds the tag.
	shortcut(ui, fyne.KeyT, fyne.KeyModifierShortcutDefault)
	if ui.Window().Canvas().Focused() != ui.reader.TagField() {
		t.Fatal("Ctrl+T did not focus the tag field")
	}
	test.Type(ui.reader.TagField(), "Mali coup")
	ui.reader.TagField().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()

	if got := getArticle(t, store, a.ID).Tags; !slices.Equal(got, []string{"Mali coup"}) {
		t.Fatalf("tags in the archive = %q", got)
	}
	if tagChip(ui, "Mali coup") == nil || !shows(ui.reader.Object(), "Mali coup") {
		t.Error("the article pane shows no chip for the tag")
	}
	if ui.reader.TagField().Text != "" {
		t.Errorf("tag field keeps %q", ui.reader.TagField().Text)
	}
	if got := ui.list.Hits()[0].Tags; !slices.Equal(got, []string{"Mali coup"}) {
		t.Errorf("the list's hit has tags %q", got)
	}
	if !strings.Contains(rowOf(t, ui, 0).Look().Meta, "Mali coup") {
		t.Errorf("row shows %q, without the tag", rowOf(t, ui, 0).Look().Meta)
	}
	if r := sideRowNamed(ui, "Mali coup"); r == nil || r.Count() != "1" {
		t.Fatalf("sidebar: %q", sideNames(ui))
	}

	// The tag's entry in the sidebar searches for it.
	sideRowNamed(ui, "Mali coup").Tapped(nil)
	ui.WaitIdle()
	if ui.bar.Query() != `tag:"Mali coup"` || len(ui.list.Hits()) != 1 {
		t.Errorf("tag search %q: %d hits", ui.bar.Query(), len(ui.list.Hits()))
	}
	if !sideRowNamed(ui, "Mali coup").Current() {
		t.Error("the tag's entry is not marked as the one shown")
	}

	// The chip's button takes it off.
	test.Tap(tagChip(ui, "Mali coup").RemoveButton())
	ui.WaitIdle()
	if got := getArticle(t, store, a.ID).Tags; len(got) != 0 {
		t.Errorf("tags after removing: %q", got)
	}
	if sideRowNamed(ui, "Mali coup") != nil {
		t.Error("a tag no article has is still in the sidebar")
	}
}

func TestTagFieldOffersExistingTags(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	other := ui.list.Hits()[1].ID
	if err := store.SetTags(context.Background(), []int64{other}, []string{"Mali coup", "Ports"}, nil); err != nil {
		t.Fatal(err)
	}
	ui.side.Refresh()
	a := openRow(t, ui, 0)

	test.Type(ui.reader.TagField(), "mal")
	if got := ui.reader.TagField().Offered(); !slices.Equal(got, []string{"Mali coup"}) {
		t.Fatalf("suggestions for mal = %q", got)
	}
	if !ui.reader.TagField().Suggestions.Visible() || !shows(ui.reader.TagField().Suggestions, "Mali coup") {
		t.Error("the suggestion is not shown")
	}
	ui.reader.TagField().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	ui.reader.TagField().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()
	if got := getArticle(t, store, a.ID).Tags; !slices.Equal(got, []string{"Mali coup"}) {
		t.Errorf("picked suggestion gave tags %q", got)
	}
	// A tag the article has is not offered again.
	test.Type(ui.reader.TagField(), "mal")
	if len(ui.reader.TagField().Offered()) != 0 {
		t.Errorf("offered %q, which the article has", ui.reader.TagField().Offered())
	}
}

func TestCtrlClickAndShiftClickSelectSeveral(t *testing.T) {
	ui, _ := newTestUI(t)
	addArticles(t, ui.store, 5)
	ui.searchNow()
	ui.WaitIdle()

	click(t, ui, 0, 0)
	click(t, ui, 2, fyne.KeyModifierControl)
	if got := len(ui.list.Chosen()); got != 2 {
		t.Fatalf("after Ctrl+click, %d selected", got)
	}
	if !ui.list.SelectionBar().Visible() || !shows(ui.list.SelectionBar(), "2 selected") {
		t.Errorf("selection bar: visible %v, %q", ui.list.SelectionBar().Visible(), texts(ui.list.SelectionBar()))
	}
	if ui.reader.ArticleID() != ui.list.Hits()[2].ID {
		t.Error("the article clicked last is not the one open")
	}
	if !rowOf(t, ui, 0).Look().Chosen {
		t.Error("the other selected row is not tinted")
	}

	click(t, ui, 4, fyne.KeyModifierShift) // from row 2, the last clicked
	if got := ui.list.Chosen(); len(got) != 3 || got[0] != ui.list.Hits()[2].ID {
		t.Fatalf("Shift+click selected %v, want rows 2–4", got)
	}
	click(t, ui, 3, fyne.KeyModifierControl) // out again
	if got := len(ui.list.Chosen()); got != 2 {
		t.Errorf("after a second Ctrl+click, %d selected", got)
	}

	// Shift+Down and Shift+Up in the list.
	click(t, ui, 1, 0)
	ui.list.Rows().KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	ui.list.Rows().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	ui.list.Rows().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	ui.WaitIdle()
	if got := ui.list.Chosen(); len(got) != 3 || got[0] != ui.list.Hits()[1].ID || ui.reader.ArticleID() != ui.list.Hits()[3].ID {
		t.Fatalf("Shift+Down twice from row 1 selected %v, open #%d", got, ui.reader.ArticleID())
	}
	ui.list.Rows().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	ui.list.Rows().KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	ui.WaitIdle()
	if got := len(ui.list.Chosen()); got != 2 {
		t.Errorf("Shift+Up after: %d selected, want 2", got)
	}

	typeKey(ui, fyne.KeyEscape)
	if ui.list.Chosen() != nil || ui.list.SelectionBar().Visible() {
		t.Error("Escape did not go back to one article")
	}
	click(t, ui, 1, fyne.KeyModifierControl)
	click(t, ui, 3, 0) // a plain click: that one alone
	if ui.list.Chosen() != nil || ui.reader.ArticleID() != ui.list.Hits()[3].ID {
		t.Errorf("plain click: %d selected, open #%d", len(ui.list.Chosen()), ui.reader.ArticleID())
	}
}

func TestTaggingSelectedArticles(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	click(t, ui, 0, 0)
	click(t, ui, 2, fyne.KeyModifierControl)
	ids := ui.list.Chosen()

	shortcut(ui, fyne.KeyT, fyne.KeyModifierShortcutDefault)
	d := topDialog(ui)
	if d == nil || !shows(d, "2 selected articles") {
		t.Fatal("Ctrl+T with two selected opened no tag dialog")
	}
	entry := ui.Window().Canvas().Focused().(*kit.TagField)
	test.Type(entry, "Read later")
	test.Tap(button(d, "Add tag"))
	ui.WaitIdle()
	if n := total(t, store, `tag:"read later"`); n != 2 {
		t.Fatalf("%d articles tagged, want 2", n)
	}
	for _, id := range ids {
		if got := getArticle(t, store, id).Tags; !slices.Equal(got, []string{"Read later"}) {
			t.Errorf("article #%d tags %q", id, got)
		}
	}

	// The dialog offers the tags they have, to take off.
	shortcut(ui, fyne.KeyT, fyne.KeyModifierShortcutDefault)
	d = topDialog(ui)
	remove := button(d, "Read later")
	if remove == nil {
		t.Fatalf("the dialog does not offer the tag they have: %q", texts(d))
	}
	test.Tap(remove)
	ui.WaitIdle()
	if n := total(t, store, `tag:"read later"`); n != 0 {
		t.Errorf("%d still tagged", n)
	}
}

func TestTaggingEveryResultShowsProgress(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, bulkInline+120)
	test.Type(ui.bar.Field(), "harbour")
	ui.WaitIdle()

	ui.org.tagAllResults()
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil || !shows(d, "620 results of the search “harbour”") {
		t.Fatalf("no tag dialog for the results: %v", d != nil && shows(d, ""))
	}
	entry := ui.Window().Canvas().Focused().(*kit.TagField)
	test.Type(entry, "harbours")
	test.Tap(button(d, "Add tag"))
	if !ui.jobs.Visible() || !visible[*widget.ProgressBar](ui.jobs.Object()) {
		t.Error("no progress shown while 620 articles are tagged")
	}
	ui.WaitIdle()
	if ui.jobs.Visible() {
		t.Error("the progress stayed")
	}
	if n := total(t, store, "tag:harbours"); n != bulkInline+120 {
		t.Errorf("%d tagged, want all %d", n, bulkInline+120)
	}
}

func TestStarAndReadToggles(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	if ui.list.Hits()[0].Read || !rowOf(t, ui, 0).Look().Bold {
		t.Fatal("a new article is not listed as unread (bold)")
	}
	a := openRow(t, ui, 0) // marked read at once in tests (readDelay 0)
	id := a.ID
	if !getArticle(t, store, id).Read || !ui.list.Hits()[0].Read {
		t.Fatal("opening an article did not mark it read")
	}
	if row := rowOf(t, ui, 0); row.Look().Bold || row.Look().Dot {
		t.Error("a read article is still drawn as unread")
	}
	if readButton(ui).Text != "Mark unread" || ui.menu.read.Label != labelMarkUnread {
		t.Errorf("read toggles say %q / %q", readButton(ui).Text, ui.menu.read.Label)
	}

	shortcut(ui, fyne.KeyU, fyne.KeyModifierShortcutDefault)
	ui.WaitIdle()
	if getArticle(t, store, id).Read {
		t.Error("Ctrl+U did not mark it unread")
	}
	if !rowOf(t, ui, 0).Look().Bold {
		t.Error("marked unread, its row is not bold")
	}
	if shownArticle(ui).Read {
		t.Error("marked unread by hand, it was marked read again")
	}

	shortcut(ui, fyne.KeyD, fyne.KeyModifierShortcutDefault)
	ui.WaitIdle()
	if !getArticle(t, store, id).Starred {
		t.Fatal("Ctrl+D did not star it")
	}
	if !rowOf(t, ui, 0).Look().Star {
		t.Error("the row shows no star")
	}
	if starButton(ui).Text != "Unstar" || ui.menu.star.Label != labelUnstar {
		t.Errorf("star toggles say %q / %q", starButton(ui).Text, ui.menu.star.Label)
	}
	if r := sideRowNamed(ui, "Starred"); r == nil || r.Count() != "1" {
		t.Errorf("sidebar: %q", sideNames(ui))
	}
	if r := sideRowNamed(ui, "Unread"); r == nil || r.Count() != "2" {
		t.Errorf("sidebar: %q", sideNames(ui))
	}
	test.Tap(starButton(ui))
	ui.WaitIdle()
	if getArticle(t, store, id).Starred || rowOf(t, ui, 0).Look().Star {
		t.Error("the star button did not unstar it")
	}
}

func TestOpeningMarksReadAfterAPause(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, readDelay: 80 * time.Millisecond})
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	// Going down the list quickly leaves what was passed over unread.
	ui.list.Rows().Select(0)
	ui.list.Rows().Select(1)
	ui.WaitIdle()
	passed, read := ui.list.Hits()[0].ID, ui.list.Hits()[1].ID
	if getArticle(t, store, passed).Read {
		t.Error("an article passed over was marked read")
	}
	if !getArticle(t, store, read).Read {
		t.Error("the article left open was not marked read")
	}
}

// An article marked read drops out of a list of unread ones, but stays
// open; Down goes on to the one that took its place.
func TestReadArticleStaysOpenInTheUnreadList(t *testing.T) {
	ui, _ := newTestUI(t)
	addArticles(t, ui.store, 3)
	ui.runQuery(sidebar.QueryUnread, nil)
	ui.WaitIdle()
	a := openRow(t, ui, 0)
	pane := paneContent(ui)
	waitFor(t, ui, "the refresh", func() bool { return len(ui.list.Hits()) == 2 })
	if got := shownArticle(ui); got == nil || got.ID != a.ID || paneContent(ui) != pane {
		t.Fatal("the article just read was closed, or opened again")
	}
	next := ui.list.Hits()[0].ID
	typeKey(ui, fyne.KeyDown)
	ui.WaitIdle()
	if got := shownArticle(ui); got == nil || got.ID != next {
		t.Errorf("Down opened %+v, want the article that took its place (#%d)", got, next)
	}
}

func TestNoteIsSavedAndFound(t *testing.T) {
	ui, store := newTestUIWith(t, options{queued: true, noteDelay: time.Millisecond})
	dropFixtures(t, ui, maliFile, portFile)
	a := openRow(t, ui, 1)

	shortcut(ui, fyne.KeyN, fyne.KeyModifierShortcutDefault)
	if ui.Window().Canvas().Focused() != ui.reader.NoteField() {
		t.Fatal("Ctrl+N did not put the cursor in the note")
	}
	test.Type(ui.reader.NoteField(), "Ask the embassy about it.")
	ui.WaitIdle()
	if got := getArticle(t, store, a.ID).Note; got != "Ask the embassy about it." {
		t.Fatalf("note in the archive = %q", got)
	}
	if !shows(ui.reader.Object(), "Saved") {
		t.Errorf("the note is not said to be saved: %q", texts(ui.reader.Object()))
	}
	for _, q := range []string{"embassy", "note:embassy"} {
		ui.runQuery(q, nil)
		ui.WaitIdle()
		if got := hitTitles(ui); len(got) != 1 || ui.list.Hits()[0].ID != a.ID {
			t.Errorf("%s finds %q", q, got)
		}
	}
	// Opened again, it shows the note.
	ui.clearSearch()
	ui.WaitIdle()
	openRow(t, ui, 0)
	ui.list.Rows().Select(ui.list.Index(a.ID))
	ui.WaitIdle()
	if ui.reader.NoteField().Text != "Ask the embassy about it." {
		t.Errorf("note field shows %q", ui.reader.NoteField().Text)
	}
}

// A note being typed is saved when another article is opened, and when
// the window closes, whatever the pause.
func TestNoteIsNeverLost(t *testing.T) {
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), t.TempDir()+"/archive.db")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	addArticles(t, store, 2)
	ui := newUI(a, store, options{queued: true, noteDelay: time.Hour})
	ui.Window().Show()
	ui.WaitIdle()
	first := openRow(t, ui, 0).ID
	test.Type(ui.reader.NoteField(), "first thoughts")
	second := openRow(t, ui, 1).ID
	if got := getArticle(t, store, first).Note; got != "first thoughts" {
		t.Errorf("opening another article lost the note: %q", got)
	}
	test.Type(ui.reader.NoteField(), "second thoughts")
	ui.Shutdown() // as closing the window does
	if got := getArticle(t, store, second).Note; got != "second thoughts" {
		t.Errorf("closing lost the note: %q", got)
	}
}

func TestSavedSearchKeepsItsCountUpToDate(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, glacierFile)
	ui.setSort(db.Newest)
	test.Type(ui.bar.Field(), "dockworkers OR glaciers")
	ui.WaitIdle()

	shortcut(ui, fyne.KeyS, fyne.KeyModifierShortcutDefault)
	d := topDialog(ui)
	if d == nil {
		t.Fatal("Ctrl+S asked for no name")
	}
	name := entryWith(d, "dockworkers OR glaciers")
	if name == nil {
		t.Fatalf("the name is not offered from the query: %q", texts(d))
	}
	name.SetText("Labour and ice")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()
	r := sideRowNamed(ui, "Labour and ice")
	if r == nil || r.Count() != "1" {
		t.Fatalf("sidebar: %q", sideNames(ui))
	}
	if !r.Current() {
		t.Error("the saved search is not marked as the one shown")
	}

	dropFixtures(t, ui, portFile) // the count follows an import
	if got := sideRowNamed(ui, "Labour and ice").Count(); got != "2" {
		t.Errorf("count after an import = %q, want 2", got)
	}

	// A click runs it, with its sort.
	ui.runQuery("", nil)
	ui.setSort(db.Relevance)
	ui.WaitIdle()
	sideRowNamed(ui, "Labour and ice").Tapped(nil)
	ui.WaitIdle()
	if ui.bar.Query() != "dockworkers OR glaciers" || ui.bar.Sort() != db.Newest || len(ui.list.Hits()) != 2 {
		t.Errorf("running it: %q, sort %v, %d hits", ui.bar.Query(), ui.bar.Sort(), len(ui.list.Hits()))
	}

	// F2 renames it; a name taken is refused with a reason.
	if _, err := ui.store.SaveSearch(ui.ctx, "Other", "mali", db.Relevance); err != nil {
		t.Fatal(err)
	}
	ui.side.Refresh()
	ui.WaitIdle()
	sideRowNamed(ui, "Labour and ice").TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	rename := entryWith(topDialog(ui), "Labour and ice")
	rename.SetText("other")
	rename.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()
	if d := topDialog(ui); d == nil || !shows(d, "Another saved search is called “other”") {
		t.Fatal("a taken name was not refused with a reason")
	}
	entryWith(topDialog(ui), "other").SetText("Strikes and glaciers")
	entryWith(topDialog(ui), "Strikes and glaciers").TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()
	if sideRowNamed(ui, "Strikes and glaciers") == nil {
		t.Fatalf("not renamed: %q", sideNames(ui))
	}

	// Delete forgets it, after asking.
	sideRowNamed(ui, "Strikes and glaciers").TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	test.Tap(button(topDialog(ui), "Delete"))
	ui.WaitIdle()
	if sideRowNamed(ui, "Strikes and glaciers") != nil {
		t.Error("not deleted")
	}
}

func TestFacetNarrowsTheSearch(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	if !shows(ui.side.Object(), "IN THESE RESULTS") {
		t.Fatalf("no breakdown of the results: %q", sideNames(ui))
	}
	year := sideRowNamed(ui, "2021")
	author := sideRowNamed(ui, "Anna Keller")
	if year == nil || year.Count() != "1" || author == nil {
		t.Fatalf("sidebar: %q", sideNames(ui))
	}
	year.Tapped(nil)
	ui.WaitIdle()
	if got := ui.bar.Query(); got != "after:2021 before:2022" {
		t.Errorf("query = %q", got)
	}
	if got := hitTitles(ui); len(got) != 1 || !strings.Contains(got[0], "Dockworkers") {
		t.Errorf("narrowed to %q", got)
	}
	if sideRowNamed(ui, "Anna Keller") != nil {
		t.Error("the breakdown is not of the narrowed results")
	}
	// A query with OR is kept whole.
	ui.bar.SetQuery("dockworkers OR glaciers")
	ui.searchNow()
	ui.WaitIdle()
	sideRowNamed(ui, "Anna Keller").Tapped(nil)
	ui.WaitIdle()
	if got := ui.bar.Query(); got != `(dockworkers OR glaciers) author:"Anna Keller"` {
		t.Errorf("query = %q", got)
	}
	if got := hitTitles(ui); len(got) != 1 || !strings.Contains(got[0], "glaciers") {
		t.Errorf("narrowed to %q", got)
	}
}

func TestEditDetailsValidatesAndKeepsTheCorrection(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	a := shownArticle(ui)

	shortcut(ui, fyne.KeyI, fyne.KeyModifierShortcutDefault)
	d := topDialog(ui)
	if d == nil {
		t.Fatal("Ctrl+I opened no dialog")
	}
	title := entryWith(d, maliTitle)
	date := entryWith(d, a.Published.String())
	if title == nil || date == nil {
		t.Fatalf("the fields do not hold the article's details: %q", texts(d))
	}
	for bad, why := range map[string]string{"19/08/2020": "YYYY-MM-DD", "2020-02-30": "no such day", "2999-01-01": "not come yet"} {
		date.SetText(bad)
		if err := date.Validate(); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("date %q: %v, want it refused (%s)", bad, err, why)
		}
	}
	title.SetText("  ")
	if err := title.Validate(); err == nil {
		t.Error("an empty headline was accepted")
	}
	save := button(d, "Save")
	if save == nil || !save.Disabled() {
		t.Error("Save is offered while fields are wrong")
	}

	title.SetText("Russia urges talks in Mali")
	date.SetText("2020-08-21")
	if save.Disabled() {
		t.Fatal("Save stays disabled with valid fields")
	}
	test.Tap(save)
	ui.WaitIdle()
	got := getArticle(t, store, a.ID)
	if got.Title != "Russia urges talks in Mali" || got.Published.String() != "2020-08-21" {
		t.Errorf("stored %q, %s", got.Title, got.Published)
	}
	if !slices.Equal(got.Edited, []string{db.FieldTitle, db.FieldPublished}) {
		t.Errorf("edited fields %q, want only those changed", got.Edited)
	}
	if !shows(ui.reader.Object(), "Corrected by you: headline and date") || !shows(ui.reader.Object(), "Russia urges talks in Mali") {
		t.Error("the article pane does not show the correction")
	}
	if ui.list.Hits()[0].Title != "Russia urges talks in Mali" {
		t.Error("the list shows the old headline")
	}
}

func TestDeletingSeveralAsksHowMany(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	click(t, ui, 0, 0)
	click(t, ui, 1, fyne.KeyModifierControl)
	typeKey(ui, fyne.KeyDelete)
	d := topDialog(ui)
	if d == nil || !shows(d, "Delete 2 articles?") {
		t.Fatalf("no confirmation saying how many")
	}
	test.Tap(button(d, "Cancel"))
	ui.WaitIdle()
	if n, _ := store.Count(ui.ctx); n != 3 {
		t.Fatalf("Cancel deleted: %d left", n)
	}
	typeKey(ui, fyne.KeyDelete)
	test.Tap(button(topDialog(ui), "Delete 2 articles"))
	ui.WaitIdle()
	if n, _ := store.Count(ui.ctx); n != 1 {
		t.Errorf("%d left, want 1", n)
	}
	if len(ui.list.Hits()) != 1 || ui.list.Chosen() != nil || ui.list.SelectionBar().Visible() {
		t.Errorf("after deleting: %d listed, selection %v", len(ui.list.Hits()), ui.list.Chosen())
	}
	if a := shownArticle(ui); a == nil || a.ID != ui.list.Hits()[0].ID {
		t.Error("the remaining article is not opened")
	}
}

func TestDeletingEveryResult(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	test.Type(ui.bar.Field(), "dockworkers OR glaciers")
	ui.WaitIdle()
	ui.org.confirmDeleteResults()
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil || !shows(d, "Delete 2 articles?") || !shows(d, "2 results of the search “dockworkers OR glaciers”") {
		t.Fatal("no confirmation naming the results")
	}
	test.Tap(button(d, "Delete 2 articles"))
	ui.WaitIdle()
	if n, _ := store.Count(ui.ctx); n != 1 {
		t.Errorf("%d left, want the Mali article", n)
	}
}

func TestReextractShowsProgressAndSummary(t *testing.T) {
	ui, store := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile)
	// One article whose original is no article at all.
	addArticles(t, store, 1)
	id := int64(3)
	if _, err := store.Get(ui.ctx, id); err != nil {
		t.Fatal(err)
	}
	ui.arch.reextractAll()
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil || !shows(d, "all 3 articles in the archive") {
		t.Fatal("no confirmation for the whole archive")
	}
	test.Tap(button(d, "Re-extract"))
	if !ui.jobs.Visible() || !shows(ui.jobs.Object(), "Extracting") {
		t.Errorf("no progress while it runs: %q", texts(ui.jobs.Object()))
	}
	ui.WaitIdle()
	d = topDialog(ui)
	if d == nil || !shows(d, "Re-extraction complete") {
		t.Fatal("no summary")
	}
	if !shows(d, "2 unchanged") {
		t.Errorf("summary: %q", texts(d))
	}
	if ui.jobs.Visible() {
		t.Error("the progress stayed")
	}
}

func TestSidebarIsRememberedShownOrHidden(t *testing.T) {
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), t.TempDir()+"/archive.db")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	first := newUI(a, store, options{queued: true})
	first.WaitIdle()
	if !first.side.Visible() {
		t.Fatal("the sidebar is hidden at first")
	}
	first.sideSplit.SetOffset(0.3)
	first.savePrefs()
	shortcut(first, fyne.KeyS, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if first.side.Visible() || first.menu.sidebar.Checked {
		t.Fatal("Ctrl+Shift+S did not hide the sidebar")
	}
	first.savePrefs()
	first.Shutdown()

	second := newUI(a, store, options{queued: true})
	second.WaitIdle()
	if second.side.Visible() {
		t.Error("the hidden sidebar came back")
	}
	second.toggleSidebar()
	if !second.side.Visible() || second.sideSplit.Offset != 0.3 {
		t.Errorf("shown again: visible %v, width %v, want 0.3", second.side.Visible(), second.sideSplit.Offset)
	}
	second.Shutdown()
}

func TestLibraryEntriesRunTheirSearches(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 3)
	if err := store.SetStarred(ui.ctx, []int64{2}, true); err != nil {
		t.Fatal(err)
	}
	ui.side.Refresh()
	ui.searchNow()
	ui.WaitIdle()
	if r := sideRowNamed(ui, "All articles"); r == nil || r.Count() != "3" || !r.Current() {
		t.Fatalf("sidebar: %q", sideNames(ui))
	}
	sideRowNamed(ui, "Starred").Tapped(nil)
	ui.WaitIdle()
	if ui.bar.Query() != sidebar.QueryStarred || len(ui.list.Hits()) != 1 || ui.list.Hits()[0].ID != 2 {
		t.Errorf("Starred: %q, %d hits", ui.bar.Query(), len(ui.list.Hits()))
	}
	// From the keyboard: Up to Unread, Enter.
	ui.Window().Canvas().Focus(sideRowNamed(ui, "Starred"))
	sideRowNamed(ui, "Starred").TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	focused, _ := ui.Window().Canvas().Focused().(*sidebar.Row)
	if focused == nil || focused.Name() != "Unread" {
		t.Fatal("Up did not move to Unread")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()
	if ui.bar.Query() != sidebar.QueryUnread {
		t.Errorf("Enter on Unread searched %q", ui.bar.Query())
	}
}

func TestRenamingATagRenamesItInSavedSearches(t *testing.T) {
	ui, store := newTestUI(t)
	addArticles(t, store, 2)
	if err := store.SetTags(ui.ctx, []int64{1, 2}, []string{"mali"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SaveSearch(ui.ctx, "Mali", "tag:mali harbour", db.Newest); err != nil {
		t.Fatal(err)
	}
	ui.side.Refresh()
	ui.WaitIdle()
	sideRowNamed(ui, "mali").TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	e := entryWith(topDialog(ui), "mali")
	e.SetText("Mali coup")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.WaitIdle()
	if n := total(t, store, `tag:"mali coup"`); n != 2 {
		t.Errorf("%d articles have the new name", n)
	}
	saved, _ := store.SavedSearches(ui.ctx)
	if len(saved) != 1 || saved[0].Query != `tag:"Mali coup" harbour` {
		t.Errorf("saved search now %+v", saved)
	}
	if r := sideRowNamed(ui, "Mali"); r == nil || r.Count() != "2" {
		t.Errorf("sidebar: %q", sideNames(ui))
	}
}

func TestReplaceTagInQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"tag:mali", `tag:"Mali coup"`},
		{`harbour -tag:"MALI" OR x`, `harbour -tag:"Mali coup" OR x`},
		{"(tag:mali) OR Tags:MALI", `tag:"Mali coup" OR tag:"Mali coup"`},
		{"tag:malian mytag:mali tag:", "tag:malian mytag:mali tag:"},
	} {
		got, _ := replaceTagInQuery(c.in, "mali", "Mali coup")
		if got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
}

func TestShortcutsAreListedInHelp(t *testing.T) {
	ui, _ := newTestUI(t)
	menuItem(ui, "Keyboard shortcuts").Action()
	d := topDialog(ui)
	for _, want := range []string{"Ctrl+D", "Article ▸ Star", "Ctrl+Shift+S", "View ▸ Sidebar", "Ctrl+S", "Edit ▸ Save search…", "Shift+click"} {
		if !shows(d, want) {
			t.Errorf("shortcuts do not list %q", want)
		}
	}
}

func TestExportingTheSelection(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)
	click(t, ui, 0, 0)
	click(t, ui, 2, fyne.KeyModifierControl)
	dir := filepath.Join(t.TempDir(), "out")

	test.Tap(button(ui.list.SelectionBar(), "Export…"))
	d := topDialog(ui)
	scope := radio(d, "The 2 selected articles")
	if scope == nil || scope.Selected != "The 2 selected articles" {
		t.Fatalf("the selection is not the choice: %q", texts(d))
	}
	entryWith(d, filepath.Join(kit.DocumentsFolder(), "clippings-export-"+time.Now().Format("2006-01-02"))).SetText(dir)
	test.Tap(button(d, "Export"))
	ui.WaitIdle()
	files, _ := os.ReadDir(dir)
	if len(files) != 2 {
		t.Errorf("exported %d files, want the 2 selected", len(files))
	}
}

func TestSavedSearchesMoveUpAndDown(t *testing.T) {
	ui, store := newTestUI(t)
	for _, n := range []string{"First", "Second", "Third"} {
		if _, err := store.SaveSearch(ui.ctx, n, strings.ToLower(n), db.Relevance); err != nil {
			t.Fatal(err)
		}
	}
	ui.side.Refresh()
	ui.WaitIdle()
	sideRowNamed(ui, "Third").TappedSecondary(&fyne.PointEvent{})
	up := tappableShowing(topDialog(ui), "Move up")
	if up == nil {
		t.Fatalf("no Move up in the menu: %q", texts(topDialog(ui)))
	}
	up.Tapped(&fyne.PointEvent{})
	ui.WaitIdle()
	var names []string
	for _, s := range ui.side.Saved() {
		names = append(names, s.Name)
	}
	if strings.Join(names, " ") != "First Third Second" {
		t.Errorf("order after moving Third up: %q", names)
	}
}
