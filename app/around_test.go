package app

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/reader"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// A wire story, as paragraphs, and an outlet's edit of it: a word changed
// in the second paragraph, the fourth and fifth swapped, the sixth cut and
// a line of its own added.
var (
	storyParagraphs = []string{
		"Mali's military junta promised on Monday to hand power back to civilians within eighteen months, as envoys of the Economic Community of West African States arrived in Bamako for a second round of talks.",
		"Colonel Assimi Goita, who leads the junta, met the delegation headed by former Nigerian president Goodluck Jonathan at the Koulouba palace overlooking the capital.",
		"President Ibrahim Boubacar Keita resigned last week after soldiers detained him at his residence, following months of protests over corruption, a disputed election and the handling of a jihadist insurgency in the north.",
		"ECOWAS has closed its borders with Mali and suspended financial flows, and insists on a transition led by a civilian. The junta says a soldier could lead it.",
		"In Bamako, thousands rallied in Independence Square in support of the soldiers, waving Malian flags and banners thanking the army for removing Keita.",
		"The African Union suspended Mali from its bodies and the United Nations Security Council called for the release of all detained officials.",
		"Diplomats said the talks could last several days. Keita, who is 75, has been allowed to receive visits from his family and his doctors.",
	}
	storyBody  = strings.Join(storyParagraphs, "\n\n")
	editedBody = strings.Join([]string{
		storyParagraphs[0],
		strings.Replace(storyParagraphs[1], "former Nigerian president", "the former president of Nigeria,", 1),
		storyParagraphs[2],
		storyParagraphs[4],
		storyParagraphs[3],
		storyParagraphs[6],
		"Read more: full coverage of the crisis in West Africa on our website.",
	}, "\n\n")
	// relatedBody is another story about the same events: not a copy.
	relatedBody = strings.Join([]string{
		"Leaders of the Economic Community of West African States will meet by video on Friday to decide whether to lift sanctions on Mali, after the junta named a transition charter.",
		"Colonel Assimi Goita has proposed that a soldier lead the transition for eighteen months. ECOWAS wants a civilian and a shorter term, diplomats in Bamako said.",
		"The sanctions have stopped most trade across the borders of the landlocked country, and traders in Bamako say the price of rice has risen by a quarter.",
	}, "\n\n")
)

const (
	storyTitle   = "Mali junta promises civilian rule within 18 months"
	editedTitle  = "Junta in Mali pledges handover to civilians"
	relatedTitle = "ECOWAS to decide on Mali sanctions"
)

// addStory stores an article straight into the archive.
func addStory(t *testing.T, store *db.Store, title, source string, published time.Time, body string) int64 {
	t.Helper()
	a := article.Article{Title: title, Source: source, Body: body, Language: "en",
		Words: len(strings.Fields(body)), Published: article.NewDate(published),
		File: article.File{Name: title + ".txt", Format: "text"}}
	res, err := store.Add(context.Background(), []db.NewArticle{{Article: a, Original: []byte(title + "\n\n" + body)}})
	if err != nil || res[0].Err != nil {
		t.Fatalf("add %q: %v %v", title, err, res[0].Err)
	}
	return res[0].ID
}

// storyArchive has the story from Le Monde, its edit from AP, another copy
// from Reuters, a related story and two unrelated fixtures.
type storyIDs struct{ story, edited, reuters, related int64 }

func addStories(t *testing.T, ui *UI) storyIDs {
	t.Helper()
	dropFixtures(t, ui, portFile, glacierFile)
	day := time.Date(2020, 8, 24, 0, 0, 0, 0, time.UTC)
	ids := storyIDs{
		story:   addStory(t, ui.store, storyTitle, "Le Monde", day, storyBody),
		edited:  addStory(t, ui.store, editedTitle, "AP", day.AddDate(0, 0, 1), editedBody),
		reuters: addStory(t, ui.store, "Mali's junta offers 18-month transition", "Reuters", day.AddDate(0, 0, 2), storyBody+"\n\nReporting by Tiemoko Diallo; editing by Alex Richardson."),
		related: addStory(t, ui.store, relatedTitle, "Al Jazeera", day.AddDate(0, 0, 10), relatedBody),
	}
	ui.searchNow()
	ui.WaitIdle()
	return ids
}

