// Command clippings is a desktop archive for news articles. With a
// subcommand (import, search, show, …) it works on the command line;
// without one it opens the desktop app.
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/clippings/clippings/app"
	"github.com/clippings/clippings/cli"
	"github.com/clippings/clippings/internal/instance"
	_ "github.com/clippings/clippings/internal/plainlocale" // first: see its comment
	"github.com/clippings/clippings/internal/startgc"       // early: see its comment
	"github.com/clippings/clippings/internal/version"
)

// fyneApp is the app's metadata; its Version is the release number, kept
// in this one place for `fyne package`, --version and Help ▸ About.
//
//go:embed FyneApp.toml
var fyneApp []byte

// windowMemoryLimit is the Go heap's soft limit in the window. At a
// million articles the live heap peaks near 90 MB while importing (fonts,
// extraction's compiled patterns, batches); SQLite's caches (about 40 MB)
// and the graphics driver come on top.
const windowMemoryLimit = 150 << 20

func main() {
	v, err := version.FromFyneApp(fyneApp)
	if err != nil {
		panic(err) // a build from a broken FyneApp.toml; TestRepositoryFyneApp guards it
	}
	version.Number = v
	args := os.Args[1:]
	if len(args) > 0 {
		attachConsole() // before OSEnv takes the streams
	}
	env := cli.OSEnv()
	if len(args) > 0 && cli.IsCommand(args[0]) {
		if !cli.Brief(args[0]) {
			startgc.Restore()
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		os.Exit(cli.Run(ctx, env, args))
	}
	launch, ok, status := cli.ParseLaunch(env, args)
	if !ok {
		os.Exit(status) // --version, --help, a usage error: the collector stays off
	}
	startgc.Restore()
	// The window must stay small beside a large archive: past this the
	// garbage collector works harder rather than letting the heap double.
	debug.SetMemoryLimit(windowMemoryLimit)
	later, err := instance.Claim("", launch.DBPath)
	switch {
	case errors.Is(err, instance.ErrRunning):
		// A window is open on this archive: it takes the files and comes to
		// the front.
		if err := instance.Hand("", launch.DBPath, launch.Paths); err != nil {
			fmt.Fprintf(os.Stderr, "clippings: %v\n", err)
			os.Exit(cli.ExitFailed)
		}
		return
	case err != nil:
		// No socket (e.g. a read-only runtime folder): the window opens
		// anyway, without taking files from later starts.
		fmt.Fprintf(os.Stderr, "clippings: %v\n", err)
	default:
		defer later.Close()
	}
	if err := app.Run(launch.DBPath, launch.Paths, later); err != nil {
		fmt.Fprintf(os.Stderr, "clippings: %v\n", err)
		os.Exit(cli.ExitUsage)
	}
}
