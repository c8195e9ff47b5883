package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

func TestEmptyArchiveInvitesDrop(t *testing.T) {
	ui, _ := newTestUI(t)
	if got := ui.Window().Title(); got != "Clippings" {
		t.Errorf("title = %q, want Clippings", got)
	}
	if !ui.isEmptyState() {
		t.Fatal("an empty archive should show the drop invitation")
	}
	content := ui.Window().Content()
	if !shows(content, dropInvitation) {
		t.Errorf("window does not show %q; shows %q", dropInvitation, texts(content))
	}
	if got := ui.bar.CountText(); got != "No articles" {
		t.Errorf("count = %q", got)
	}
	if ui.bar.Field().PlaceHolder != `words "a phrase" prefix* title: after:2020-01-01` {
		t.Errorf("placeholder = %q", ui.bar.Field().PlaceHolder)
	}
}

func TestDroppedFilesAreImportedAndListed(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)

	if ui.isEmptyState() {
		t.Fatal("still showing the drop invitation after an import")
	}
	if got := len(ui.list.Hits()); got != 3 {
		t.Fatalf("list has %d articles, want 3: %q", got, hitTitles(ui))
	}
	if got := ui.bar.CountText(); got != "3 articles" {
		t.Errorf("count = %q", got)
	}
	if got := ui.imports.Status(); got != "3 imported" {
		t.Errorf("summary = %q, want %q", got, "3 imported")
	}
	if button(ui.imports.Object(), "Details") != nil {
		t.Error("Details offered though nothing failed")
	}
	if shownArticle(ui) != nil {
		t.Error("an article was opened though three were imported")
	}
}

func TestSingleImportedArticleIsSelectedAndShown(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)

	a := shownArticle(ui)
	if a == nil || a.Title != maliTitle {
		t.Fatalf("shown article = %+v, want %q", a, maliTitle)
	}
	if ui.list.SelectedIndex() != 0 {
		t.Errorf("selected row = %d, want 0", ui.list.SelectedIndex())
	}
	detail := ui.reader.Object()
	for _, want := range []string{maliTitle, "Zakharova", "Reading time", "Open original", "A Malian army soldier"} {
		if !shows(detail, want) {
			t.Errorf("detail does not show %q", want)
		}
	}
}

func TestSelectingARowShowsTheArticle(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile, portFile, glacierFile)

	for i, h := range ui.list.Hits() {
		ui.list.Rows().Select(i)
		ui.WaitIdle()
		if a := shownArticle(ui); a == nil || a.ID != h.ID {
			t.Fatalf("row %d: shown %+v, want article #%d", i, a, h.ID)
		}
		if !shows(ui.reader.Object(), h.Title) {
			t.Errorf("row %d: detail does not show its headline %q", i, h.Title)
		}
	}
}

func TestDuplicateDropIsReportedWithDetails(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	dropFixtures(t, ui, maliFile)

	if got := ui.imports.Status(); !strings.Contains(got, "1 duplicate") {
		t.Errorf("summary = %q, want a duplicate", got)
	}
	if !(button(ui.imports.Object(), "Details") != nil) {
		t.Fatal("no Details button for the duplicate")
	}
	test.Tap(button(ui.imports.Object(), "Details"))
	d := topDialog(ui)
	if d == nil {
		t.Fatal("Details opened no dialog")
	}
	if !shows(d, "Already in the archive") {
		t.Errorf("details do not say why: %q", texts(d))
	}
}

func TestFailedFileIsExplained(t *testing.T) {
	ui, _ := newTestUI(t)
	missing := fixture(t, "no-such-file.txt")
	drop(t, ui, missing)

	// One thing dropped, and it failed: the panel says why at once.
	if got := ui.imports.Status(); got != "Not imported: "+missing+" — no such file or folder" {
		t.Errorf("summary = %q, want the failure and its reason", got)
	}
	if len(problems(ui)) != 1 || problems(ui)[0].Err == nil {
		t.Fatalf("problems = %+v", problems(ui))
	}
	if !ui.isEmptyState() {
		t.Error("a failed import should leave the invitation in place")
	}
}

func TestDeletingTheLastArticleInvitesADropAgain(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	ui.org.confirmDelete()
	test.Tap(button(topDialog(ui), "Delete"))
	ui.WaitIdle()
	if !ui.isEmptyState() {
		t.Error("an emptied archive does not invite a drop")
	}
	if shownArticle(ui) != nil {
		t.Error("the deleted article is still shown")
	}
}

func TestDropOfSomethingOtherThanFilesIsRefusedWithAMessage(t *testing.T) {
	ui, _ := newTestUI(t)
	u, err := storage.ParseURI("ftp://example.com/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	ui.HandleDrop(fyne.NewPos(1, 1), []fyne.URI{u})
	ui.WaitIdle()
	d := topDialog(ui)
	if d == nil || !shows(d, "files, folders and web links can be imported, not ftp://example.com/article.txt") {
		t.Fatalf("no explanation for a dropped ftp address")
	}
	if ui.imports.Visible() {
		t.Error("an import started for an ftp address")
	}
}
