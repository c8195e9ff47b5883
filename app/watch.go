package app

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/clippings/clippings/app/tasks"
)

// pollInterval is how often the window asks the archive whether anything
// was committed to it, by `clippings import` in a terminal for instance.
// The question is cheap (no table is read).
const pollInterval = 2 * time.Second

// watcher is the poller that keeps the window in step with the archive
// when another program writes to it.
type watcher struct {
	version func(ctx context.Context) (int64, error) // the archive's data version
	tasks   *tasks.Group
	ctx     context.Context // the window's: it polls until it ends
	// changed is told of a new data version on the Fyne goroutine; it
	// reports whether it showed it, else the next poll tells it again.
	changed func(v int64) bool

	// seen is the data version the window shows; staleVersion when a
	// refresh failed and must be tried again, unknownVersion before the
	// first poll.
	seen    atomic.Int64
	pending atomic.Bool   // a change is on its way to the Fyne goroutine
	done    chan struct{} // closed when the poller has stopped; nil if none ran
}

const (
	unknownVersion int64 = -1
	staleVersion   int64 = -2
)

// start polls the archive's data version every interval until the window
// closes, off the Fyne goroutine; 0 does not.
func (w *watcher) start(interval time.Duration) {
	if interval <= 0 {
		return
	}
	w.seen.Store(unknownVersion)
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		w.poll() // the version the first search saw, near enough
		for {
			select {
			case <-w.ctx.Done():
				return
			case <-tick.C:
				w.poll()
			}
		}
	}()
}

// stop waits for the poller to end; the window's context must be over.
func (w *watcher) stop() {
	if w.done != nil {
		<-w.done
	}
}

// poll asks for the data version once and hands a change to the Fyne
// goroutine. It counts as background work while it runs, so the window
// waits for a poll in progress and the refresh it starts.
func (w *watcher) poll() {
	if w.pending.Load() || w.ctx.Err() != nil {
		return
	}
	w.tasks.Add()
	defer w.tasks.Done()
	v, err := w.version(w.ctx)
	if err != nil {
		return // busy or closing; the next poll asks again
	}
	if w.seen.CompareAndSwap(unknownVersion, v) || w.seen.Load() == v {
		return
	}
	w.pending.Store(true)
	w.tasks.Do(func() {
		w.pending.Store(false)
		w.take(v)
	})
}

// take shows data version v, unless the window cannot yet: then the next
// polls keep finding the change.
func (w *watcher) take(v int64) {
	if w.changed(v) {
		w.seen.Store(v)
	}
}

// stale makes the next poll try again: showing the change failed.
func (w *watcher) stale() { w.seen.Store(staleVersion) }

// archiveChanged refreshes the window for data version v, unless an import
// of our own is running (its end searches again anyway) or a search is on
// its way (which may be about to open an article); it reports whether it
// did.
func (ui *UI) archiveChanged(v int64) bool {
	if ui.ctx.Err() != nil || ui.imports.Running() || ui.list.Awaited() {
		return false
	}
	ui.side.Refresh() // counts of saved searches, tags and the library
	if !ui.bar.Typing() {
		ui.search(true) // else the search about to run will find the new articles
	}
	return true
}
