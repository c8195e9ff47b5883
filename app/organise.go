package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
)

const (
	// bulkInline articles or fewer are changed straight away; a larger
	// change runs in the job panel, this many per step, with progress and
	// a Cancel button.
	bulkInline = 500
)

// change is one change to articles: what it does in the archive, and to
// the copies of them the window shows, so a click shows at once.
type change struct {
	verb    string // "star": "Could not star 3 articles"
	doing   string // "Starring", in the job panel
	apply   func(ctx context.Context, ids []int64) error
	hit     func(*db.Hit)     // nil: the list shows it when searched again
	article func(*db.Article) // the same for the open article
}

// applyChange changes articles in the background, then brings the list,
// the open article, the sidebar's counts and the menus up to date.
func (ui *UI) applyChange(ids []int64, c change) {
	if len(ids) == 0 || ui.refuseChange() {
		return
	}
	if len(ids) <= bulkInline {
		ui.showChange(ids, c)
		ui.tasks.Go(func() {
			err := c.apply(context.WithoutCancel(ui.ctx), ids)
			ui.tasks.Do(func() { ui.changeDone(ids, c, err, false) })
		})
		return
	}
	ctx, ok := ui.jobs.Start("the change to "+humanize.Plural(len(ids), "article", "articles"),
		c.doing+" "+humanize.Plural(len(ids), "article", "articles"), true)
	if !ok {
		return
	}
	ui.showChange(ids, c)
	ui.tasks.Go(func() {
		done := 0
		var err error
		for chunk := range slices.Chunk(ids, bulkInline) {
			if ctx.Err() != nil {
				break
			}
			// A step begun is finished, as an import's batch is.
			if err = c.apply(context.WithoutCancel(ctx), chunk); err != nil && !isNotFound(err) {
				break
			}
			err = nil
			done += len(chunk)
			n := done
			ui.tasks.Do(func() { ui.jobs.Progress(n, len(ids), "articles") })
		}
		ui.tasks.Do(func() {
			cancelled := ui.jobs.End()
			ui.changeDone(ids, c, err, cancelled)
		})
	})
}

func isNotFound(err error) bool {
	var nf *db.NotFoundError
	return errors.As(err, &nf)
}

// showChange applies a change to the hits and the article shown.
func (ui *UI) showChange(ids []int64, c change) {
	in := make(map[int64]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	if c.hit != nil {
		ui.list.Update(ids, c.hit)
	}
	if c.article != nil {
		ui.reader.Update(ids, c.article)
	}
	ui.list.ShowSelection()
}

// changeDone reports a failure (articles deleted meanwhile are not one),
// and shows the archive as it now is.
func (ui *UI) changeDone(ids []int64, c change, err error, cancelled bool) {
	if err != nil && !isNotFound(err) && !cancelled && ui.ctx.Err() == nil {
		ui.showError(fmt.Errorf("could not %s %s: %w", c.verb, humanize.Plural(len(ids), "article", "articles"), err))
	}
	ui.refreshAfterChange(ids)
}

// refreshAfterChange searches again (keeping the selection and the scroll
// position), recounts the sidebar and reloads what the user added to the
// open article if it was among ids.
func (ui *UI) refreshAfterChange(ids []int64) {
	if ui.ctx.Err() != nil {
		return
	}
	ui.refreshResults()
	ui.side.Refresh()
	if id := ui.reader.ArticleID(); slices.Contains(ids, id) {
		ui.reader.ReloadOrganised(id)
	}
}

// refreshResults runs the search again as the archive changed, unless a
// search is about to run anyway.
func (ui *UI) refreshResults() {
	if ui.list.Awaited() {
		return
	}
	if !ui.bar.Typing() {
		ui.search(true)
	}
}

// toggleStar stars the targets, or unstars them when all are starred.
func (ui *UI) toggleStar() { ui.toggleStarOf(ui.targets()) }

func (ui *UI) toggleStarOf(ids []int64) {
	if len(ids) == 0 {
		return
	}
	starred, _ := ui.targetState(ids)
	ui.setStarred(ids, !starred)
}

func (ui *UI) setStarred(ids []int64, on bool) {
	verb, doing := "star", "Starring"
	if !on {
		verb, doing = "unstar", "Unstarring"
	}
	ui.applyChange(ids, change{verb: verb, doing: doing,
		apply:   func(ctx context.Context, ids []int64) error { return ui.store.SetStarred(ctx, ids, on) },
		hit:     func(h *db.Hit) { h.Starred = on },
		article: func(a *db.Article) { a.Starred = on },
	})
}

// toggleRead marks the targets read, or unread when all are read.
func (ui *UI) toggleRead() { ui.toggleReadOf(ui.targets()) }

func (ui *UI) toggleReadOf(ids []int64) {
	if len(ids) == 0 {
		return
	}
	_, read := ui.targetState(ids)
	ui.setRead(ids, !read)
}

func (ui *UI) setRead(ids []int64, read bool) {
	if a, ok := ui.reader.Article(); ok && slices.Contains(ids, a.ID) {
		ui.reader.StopMarkRead() // marked by hand: it stays as the user says
	}
	verb, doing := "mark as read", "Marking as read"
	if !read {
		verb, doing = "mark as unread", "Marking as unread"
	}
	ui.applyChange(ids, change{verb: verb, doing: doing,
		apply:   func(ctx context.Context, ids []int64) error { return ui.store.SetRead(ctx, ids, read) },
		hit:     func(h *db.Hit) { h.Read = read },
		article: func(a *db.Article) { a.Read = read },
	})
}

// addTag tags articles; removeTag takes a tag off them.
func (ui *UI) addTag(ids []int64, name string) {
	name = db.CleanTagName(name)
	if name == "" {
		return
	}
	ui.applyChange(ids, change{verb: "tag", doing: "Tagging",
		apply: func(ctx context.Context, ids []int64) error { return ui.store.SetTags(ctx, ids, []string{name}, nil) },
		hit:   func(h *db.Hit) { h.Tags = withTag(h.Tags, name) },
		article: func(a *db.Article) {
			a.Tags = withTag(a.Tags, name)
		},
	})
}

func (ui *UI) removeTag(ids []int64, name string) {
	ui.applyChange(ids, change{verb: "untag", doing: "Untagging",
		apply:   func(ctx context.Context, ids []int64) error { return ui.store.SetTags(ctx, ids, nil, []string{name}) },
		hit:     func(h *db.Hit) { h.Tags = withoutTag(h.Tags, name) },
		article: func(a *db.Article) { a.Tags = withoutTag(a.Tags, name) },
	})
}

func withTag(tags []string, name string) []string {
	if slices.ContainsFunc(tags, func(t string) bool { return kit.SameTag(t, name) }) {
		return tags
	}
	out := append(slices.Clone(tags), name)
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

func withoutTag(tags []string, name string) []string {
	return slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return kit.SameTag(t, name) })
}
