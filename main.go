// Command clippings is a desktop archive for news articles. With a
// subcommand (import, search, show, …) it works on the command line;
// without one it opens the desktop app.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/clippings/clippings/app"
	"github.com/clippings/clippings/cli"
)

func main() {
	env := cli.OSEnv()
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		os.Exit(cli.Run(ctx, env, args))
	}
	launch, ok, status := cli.ParseLaunch(env, args)
	if !ok {
		os.Exit(status)
	}
	if err := app.Run(launch.DBPath, launch.Paths); err != nil {
		fmt.Fprintf(os.Stderr, "clippings: %v\n", err)
		os.Exit(cli.ExitUsage)
	}
}
