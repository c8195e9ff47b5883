package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/clippings/clippings/app/importpanel"
	"github.com/clippings/clippings/fetch"
	"github.com/clippings/clippings/importer"
)

// HandleDrop imports the files, folders and links dropped on the window.
// It is the window's drop handler.
func (ui *UI) HandleDrop(_ fyne.Position, uris []fyne.URI) {
	var paths, refused []string
	for _, u := range uris {
		switch {
		case u.Scheme() == "http" || u.Scheme() == "https":
			paths = append(paths, u.String()) // from a driver that keeps links as they are
		case u.Scheme() != "file":
			refused = append(refused, u.String())
		case droppedLink(u.Path()) != "":
			paths = append(paths, droppedLink(u.Path()))
		default:
			paths = append(paths, u.Path())
		}
	}
	if len(refused) > 0 {
		ui.showError(fmt.Errorf("only files, folders and web links can be imported, not %s", strings.Join(refused, ", ")))
	}
	ui.Import(paths)
}

// droppedLink recovers a web link dragged from a browser. GLFW hands the
// entries of a dropped text/uri-list that are not file:// URIs over as
// they are, and Fyne makes each a file URI, joined to the current folder
// and cleaned: "https://site/a" arrives as "/home/me/https:/site/a".
// Cleaning also drops a trailing slash and folds "//" in the rest, which
// cannot be undone.
func droppedLink(path string) string {
	if _, err := os.Stat(path); err == nil {
		return "" // a real file, in a folder named "http:"
	}
	path = filepath.ToSlash(path)
	for _, scheme := range []string{"https:", "http:"} {
		i := strings.Index(path, scheme+"/")
		if i < 0 || (i > 0 && path[i-1] != '/') {
			continue
		}
		link := scheme + "//" + strings.TrimLeft(path[i+len(scheme):], "/")
		if fetch.IsAddress(link) {
			return link
		}
	}
	return ""
}

// Import imports files, folders and web addresses in the background,
// showing progress in the panel at the bottom of the window. What is given
// while an import runs is imported after it.
func (ui *UI) Import(paths []string) {
	if len(paths) > 0 {
		ui.imports.Import(importer.Batch{Paths: paths})
	}
}

// ImportBatch imports paths, web addresses and articles in hand (a paste)
// as Import does.
func (ui *UI) ImportBatch(b importer.Batch) { ui.imports.Import(b) }

// imported shows what a batch of imports brought: the list searched again,
// a single new article opened (unless it came by itself while the user was
// reading another); finding copies and names goes on.
func (ui *UI) imported(d importpanel.Done) {
	ui.arch.resumeBackfill()
	if d.Imported == 1 && !d.Quiet {
		ui.list.SelectWhenShown(d.LastID)
	}
	if d.Imported > 0 {
		ui.searchNow()
	}
}
