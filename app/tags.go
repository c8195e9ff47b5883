package app

import (
	querylang "github.com/clippings/clippings/query"

	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

// allTags is the names of the archive's tags, most used first, without
// those taken.
func (o *organiser) allTags(taken []string) []string {
	tags := o.side.Tags()
	slices.SortStableFunc(tags, func(a, b db.TagCount) int { return b.Articles - a.Articles })
	var out []string
	for _, t := range tags {
		if !slices.ContainsFunc(taken, func(n string) bool { return kit.SameTag(n, t.Name) }) {
			out = append(out, t.Name)
		}
	}
	return out
}

// tagTargets tags what the Article menu acts on: the open article in its
// own tag field; several selected ones in a dialog.
func (o *organiser) tagTargets() {
	ids := o.list.Chosen()
	if len(ids) == 0 {
		o.reader.FocusTags()
		return
	}
	var present []string
	chosen := map[int64]bool{}
	for _, id := range ids {
		chosen[id] = true
	}
	for _, h := range o.list.Hits() {
		if chosen[h.ID] {
			for _, t := range h.Tags {
				if !slices.ContainsFunc(present, func(p string) bool { return kit.SameTag(p, t) }) {
					present = append(present, t)
				}
			}
		}
	}
	slices.SortFunc(present, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	o.showTagDialog(ids, humanize.Plural(len(ids), "selected article", "selected articles"), present)
}

// showTagDialog adds a tag to articles, or takes one off them.
func (o *organiser) showTagDialog(ids []int64, what string, present []string) {
	if o.refuse() {
		return
	}
	dialogs.AskTag(o.window, len(ids), what, present, func() []string { return o.allTags(nil) },
		func(name string) { o.addTag(ids, name) }, func(name string) { o.removeTag(ids, name) })
}

// tagAllResults tags every article the search finds.
func (o *organiser) tagAllResults() {
	o.withResults(func(ids []int64, what string) {
		o.showTagDialog(ids, what, nil)
	})
}

// renameTag asks for a tag's new name. Saved searches and the search field
// that ask for the old name are changed to ask for the new one.
func (o *organiser) renameTag(from string) {
	if o.refuse() {
		return
	}
	dialogs.RenameTag(o.window, from, func(to string) {
		o.runTagJob("Renaming the tag “"+from+"”", func(ctx context.Context) error {
			if err := o.store.RenameTag(ctx, from, to); err != nil {
				return err
			}
			return o.renameTagInSearches(ctx, from, to)
		}, func() { o.tagRenamed(from, to) })
	})
}

// renameTagInSearches makes the saved searches that ask for a renamed tag
// ask for it under its new name.
func (o *organiser) renameTagInSearches(ctx context.Context, from, to string) error {
	saved, err := o.store.SavedSearches(ctx)
	if err != nil {
		return err
	}
	for _, s := range saved {
		if q, ok := replaceTagInQuery(s.Query, from, to); ok {
			if _, err := o.store.SaveSearch(ctx, s.Name, q, s.Sort); err != nil {
				return err
			}
		}
	}
	return nil
}

// confirmDeleteTag asks before taking a tag off every article.
func (o *organiser) confirmDeleteTag(name string, articles int) {
	if o.refuse() {
		return
	}
	dialogs.ConfirmDeleteTag(o.window, name, articles, func() {
		o.runTagJob("Deleting the tag “"+name+"”", func(ctx context.Context) error {
			return o.store.DeleteTag(ctx, name)
		}, nil)
	})
}

// runTagJob renames or deletes a tag in the background (on many articles
// that takes a while: the job panel says so), then shows the archive as
// it is.
func (o *organiser) runTagJob(status string, fn func(context.Context) error, after func()) {
	ctx, ok := o.jobs.Start("the change to a tag", status+"…", false)
	if !ok {
		return
	}
	o.tasks.Go(func() {
		err := fn(context.WithoutCancel(ctx))
		o.tasks.Do(func() {
			o.jobs.End()
			if err != nil && o.ctx.Err() == nil {
				o.fail(fmt.Errorf("%s: %w", strings.ToLower(status[:1])+status[1:], err))
			}
			if after != nil {
				after()
			}
			var ids []int64
			if a, ok := o.reader.Article(); ok {
				ids = []int64{a.ID}
			}
			o.refreshAfterChange(ids)
		})
	})
}

// replaceTagInQuery changes tag:from (quoted or not, in any case) to
// tag:"to" in a query, and reports whether it did; a query that does not
// ask for the tag is left as typed.
func replaceTagInQuery(text, from, to string) (string, bool) {
	q, ok := querylang.RenameTag(querylang.Parse(text), func(name string) bool { return kit.SameTag(name, from) }, to)
	if !ok {
		return text, false
	}
	return q.String(), true
}
