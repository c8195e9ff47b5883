package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/clippings/clippings/importer"
)

// manyArticles writes n distinct short articles into a new folder.
func manyArticles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		text := fmt.Sprintf("Harbour cranes report %d\n\nThe cranes at berth %d moved %d containers on a quiet day, the port authority said in its report number %d.\n", i, i, i*37, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCancelledImportStopsAndSaysSo(t *testing.T) {
	ui, store := newTestUI(t)
	dir := manyArticles(t, 400)

	ui.HandleDrop(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(dir)})
	if !ui.imports.cancel.Visible() || !ui.imports.panel.Visible() {
		t.Fatal("no progress panel with a Cancel button while importing")
	}
	ui.CancelImport()
	ui.WaitIdle()

	sum := ui.imports.summary
	if sum.Cancelled == 0 || sum.Imported == 400 {
		t.Fatalf("summary %+v: the import was not cancelled", sum)
	}
	if got := ui.imports.status.Text; !strings.HasPrefix(got, "Import cancelled") {
		t.Errorf("status = %q", got)
	}
	if ui.imports.cancel.Visible() {
		t.Error("Cancel still offered after the import stopped")
	}
	stored, err := store.Count(ui.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stored != sum.Imported || len(ui.search.hits) != min(stored, pageSize) {
		t.Errorf("archive has %d, summary says %d, list shows %d", stored, sum.Imported, len(ui.search.hits))
	}
}

func TestFolderImportShowsProgressThenSummary(t *testing.T) {
	ui, _ := newTestUI(t)
	dir := manyArticles(t, 30)
	ui.Import([]string{dir})
	ui.WaitIdle()

	if got := ui.imports.status.Text; got != "30 imported" {
		t.Errorf("summary = %q", got)
	}
	if ui.imports.progress.Value != ui.imports.progress.Max {
		t.Errorf("progress %v of %v at the end", ui.imports.progress.Value, ui.imports.progress.Max)
	}
	if got := ui.bar.CountText(); got != "30 articles" {
		t.Errorf("count = %q", got)
	}
	ui.dismissImportPanel()
	if ui.imports.panel.Visible() {
		t.Error("panel still shown after dismissing it")
	}
}

func TestDropWhileImportingIsQueued(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.Import([]string{manyArticles(t, 40)})
	ui.Import([]string{fixture(t, maliFile)}) // arrives while the first runs
	ui.WaitIdle()

	if got := ui.imports.summary.Imported; got != 41 {
		t.Errorf("imported %d, want 41 from both drops", got)
	}
	if got := ui.imports.status.Text; got != "41 imported" {
		t.Errorf("summary = %q", got)
	}
}

func TestSummaryText(t *testing.T) {
	for _, c := range []struct {
		sum       importer.Summary
		cancelled bool
		want      string
	}{
		{importer.Summary{Imported: 12, Duplicates: 2, Failed: 1}, false, "12 imported · 2 duplicates · 1 failed"},
		{importer.Summary{Imported: 1, Duplicates: 1}, false, "1 imported · 1 duplicate"},
		{importer.Summary{Imported: 3, Cancelled: 9}, true, "Import cancelled: 3 imported · 9 not reached"},
		{importer.Summary{Imported: 1200, Skipped: 4}, false, "1,200 imported · 4 skipped"},
		{importer.Summary{}, false, "No article files found"},
	} {
		if got := summaryText(c.sum, c.cancelled); got != c.want {
			t.Errorf("summaryText(%+v) = %q, want %q", c.sum, got, c.want)
		}
	}
}

func TestRoundText(t *testing.T) {
	failed := importer.Result{Path: "https://courier.example/x", Status: importer.Failed, Err: errors.New("page not found (HTTP 404 Not Found)")}
	for _, c := range []struct {
		sum      importer.Summary
		problems []importer.Result
		inbox    bool
		want     string
	}{
		{importer.Summary{Failed: 1}, []importer.Result{failed}, false, "Not imported: https://courier.example/x — page not found (HTTP 404 Not Found)"},
		{importer.Summary{Failed: 1, Imported: 1}, []importer.Result{failed}, false, "1 imported · 1 failed"},
		{importer.Summary{Imported: 2}, nil, true, "Inbox folder: 2 imported"},
	} {
		if got := roundText(c.sum, c.problems, false, c.inbox); got != c.want {
			t.Errorf("roundText(%+v) = %q, want %q", c.sum, got, c.want)
		}
	}
}
