// Package inbox watches a folder for files that arrive in it — where a
// browser saves pages, say — and reports each once it is complete: no
// longer changing for a while (fsnotify does not say when a writer closes
// a file on every system, so quiet is the test). Files are left in place.
package inbox

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultQuiet is how long a file must stay unchanged to count as complete.
const DefaultQuiet = time.Second

// Options tunes a Watcher; the zero value reports every complete file that
// arrives after Watch, after a second's quiet.
type Options struct {
	Quiet time.Duration
	// Accept picks the files wanted, by path; nil takes all. Hidden files
	// and downloads in progress are never reported.
	Accept func(path string) bool
	// Existing reports the files already in the folder too (once they are
	// quiet), as the first batch.
	Existing bool
}

// Watcher reports the complete files that arrive in one folder, its
// sub-folders aside.
type Watcher struct {
	dir    string
	opts   Options
	fs     *fsnotify.Watcher
	files  chan []string
	errs   chan error
	done   chan struct{}
	closer sync.Once
	wg     sync.WaitGroup
}

// Watch starts watching dir.
func Watch(dir string, opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("inbox folder %s: %w", abs, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("inbox folder %s is not a folder", abs)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", abs, err)
	}
	if err := fw.Add(abs); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch %s: %w", abs, err)
	}
	w := &Watcher{dir: abs, opts: opts, fs: fw, files: make(chan []string), errs: make(chan error, 4), done: make(chan struct{})}
	w.wg.Add(1)
	go w.run()
	return w, nil
}

// Dir is the folder watched, made absolute.
func (w *Watcher) Dir() string { return w.dir }

// Files delivers batches of complete files, sorted by name. It is closed
// when the Watcher is.
func (w *Watcher) Files() <-chan []string { return w.files }

// Errors delivers problems watching the folder (it was removed, the
// system's watch limit was hit); watching goes on where it can.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching; Files is closed once the watcher has stopped.
func (w *Watcher) Close() error {
	var err error
	w.closer.Do(func() {
		close(w.done)
		err = w.fs.Close()
		w.wg.Wait()
	})
	return err
}

// seen is what a file looked like when last looked at.
type seen struct {
	size    int64
	modTime time.Time
	changed time.Time // when it last changed (or an event said so)
}

func (w *Watcher) run() {
	defer w.wg.Done()
	defer close(w.files)
	pending := map[string]seen{}
	if w.opts.Existing {
		w.scan(pending, time.Now().Add(-w.opts.Quiet))
	}
	tick := time.NewTicker(max(w.opts.Quiet/4, 10*time.Millisecond))
	defer tick.Stop()
	var ready []string
	for {
		var out chan []string // nil (never ready) while nothing waits
		if len(ready) > 0 {
			out = w.files
		}
		select {
		case <-w.done:
			return
		case out <- ready:
			ready = nil
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			w.event(pending, ev)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.scan(pending, time.Now()) // events were lost: look at everything
			}
			w.report(err)
		case now := <-tick.C:
			ready = append(ready, w.complete(pending, now)...)
			sort.Strings(ready)
		}
	}
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default: // nobody is listening; the next one will do
	}
}

// event notes a change to a file in the folder.
func (w *Watcher) event(pending map[string]seen, ev fsnotify.Event) {
	path := filepath.Clean(ev.Name)
	if path == w.dir && ev.Has(fsnotify.Remove|fsnotify.Rename) {
		w.report(fmt.Errorf("the inbox folder %s was removed or moved", w.dir))
		return
	}
	if filepath.Dir(path) != w.dir || !w.wanted(path) {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) { // gone, or moved away (its new name has its own event)
		delete(pending, path)
		return
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		delete(pending, path)
		return
	}
	pending[path] = seen{size: st.Size(), modTime: st.ModTime(), changed: time.Now()}
}

// scan adds every wanted file in the folder, as changed at when.
func (w *Watcher) scan(pending map[string]seen, when time.Time) {
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		w.report(fmt.Errorf("read the inbox folder: %w", err))
		return
	}
	for _, e := range entries {
		path := filepath.Join(w.dir, e.Name())
		if !e.Type().IsRegular() || !w.wanted(path) {
			continue
		}
		if st, err := e.Info(); err == nil {
			pending[path] = seen{size: st.Size(), modTime: st.ModTime(), changed: when}
		}
	}
}

// complete takes the files quiet for long enough out of pending.
func (w *Watcher) complete(pending map[string]seen, now time.Time) []string {
	var done []string
	for path, s := range pending {
		if now.Sub(s.changed) < w.opts.Quiet {
			continue
		}
		st, err := os.Stat(path)
		switch {
		case err != nil || !st.Mode().IsRegular():
			delete(pending, path) // deleted before it was done
		case st.Size() != s.size || !st.ModTime().Equal(s.modTime):
			pending[path] = seen{size: st.Size(), modTime: st.ModTime(), changed: now} // changed without an event
		default:
			delete(pending, path)
			done = append(done, path)
		}
	}
	return done
}

// wanted reports whether a file's name makes it a candidate: not hidden,
// not a download still in progress, and accepted.
func (w *Watcher) wanted(path string) bool {
	name := filepath.Base(path)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || partialDownload[strings.ToLower(filepath.Ext(name))] {
		return false
	}
	return w.opts.Accept == nil || w.opts.Accept(path)
}

// partialDownload are the extensions browsers and download tools give a
// file while they write it, renaming it when done.
var partialDownload = map[string]bool{
	".crdownload": true, // Chrome, Chromium, Edge
	".part":       true, // Firefox
	".partial":    true, // older Firefox, Edge
	".download":   true, // Safari
	".opdownload": true, // Opera
	".tmp":        true,
	".temp":       true,
	".swp":        true,
}
