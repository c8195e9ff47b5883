package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/results"
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
	if !(button(ui.imports.Object(), "Cancel") != nil) || !ui.imports.Visible() {
		t.Fatal("no progress panel with a Cancel button while importing")
	}
	ui.imports.Cancel()
	ui.WaitIdle()

	sum, _ := ui.imports.Summary()
	if sum.Cancelled == 0 || sum.Imported == 400 {
		t.Fatalf("summary %+v: the import was not cancelled", sum)
	}
	if got := ui.imports.Status(); !strings.HasPrefix(got, "Import cancelled") {
		t.Errorf("status = %q", got)
	}
	if button(ui.imports.Object(), "Cancel") != nil {
		t.Error("Cancel still offered after the import stopped")
	}
	stored, err := store.Count(ui.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stored != sum.Imported || len(ui.list.Hits()) != min(stored, results.PageSize) {
		t.Errorf("archive has %d, summary says %d, list shows %d", stored, sum.Imported, len(ui.list.Hits()))
	}
}

func TestFolderImportShowsProgressThenSummary(t *testing.T) {
	ui, _ := newTestUI(t)
	dir := manyArticles(t, 30)
	ui.Import([]string{dir})
	ui.WaitIdle()

	if got := ui.imports.Status(); got != "30 imported" {
		t.Errorf("summary = %q", got)
	}
	if bar := anyOf[*widget.ProgressBar](ui.imports.Object()); bar == nil || bar.Value != bar.Max {
		t.Errorf("progress %+v at the end", bar)
	}
	if got := ui.bar.CountText(); got != "30 articles" {
		t.Errorf("count = %q", got)
	}
	ui.imports.Dismiss()
	if ui.imports.Visible() {
		t.Error("panel still shown after dismissing it")
	}
}

func TestDropWhileImportingIsQueued(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.Import([]string{manyArticles(t, 40)})
	ui.Import([]string{fixture(t, maliFile)}) // arrives while the first runs
	ui.WaitIdle()

	if got := summary(ui).Imported; got != 41 {
		t.Errorf("imported %d, want 41 from both drops", got)
	}
	if got := ui.imports.Status(); got != "41 imported" {
		t.Errorf("summary = %q", got)
	}
}
