// Package app is Clippings' desktop window: search the archive as you type,
// read an article beside the results, and import files by dropping them on
// the window.
package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/clippings/clippings/app/importpanel"
	"github.com/clippings/clippings/app/jobs"
	"github.com/clippings/clippings/app/reader"
	"github.com/clippings/clippings/app/results"
	"github.com/clippings/clippings/app/searchbar"
	"github.com/clippings/clippings/app/sidebar"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/app/timeline"
	"github.com/clippings/clippings/assets"
	"github.com/clippings/clippings/clipboard"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/importer"
	"github.com/clippings/clippings/isolate"
)

// AppID is the application's unique id: it names the preferences file and
// the desktop entry.
const AppID = "io.github.clippings.Clippings"

const windowTitle = "Clippings"

// UI is the main window over one archive. Its methods must be called on the
// Fyne goroutine (from callbacks, or through fyne.Do).
type UI struct {
	app    fyne.App
	store  *db.Store
	window fyne.Window
	pool   *isolate.Pool // extracts imported files in worker processes, for every import of the window

	// ctx ends when the window closes; background work derives from it.
	ctx   context.Context
	stop  context.CancelFunc
	tasks *tasks.Group

	bar      *searchbar.Bar
	group    bool // copies of a story on one row (db.Request.Group)
	list     *results.List
	org      *organiser   // changes to articles
	arch     *archiveJobs // backups, exports, checks, re-extraction, backfill
	reader   *reader.Reader
	imports  *importpanel.Panel
	watch    *watcher
	jobs     *jobs.Panel // backup, export, check, re-extraction or a bulk action running in the background
	side     *sidebar.Sidebar
	timeline *timeline.Timeline
	menu     *menus
	opt      options
	paste    *paster     // Ctrl+V outside text fields: the clipboard as a new article
	in       *intake     // the pickers and the web address dialog
	inbox    inboxFolder // the folder whose new files are imported (Preferences)

	split     *container.Split // the list and the article
	sideSplit *container.Split // the sidebar and split
	body      *fyne.Container  // holds either sideSplit or the empty-archive invitation
	empty     fyne.CanvasObject
}

// New builds the main window on a (the real app or a test app) over store,
// restores the last session's size, query and sort, and starts the first
// search. Show the window with Window().Show or ShowAndRun.
func New(a fyne.App, store *db.Store) *UI {
	return newUI(a, store, options{pollInterval: pollInterval, readDelay: reader.ReadDelay, noteDelay: reader.NoteDelay})
}

// options are New's settings that tests change.
type options struct {
	// queued: background results wait for WaitIdle to run them on its
	// goroutine (see tasks.Group).
	queued bool
	// pollInterval is how often the archive is asked whether another
	// program changed it; 0 turns live refresh off.
	pollInterval time.Duration
	// readDelay is how long an unread article stays open before it is
	// marked read; 0 marks it at once.
	readDelay time.Duration
	// noteDelay is the pause in typing after which a note is saved.
	noteDelay time.Duration
	// readClipboard reads the clipboard for a paste; nil: the system's
	// (X11, else the toolkit's text).
	readClipboard func(context.Context) (clipboard.Clip, error)
	// inboxQuiet is how long a file in the inbox folder must be unchanged
	// to be imported; 0: a second.
	inboxQuiet time.Duration
}

