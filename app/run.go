package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/assets"
	"github.com/clippings/clippings/db"
)

// Run opens the main window on the archive at dbPath, importing paths (from
// the command line) once it is shown. It blocks until the window closes.
// When the archive cannot be opened, a window says why and the error is
// returned after it closes, so the program can exit non-zero.
//
// This is the only file that pulls in the OpenGL driver; tests use New on
// Fyne's test app.
func Run(dbPath string, paths []string) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	a.Settings().SetTheme(newAppTheme())

	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		showFatal(a, err)
		return fmt.Errorf("open archive %s: %w", dbPath, err)
	}
	ui := New(a, store)
	if len(paths) > 0 {
		a.Lifecycle().SetOnStarted(func() { ui.Import(paths) })
	}
	ui.Window().ShowAndRun()
	ui.Shutdown()
	if err := store.Close(); err != nil {
		return fmt.Errorf("close archive: %w", err)
	}
	return nil
}

// showFatal is the whole app when the archive cannot be opened: the reason,
// and a way out.
func showFatal(a fyne.App, err error) {
	w := a.NewWindow(windowTitle)
	title := widget.NewLabel("Clippings cannot open its archive")
	title.TextStyle = fyne.TextStyle{Bold: true}
	msg := widget.NewLabel(describeError(err)) // the archive's errors are written for people
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(
		container.NewHBox(widget.NewIcon(theme.ErrorIcon()), title), container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(560, 240))
	w.ShowAndRun()
}
