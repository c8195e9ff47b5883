package isolate

import (
	"bufio"
	"encoding/gob"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"

	"github.com/clippings/clippings/article"
)

// A process started as a worker serves from its package initialisation, so
// that any program that uses a Pool — the app, the command line, a test
// binary — is its own worker without a hook in its main, and without
// running that main (or, in a test binary, the tests).
func init() {
	limit, err := strconv.ParseInt(os.Getenv(workerEnv), 10, 64)
	if err != nil {
		return
	}
	serve(limit)
	os.Exit(0)
}

// serve extracts the files sent on standard input, one at a time, and
// answers each on standard output, until its input closes.
func serve(limit int64) {
	os.Unsetenv(workerEnv) // a worker never starts workers
	// One file at a time: one thread of Go code is enough (fewer threads,
	// and their stacks, count against the limit too), and the pool runs a
	// worker per core.
	runtime.GOMAXPROCS(1)
	debug.SetGCPercent(100) // the default, which main's startgc may have turned off
	limitMemory(limit)
	// The garbage collector works harder as the heap nears the limit,
	// rather than letting it double first.
	debug.SetMemoryLimit(limit * 3 / 4)
	watchParent()

	out := os.Stdout
	os.Stdout = os.Stderr // a parser's stray prints must not garble the answers
	in := bufio.NewReaderSize(os.Stdin, 64<<10)
	enc := gob.NewEncoder(out)
	if enc.Encode(response{Hello: true, Kind: -1}) != nil {
		return
	}
	for {
		req, err := readRequest(in)
		if err != nil {
			return // the pool closed our input
		}
		// No time limit here: the pool kills this process when one runs out.
		a, err := article.Extract(req.Name, req.Data, article.Options{MaxSize: req.MaxSize, Timeout: -1})
		r := response{Article: a, Kind: -1}
		if err != nil {
			r.Err, r.Kind = err.Error(), kindOf(err)
		}
		req = request{}
		if enc.Encode(r) != nil {
			return
		}
	}
}
