// Package tasks counts the window's background work and hands its results
// to the Fyne goroutine: every component of the window runs its work
// through one Group, so that the window (and its tests) can wait until
// nothing is pending.
package tasks

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Group counts background work, and hands its results to the Fyne
// goroutine. Unlike sync.WaitGroup it may be waited on while new work keeps
// being added, which is what a live UI does.
//
// A queued Group (tests) does not send results through fyne.Do, whose test
// driver runs them at once on the background goroutine, racing the test:
// they wait in a queue that Wait runs on the waiting goroutine, just as the
// real driver runs them on its one main goroutine.
type Group struct {
	mu      sync.Mutex
	changed *sync.Cond
	running int
	queued  bool
	closed  bool
	queue   []func()
}

// New makes a Group; queued is for tests (see Group).
func New(queued bool) *Group { return &Group{queued: queued} }

func (g *Group) cond() *sync.Cond {
	if g.changed == nil {
		g.changed = sync.NewCond(&g.mu)
	}
	return g.changed
}

// Add counts work that will end with Done.
func (g *Group) Add() {
	g.mu.Lock()
	g.running++
	g.mu.Unlock()
}

// Done ends work counted by Add.
func (g *Group) Done() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.running--
	if g.running < 0 {
		panic("tasks: Done without Add")
	}
	g.cond().Broadcast()
}

// Go runs fn in a new goroutine, counted.
func (g *Group) Go(fn func()) {
	g.Add()
	go func() {
		defer g.Done()
		fn()
	}()
}

// Do runs fn on the Fyne goroutine. After Close it drops fn: the window
// is gone, and fyne.Do would then run fn on the calling goroutine.
func (g *Group) Do(fn func()) {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return
	}
	if !g.queued {
		g.mu.Unlock()
		fyne.Do(fn)
		return
	}
	g.queue = append(g.queue, fn)
	g.cond().Broadcast()
	g.mu.Unlock()
}

// Close makes later Do calls no-ops, for work still finishing while the
// app shuts down.
func (g *Group) Close() {
	g.mu.Lock()
	g.closed = true
	g.queue = nil
	g.mu.Unlock()
}

// Wait blocks until nothing is running (and, when queued, nothing is left
// to run).
func (g *Group) Wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for {
		if len(g.queue) > 0 {
			fn := g.queue[0]
			g.queue = g.queue[1:]
			g.mu.Unlock()
			fn()
			g.mu.Lock()
			continue
		}
		if g.running == 0 {
			return
		}
		g.cond().Wait()
	}
}

// Step runs the first queued result, if any, and reports whether it ran
// one: for tests that look at the window halfway through its work.
func (g *Group) Step() bool {
	g.mu.Lock()
	var fn func()
	if len(g.queue) > 0 {
		fn, g.queue = g.queue[0], g.queue[1:]
	}
	g.mu.Unlock()
	if fn == nil {
		return false
	}
	fn()
	return true
}

// Timer runs a function on the Fyne goroutine after a pause that each
// Start begins again: a search after a pause in typing, a note saved, an
// article marked read once it stayed open. A pending run counts as work
// of its Group.
type Timer struct {
	g  *Group
	mu sync.Mutex // guards t, touched from timer goroutines
	t  *time.Timer
}

// NewTimer makes a timer whose runs are work of g.
func (g *Group) NewTimer() *Timer { return &Timer{g: g} }

// Start runs fn after d, unless Start or Stop comes first.
func (t *Timer) Start(d time.Duration, fn func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopLocked()
	t.g.Add()
	var mine *time.Timer
	mine = time.AfterFunc(d, func() {
		defer t.g.Done()
		t.g.Do(func() {
			// Pending until fn runs: until then its work is still to come.
			t.mu.Lock()
			if t.t == mine {
				t.t = nil
			}
			t.mu.Unlock()
			fn()
		})
	})
	t.t = mine
}

// Stop forgets a pending run; it reports whether there was one.
func (t *Timer) Stop() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stopLocked()
}

func (t *Timer) stopLocked() bool {
	if t.t == nil {
		return false
	}
	stopped := t.t.Stop()
	if stopped {
		t.g.Done() // the stopped timer will not run
	}
	t.t = nil
	return stopped
}

// Pending reports whether a run waits for its time.
func (t *Timer) Pending() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.t != nil
}

// Latest keeps the newest of a series of loads whose results replace each
// other (the facets of the search typed, the article selected): the result
// of a load that a later one overtook is dropped on arrival, so a slow
// stale load never overwrites a newer one.
type Latest struct{ gen atomic.Uint64 }

// Drop makes every load on its way stale.
func (l *Latest) Drop() { l.gen.Add(1) }

// Load runs load in the background and hands its result to show on the
// Fyne goroutine, unless ctx ended or a later Load (or Drop) of l came
// meanwhile.
func Load[T any](g *Group, l *Latest, ctx context.Context, load func(context.Context) (T, error), show func(T, error)) {
	gen := l.gen.Add(1)
	g.Go(func() {
		v, err := load(ctx)
		if ctx.Err() != nil {
			return
		}
		g.Do(func() {
			if l.gen.Load() == gen {
				show(v, err)
			}
		})
	})
}
