package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/jobs"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/reader"
	"github.com/clippings/clippings/app/results"
	"github.com/clippings/clippings/app/sidebar"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
)

const (
	// bulkInline articles or fewer are changed straight away; a larger
	// change runs in the job panel, this many per step, with progress and
	// a Cancel button.
	bulkInline = 500
)

// organiser changes articles: stars, read state, tags, corrected
// details, deletions — in the background, with the list, the article pane
// and the sidebar showing the change at once and the archive as it is
// after it.
type organiser struct {
	store  *db.Store
	tasks  *tasks.Group
	ctx    context.Context
	window fyne.Window
	list   *results.List
	reader *reader.Reader
	side   *sidebar.Sidebar
	jobs   *jobs.Panel
	// refuse stops a change to a read-only archive, saying why; fail shows
	// an error.
	refuse func() bool
	fail   func(error)
	// searchNow searches again; refreshResults searches again keeping the
	// selection and the scroll position (the archive changed).
	searchNow, refreshResults func()
	// tagRenamed: a tag was renamed, in the archive and its saved searches.
	tagRenamed func(from, to string)
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
func (o *organiser) applyChange(ids []int64, c change) {
	if len(ids) == 0 || o.refuse() {
		return
	}
	step := func(ctx context.Context, ids []int64) error {
		if err := c.apply(ctx, ids); err != nil && !isNotFound(err) {
			return err
		}
		return nil // deleted meanwhile: not a failure
	}
	o.inSteps(ids, "the change to "+humanize.Plural(len(ids), "article", "articles"), c.doing, step,
		func() { o.showChange(ids, c) },
		func(err error, cancelled bool) { o.changeDone(ids, c, err, cancelled) })
}

// inSteps does step to ids in the background: at once for a few, else as a
// job (named job, doing in the job panel) bulkInline articles at a time,
// with progress and Cancel; a step begun is finished, as an import's batch
// is. started runs once it goes ahead; finish is told how it ended.
func (o *organiser) inSteps(ids []int64, job, doing string, step func(context.Context, []int64) error, started func(), finish func(err error, cancelled bool)) {
	if len(ids) <= bulkInline {
		started()
		o.tasks.Go(func() {
			err := step(context.WithoutCancel(o.ctx), ids)
			o.tasks.Do(func() { finish(err, false) })
		})
		return
	}
	ctx, ok := o.jobs.Start(job, doing+" "+humanize.Plural(len(ids), "article", "articles"), true)
	if !ok {
		return
	}
	started()
	o.tasks.Go(func() {
		done := 0
		var err error
		for chunk := range slices.Chunk(ids, bulkInline) {
			if ctx.Err() != nil {
				break
			}
			if err = step(context.WithoutCancel(ctx), chunk); err != nil {
				break
			}
			done += len(chunk)
			n := done
			o.tasks.Do(func() { o.jobs.Progress(n, len(ids), "articles") })
		}
		o.tasks.Do(func() { finish(err, o.jobs.End()) })
	})
}

func isNotFound(err error) bool {
	var nf *db.NotFoundError
	return errors.As(err, &nf)
}

// showChange applies a change to the hits and the article shown.
func (o *organiser) showChange(ids []int64, c change) {
	in := make(map[int64]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	if c.hit != nil {
		o.list.Update(ids, c.hit)
	}
	if c.article != nil {
		o.reader.Update(ids, c.article)
	}
	o.list.ShowSelection()
}

// changeDone reports a failure (articles deleted meanwhile are not one),
// and shows the archive as it now is.
func (o *organiser) changeDone(ids []int64, c change, err error, cancelled bool) {
	if err != nil && !isNotFound(err) && !cancelled && o.ctx.Err() == nil {
		o.fail(fmt.Errorf("could not %s %s: %w", c.verb, humanize.Plural(len(ids), "article", "articles"), err))
	}
	o.refreshAfterChange(ids)
}

// refreshAfterChange searches again (keeping the selection and the scroll
// position), recounts the sidebar and reloads what the user added to the
// open article if it was among ids.
func (o *organiser) refreshAfterChange(ids []int64) {
	if o.ctx.Err() != nil {
		return
	}
	o.refreshResults()
	o.side.Refresh()
	if id := o.reader.ArticleID(); slices.Contains(ids, id) {
		o.reader.ReloadOrganised(id)
	}
}

// toggleStar stars the targets, or unstars them when all are starred.
func (o *organiser) toggleStar() { o.toggleStarOf(o.targets()) }

func (o *organiser) toggleStarOf(ids []int64) {
	if len(ids) == 0 {
		return
	}
	starred, _ := o.targetState(ids)
	o.setStarred(ids, !starred)
}

func (o *organiser) setStarred(ids []int64, on bool) {
	verb, doing := "star", "Starring"
	if !on {
		verb, doing = "unstar", "Unstarring"
	}
	o.applyChange(ids, change{verb: verb, doing: doing,
		apply:   func(ctx context.Context, ids []int64) error { return o.store.SetStarred(ctx, ids, on) },
		hit:     func(h *db.Hit) { h.Starred = on },
		article: func(a *db.Article) { a.Starred = on },
	})
}

// toggleRead marks the targets read, or unread when all are read.
func (o *organiser) toggleRead() { o.toggleReadOf(o.targets()) }

func (o *organiser) toggleReadOf(ids []int64) {
	if len(ids) == 0 {
		return
	}
	_, read := o.targetState(ids)
	o.setRead(ids, !read)
}

func (o *organiser) setRead(ids []int64, read bool) {
	if a, ok := o.reader.Article(); ok && slices.Contains(ids, a.ID) {
		o.reader.StopMarkRead() // marked by hand: it stays as the user says
	}
	verb, doing := "mark as read", "Marking as read"
	if !read {
		verb, doing = "mark as unread", "Marking as unread"
	}
	o.applyChange(ids, change{verb: verb, doing: doing,
		apply:   func(ctx context.Context, ids []int64) error { return o.store.SetRead(ctx, ids, read) },
		hit:     func(h *db.Hit) { h.Read = read },
		article: func(a *db.Article) { a.Read = read },
	})
}

// addTag tags articles; removeTag takes a tag off them.
func (o *organiser) addTag(ids []int64, name string) {
	name = db.CleanTagName(name)
	if name == "" {
		return
	}
	o.applyChange(ids, change{verb: "tag", doing: "Tagging",
		apply: func(ctx context.Context, ids []int64) error { return o.store.SetTags(ctx, ids, []string{name}, nil) },
		hit:   func(h *db.Hit) { h.Tags = withTag(h.Tags, name) },
		article: func(a *db.Article) {
			a.Tags = withTag(a.Tags, name)
		},
	})
}

func (o *organiser) removeTag(ids []int64, name string) {
	o.applyChange(ids, change{verb: "untag", doing: "Untagging",
		apply:   func(ctx context.Context, ids []int64) error { return o.store.SetTags(ctx, ids, nil, []string{name}) },
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

// targets is what the Article menu acts on: the selected articles, else
// the one open.
func (o *organiser) targets() []int64 {
	if ids := o.list.Chosen(); len(ids) > 0 {
		return ids
	}
	if id := o.reader.ArticleID(); id != 0 {
		return []int64{id}
	}
	return nil
}

// targetState is whether every one of ids is starred, and read, as far as
// the loaded hits and the open article tell.
func (o *organiser) targetState(ids []int64) (starred, read bool) {
	starred, read = len(ids) > 0, len(ids) > 0
	for _, id := range ids {
		st, rd, ok := o.knownState(id)
		if !ok {
			continue
		}
		starred = starred && st
		read = read && rd
	}
	return starred, read
}

func (o *organiser) knownState(id int64) (starred, read, ok bool) {
	if a, ok := o.reader.Article(); ok && a.ID == id {
		return a.Starred, a.Read, true
	}
	if h, ok := o.list.Hit(id); ok {
		return h.Starred, h.Read, true
	}
	return false, false, false
}
