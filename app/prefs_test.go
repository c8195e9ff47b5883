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
	p := loadPrefs(a.Preferences())
	if p.windowSize != fyne.NewSize(900, 650) {
		t.Errorf("window size = %v, want 900×650", p.windowSize)
	}
}

func TestBadPreferencesFallBackToDefaults(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefSort, "sideways")
	a.Preferences().SetFloat(prefSplitOffset, 0.99)
	a.Preferences().SetFloat(prefWidth, 10)
	p := loadPrefs(a.Preferences())
	if p.sort != db.Relevance || p.splitOffset != defaultSplitOffset || p.windowSize.Width != defaultWidth {
		t.Errorf("prefs = %+v, want the defaults", p)
	}
}