func newUI(a fyne.App, store *db.Store, opt options) *UI {
	ctx, stop := context.WithCancel(context.Background())
	ui := &UI{app: a, store: store, ctx: ctx, stop: stop, opt: opt, pool: isolate.New(0)}
	ui.tasks = tasks.New(opt.queued)
	// The components' actions on articles are the organiser's; it is
	// given the components once they are made.
	ui.org, ui.arch = &organiser{}, &archiveJobs{}
	ui.watch = &watcher{version: store.DataVersion, tasks: ui.tasks, ctx: ui.ctx, changed: ui.archiveChanged}
	ui.window = a.NewWindow(windowTitle)
	ui.menu = &menus{window: ui.window, readOnly: store.ReadOnly(), state: ui.menuState}
	ui.window.SetIcon(assets.Icon)

	read := opt.readClipboard
	if read == nil {
		read = systemClipboard()
	}
	ui.paste = &paster{ctx: ui.ctx, tasks: ui.tasks, read: read, text: a.Clipboard().Content,
		importBatch: ui.ImportBatch, fail: ui.showError,
		tell: func(title, message string) { dialog.ShowInformation(title, message, ui.window) }}
	ui.in = &intake{window: ui.window, refuse: ui.refuseChange, fail: ui.showError, importPaths: ui.Import}

	p := loadPrefs(a.Preferences(), store.Path())
	ui.group = p.group
	ui.bar = searchbar.New(searchbar.Config{Query: p.query, Sort: p.sort, Tasks: ui.tasks, HandleKey: ui.handleKey,
		OnSearch: ui.searchNow, OnSort: ui.sortChosen, OnImport: ui.in.chooseFilesToImport})
	ui.list = results.New(results.Config{Ctx: ui.ctx, Store: store, Tasks: ui.tasks, Window: ui.window, HandleKey: ui.handleKey,
		OpenID: func() int64 { return ui.reader.ArticleID() }, OnOpen: ui.showArticle, OnClose: func() { ui.reader.Clear() },
		OnCount: ui.bar.SetCount, OnListed: ui.listed, OnSearched: ui.searched, OnRefreshFailed: ui.watch.stale,
		OnGone: func(id int64) { ui.reader.CloseIfDeleted(id) }, OnSelection: ui.menu.refresh, TargetState: ui.org.targetState,
		ShowMenu: ui.showRowMenu, Tag: ui.org.tagTargets, Star: ui.org.toggleStar, Read: ui.org.toggleRead, Export: ui.arch.exportChosen,
		Delete: ui.org.confirmDelete})
	ui.timeline = timeline.New(ui.ctx, ui.store, ui.tasks, p.timeline, func(q string) { ui.runQuery(q, nil) })
	left := container.NewBorder(container.NewVBox(ui.timeline.Object(), ui.list.SelectionBar()), nil, nil, nil, ui.list.Object())
	ui.reader = reader.New(reader.Config{Ctx: ui.ctx, Store: store, Tasks: ui.tasks, Window: ui.window,
		ReadOnly: store.ReadOnly(), ReadDelay: opt.readDelay, NoteDelay: opt.noteDelay,
		TagChoices: func() []string { return ui.org.allTags(nil) },
		OnQuery:    func(q string) { ui.runQuery(q, nil) }, OnOpen: ui.openArticle,
		OnShown: func() { ui.list.ShowSelection() }, OnNoteSaved: ui.refreshResults,
		SetStarred: ui.org.setStarred, SetRead: ui.org.setRead, AddTag: ui.org.addTag, RemoveTag: ui.org.removeTag,
		Delete: ui.org.confirmDeleteOpen, EditDetails: ui.org.showEditDetailsOfOpen,
		Reextract: func(ids []int64) { ui.arch.reextract(ids, "the article") },
		OpenURL:   ui.app.OpenURL, Clipboard: ui.app.Clipboard(), Fail: ui.showError})
	ui.side = sidebar.New(sidebar.Config{Ctx: ui.ctx, Store: store, Tasks: ui.tasks, Window: ui.window,
		HandleKey: ui.handleKey, OnQuery: ui.runQuery, Current: func() (string, db.Sort) { return ui.bar.Query(), ui.bar.Sort() },
		Refuse: ui.refuseChange, Fail: ui.showError, RenameTag: ui.org.renameTag, DeleteTag: ui.org.confirmDeleteTag})
	ui.imports = importpanel.New(importpanel.Config{Ctx: ui.ctx, Importer: &importer.Importer{Store: store, Pool: ui.pool},
		Tasks: ui.tasks, Window: ui.window, Refuse: ui.refuseChange, ReadOnly: store.ReadOnly,
		OnStart: ui.arch.pauseBackfill, OnDone: ui.imported, Fail: ui.showError})
	ui.jobs = jobs.New(ui.ctx, ui.window)
	*ui.org = organiser{store: store, tasks: ui.tasks, ctx: ui.ctx, window: ui.window, list: ui.list, reader: ui.reader,
		side: ui.side, jobs: ui.jobs, refuse: ui.refuseChange, fail: ui.showError,
		searchNow: ui.searchNow, refreshResults: ui.refreshResults, tagRenamed: ui.tagRenamed}
	*ui.arch = archiveJobs{store: store, pool: ui.pool, tasks: ui.tasks, ctx: ui.ctx, window: ui.window, prefs: a.Preferences(),
		clipboard: a.Clipboard(), openURL: a.OpenURL, panel: ui.jobs, list: ui.list, reader: ui.reader, side: ui.side,
		refuse: ui.refuseChange, fail: ui.showError, withResults: ui.org.withResults, withMatching: ui.org.withMatching,
		targets: ui.org.targets, refreshAfterChange: ui.org.refreshAfterChange, refreshResults: ui.refreshResults}
	ui.empty = newEmptyState(ui.paste.paste, ui.in.askWebAddress, ui.in.chooseFilesToImport, ui.in.chooseFolderToImport)

	ui.split = container.NewHSplit(left, ui.reader.Object())
	ui.split.Offset = p.splitOffset
	ui.sideSplit = container.NewHSplit(ui.side.Object(), ui.split)
	ui.sideSplit.Offset = p.sideOffset
	if !p.sideShown {
		ui.side.SetVisible(false)
	}
	ui.body = container.NewStack(ui.sideSplit)
	bottom := container.NewVBox(ui.jobs.Object(), ui.imports.Object())
	top := ui.bar.Object()
	if store.ReadOnly() {
		ui.bar.ReadOnly()
		top = withReadOnlyBar(store.Path(), top)
	}
	ui.window.SetContent(container.NewBorder(top, bottom, nil, nil, ui.body))
	ui.window.Resize(p.windowSize)

	ui.window.SetMainMenu(ui.mainMenu())
	ui.menu.register(ui.handleKey, ui.paste.paste)
	ui.window.SetOnDropped(ui.HandleDrop)
	ui.window.SetCloseIntercept(func() {
		ui.reader.SaveNote() // a note being typed is kept: Shutdown waits for the write
		ui.savePrefs()
		ui.window.Close()
	})
	ui.window.SetOnClosed(ui.stop)

	ui.searchNow()
	ui.side.Refresh()
	ui.watch.start(opt.pollInterval)
	ui.arch.startBackfill()
	// The index's merges are paid while the archive is idle, not by the
	// next import (see db.MergeWhenIdle). Not counted in ui.tasks: it runs
	// until the window closes.
	go ui.store.MergeWhenIdle(ui.ctx)
	ui.inbox = inboxFolder{prefs: a.Preferences(), tasks: ui.tasks, quiet: opt.inboxQuiet, fail: ui.showError,
		arrived: func(files []string) { ui.imports.ImportQuietly(importer.Batch{Paths: files}) }}
	if err := ui.inbox.start(); err != nil {
		ui.showError(fmt.Errorf("the inbox folder is not watched: %w", err))
	}
	return ui
}

