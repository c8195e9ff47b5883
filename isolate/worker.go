package isolate

import (
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clippings/clippings/article"
)

// workerEnv marks a process started as a worker (see serve.go); its value
// is the memory limit in bytes.
const workerEnv = "CLIPPINGS_EXTRACT_WORKER"

// startTimeout bounds a worker's start: loading the program and saying
// hello took 0.1–0.3 s here.
const startTimeout = 20 * time.Second

// request is one file to extract; response is what became of it.
type request struct {
	Name    string
	Data    []byte
	MaxSize int64
}

// A request goes as its name's length (4 bytes), the name, MaxSize (8
// bytes), the data's length (8 bytes) and the data: the worker reads the
// data straight into one buffer. (With gob the worker held a 49 MB file
// twice, its message and the decoded bytes, and ran out of room for the
// text's own copies.) Responses, small, are gob.

func writeRequest(w io.Writer, r request) error {
	var head [4]byte
	binary.BigEndian.PutUint32(head[:], uint32(len(r.Name)))
	var sizes [16]byte
	binary.BigEndian.PutUint64(sizes[:8], uint64(r.MaxSize))
	binary.BigEndian.PutUint64(sizes[8:], uint64(len(r.Data)))
	for _, part := range [][]byte{head[:], []byte(r.Name), sizes[:], r.Data} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// maxRequest bounds what a worker accepts as one file: far over the
// importer's limit, and under what would be a broken stream.
const maxRequest = 1 << 30

func readRequest(r io.Reader) (request, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return request{}, err
	}
	name := make([]byte, binary.BigEndian.Uint32(head[:]))
	if len(name) > 4096 {
		return request{}, errors.New("request: name too long")
	}
	var sizes [16]byte
	if _, err := io.ReadFull(r, name); err != nil {
		return request{}, err
	}
	if _, err := io.ReadFull(r, sizes[:]); err != nil {
		return request{}, err
	}
	n := binary.BigEndian.Uint64(sizes[8:])
	if n > maxRequest {
		return request{}, errors.New("request: data too long")
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(r, data); err != nil {
		return request{}, err
	}
	return request{Name: string(name), Data: data, MaxSize: int64(binary.BigEndian.Uint64(sizes[:8]))}, nil
}

type response struct {
	Hello   bool // the first message of a worker: it speaks this protocol
	Article article.Article
	Err     string // the error's text, "" for none
	Kind    int    // which of kinds the error wraps; -1 for none
}

// kinds are the errors a worker's answer may wrap, so that errors.Is works
// on this side as it does on article.Extract's errors.
var kinds = []error{article.ErrEmpty, article.ErrBinary, article.ErrTooLarge, article.ErrUnsupported, article.ErrNoArticle, article.ErrTimeout}

func kindOf(err error) int {
	for i, k := range kinds {
		if errors.Is(err, k) {
			return i
		}
	}
	return -1
}

// workerError is an extraction error as a worker reported it.
type workerError struct {
	msg  string
	kind error
}

func (e *workerError) Error() string { return e.msg }
func (e *workerError) Unwrap() error { return e.kind }

// worker is one worker process, used by one extraction at a time.
type worker struct {
	cmd       *exec.Cmd
	stdin     io.WriteCloser
	dec       *gob.Decoder
	stderr    *lastWords
	dead      bool // killed, or gone: not to be used again
	idleSince time.Time
	waitOnce  sync.Once
}

// startWorker starts the executable as a worker and waits for its hello.
func startWorker(exe string, limit int64) (*worker, error) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"="+strconv.FormatInt(limit, 10))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start an extraction worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start an extraction worker: %w", err)
	}
	w := &worker{cmd: cmd, stdin: stdin, dec: gob.NewDecoder(stdout), stderr: &lastWords{}}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start an extraction worker: %w", err)
	}
	hello := make(chan error, 1)
	go func() {
		var r response
		err := w.dec.Decode(&r)
		if err == nil && !r.Hello {
			err = errors.New("it did not say hello")
		}
		hello <- err
	}()
	select {
	case err = <-hello:
	case <-time.After(startTimeout):
		err = fmt.Errorf("it did not start within %s", startTimeout)
	}
	if err != nil {
		w.kill()
		return nil, fmt.Errorf("start an extraction worker (%s): %v %s", exe, err, w.stderr.lastLine())
	}
	return w, nil
}

