package startgc

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// The test binary starts as the program does: the collector is off from
// this package's init, and Restore gives back Go's defaults.
func TestOffAtStartThenRestored(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		if Off() {
			t.Fatal("GOGC or GOMEMLIMIT is set, and the collector was turned off anyway")
		}
		return
	}
	if !Off() {
		t.Fatal("the collector is not off after init")
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GC percent at start = %d, want -1 (off)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != backstop {
		t.Fatalf("memory limit at start = %d, want the backstop %d", got, backstop)
	}
	Restore()
	if Off() {
		t.Fatal("still off after Restore")
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent after Restore = %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("memory limit after Restore = %d, want none", got)
	}
	Restore() // twice is harmless
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent after a second Restore = %d, want 100", got)
	}
}
