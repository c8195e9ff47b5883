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

// MemoryLimit is the resident memory a worker may reach, the most that
// extracting one file costs (RLIMIT_DATA where the system has it: see
// limitMemory). Measured with the app's binary: a worker holds 93 MB once
// loaded (60 MB of it the date parser's data); the 49 MB text of
// 8.5 million lines peaked at 190 MB (refused for its lines), a 20 MB text
// of 100,000 lines was extracted in 202 MB, the largest saved page of the
// development corpus (1.4 MB) in 111 MB. A 1 MB page of 8,000 paragraphs
// each with a nested element took 267 MB and 8 s; one of 3.5 MB, which
// took 681 MB and 26 s in the importing process, now fails with the reason.
const MemoryLimit = 300 << 20

// plainInProcess is the largest copied text or Markdown file ExtractHere
// extracts in the calling process. Those readers are Clippings' own code,
// linear in the text and bounded by its number of lines
// (article/textsize.go): a 1 MB text took 19 ms and 4 MB of allocations.
const plainInProcess = 1 << 20

// idleFor is how long a worker with nothing to do is kept: the window
// imports now and then, and an idle worker holds some 90 MB.
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
// docs/guide.md, "Your data").
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
