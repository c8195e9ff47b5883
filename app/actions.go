package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// openOriginal opens the file the article came from in its usual program:
// the file itself when it is still where it was imported from, else a copy
// of the archived original written to a temporary file.
func (ui *UI) openOriginal() {
	a := ui.shownArticle()
	if a == nil {
		return
	}
	if path := a.File.Path; path != "" {
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
			ui.openFile(path)
			return
		}
	}
	id, name := a.ID, a.File.Name
	ui.tasks.Go(func() {
		path, err := ui.writeOriginal(id, name)
		ui.tasks.Do(func() {
			if err != nil {
				ui.showError(err)
				return
			}
			ui.openFile(path)
		})
	})
}

// writeOriginal copies an article's archived original to a temporary file
// named like the original, so the right program opens it.
func (ui *UI) writeOriginal(id int64, name string) (string, error) {
	data, err := ui.store.Original(ui.ctx, id)
	if err != nil {
		return "", fmt.Errorf("read the original of article #%d: %w", id, err)
	}
	dir, err := os.MkdirTemp("", "clippings-original-")
	if err != nil {
		return "", fmt.Errorf("make a folder for the original: %w", err)
	}
	base := filepath.Base(name)
	if name == "" || base == "." || base == string(filepath.Separator) {
		base = fmt.Sprintf("article-%d.txt", id)
	}
	path := filepath.Join(dir, base)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", fmt.Errorf("write the original to %s: %w", path, err)
	}
	return path, nil
}

func (ui *UI) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = ui.app.OpenURL(u)
	}
	if err != nil {
		ui.showError(fmt.Errorf("open %s: %w", path, err))
	}
}

// copyArticleText puts the article, as plain text, on the clipboard.
func (ui *UI) copyArticleText() {
	a := ui.shownArticle()
	if a == nil {
		return
	}
	ui.app.Clipboard().SetContent(plainText(a))
}

// plainText is the article as one would paste it: headline, subtitle,
// byline, link, body.
func plainText(a *db.Article) string {
	var parts []string
	for _, s := range []string{a.Title, a.Subtitle, byline(a), a.URL} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	parts = append(parts, normalizeParagraphs(a.Body))
	return strings.Join(parts, "\n\n") + "\n"
}

// confirmDelete asks before deleting the shown article.
func (ui *UI) confirmDelete() {
	a := ui.shownArticle()
	if a == nil {
		return
	}
	id, title := a.ID, a.Title
	if title == "" {
		title = "Untitled"
	}
	message := widget.NewLabel(fmt.Sprintf("“%s” will be removed from the archive.\nThe file it was imported from is not touched.", title))
	message.Wrapping = fyne.TextWrapWord
	confirm := dialog.NewCustomConfirm("Delete this article?", "Delete", "Cancel", message, func(ok bool) {
		if ok {
			ui.deleteArticle(id)
		}
	}, ui.window)
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Resize(fyne.NewSize(460, 200))
	confirm.Show()
}

// deleteArticle deletes in the background, then selects the next article.
func (ui *UI) deleteArticle(id int64) {
	next := int64(0)
	if i := ui.hitIndex(id); i >= 0 {
		hits := ui.search.hits
		switch {
		case i+1 < len(hits):
			next = hits[i+1].ID
		case i > 0:
			next = hits[i-1].ID
		}
	}
	ui.tasks.Go(func() {
		err := ui.store.Delete(ui.ctx, id)
		ui.tasks.Do(func() {
			if err != nil && !errors.Is(err, db.ErrNotFound) {
				ui.showError(fmt.Errorf("delete article #%d: %w", id, err))
				return
			}
			if ui.detail.articleID == id {
				ui.clearDetail()
			}
			ui.search.selectID = next
			ui.searchNow()
		})
	})
}
