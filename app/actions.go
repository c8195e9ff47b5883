package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

func (ui *UI) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = ui.app.OpenURL(u)
	}
	if err != nil {
		ui.showError(fmt.Errorf("open %s: %w", path, err))
	}
}

// confirmDelete asks before deleting the open article, or the selected
// articles.
func (ui *UI) confirmDelete() {
	if ids := ui.list.Chosen(); len(ids) > 0 {
		ui.confirmDeleteMany(ids, humanize.Plural(len(ids), "selected article", "selected articles"))
		return
	}
	ui.confirmDeleteOpen()
}

// confirmDeleteOpen asks before deleting the open article.
func (ui *UI) confirmDeleteOpen() {
	if ui.refuseChange() {
		return
	}
	a, ok := ui.reader.Article()
	if !ok {
		return
	}
	id, title := a.ID, a.Title
	if title == "" {
		title = "Untitled"
	}
	dialogs.ConfirmDeleteArticle(ui.window, title, func() { ui.deleteArticles([]int64{id}) })
}

// confirmDeleteMany asks before deleting articles, saying how many.
func (ui *UI) confirmDeleteMany(ids []int64, what string) {
	if ui.refuseChange() {
		return
	}
	dialogs.ConfirmDeleteArticles(ui.window, len(ids), what, func() { ui.deleteArticles(ids) })
}

// confirmDeleteResults asks before deleting every article the search finds.
func (ui *UI) confirmDeleteResults() {
	ui.withResults(func(ids []int64, what string) { ui.confirmDeleteMany(ids, what) })
}

// deleteArticles deletes in the background (many with progress, in the job
// panel), then selects the article listed after them.
func (ui *UI) deleteArticles(ids []int64) {
	doomed := make(map[int64]bool, len(ids))
	for _, id := range ids {
		doomed[id] = true
	}
	next := ui.list.NextAfter(ids)
	finish := func(err error, cancelled bool) {
		if err != nil && !cancelled && ui.ctx.Err() == nil {
			ui.showError(fmt.Errorf("delete %s: %w", humanize.Plural(len(ids), "article", "articles"), err))
		}
		if doomed[ui.reader.ArticleID()] {
			ui.reader.Clear()
		}
		ui.list.ClearChosen()
		ui.list.ShowSelection()
		ui.list.SelectWhenShown(next)
		ui.searchNow()
		ui.side.Refresh()
	}
	if len(ids) <= bulkInline {
		ui.tasks.Go(func() {
			err := ui.deleteSome(context.WithoutCancel(ui.ctx), ids)
			ui.tasks.Do(func() { finish(err, false) })
		})
		return
	}
	ctx, ok := ui.jobs.Start("the deletion", "Deleting "+humanize.Plural(len(ids), "article", "articles"), true)
	if !ok {
		return
	}
	ui.tasks.Go(func() {
		var err error
		done := 0
		for chunk := range slices.Chunk(ids, bulkInline) {
			if ctx.Err() != nil {
				break
			}
			if err = ui.deleteSome(context.WithoutCancel(ctx), chunk); err != nil {
				break
			}
			done += len(chunk)
			n := done
			ui.tasks.Do(func() { ui.jobs.Progress(n, len(ids), "articles") })
		}
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			finish(err, cancelled)
		})
	})
}

// deleteSome deletes articles in one transaction; when some were deleted
// meanwhile (by another program), the others one by one.
func (ui *UI) deleteSome(ctx context.Context, ids []int64) error {
	err := ui.store.Delete(ctx, ids...)
	if !errors.Is(err, db.ErrNotFound) {
		return err
	}
	for _, id := range ids {
		if err := ui.store.Delete(ctx, id); err != nil && !errors.Is(err, db.ErrNotFound) {
			return err
		}
	}
	return nil
}

// withResults lists every article the search finds (all of them for an
// empty search) in the background, then hands them on with words for
// them: "37 results of “mali”".
func (ui *UI) withResults(fn func(ids []int64, what string)) {
	query := ui.list.Query()
	ui.withMatching(query, "No results", "No articles match the search: there is nothing to do.", func(ids []int64) {
		fn(ids, resultsWhat(query, len(ids)))
	})
}

// withMatching lists every article query finds in the background, then
// hands them to fn; when there are none it says so (title, text).
func (ui *UI) withMatching(query, noneTitle, noneText string, fn func(ids []int64)) {
	ui.tasks.Go(func() {
		ids, err := ui.store.MatchingIDs(ui.ctx, query)
		if ui.ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			switch {
			case err != nil:
				ui.showError(err)
			case len(ids) == 0:
				dialog.ShowInformation(noneTitle, noneText, ui.window)
			default:
				fn(ids)
			}
		})
	})
}

// resultsWhat names a search's results.
func resultsWhat(query string, n int) string {
	if humanize.IsBlank(query) {
		if n == 1 {
			return "only article in the archive"
		}
		return humanize.Thousands(n) + " articles in the archive"
	}
	return fmt.Sprintf("%s of the search “%s”", humanize.Plural(n, "result", "results"), strings.TrimSpace(query))
}
