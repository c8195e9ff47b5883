package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/clippings/clippings/app/dialogs"
	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/export"
)

// exportQuery is the search whose results can be exported, "" when the
// list shows every article.
func (j *archiveJobs) exportQuery() string {
	if humanize.IsBlank(j.list.Query()) || j.list.Failure() != nil {
		return ""
	}
	return j.list.Query()
}

// Export scopes, as chooseExportFor presets them.
const (
	scopeAll = iota
	scopeResults
	scopeChosen
)

// chooseExport asks where to export to, in which format, and which
// articles: all, the current search's results, or the selected ones (the
// open one when one is).
func (j *archiveJobs) chooseExport() { j.chooseExportFor(scopeAll) }

// exportResults is chooseExport with the search's results chosen.
func (j *archiveJobs) exportResults() { j.chooseExportFor(scopeResults) }

// exportChosen is chooseExport with the selected articles chosen.
func (j *archiveJobs) exportChosen() { j.chooseExportFor(scopeChosen) }

func (j *archiveJobs) chooseExportFor(preset int) {
	p := j.prefs
	parent := p.StringWithFallback(prefExportFolder, kit.DocumentsFolder())
	folder := filepath.Join(parent, dialogs.FreeName(parent, "clippings-export-"+time.Now().Format("2006-01-02")))
	scopes := []dialogs.ExportScope{{Label: "All articles"}}
	selected := 0
	if query := j.exportQuery(); query != "" {
		total, capped := j.list.Total()
		label := fmt.Sprintf("The %s of the search “%s”", humanize.Plural(total, "result", "results"), query)
		if capped {
			label = fmt.Sprintf("The results of the search “%s” (%s+)", query, humanize.Thousands(total))
		}
		scopes = append(scopes, dialogs.ExportScope{Label: label, Query: query})
		if preset == scopeResults {
			selected = len(scopes) - 1
		}
	}
	ids := j.list.Chosen()
	label := ""
	switch a, open := j.reader.Article(); {
	case len(ids) > 0:
		label = "The " + humanize.Plural(len(ids), "selected article", "selected articles")
	case open:
		ids = []int64{a.ID}
		title := a.Title
		if title == "" {
			title = "Untitled"
		}
		label = "This article: “" + title + "”"
	}
	if label != "" {
		scopes = append(scopes, dialogs.ExportScope{Label: label, IDs: ids})
		if preset == scopeChosen {
			selected = len(scopes) - 1
		}
	}
	dialogs.AskExport(j.window, folder, export.Format(p.String(prefExportFormat)), scopes, selected, j.exportTo, j.fail)
}

// exportTo writes the articles opts names (a search's results, chosen
// ones, or all) into dir in the background, with progress and Cancel,
// then sums up.
func (j *archiveJobs) exportTo(dir string, opts export.Options) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	ctx, ok := j.panel.Start("the export", "Exporting to "+dir, true)
	if !ok {
		return
	}
	p := j.prefs
	p.SetString(prefExportFolder, filepath.Dir(dir))
	p.SetString(prefExportFormat, string(opts.Format))
	format, query := opts.Format, opts.Query

	j.tasks.Go(func() {
		total := len(opts.IDs)
		if total == 0 {
			total = j.exportTotal(ctx, query)
		}
		if total == 0 {
			j.tasks.Do(j.panel.Activity) // how many is not known: show activity
		}
		done := 0
		var lastDraw time.Time
		n, err := export.Write(ctx, j.store, dir, opts, func(f export.File) {
			done++
			if time.Since(lastDraw) < kit.ProgressInterval {
				return
			}
			lastDraw = time.Now()
			done, total := done, total
			if total > 0 {
				total = max(total, done) // articles were imported meanwhile
			}
			j.tasks.Do(func() { j.panel.Progress(done, total, "articles") })
		})
		j.tasks.Do(func() {
			cancelled := j.panel.End()
			switch {
			case j.ctx.Err() != nil: // the window is closing
			case err == nil:
				dialogs.ShowExported(j.window, dir, format, query, n, false, j.openFile)
			case cancelled:
				dialogs.ShowExported(j.window, dir, format, query, n, true, j.openFile)
			case n == 0:
				j.fail(fmt.Errorf("the export failed: %w", err))
			default:
				j.fail(fmt.Errorf("the export stopped: %w\n\n%s exported to %s before; they are kept",
					err, humanize.Plural(n, "article was", "articles were"), dir))
			}
		})
	})
}

// exportTotal is how many articles an export will write, for its progress
// bar; 0 when that is not known (a search with more matches than are
// counted).
func (j *archiveJobs) exportTotal(ctx context.Context, query string) int {
	if query == "" {
		n, err := j.store.Count(ctx)
		if err != nil {
			return 0
		}
		return n
	}
	res, err := j.store.Search(ctx, db.Request{Query: query, Limit: 1})
	if err != nil || res.TotalCapped {
		return 0
	}
	return res.Total
}
