// Command x11-clipboard owns the X11 CLIPBOARD selection and serves
// several formats at once, as a browser does after "copy" — for the
// end-to-end test of paste. It sends large data by the INCR protocol, as
// browsers do.
//
//	DISPLAY=:99 x11-clipboard [-timeout 60s] [-chunk BYTES] TARGET=FILE...
//
// TARGET is a format's name (text/html, UTF8_STRING,
// chromium/x-source-url, x-special/gnome-copied-files, …). It prints
// "ready" once it owns the clipboard, then a line per request answered,
// and exits when another program takes the clipboard or at the timeout.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/clippings/clippings/clipboard"
)

func main() {
	timeout := flag.Duration("timeout", 60*time.Second, "exit after this long")
	chunk := flag.Int("chunk", 0, "largest piece sent at once, in `bytes`; larger data goes in pieces (0: what the X server takes)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: x11-clipboard [-timeout D] [-chunk BYTES] TARGET=FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var offers []clipboard.Offer
	for _, arg := range flag.Args() {
		i := strings.LastIndex(arg, "=")
		if i <= 0 {
			flag.Usage()
			os.Exit(2)
		}
		data, err := os.ReadFile(arg[i+1:])
		if err != nil {
			fmt.Fprintln(os.Stderr, "x11-clipboard:", err)
			os.Exit(1)
		}
		offers = append(offers, clipboard.Offer{Target: arg[:i], Data: data})
	}
	owner, err := clipboard.Own("", offers, *chunk)
	if err != nil {
		fmt.Fprintln(os.Stderr, "x11-clipboard:", err)
		os.Exit(1)
	}
	owner.Served = func(target string, n int, incremental bool) {
		how := ""
		if incremental {
			how = " in pieces (INCR)"
		}
		fmt.Printf("request %s: %d bytes%s\n", target, n, how)
	}
	fmt.Println("ready")
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := owner.Serve(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "x11-clipboard:", err)
		os.Exit(1)
	}
}
