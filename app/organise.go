package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/db"
)

const (
	// readDelay is how long an unread article stays open before it is
	// marked read. Not at once: going down the list with the arrow keys
	// passes over articles in a fraction of a second each, and those were
	// not read; an article left open this long was at least looked at.
	readDelay = 1500 * time.Millisecond
	// bulkInline articles or fewer are changed straight away; a larger
	// change runs in the job panel, this many per step, with progress and
	// a Cancel button.
	bulkInline = 500
)

// markWhenRead marks an article just opened read once it has stayed open
// for readDelay.
func (ui *UI) markWhenRead(a *db.Article) {
	ui.stopMarkRead()
	if a.Read || ui.readOnly() {
		return
	}
	id := a.ID
	if ui.opt.readDelay <= 0 {
		ui.markOpenRead(id)
		return
	}
	ui.reading.Start(ui.opt.readDelay, func() { ui.markOpenRead(id) })
}

// stopMarkRead forgets a pending mark: another article was opened, or the
// user marked this one themselves.
func (ui *UI) stopMarkRead() { ui.reading.Stop() }

func (ui *UI) markOpenRead(id int64) {
	a := ui.detail.article
	if a == nil || a.ID != id || a.Read {
		return
	}
	ui.setRead([]int64{id}, true)
}

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
		for i := range ui.search.hits {
			if in[ui.search.hits[i].ID] {
				c.hit(&ui.search.hits[i])
			}
		}
		ui.list.Refresh()
	}
	if a := ui.detail.article; a != nil && in[a.ID] && c.article != nil {
		c.article(a)
		ui.showOrganised()
	}
	ui.selectionChanged()
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
	if a := ui.detail.article; a != nil && slices.Contains(ids, a.ID) {
		ui.reloadOrganised(a.ID)
	}
}

// refreshResults runs the search again as the archive changed, unless a
// search is about to run anyway.
func (ui *UI) refreshResults() {
	s := &ui.search
	if s.awaited {
		return
	}
	if !ui.bar.Typing() {
		ui.startSearch(true)
	}
}

// reloadOrganised reads the open article's tags, star, read state and
// corrected fields again. Its note is left alone: the note field is what
// the user typed, and is saved from there.
func (ui *UI) reloadOrganised(id int64) {
	ui.tasks.Go(func() {
		a, err := ui.store.Get(ui.ctx, id)
		if err != nil || ui.ctx.Err() != nil {
			return
		}
		ui.tasks.Do(func() {
			shown := ui.detail.article
			if shown == nil || shown.ID != id {
				return
			}
			shown.Tags, shown.Starred, shown.Read, shown.Edited = a.Tags, a.Starred, a.Read, a.Edited
			ui.showOrganised()
			ui.selectionChanged()
		})
	})
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

// openOnly is the open article alone, what the article pane's buttons act
// on even while several are selected.
func (ui *UI) openOnly() []int64 {
	if a := ui.detail.article; a != nil {
		return []int64{a.ID}
	}
	return nil
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
	if a := ui.detail.article; a != nil && slices.Contains(ids, a.ID) {
		ui.stopMarkRead() // marked by hand: it stays as the user says
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

// sameTag is how the window compares tag names until the archive says:
// case and spacing do not matter.
func sameTag(a, b string) bool { return strings.EqualFold(db.CleanTagName(a), db.CleanTagName(b)) }

func withTag(tags []string, name string) []string {
	if slices.ContainsFunc(tags, func(t string) bool { return sameTag(t, name) }) {
		return tags
	}
	out := append(slices.Clone(tags), name)
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

func withoutTag(tags []string, name string) []string {
	return slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return sameTag(t, name) })
}
