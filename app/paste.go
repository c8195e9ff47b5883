package app

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/clipboard"
	"github.com/clippings/clippings/importer"
)

// pasteLabel is what an import's results call the clipboard.
const pasteLabel = "clipboard"

// nothingToPaste tells the user how to clip an article.
const nothingToPaste = "In your browser, select the article (Ctrl+A selects the whole page), copy it (Ctrl+C), then press Ctrl+V here."

// paster makes articles of what the user copied: Ctrl+V outside a text
// field, Edit ▸ Paste as new article, the empty archive's Paste button.
// A browser's selection comes as its HTML with the page's address where
// the system offers them (X11), else as text; copied files and links are
// imported as a drop of them is.
type paster struct {
	ctx   context.Context
	tasks *tasks.Group
	// read reads the clipboard, off the UI goroutine; nil where only the
	// toolkit's text is to be had (Windows, macOS).
	read func(context.Context) (clipboard.Clip, error)
	// text is the toolkit's clipboard text; call it on the UI goroutine.
	text func() string
	// importBatch imports what was pasted; tell shows a message, fail an
	// error.
	importBatch func(importer.Batch)
	tell        func(title, message string)
	fail        func(error)
	reading     bool // a read is on its way: a second Ctrl+V waits for it
}

// systemClipboard is how this system's clipboard is read: from the X
// server when there is one.
func systemClipboard() func(context.Context) (clipboard.Clip, error) {
	if !clipboard.X11Available() {
		return nil
	}
	return func(ctx context.Context) (clipboard.Clip, error) { return clipboard.ReadX11(ctx, "") }
}

// paste reads the clipboard and imports what it holds.
func (p *paster) paste() {
	if p.reading {
		return
	}
	if p.read == nil {
		p.take(clipboard.FromText(p.text()), nil)
		return
	}
	p.reading = true
	p.tasks.Go(func() {
		clip, err := p.read(p.ctx)
		p.tasks.Do(func() {
			p.reading = false
			if errors.Is(err, clipboard.ErrNoServer) {
				// $DISPLAY named no server we can reach: the toolkit's text.
				clip, err = clipboard.FromText(p.text()), nil
			}
			p.take(clip, err)
		})
	})
}

// take imports a clip, or says why there is nothing to import.
func (p *paster) take(clip clipboard.Clip, err error) {
	if p.ctx.Err() != nil {
		return
	}
	switch {
	case errors.Is(err, clipboard.ErrEmpty):
		p.tell("Nothing to paste", "The clipboard is empty. "+nothingToPaste)
	case err != nil:
		p.fail(fmt.Errorf("read the clipboard: %w", err))
	case clip.Kind == clipboard.Paths:
		p.importBatch(importer.Batch{Paths: clip.Paths})
	case clip.Kind == clipboard.HTML:
		p.importBatch(importer.Batch{Items: []importer.Item{{Name: "pasted.html", Data: clip.Data, Label: pasteLabel, From: clip.Source}}})
	case clip.Kind == clipboard.Text:
		p.importBatch(importer.Batch{Items: []importer.Item{{Name: "pasted.txt", Data: clip.Data, Label: pasteLabel, From: clip.Source}}})
	default:
		if formats := contentFormats(clip.Offered); len(formats) > 0 {
			p.tell("Nothing to paste", fmt.Sprintf("The clipboard holds %s: Clippings takes text, web pages, links and files. %s",
				strings.Join(formats, ", "), nothingToPaste))
			return
		}
		p.tell("Nothing to paste", "The clipboard is empty. "+nothingToPaste)
	}
}

// contentFormats are the formats offered that name content, not the
// X11 protocol's own targets.
func contentFormats(offered []string) []string {
	var out []string
	for _, f := range offered {
		switch f {
		case "TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "DELETE", "INSERT_SELECTION", "INSERT_PROPERTY":
			continue
		}
		out = append(out, f)
	}
	return out
}

// pasteMenuShortcut shows Ctrl+V beside Edit ▸ Paste as new article
// without being Fyne's Paste shortcut: the desktop driver matches a key
// against the main menu's shortcuts, by name, before the focused widget
// sees it, and Ctrl+V in a text field must go on pasting there. The
// window's own Ctrl+V (outside text fields) is a canvas shortcut.
type pasteMenuShortcut struct{ fyne.ShortcutPaste }

func (pasteMenuShortcut) ShortcutName() string { return "PasteAsNewArticle" }

// pasteMenuKey is the shortcut shown on the menu item; none on macOS,
// whose native menus would take Cmd+V from text fields.
func pasteMenuKey() fyne.Shortcut {
	if runtime.GOOS == "darwin" {
		return nil
	}
	return &pasteMenuShortcut{}
}
