package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/assets"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/internal/instance"
)

// Run opens the main window on the archive at dbPath, importing paths (from
// the command line) once it is shown. It blocks until the window closes.
// Files that later starts on the same archive hand over through later
// (nil: none) are imported too, and the window comes to the front.
// When the archive cannot be opened, a window says why and the error is
// returned after it closes, so the program can exit non-zero.
//
// This is the only file that pulls in the OpenGL driver; tests use New on
// Fyne's test app.
func Run(dbPath string, paths []string, later *instance.Server) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	a.Settings().SetTheme(kit.NewTheme())

	var (
		ui      *UI
		store   *db.Store
		openErr error
		started bool
	)
	a.Lifecycle().SetOnStarted(func() {
		started = true
		if ui != nil && len(paths) > 0 {
			ui.Import(paths)
		}
	})
	if later != nil {
		go later.Serve(func(handed []string) {
			fyne.Do(func() {
				if ui == nil { // still opening: after it, as the command line's
					paths = append(paths, handed...)
					return
				}
				ui.Window().Show()
				ui.Window().RequestFocus()
				ui.Import(handed)
			})
		})
	}
	openArchive(a, dbPath, openForWindow, func(s *db.Store) {
		store = s
		ui = New(a, s)
		ui.Window().SetMaster()
		ui.Window().Show()
		if started && len(paths) > 0 { // opened after an upgrade
			ui.Import(paths)
		}
	}, func(err error) {
		openErr = fmt.Errorf("open archive %s: %w", dbPath, err)
		showFatal(a, err)
	})
	a.Run()
	if ui != nil {
		ui.Shutdown()
	}
	if store != nil {
		if err := store.Close(); err != nil {
			return fmt.Errorf("close archive: %w", err)
		}
	}
	return openErr
}

// opener opens an archive: db.Open, or a stand-in in tests.
type opener func(ctx context.Context, path string) (*db.Store, error)

// openArchive opens the archive at path and hands it to opened, or the
// reason it cannot be opened to failed, on the Fyne goroutine.
//
// An archive written by an older Clippings is upgraded as it is opened,
// which can take minutes (format 2 rebuilt the search index): it is
// opened in the background, behind a small window that says so, which the
// main window replaces when it is done. Closing that window quits once
// the upgrade has finished — stopping it halfway would only mean doing it
// again next time. The window is returned; nil when none was needed.
func openArchive(a fyne.App, path string, open opener, opened func(*db.Store), failed func(error)) fyne.Window {
	if !db.NeedsUpgrade(path) {
		store, err := open(context.Background(), path)
		if err != nil {
			failed(err)
			return nil
		}
		opened(store)
		return nil
	}
	w, status := showUpgradeWindow(a, path)
	quitting := false
	w.SetCloseIntercept(func() {
		quitting = true
		status.SetText("Clippings will close as soon as the upgrade is done. Your articles are safe either way.")
	})
	go func() {
		store, err := open(context.Background(), path)
		fyne.Do(func() {
			switch {
			case err != nil:
				failed(err)
			case quitting:
				store.Close()
				a.Quit()
			default:
				opened(store)
			}
			// Hidden after the next window is shown (the app lives on),
			// and closed a moment later: closed at once, a mouse move
			// over it as it went crashed the app in Fyne's GLFW driver
			// (processMouseMoved on a window without its view;
			// fyne-io/fyne#5981), every time under Xvfb.
			w.Hide()
			time.AfterFunc(upgradeWindowLinger, func() { fyne.Do(w.Close) })
		})
	}()
	return w
}

// upgradeWindowLinger is how long the upgrade window stays hidden before
// it is closed.
const upgradeWindowLinger = time.Second

// upgradeTitle is what the upgrade window says.
const upgradeTitle = "Upgrading your archive (one time)…"

func showUpgradeWindow(a fyne.App, path string) (fyne.Window, *widget.Label) {
	w := a.NewWindow(windowTitle)
	w.SetIcon(assets.Icon)
	title := widget.NewLabel(upgradeTitle)
	title.TextStyle = fyne.TextStyle{Bold: true}
	// Said of every upgrade: what each format adds is in the CHANGELOG, and
	// the slow part of the later ones goes on in the main window's jobs.
	what := widget.NewLabel(fmt.Sprintf("This version of Clippings updates how %s is stored. "+
		"It happens once, and on a large archive it can take a few minutes. Your articles stay as they are.", filepath.Base(path)))
	what.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.LowImportance
	activity := widget.NewProgressBarInfinite()
	w.SetContent(container.NewPadded(container.NewVBox(title, what, activity, status)))
	w.Resize(fyne.NewSize(560, 190))
	w.CenterOnScreen()
	w.Show()
	return w, status
}

// showFatal is the whole app when the archive cannot be opened: the reason,
// and a way out.
func showFatal(a fyne.App, err error) {
	w := a.NewWindow(windowTitle)
	title := widget.NewLabel("Clippings cannot open its archive")
	title.TextStyle = fyne.TextStyle{Bold: true}
	msg := widget.NewLabel(humanize.DescribeError(err)) // the archive's errors are written for people
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(
		container.NewHBox(widget.NewIcon(theme.ErrorIcon()), title), container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(560, 240))
	w.Show()
}
