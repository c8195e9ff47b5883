package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

// confirmDelete asks before deleting the open article, or the selected
// articles.
func (o *organiser) confirmDelete() {
	if ids := o.list.Chosen(); len(ids) > 0 {
		o.confirmDeleteMany(ids, humanize.Plural(len(ids), "selected article", "selected articles"))
		return
	}
	o.confirmDeleteOpen()
}

// confirmDeleteOpen asks before deleting the open article.
func (o *organiser) confirmDeleteOpen() {
	if o.refuse() {
		return
	}
	a, ok := o.reader.Article()
	if !ok {
		return
	}
	id, title := a.ID, a.Title
	if title == "" {
		title = "Untitled"
	}
	dialogs.ConfirmDeleteArticle(o.window, title, func() { o.deleteArticles([]int64{id}) })
}

// confirmDeleteMany asks before deleting articles, saying how many.
func (o *organiser) confirmDeleteMany(ids []int64, what string) {
	if o.refuse() {
		return
	}
	dialogs.ConfirmDeleteArticles(o.window, len(ids), what, func() { o.deleteArticles(ids) })
}

// confirmDeleteResults asks before deleting every article the search finds.
func (o *organiser) confirmDeleteResults() {
	o.withResults(func(ids []int64, what string) { o.confirmDeleteMany(ids, what) })
}

// deleteArticles deletes in the background (many with progress, in the job
// panel), then selects the article listed after them.
func (o *organiser) deleteArticles(ids []int64) {
	doomed := make(map[int64]bool, len(ids))
	for _, id := range ids {
		doomed[id] = true
	}
	next := o.list.NextAfter(ids)
	finish := func(err error, cancelled bool) {
		if err != nil && !cancelled && o.ctx.Err() == nil {
			o.fail(fmt.Errorf("delete %s: %w", humanize.Plural(len(ids), "article", "articles"), err))
		}
		if doomed[o.reader.ArticleID()] {
			o.reader.Clear()
		}
		o.list.ClearChosen()
		o.list.ShowSelection()
		o.list.SelectWhenShown(next)
		o.searchNow()
		o.side.Refresh()
	}
	o.inSteps(ids, "the deletion", "Deleting", o.deleteSome, func() {}, finish)
}

// deleteSome deletes articles in one transaction; when some were deleted
// meanwhile (by another program), the others one by one.
func (o *organiser) deleteSome(ctx context.Context, ids []int64) error {
	err := o.store.Delete(ctx, ids...)
	if !errors.Is(err, db.ErrNotFound) {
		return err
	}
	for _, id := range ids {
		if err := o.store.Delete(ctx, id); err != nil && !errors.Is(err, db.ErrNotFound) {
			return err
		}
	}
	return nil
}

// withResults lists every article the search finds (all of them for an
// empty search) in the background, then hands them on with words for
// them: "37 results of “mali”".
func (o *organiser) withResults(fn func(ids []int64, what string)) {
	query := o.list.Query()
	o.withMatching(query, "No results", "No articles match the search: there is nothing to do.", func(ids []int64) {
		fn(ids, resultsWhat(query, len(ids)))
	})
}

// withMatching lists every article query finds in the background, then
// hands them to fn; when there are none it says so (title, text).
func (o *organiser) withMatching(query, noneTitle, noneText string, fn func(ids []int64)) {
	o.tasks.Go(func() {
		ids, err := o.store.MatchingIDs(o.ctx, query)
		if o.ctx.Err() != nil {
			return
		}
		o.tasks.Do(func() {
			switch {
			case err != nil:
				o.fail(err)
			case len(ids) == 0:
				dialog.ShowInformation(noneTitle, noneText, o.window)
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