func TestGroupedRowsShowCopies(t *testing.T) {
	ui, _ := newTestUI(t)
	ids := addStories(t, ui)
	if !ui.group {
		t.Fatal("copies are not grouped by default")
	}

	newest := db.Newest
	ui.runQuery("junta", &newest)
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 2 {
		t.Fatalf("grouped: %q, want the story once and the related one", got)
	}
	i := ui.list.Index(ids.reuters)
	if i < 0 {
		t.Fatalf("the newest copy (Reuters) is not the row of its group: %q", hitTitles(ui))
	}
	if got := ui.list.Hits()[i].Copies; !slices.Equal(got, []int64{ids.story, ids.edited}) {
		t.Errorf("copies of the row = %v", got)
	}
	if got := rowOf(t, ui, i).Look().Meta; !strings.Contains(got, "+2 copies") {
		t.Errorf("row says %q, without +2 copies", got)
	}
	if got := ui.bar.CountText(); got != "4 articles" {
		t.Errorf("count = %q: articles are counted, not rows", got)
	}
	if r := rowOf(t, ui, ui.list.Index(ids.related)); strings.Contains(r.Look().Meta, "cop") {
		t.Errorf("a row without copies says %q", r.Look().Meta)
	}

	// Ctrl+G lists each copy on its own row, and is remembered.
	shortcut(ui, fyne.KeyG, fyne.KeyModifierShortcutDefault)
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 4 {
		t.Fatalf("ungrouped: %q", got)
	}
	if ui.menu.group.Checked || ui.app.Preferences().BoolWithFallback(prefGroup, true) {
		t.Error("ungrouping is not ticked off in the menu, or not remembered")
	}
	for i := range ui.list.Hits() {
		if strings.Contains(rowOf(t, ui, i).Look().Meta, "cop") {
			t.Errorf("ungrouped row %d says %q", i, rowOf(t, ui, i).Look().Meta)
		}
	}
	ui.toggleGroup()
	ui.WaitIdle()
	if len(ui.list.Hits()) != 2 || !ui.menu.group.Checked {
		t.Errorf("grouped again: %q, ticked %v", hitTitles(ui), ui.menu.group.Checked)
	}
}

// hyperlink finds a visible hyperlink by its text.
func hyperlink(o fyne.CanvasObject, text string) *widget.Hyperlink {
	var found *widget.Hyperlink
	walk(o, func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == text && found == nil {
			found = h
		}
	})
	return found
}