// Window is the main window.
func (ui *UI) Window() fyne.Window { return ui.window }

// WaitIdle blocks until no search, page load, article load, import,
// backup, export, check, count, change to articles or poll of the archive
// is pending or running, and their results are shown.
func (ui *UI) WaitIdle() { ui.tasks.Wait() }

// Shutdown cancels background work (a running import stops after the file
// in hand, an export after the article in hand, a backup at once) and waits
// for it, so the archive can be closed.
func (ui *UI) Shutdown() {
	ui.reader.SaveNote()
	ui.tasks.Close() // the event loop has ended: late results have nowhere to go
	ui.stop()
	ui.watch.stop()
	ui.inbox.stop()
	ui.tasks.Wait()
	ui.pool.Close()
}

// showEmptyState swaps the results for the drop invitation while the
// archive has no articles at all.
func (ui *UI) showEmptyState(empty bool) {
	want := fyne.CanvasObject(ui.sideSplit)
	if empty {
		want = ui.empty
	}
	if len(ui.body.Objects) == 1 && ui.body.Objects[0] == want {
		return
	}
	ui.body.Objects = []fyne.CanvasObject{want}
	ui.body.Refresh()
}

// isEmptyState reports whether the drop invitation is showing.
func (ui *UI) isEmptyState() bool {
	return len(ui.body.Objects) == 1 && ui.body.Objects[0] == ui.empty
}

// toggleTimeline shows or hides the timeline, and remembers it.
func (ui *UI) toggleTimeline() {
	shown := !ui.timeline.Shown()
	ui.app.Preferences().SetBool(prefTimeline, shown)
	ui.timeline.SetShown(shown)
	ui.menu.refresh()
}

// toggleSidebar shows or hides the sidebar, and remembers it.
func (ui *UI) toggleSidebar() {
	shown := !ui.side.Visible()
	if !shown {
		ui.app.Preferences().SetFloat(prefSideOffset, ui.sideSplit.Offset)
	}
	ui.side.SetVisible(shown)
	ui.app.Preferences().SetBool(prefSidebar, shown)
	ui.sideSplit.Refresh()
	ui.menu.refresh()
}

// focusSidebar gives the keyboard focus to the sidebar, showing it first.
func (ui *UI) focusSidebar() {
	if !ui.side.Visible() {
		ui.toggleSidebar()
	}
	ui.side.Focus()
}

// saveSearch is Edit ▸ Save search…. In the note field, Ctrl+S saves the
// note instead: that is what the keys mean to someone typing.
func (ui *UI) saveSearch() {
	if ui.refuseChange() {
		return
	}
	if ui.reader.NoteFocused() {
		ui.reader.SaveNote()
		return
	}
	ui.side.SaveSearch(ui.bar.Query(), ui.bar.Sort())
}

// editNote puts the cursor in the open article's note.
func (ui *UI) editNote() {
	if _, ok := ui.reader.Article(); !ok || ui.refuseChange() {
		return
	}
	ui.reader.FocusNote()
}
