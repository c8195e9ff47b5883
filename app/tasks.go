package app

import (
	"sync"

	"fyne.io/fyne/v2"
)

// taskGroup counts background work, and hands its results to the Fyne
// goroutine. Unlike sync.WaitGroup it may be waited on while new work keeps
// being added, which is what a live UI does.
//
// With queued set (tests), results are not sent through fyne.Do, whose test
// driver runs them at once on the background goroutine, racing the test:
// they wait in a queue that Wait runs on the waiting goroutine, just as the
// real driver runs them on its one main goroutine.
type taskGroup struct {
	mu      sync.Mutex
	changed *sync.Cond
	running int
	queued  bool
	closed  bool
	queue   []func()
}

func (g *taskGroup) cond() *sync.Cond {
	if g.changed == nil {
		g.changed = sync.NewCond(&g.mu)
	}
	return g.changed
}

func (g *taskGroup) Add() {
	g.mu.Lock()
	g.running++
	g.mu.Unlock()
}

func (g *taskGroup) Done() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.running--
	if g.running < 0 {
		panic("app: taskGroup.Done without Add")
	}
	g.cond().Broadcast()
}

// Go runs fn in a new goroutine, counted.
func (g *taskGroup) Go(fn func()) {
	g.Add()
	go func() {
		defer g.Done()
		fn()
	}()
}

// Do runs fn on the Fyne goroutine. After Close it drops fn: the window
// is gone, and fyne.Do would then run fn on the calling goroutine.
func (g *taskGroup) Do(fn func()) {
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
func (g *taskGroup) Close() {
	g.mu.Lock()
	g.closed = true
	g.queue = nil
	g.mu.Unlock()
}

// Wait blocks until nothing is running (and, when queued, nothing is left
// to run).
func (g *taskGroup) Wait() {
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
