package app

import (
	"sync/atomic"
	"time"
)

// pollInterval is how often the window asks the archive whether anything
// was committed to it, by `clippings import` in a terminal for instance.
// The question is cheap (no table is read).
const pollInterval = 2 * time.Second

// watchState is the poller that keeps the list in step with the archive
// when another program writes to it.
type watchState struct {
	// seen is the data version the list shows; staleVersion when a refresh
	// failed and must be tried again, unknownVersion before the first poll.
	seen    atomic.Int64
	pending atomic.Bool   // a change is on its way to the Fyne goroutine
	done    chan struct{} // closed when the poller has stopped; nil if none ran
}

const (
	unknownVersion int64 = -1
	staleVersion   int64 = -2
)

// startWatching polls the archive's data version every interval until the
// window closes, off the Fyne goroutine; a change re-runs the search.
func (ui *UI) startWatching(interval time.Duration) {
	if interval <= 0 {
		return
	}
	w := &ui.watch
	w.seen.Store(unknownVersion)
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		ui.poll() // the version the first search saw, near enough
		for {
			select {
			case <-ui.ctx.Done():
				return
			case <-tick.C:
				ui.poll()
			}
		}
	}()
}

// stopWatching waits for the poller to end; ui.ctx must be cancelled.
func (ui *UI) stopWatching() {
	if ui.watch.done != nil {
		<-ui.watch.done
	}
}

// poll asks for the data version once and hands a change to the Fyne
// goroutine. It counts as background work while it runs, so WaitIdle
// waits for a poll in progress and the refresh it starts.
func (ui *UI) poll() {
	w := &ui.watch
	if w.pending.Load() || ui.ctx.Err() != nil {
		return
	}
	ui.tasks.Add()
	defer ui.tasks.Done()
	v, err := ui.store.DataVersion(ui.ctx)
	if err != nil {
		return // busy or closing; the next poll asks again
	}
	if w.seen.CompareAndSwap(unknownVersion, v) || w.seen.Load() == v {
		return
	}
	w.pending.Store(true)
	ui.tasks.Do(func() {
		w.pending.Store(false)
		ui.archiveChanged(v)
	})
}

// archiveChanged refreshes the list for data version v, unless an import of
// our own is running (its end searches again anyway) or a search is on its
// way (which may be about to open an article): until then the next polls
// keep finding the change.
func (ui *UI) archiveChanged(v int64) {
	if ui.ctx.Err() != nil || ui.imports.Running() || ui.list.Awaited() {
		return
	}
	ui.watch.seen.Store(v)
	typing := ui.bar.Typing()
	ui.side.Refresh() // counts of saved searches, tags and the library
	if typing {
		return // the search about to run will find the new articles
	}
	ui.search(true)
}

// refreshFailed makes the next poll try again.
func (ui *UI) refreshFailed() {
	ui.watch.seen.Store(staleVersion)
}
