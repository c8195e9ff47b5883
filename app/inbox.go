package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/importer"
	"github.com/clippings/clippings/inbox"
)

// Preference keys of the inbox folder (off until the user turns it on).
const (
	prefInboxOn     = "inbox.on"
	prefInboxFolder = "inbox.folder"
)

// inboxFolder imports the files that arrive in a folder the user chose
// (Preferences), as they arrive: the files there when the window opens
// first (those already in the archive are duplicates, and say nothing).
type inboxFolder struct {
	prefs fyne.Preferences
	tasks *tasks.Group
	// arrived is given each batch of complete files, on the UI goroutine.
	arrived func([]string)
	fail    func(error)
	quiet   time.Duration // how long a file must be unchanged; 0: a second

	watcher *inbox.Watcher
	done    chan struct{} // closed when the watcher's reader has stopped
}

// Settings are the inbox's remembered settings; the folder offered at
// first is the user's Downloads folder.
func (f *inboxFolder) Settings() (on bool, dir string) {
	return f.prefs.Bool(prefInboxOn), f.prefs.StringWithFallback(prefInboxFolder, kit.DownloadsFolder())
}

// start watches the folder the preferences name, if they turn it on.
func (f *inboxFolder) start() error {
	on, dir := f.Settings()
	if !on {
		return nil
	}
	w, err := inbox.Watch(kit.ExpandHome(dir), inbox.Options{Existing: true, Accept: importer.Importable, Quiet: f.quiet})
	if err != nil {
		return err
	}
	f.watcher, f.done = w, make(chan struct{})
	go f.relay(w, f.done)
	return nil
}

// relay hands the watcher's news to the UI goroutine until it stops. It
// is not counted as background work: it lasts as long as the window.
func (f *inboxFolder) relay(w *inbox.Watcher, done chan struct{}) {
	defer close(done)
	for {
		select {
		case files, ok := <-w.Files():
			if !ok {
				return
			}
			f.tasks.Do(func() { f.arrived(files) })
		case err := <-w.Errors():
			f.tasks.Do(func() { f.fail(fmt.Errorf("inbox folder: %w", err)) })
		}
	}
}

// stop stops watching, if it was.
func (f *inboxFolder) stop() {
	if f.watcher == nil {
		return
	}
	f.watcher.Close()
	<-f.done
	f.watcher, f.done = nil, nil
}

// Watching is the folder being watched, "" when none is.
func (f *inboxFolder) Watching() string {
	if f.watcher == nil {
		return ""
	}
	return f.watcher.Dir()
}

// Apply remembers new settings and watches accordingly. A folder that
// cannot be watched is not remembered as on.
func (f *inboxFolder) Apply(on bool, dir string) error {
	f.stop()
	f.prefs.SetString(prefInboxFolder, dir)
	f.prefs.SetBool(prefInboxOn, on)
	if err := f.start(); err != nil {
		f.prefs.SetBool(prefInboxOn, false)
		return err
	}
	return nil
}
