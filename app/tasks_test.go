package app

import (
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"
)

// After Close (the event loop has ended), results of work still finishing
// are dropped instead of being run off the Fyne goroutine.
func TestTaskGroupDropsResultsAfterClose(t *testing.T) {
	test.NewTempApp(t)
	for _, queued := range []bool{false, true} {
		g := &taskGroup{queued: queued}
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
