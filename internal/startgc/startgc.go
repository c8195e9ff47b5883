// Package startgc keeps the garbage collector from running while the
// program starts. Import it from main, and call Restore where the program
// goes on to run for long (main for the window and long commands; a brief
// command that finds a long job to do first, as the backfill of an
// upgraded archive's copies and names).
//
// Package initialisation allocates about 7 MB (Unicode tables, Fyne's
// translations, the extractors' patterns) and the collector ran twice
// during it, before main: GOGC=off took `clippings --version` from 20–22
// to 15–17 ms whole process and 22–26 to 16–18 ms of CPU. A command that
// prints a page of search results and exits never needs it either; the
// window, an import or a re-index do, and call Restore.
//
// The package depends on runtime/debug and os alone, so it is initialised
// as soon as they are (Go 1.21 specifies the order: the first package in
// import-path order whose imports are all initialised goes next), before
// the dependencies that allocate. A GOGC or GOMEMLIMIT the user set is
// left as it is.
package startgc

import (
	"math"
	"os"
	"runtime/debug"
)

// backstop is the heap at which the collector runs anyway while off: a
// command that turns out to allocate much (a search with a huge --limit)
// collects then, as a program with that memory limit would.
const backstop = 256 << 20

var off bool

func init() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(backstop)
	off = true
}

// Restore gives the collector back its defaults (GOGC=100, no memory
// limit), when the program turned it off at start.
func Restore() {
	if !off {
		return
	}
	off = false
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

// Off reports whether the collector is still off since the start.
func Off() bool { return off }
