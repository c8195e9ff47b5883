package app

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/db"
)

func TestWindowRemembersQuerySortSizeAndDivider(t *testing.T) {
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	first := newUI(a, store, options{queued: true})
	first.WaitIdle()
	first.bar.SetQuery("mali")
	first.setSort(db.Oldest)
	first.split.SetOffset(0.5)
	first.Window().Resize(fyne.NewSize(900, 650))
	first.WaitIdle()
	first.savePrefs()
	first.Window().Close()
	first.Shutdown()

	second := newUI(a, store, options{queued: true})
	defer second.Shutdown()
	second.WaitIdle()
	if got := second.bar.Query(); got != "mali" {
		t.Errorf("query = %q, want mali", got)
	}
	if second.bar.Sort() != db.Oldest || sortChoice(second).Selected != "Oldest" {
		t.Errorf("sort = %v (%q), want oldest", second.bar.Sort(), sortChoice(second).Selected)
	}
	if second.list.Query() != "mali" {
		t.Errorf("the remembered query was not searched: %q", second.list.Query())
	}
	if got := second.split.Offset; got != 0.5 {
		t.Errorf("divider = %v, want 0.5", got)
	}
	p := loadPrefs(a.Preferences(), store.Path())
	if p.windowSize != fyne.NewSize(900, 650) {
		t.Errorf("window size = %v, want 900×650", p.windowSize)
	}
}

func TestBadPreferencesFallBackToDefaults(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefSort, "sideways")
	a.Preferences().SetFloat(prefSplitOffset, 0.99)
	a.Preferences().SetFloat(prefWidth, 10)
	p := loadPrefs(a.Preferences(), "archive.db")
	if p.sort != db.Relevance || p.splitOffset != defaultSplitOffset || p.windowSize.Width != defaultWidth {
		t.Errorf("prefs = %+v, want the defaults", p)
	}
}

// The last search is the archive's own: another archive, or a new one,
// opens with every article listed, and each opens again with its own.
func TestEachArchiveKeepsItsOwnSearch(t *testing.T) {
	a := test.NewTempApp(t)
	open := func(path string) (*UI, *db.Store) {
		t.Helper()
		store, err := db.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		ui := newUI(a, store, options{queued: true})
		ui.WaitIdle()
		return ui, store
	}
	dir := t.TempDir()
	first, firstStore := open(filepath.Join(dir, "first.db"))
	addArticles(t, firstStore, 2)
	first.runQuery("trump trade", nil)
	first.WaitIdle()
	first.savePrefs()
	first.Shutdown()
	firstStore.Close()

	other, otherStore := open(filepath.Join(dir, "other.db"))
	addArticles(t, otherStore, 2)
	other.searchNow()
	other.WaitIdle()
	if got := other.bar.Query(); got != "" {
		t.Errorf("a new archive opens searching %q", got)
	}
	if text, shown := other.list.Notice(); shown || len(other.list.Hits()) != 2 {
		t.Errorf("a new archive lists %d articles (notice %q)", len(other.list.Hits()), text)
	}
	other.runQuery("harbour", nil)
	other.WaitIdle()
	other.savePrefs()
	other.Shutdown()
	otherStore.Close()

	again, againStore := open(filepath.Join(dir, "first.db"))
	defer againStore.Close()
	defer again.Shutdown()
	if got := again.bar.Query(); got != "trump trade" {
		t.Errorf("the first archive opens again searching %q, want its own last search", got)
	}
}
