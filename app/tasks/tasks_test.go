package tasks

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// After Close (the event loop has ended), results of work still finishing
// are dropped instead of being run off the Fyne goroutine.
func TestGroupDropsResultsAfterClose(t *testing.T) {
	test.NewTempApp(t)
	for _, queued := range []bool{false, true} {
		g := New(queued)
		var ran atomic.Int32
		g.Do(func() { ran.Add(1) })
		g.Wait()
		if ran.Load() != 1 {
			t.Fatalf("queued=%v: result before Close ran %d times, want 1", queued, ran.Load())
		}
		g.Close()
		g.Go(func() { g.Do(func() { ran.Add(100) }) })
		g.Wait()
		if got := ran.Load(); got >= 100 {
			t.Errorf("queued=%v: a result given after Close ran", queued)
		}
	}
}

// A timer started again waits again; a stopped one never runs; Wait waits
// for a pending run.
func TestTimerRunsOnceAfterTheLastStart(t *testing.T) {
	test.NewTempApp(t)
	g := New(true)
	timer := g.NewTimer()
	var ran atomic.Int32
	for range 3 {
		timer.Start(20*time.Millisecond, func() { ran.Add(1) })
	}
	if !timer.Pending() {
		t.Fatal("not pending after Start")
	}
	g.Wait()
	if got := ran.Load(); got != 1 {
		t.Fatalf("ran %d times, want once", got)
	}
	if timer.Pending() {
		t.Error("still pending after its run")
	}
	timer.Start(time.Hour, func() { ran.Add(10) })
	if !timer.Stop() {
		t.Error("Stop found nothing pending")
	}
	g.Wait() // returns at once: the stopped run is no longer work
	if got := ran.Load(); got != 1 {
		t.Errorf("a stopped timer ran (%d)", got)
	}
}

// Of loads that overtake each other, only the newest result is shown.
func TestLatestDropsOvertakenResults(t *testing.T) {
	test.NewTempApp(t)
	g := New(true)
	var l Latest
	var shown []int
	release := make(chan struct{})
	slow := func(context.Context) (int, error) { <-release; return 1, nil }
	fast := func(context.Context) (int, error) { return 2, nil }
	show := func(v int, _ error) { shown = append(shown, v) }
	Load(g, &l, context.Background(), slow, show)
	Load(g, &l, context.Background(), fast, show)
	close(release)
	g.Wait()
	if len(shown) != 1 || shown[0] != 2 {
		t.Errorf("shown %v, want only the newer load's 2", shown)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	Load(g, &l, ctx, fast, show)
	g.Wait()
	if len(shown) != 1 {
		t.Errorf("a cancelled load was shown: %v", shown)
	}
}