func TestAlsoPublishedByShowsTheDifferences(t *testing.T) {
	ui, _ := newTestUI(t)
	ids := addStories(t, ui)
	ui.openArticle(ids.story)
	ui.WaitIdle()

	copies := ui.reader.Object()
	if !copies.Visible() || !shows(copies, "Also published by") {
		t.Fatalf("no copies shown: %q", texts(ui.reader.Object()))
	}
	ap := hyperlink(ui.reader.Object(), "AP")
	if ap == nil || hyperlink(ui.reader.Object(), "Reuters") == nil {
		t.Fatalf("the copies are not named by their outlets: %q", texts(copies))
	}

	ap.OnTapped()
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil {
		t.Fatal("no comparison shown")
	}
	for _, want := range []string{
		"only in this article (Le Monde)", // the cut paragraph
		"The African Union suspended Mali",
		"only in AP", // the added line
		"Read more: full coverage",
		"the former president of Nigeria,", // the changed word: both versions
		"former Nigerian president",
		"moved: AP has it here",
		"moved: this article (Le Monde) has it here",
		"paragraphs the same",
	} {
		if !shows(d, want) {
			t.Errorf("the comparison does not show %q", want)
		}
	}
	if shows(d, "Diplomats said the talks") {
		t.Error("a paragraph both have is shown before asking")
	}
	var all *widget.Check
	walk(d, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok {
			all = c
		}
	})
	all.SetChecked(true)
	if !shows(d, "Diplomats said the talks") {
		t.Error("the paragraphs both have are not shown when asked")
	}

	// Its button opens the copy.
	test.Tap(button(d, "Open AP"))
	ui.WaitIdle()
	if ui.reader.ArticleID() != ids.edited || topDialog(ui) != nil {
		t.Fatalf("opened #%d (dialog %v), want AP's copy #%d", ui.reader.ArticleID(), topDialog(ui), ids.edited)
	}
	if hyperlink(ui.reader.Object(), "Le Monde") == nil {
		t.Errorf("AP's copy does not name Le Monde: %q", texts(ui.reader.Object()))
	}

	// An article without copies says nothing of them.
	ui.openArticle(ids.related)
	ui.WaitIdle()
	if shows(ui.reader.Object(), "Also published by") || shows(ui.reader.Object(), "Also published by") {
		t.Error("an article without copies shows some")
	}
}

func TestMoreLikeThisOpensAnArticle(t *testing.T) {
	ui, _ := newTestUI(t)
	ids := addStories(t, ui)
	ui.runQuery("ECOWAS", nil)
	ui.WaitIdle()
	ui.openArticle(ids.story)
	ui.WaitIdle()

	related := ui.reader.Object()
	if !related.Visible() || !shows(related, "MORE LIKE THIS") {
		t.Fatalf("no related articles: %q", texts(ui.reader.Object()))
	}
	var rows []*reader.LinkRow
	walk(related, func(o fyne.CanvasObject) {
		if r, ok := o.(*reader.LinkRow); ok {
			rows = append(rows, r)
		}
	})
	if len(rows) == 0 || rows[0].ID() != ids.related {
		t.Fatalf("related rows %v, want the ECOWAS story first", rows)
	}
	for _, r := range rows {
		if r.ID() == ids.edited || r.ID() == ids.reuters {
			t.Errorf("a copy (#%d) is offered as related", r.ID())
		}
	}
	if !shows(rows[0], relatedTitle) || !shows(rows[0], "Al Jazeera") {
		t.Errorf("row shows %q", texts(rows[0]))
	}

	test.Tap(rows[0])
	ui.WaitIdle()
	if ui.reader.ArticleID() != ids.related {
		t.Fatalf("open: #%d, want #%d", ui.reader.ArticleID(), ids.related)
	}
	if i := ui.list.Index(ids.related); i < 0 || ui.list.SelectedIndex() != i {
		t.Error("the related article, listed, is not selected in the list")
	}
	if got := ui.bar.Query(); got != "ECOWAS" {
		t.Errorf("opening it changed the search to %q", got)
	}
}

// nameChipNamed finds a chip of the article pane's names.
func nameChipNamed(ui *UI, name string) *reader.NameChip {
	var found *reader.NameChip
	walk(ui.reader.Object(), func(o fyne.CanvasObject) {
		if c, ok := o.(*reader.NameChip); ok && c.Name() == name && found == nil {
			found = c
		}
	})
	return found
}

