package app

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/clippings/clippings/db"
)

// Preference keys: what the window remembers between launches.
const (
	prefWidth       = "window.width"
	prefHeight      = "window.height"
	prefSplitOffset = "window.split"
	prefSidebar     = "window.sidebar"       // shown or not
	prefSideOffset  = "window.sidebar.split" // its divider
	prefSort        = "search.sort"
	prefGroup       = "search.group"    // copies of a story on one row
	prefTimeline    = "window.timeline" // the timeline above the list, shown or not

	prefBackupFolder = "backup.folder"
	prefExportFolder = "export.folder" // where the last export's folder was made
	prefExportFormat = "export.format"
)

const (
	defaultWidth       = 1200
	defaultHeight      = 800
	defaultSplitOffset = 0.38
	// defaultSideOffset gives the sidebar a fifth of the window: 240 of a
	// default window's 1,200 pixels.
	defaultSideOffset = 0.2
)

// queryKey is the preference that remembers the last search in the
// archive at path: each archive its own, so that a new or other archive
// does not open filtered by another's query. (Before, one "search.query"
// served every archive.)
func queryKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return "archive." + hex.EncodeToString(sum[:8]) + ".search.query"
}

// prefs is the remembered state of the last session.
type prefs struct {
	windowSize  fyne.Size
	splitOffset float64
	sideShown   bool
	sideOffset  float64
	sort        db.Sort
	query       string
	group       bool
	timeline    bool
}

// loadPrefs reads the window's remembered state, with the last search of
// the archive at path.
func loadPrefs(p fyne.Preferences, path string) prefs {
	sort, err := db.ParseSort(p.String(prefSort))
	if err != nil {
		sort = db.Relevance
	}
	offset := p.FloatWithFallback(prefSplitOffset, defaultSplitOffset)
	if offset < 0.15 || offset > 0.85 { // a divider pushed to an edge hides a pane for good
		offset = defaultSplitOffset
	}
	side := p.FloatWithFallback(prefSideOffset, defaultSideOffset)
	if side < 0.08 || side > 0.45 {
		side = defaultSideOffset
	}
	size := fyne.NewSize(
		float32(p.FloatWithFallback(prefWidth, defaultWidth)),
		float32(p.FloatWithFallback(prefHeight, defaultHeight)))
	if size.Width < 400 || size.Height < 300 {
		size = fyne.NewSize(defaultWidth, defaultHeight)
	}
	return prefs{windowSize: size, splitOffset: offset, sort: sort, query: p.String(queryKey(path)),
		sideShown: p.BoolWithFallback(prefSidebar, true), sideOffset: side,
		group: p.BoolWithFallback(prefGroup, true), timeline: p.BoolWithFallback(prefTimeline, true)}
}

// savePrefs remembers the window's size and dividers; query, sort,
// grouping and whether the sidebar and timeline are shown are saved as
// they change.
func (ui *UI) savePrefs() {
	p := ui.app.Preferences()
	if size := ui.window.Canvas().Size(); size.Width > 0 && size.Height > 0 {
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
	}
	p.SetFloat(prefSplitOffset, ui.split.Offset)
	if ui.side.Visible() {
		p.SetFloat(prefSideOffset, ui.sideSplit.Offset)
	}
	p.SetString(prefSort, ui.bar.Sort().String())
	p.SetString(queryKey(ui.store.Path()), ui.bar.Query())
}