// extract sends one file and waits for the answer, at most timeout: then
// the worker is killed. A worker that dies (out of memory, a crash) is
// reported with what it said last.
func (w *worker) extract(req request, timeout time.Duration, limit int64) (article.Article, error) {
	type answer struct {
		r   response
		err error
	}
	done := make(chan answer, 1)
	go func() {
		var a answer
		if a.err = writeRequest(w.stdin, req); a.err == nil {
			a.err = w.dec.Decode(&a.r)
		}
		done <- a
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case a := <-done:
		if a.err != nil {
			w.kill()
			return article.Article{}, w.death(limit)
		}
		if a.r.Err == "" {
			return a.r.Article, nil
		}
		var kind error
		if a.r.Kind >= 0 && a.r.Kind < len(kinds) {
			kind = kinds[a.r.Kind]
		}
		return article.Article{}, &workerError{msg: a.r.Err, kind: kind}
	case <-timer.C:
		w.kill()
		<-done // the pipes closed with the process
		return article.Article{}, fmt.Errorf("gave up after %s: %w", timeout, article.ErrTimeout)
	}
}

// death says why a worker stopped answering.
func (w *worker) death(limit int64) error {
	said := w.stderr.String()
	if strings.Contains(said, "out of memory") || strings.Contains(said, "cannot allocate memory") {
		return fmt.Errorf("extracting it needed more than %d MB of memory, the most Clippings gives one file: %w", limit>>20, article.ErrTooLarge)
	}
	state := "it stopped"
	if w.cmd.ProcessState != nil {
		state = w.cmd.ProcessState.String()
	}
	if line := w.stderr.lastLine(); line != "" {
		state += ": " + line
	}
	return fmt.Errorf("the extractor crashed on it (%s): %w", state, article.ErrNoArticle)
}

// kill ends the worker at once and waits for it.
func (w *worker) kill() {
	w.dead = true
	if w.cmd.Process != nil {
		w.cmd.Process.Kill()
	}
	w.wait()
}

// stop lets an idle worker end: it exits when its input closes.
func (w *worker) stop() {
	w.dead = true
	w.stdin.Close()
	done := make(chan struct{})
	go func() { w.wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		w.kill()
	}
}

func (w *worker) wait() { w.waitOnce.Do(func() { w.cmd.Wait() }) }

// lastWords keeps what a worker wrote to its standard error: the first
// 16 KB (a Go crash says why before listing its goroutines) and the last
// 2 KB.
type lastWords struct {
	mu         sync.Mutex
	head, tail []byte
}

const (
	headBytes = 16 << 10
	tailBytes = 2 << 10
)

func (t *lastWords) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := headBytes - len(t.head); room > 0 {
		t.head = append(t.head, p[:min(room, len(p))]...)
	}
	t.tail = append(t.tail, p...)
	if len(t.tail) > tailBytes {
		t.tail = t.tail[len(t.tail)-tailBytes:]
	}
	return len(p), nil
}

func (t *lastWords) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.head) + "\n" + string(t.tail)
}

// lastLine is the first line of a Go panic or fatal error, else the last
// line written.
func (t *lastWords) lastLine() string {
	s := strings.TrimSpace(t.String())
	for _, mark := range []string{"fatal error:", "panic:"} {
		if i := strings.Index(s, mark); i >= 0 {
			line, _, _ := strings.Cut(s[i:], "\n")
			return line
		}
	}
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