func TestNamesInTheArticleSearch(t *testing.T) {
	ui, _ := newTestUI(t)
	ids := addStories(t, ui)
	ui.openArticle(ids.story)
	ui.WaitIdle()

	names := ui.reader.Object()
	for _, want := range []string{"PEOPLE", "PLACES", "ORGANISATIONS"} {
		if !shows(names, want) {
			t.Errorf("the article pane has no %s: %q", want, texts(names))
		}
	}
	bamako := nameChipNamed(ui, "Bamako")
	if bamako == nil || !strings.HasPrefix(bamako.Button().Text, "Bamako · ") {
		t.Fatalf("no chip for Bamako with its count: %q", texts(names))
	}
	if nameChipNamed(ui, "Ibrahim Boubacar Keita") == nil {
		t.Errorf("no chip for Keita: %q", texts(names))
	}

	test.Tap(bamako.Button())
	ui.WaitIdle()
	if got := ui.bar.Query(); got != `place:"Bamako"` {
		t.Fatalf("the chip searched %q", got)
	}
	got := hitTitles(ui)
	if len(got) != 2 || !slices.Contains(got, relatedTitle) {
		t.Errorf("place:Bamako finds %q", got)
	}
}

func TestEntityFacetsNarrowTheSearch(t *testing.T) {
	ui, _ := newTestUI(t)
	addStories(t, ui)
	ui.toggleGroup() // every copy counted on its own row; facets count articles either way
	ui.runQuery("mali", nil)
	ui.WaitIdle()

	for _, want := range []string{"People", "Places", "Organisations"} {
		if !shows(ui.side.Object(), want) {
			t.Errorf("no %s among the facets: %q", want, sideNames(ui))
		}
	}
	r := sideRowNamed(ui, "Bamako")
	if r == nil || r.Count() != "4" {
		t.Fatalf("Bamako facet: %q", sideNames(ui))
	}
	if r := sideRowNamed(ui, "Assimi Goita"); r == nil || r.Count() != "4" {
		t.Errorf("Goita facet: %q", sideNames(ui))
	}
	r.Tapped(nil)
	ui.WaitIdle()
	if got := ui.bar.Query(); got != `mali place:"Bamako"` {
		t.Errorf("narrowed to %q", got)
	}
	if got := len(ui.list.Hits()); got != 4 {
		t.Errorf("%d hits after narrowing: %q", got, hitTitles(ui))
	}
}

