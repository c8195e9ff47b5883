// Package isolate runs article extraction in worker processes: the program's
// own executable started again as a worker, one file at a time, within a
// memory limit, and killed when a file takes too long.
//
// Extraction runs third-party parsers (HTML, PDF) on files from anywhere.
// In the importing process, a parser that asks for too much memory kills
// the whole import (a Go "out of memory" cannot be recovered: a 721-byte
// PDF did it), and one that runs away cannot be stopped: its goroutine went
// on after the time limit, for as long as the program ran (four crafted
// PDFs turned a 2.6 s import of 1,000 files into 62 s). A worker process is
// killed instead: the file fails with the reason, the worker is replaced,
// and the rest of the batch goes on. Guards in the parsers (article/pdf.go,
// article/textsize.go) turn the known cases into quick, specific failures;
// the worker's limits hold for the ones nobody has found yet.
package isolate

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/clippings/clippings/article"
)

// MemoryLimit is the memory a worker may take, the most that extracting one
// file costs: the Go heap's hard limit in the worker (RLIMIT_DATA where the
// system has it). The largest file the importer takes (50 MB) must fit in
// it with its copies; it does for text and Markdown (measured: see the
// README's "Your data"), while a parser that would need more fails.
const MemoryLimit = 300 << 20

// plainInProcess is the largest copied text or Markdown file ExtractHere
// extracts in the calling process. Those readers are Clippings' own code,
// linear in the text and bounded by its number of lines
// (article/textsize.go): a 1 MB text takes some 50 ms and 10 MB there.
const plainInProcess = 1 << 20

// idleFor is how long a worker with nothing to do is kept: the window
// imports now and then, and a worker costs some 20 MB of memory.
const idleFor = time.Minute

// Pool runs extractions in up to size worker processes at once. It is safe
// for concurrent use; each Extract call uses one worker.
type Pool struct {
	size  int
	limit int64
	exe   string // the executable workers run; "" when there is none

	mu      sync.Mutex
	idle    []*worker // workers waiting for a file
	running int       // workers started and not yet stopped
	freed   *sync.Cond
	closed  bool
	janitor *time.Timer
}

// New makes a pool of at most size workers (0: one per core), started as
// they are needed. Close stops them.
func New(size int) *Pool {
	if size <= 0 {
		size = runtime.NumCPU()
	}
	exe, err := os.Executable()
	if err != nil {
		exe = ""
	}
	p := &Pool{size: size, limit: MemoryLimit, exe: exe}
	p.freed = sync.NewCond(&p.mu)
	return p
}

// WithMemoryLimit sets the memory a worker may take (tests use a small one).
func (p *Pool) WithMemoryLimit(bytes int64) *Pool {
	p.limit = bytes
	return p
}

// Extract extracts one file as article.Extract does, in a worker. A file
// that takes longer than opts.Timeout (0: article.DefaultTimeout) fails with
// article.ErrTimeout and its worker is killed, so the work really stops; one
// whose extraction needs more than the memory limit, or crashes the parser,
// fails with the reason. When no worker can be started (the executable is
// gone), the file is extracted in this process, as before workers existed.
func (p *Pool) Extract(name string, data []byte, opts article.Options) (article.Article, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = article.DefaultTimeout
	}
	w, err := p.take()
	if err != nil {
		return article.Extract(name, data, opts)
	}
	a, err := w.extract(request{Name: name, Data: data, MaxSize: opts.MaxSize}, timeout, p.limit)
	p.give(w)
	var reported *workerError
	if err != nil && !errors.As(err, &reported) {
		err = fmt.Errorf("%s: %w", name, err) // the worker's own errors name the file
	}
	return a, err
}

// ExtractHere is Extract, but extracts copied text and Markdown under 1 MB
// in this process: for a few files, where starting a worker would cost
// more than the extraction (a worker takes about 0.35 s of CPU to start:
// the HTML extractor's date parser loads its languages' data, 78 MB of
// allocations, as any process starts). For many, workers are faster even
// for text: the importing process keeps its cores for storing (see the
// README's "Your data").
func (p *Pool) ExtractHere(name string, data []byte, opts article.Options) (article.Article, error) {
	if len(data) <= plainInProcess {
		plain := opts
		plain.PlainOnly = true
		if a, err := article.Extract(name, data, plain); !errors.Is(err, article.ErrNotPlain) {
			return a, err
		}
	}
	return p.Extract(name, data, opts)
}

// take returns an idle worker, or starts one when fewer than size run, or
// waits for one.
func (p *Pool) take() (*worker, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if p.closed {
			return nil, errors.New("the pool is closed")
		}
		if n := len(p.idle); n > 0 {
			w := p.idle[n-1]
			p.idle = p.idle[:n-1]
			return w, nil
		}
		if p.running < p.size {
			if p.exe == "" {
				return nil, errors.New("no executable to run workers")
			}
			p.running++
			p.mu.Unlock()
			w, err := startWorker(p.exe, p.limit)
			p.mu.Lock()
			if err != nil {
				p.running--
				p.freed.Signal()
				return nil, err
			}
			return w, nil
		}
		p.freed.Wait()
	}
}

// give takes a worker back: idle, or stopped when it died or the pool
// closed.
func (p *Pool) give(w *worker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.freed.Signal()
	if w.dead || p.closed {
		p.running--
		go w.stop()
		return
	}
	w.idleSince = time.Now()
	p.idle = append(p.idle, w)
	if p.janitor == nil {
		p.janitor = time.AfterFunc(idleFor, p.retire)
	}
}

// retire stops the workers idle for longer than idleFor.
func (p *Pool) retire() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.janitor = nil
	keep := p.idle[:0]
	for _, w := range p.idle {
		if time.Since(w.idleSince) >= idleFor {
			p.running--
			go w.stop()
			continue
		}
		keep = append(keep, w)
	}
	p.idle = keep
	if len(p.idle) > 0 && !p.closed {
		p.janitor = time.AfterFunc(idleFor, p.retire)
	}
}

// Close stops the idle workers, and the busy ones as they finish.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.running -= len(idle)
	if p.janitor != nil {
		p.janitor.Stop()
	}
	p.freed.Broadcast()
	p.mu.Unlock()
	for _, w := range idle {
		w.stop()
	}
	return nil
}