// addOn stores a generated article published on a day.
func addOn(t *testing.T, store *db.Store, day time.Time, title string) {
	t.Helper()
	addStory(t, store, title, "Test Wire", day,
		fmt.Sprintf("%s: a report on harbour cranes, filed on %s.", title, day.Format("2 January 2006")))
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// timelineArchive has three articles in January 2020, one in March and two
// in June: six months.
func timelineArchive(t *testing.T, ui *UI) {
	t.Helper()
	for i, d := range []time.Time{date(2020, 1, 3), date(2020, 1, 10), date(2020, 1, 20), date(2020, 3, 5), date(2020, 6, 1), date(2020, 6, 30)} {
		addOn(t, ui.store, d, fmt.Sprintf("Harbour report %d", i))
	}
	ui.searchNow()
	ui.WaitIdle()
}

func TestTimelineShowsTheResults(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.Window().Resize(fyne.NewSize(1200, 800))
	timelineArchive(t, ui)
	if !ui.timeline.Visible() {
		t.Fatal("the timeline is not shown")
	}
	if q, ok := ui.timeline.Counted(); !ok || q != "" {
		t.Errorf("the timeline counts %q (%v), not the search shown", q, ok)
	}

	// View ▸ Timeline hides it, and it stays hidden.
	shortcut(ui, fyne.KeyT, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	ui.WaitIdle()
	if ui.timeline.Visible() || ui.menu.timeline.Checked || ui.app.Preferences().BoolWithFallback(prefTimeline, true) {
		t.Error("the timeline did not hide, or it is not remembered")
	}
	ui.runQuery("harbour", nil)
	ui.WaitIdle()
	if ui.timeline.Visible() {
		t.Error("a search showed the hidden timeline")
	}
	ui.toggleTimeline()
	ui.WaitIdle()
	if q, _ := ui.timeline.Counted(); !ui.timeline.Visible() || q != "harbour" {
		t.Errorf("shown again: %v, of %q", ui.timeline.Visible(), q)
	}
}

// The timeline's narrowing is a search: × beside the query's dates (the
// timeline's own tests click and drag) takes them out of the search field,
// and the list shows what the query finds without them.
func TestTimelineNarrowsTheSearch(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.Window().Resize(fyne.NewSize(1200, 800))
	timelineArchive(t, ui)
	ui.runQuery("harbour date:2020-03", nil)
	ui.WaitIdle()
	if got := hitTitles(ui); len(got) != 1 || got[0] != "Harbour report 3" {
		t.Errorf("March: %q", got)
	}
	x := tappableShowing(ui.timeline.Object(), "date:2020-03")
	if x == nil {
		t.Fatal("the query's dates are not shown over the timeline")
	}
	x.Tapped(&fyne.PointEvent{})
	ui.WaitIdle()
	if got := ui.bar.Query(); got != "harbour" {
		t.Fatalf("× left %q", got)
	}
	if got := len(ui.list.Hits()); got != 6 {
		t.Errorf("after ×: %d hits", got)
	}
}

// tappableShowing is the innermost thing under o that can be tapped and
// draws text.
func tappableShowing(o fyne.CanvasObject, text string) fyne.Tappable {
	var found fyne.Tappable
	walk(o, func(o fyne.CanvasObject) {
		tap, ok := o.(fyne.Tappable)
		if !ok {
			return
		}
		walk(o, func(in fyne.CanvasObject) {
			if c, ok := in.(*canvas.Text); ok && c.Text == text {
				found = tap
			}
		})
	})
	return found
}

// v1ArchiveOf writes an archive as the first version of Clippings left it,
// with articles stored before copies and names were found.
func v1ArchiveOf(t *testing.T, path string, articles []article.Article) {
	t.Helper()
	schema, err := os.ReadFile(filepath.Join("..", "db", "migrations", "0001_articles.sql"))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(string(schema)); err != nil {
		t.Fatal(err)
	}
	for i, a := range articles {
		id := int64(i + 1)
		day := a.Published.Time
		doc := (day.Unix()-time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC).Unix())/86400<<32 | id
		for _, stmt := range []struct {
			sql  string
			args []any
		}{
			{`INSERT INTO articles (id, doc, title, source, published, added, body, words, content_hash)
				VALUES (?, ?, ?, ?, ?, '2024-03-12T08:30:00Z', ?, ?, ?)`,
				[]any{id, doc, a.Title, a.Source, day.Format("2006-01-02"), a.Body, len(strings.Fields(a.Body)), []byte{byte(id)}}},
			{`INSERT INTO articles_fts (rowid, title, subtitle, authors, source, body, captions) VALUES (?, ?, '', '', ?, ?, '')`,
				[]any{doc, a.Title, a.Source, a.Body}},
			{`INSERT INTO originals (article_id, codec, data) VALUES (?, 'none', x'41')`, []any{id}},
		} {
			if _, err := conn.Exec(stmt.sql, stmt.args...); err != nil {
				t.Fatalf("%s: %v", stmt.sql, err)
			}
		}
	}
	if _, err := conn.Exec("PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
}

// stepUntil runs the window's queued background results one at a time
// until cond holds: to see what the window shows halfway.
func stepUntil(t *testing.T, ui *UI, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if ui.tasks.Step() {
			continue
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// openV1Archive opens an archive written before copies and names were
// found on import (upgrading it), holding the story, its edited copy when
// withCopy, and the related article.
func openV1Archive(t *testing.T, withCopy bool) *db.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	day := date(2020, 8, 24)
	arts := []article.Article{{Title: storyTitle, Source: "Le Monde", Body: storyBody, Published: article.NewDate(day)}}
	if withCopy {
		arts = append(arts, article.Article{Title: editedTitle, Source: "AP", Body: editedBody, Published: article.NewDate(day.AddDate(0, 0, 1))})
	}
	arts = append(arts, article.Article{Title: relatedTitle, Source: "Al Jazeera", Body: relatedBody, Published: article.NewDate(day.AddDate(0, 0, 10))})
	v1ArchiveOf(t, path, arts)
	store, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func TestBackfillFindsCopiesAndNamesAtStart(t *testing.T) {
	store := openV1Archive(t, true)
	if pending, err := store.BackfillPending(context.Background()); err != nil || !pending {
		t.Fatalf("the upgraded archive has nothing to backfill: %v %v", pending, err)
	}

	a := test.NewTempApp(t)
	ui := newUI(a, store, options{queued: true})
	defer ui.Shutdown()
	ui.Window().Show()
	stepUntil(t, ui, "the backfill's progress", func() bool {
		return ui.jobs.Visible() && shows(ui.jobs.Object(), "Finding copies and names in 3 articles…")
	})
	if !(button(ui.jobs.Object(), "Cancel") != nil) || button(ui.jobs.Object(), "Cancel").Disabled() {
		t.Error("the backfill cannot be cancelled")
	}

	ui.WaitIdle()
	if ui.jobs.Visible() || ui.jobs.Running() != "" {
		t.Errorf("the job panel stays: %q", texts(ui.jobs.Object()))
	}
	if pending, _ := store.BackfillPending(context.Background()); pending {
		t.Fatal("still pending after the backfill")
	}
	// The list groups the copies found, and place: finds the old articles.
	if got := len(ui.list.Hits()); got != 2 {
		t.Errorf("after the backfill the list has %q", hitTitles(ui))
	}
	if i := ui.list.Index(2); i < 0 || !slices.Equal(ui.list.Hits()[i].Copies, []int64{1}) {
		t.Errorf("the newest copy's row does not list the other: %+v", ui.list.Hits())
	}
	ui.runQuery("place:bamako", nil)
	ui.WaitIdle()
	if got, _ := ui.list.Total(); got != 3 {
		t.Errorf("place:bamako finds %d of the old articles", got)
	}
}

func TestGroupingAndTimelineAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetBool(prefGroup, false)
	a.Preferences().SetBool(prefTimeline, false)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	addNumbered(t, store, 0, 3)
	ui := newUI(a, store, options{queued: true})
	defer ui.Shutdown()
	ui.WaitIdle()
	if ui.group || ui.list.Request().Group || ui.menu.group.Checked {
		t.Error("grouping was turned off, and is on again")
	}
	if _, counted := ui.timeline.Counted(); ui.timeline.Visible() || ui.menu.timeline.Checked || counted {
		t.Error("the timeline was hidden, and is shown (or counted) again")
	}
}

// An import the user starts does not share the archive with finding copies
// and names: that stops, and goes on once the import is done.
func TestImportPausesTheBackfill(t *testing.T) {
	store := openV1Archive(t, false)
	a := test.NewTempApp(t)
	ui := newUI(a, store, options{queued: true})
	defer ui.Shutdown()
	ui.Window().Show()
	stepUntil(t, ui, "the backfill", func() bool { return ui.jobs.Running() == backfillJob })

	ui.Import([]string{fixture(t, "port-strike.txt")})
	if !ui.arch.backfillPaused {
		t.Fatal("the backfill did not give way to the import")
	}
	ui.WaitIdle()

	if ui.arch.backfillPaused || ui.jobs.Running() != "" || ui.jobs.Visible() {
		t.Errorf("after the import: resume pending %v, job %q", ui.arch.backfillPaused, ui.jobs.Running())
	}
	if pending, err := store.BackfillPending(context.Background()); err != nil || pending {
		t.Errorf("the backfill did not go on after the import: pending %v, %v", pending, err)
	}
	if n, _ := store.Count(context.Background()); n != 3 {
		t.Errorf("%d articles, want the 2 old and the imported one", n)
	}
	if d := topDialog(ui); d != nil {
		t.Errorf("a dialog is shown: %q", texts(d))
	}
}
