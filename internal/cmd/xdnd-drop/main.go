// Command xdnd-drop drags files — or links, as from a browser's address
// bar — onto an X11 window found by its title, speaking the X drag-and-drop
// protocol (XDND) as a file manager does: for the end-to-end tests of the
// window under Xvfb.
//
//	DISPLAY=:99 xdnd-drop [-timeout 10s] TITLE PATH|URL...
//
// It exits 0 once the window accepted the drop and said it was finished.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// xdndVersion is the protocol version offered; GLFW speaks 5.
const xdndVersion = 5

func main() {
	timeout := flag.Duration("timeout", 10*time.Second, "give up after this long")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: xdnd-drop [-timeout D] TITLE PATH|URL...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 2 {
		flag.Usage()
		os.Exit(2)
	}
	list, err := uriList(flag.Args()[1:])
	if err == nil {
		err = drop(flag.Arg(0), list, *timeout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "xdnd-drop:", err)
		os.Exit(1)
	}
}

// uriList is the text/uri-list a file manager offers: file URIs of
// absolute paths, addresses as they are, each line ended by CRLF.
func uriList(args []string) ([]byte, error) {
	var b strings.Builder
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			b.WriteString(a + "\r\n")
			continue
		}
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		b.WriteString((&url.URL{Scheme: "file", Path: abs}).String() + "\r\n")
	}
	return []byte(b.String()), nil
}

type dragger struct {
	c      *xgb.Conn
	root   xproto.Window
	source xproto.Window
	atoms  map[string]xproto.Atom
}

func (d *dragger) atom(name string) xproto.Atom {
	if a, ok := d.atoms[name]; ok {
		return a
	}
	r, err := xproto.InternAtom(d.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		panic(fmt.Sprintf("intern %s: %v", name, err))
	}
	d.atoms[name] = r.Atom
	return r.Atom
}

func drop(title string, list []byte, timeout time.Duration) error {
	c, err := xgb.NewConn()
	if err != nil {
		return fmt.Errorf("connect to the X server: %w", err)
	}
	defer c.Close()
	setup := xproto.Setup(c)
	d := &dragger{c: c, root: setup.DefaultScreen(c).Root, atoms: map[string]xproto.Atom{}}
	target, err := d.find(d.root, title)
	if err != nil {
		return err
	}
	// The drag's source: an unmapped window that owns XdndSelection and
	// receives the target's answers.
	if d.source, err = xproto.NewWindowId(c); err != nil {
		return err
	}
	if err := xproto.CreateWindowChecked(c, 0, d.source, d.root, 0, 0, 1, 1, 0, xproto.WindowClassInputOnly, 0, 0, nil).Check(); err != nil {
		return fmt.Errorf("make the drag's window: %w", err)
	}
	if err := xproto.SetSelectionOwnerChecked(c, d.source, d.atom("XdndSelection"), xproto.TimeCurrentTime).Check(); err != nil {
		return fmt.Errorf("own XdndSelection: %w", err)
	}
	geo, err := xproto.TranslateCoordinates(c, target, d.root, 0, 0).Reply()
	if err != nil {
		return fmt.Errorf("find the window: %w", err)
	}
	size, err := xproto.GetGeometry(c, xproto.Drawable(target)).Reply()
	if err != nil {
		return fmt.Errorf("measure the window: %w", err)
	}
	x, y := int(geo.DstX)+int(size.Width)/2, int(geo.DstY)+int(size.Height)/2

	uriType := d.atom("text/uri-list")
	d.send(target, "XdndEnter", uint32(d.source), xdndVersion<<24, uint32(uriType), 0, 0)
	d.send(target, "XdndPosition", uint32(d.source), 0, uint32(x)<<16|uint32(y), uint32(xproto.TimeCurrentTime), uint32(d.atom("XdndActionCopy")))

	deadline := time.Now().Add(timeout)
	dropped := false
	for time.Now().Before(deadline) {
		ev, err := c.PollForEvent()
		if err != nil {
			return fmt.Errorf("X error: %v", err)
		}
		if ev == nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		switch e := ev.(type) {
		case xproto.ClientMessageEvent:
			switch e.Type {
			case d.atom("XdndStatus"):
				if dropped {
					continue
				}
				if e.Data.Data32[1]&1 == 0 {
					d.send(target, "XdndLeave", uint32(d.source), 0, 0, 0, 0)
					return errors.New("the window refused the drop")
				}
				d.send(target, "XdndDrop", uint32(d.source), 0, uint32(xproto.TimeCurrentTime), 0, 0)
				dropped = true
			case d.atom("XdndFinished"):
				return nil
			}
		case xproto.SelectionRequestEvent:
			d.answer(e, uriType, list)
		}
	}
	if dropped {
		return errors.New("the window took the drop but never said it was finished")
	}
	return errors.New("the window never answered the drag (is it XDND aware?)")
}

// send sends an XDND client message to the target window.
func (d *dragger) send(to xproto.Window, kind string, data ...uint32) {
	ev := xproto.ClientMessageEvent{Format: 32, Window: to, Type: d.atom(kind), Data: xproto.ClientMessageDataUnionData32New(data)}
	xproto.SendEvent(d.c, false, to, xproto.EventMaskNoEvent, string(ev.Bytes()))
}

// answer gives the target the list it asked for (or says there is none of
// the kind it asked for).
func (d *dragger) answer(e xproto.SelectionRequestEvent, uriType xproto.Atom, list []byte) {
	notify := xproto.SelectionNotifyEvent{Time: e.Time, Requestor: e.Requestor, Selection: e.Selection, Target: e.Target, Property: e.Property}
	if e.Target == uriType {
		xproto.ChangeProperty(d.c, xproto.PropModeReplace, e.Requestor, e.Property, uriType, 8, uint32(len(list)), list)
	} else {
		notify.Property = xproto.AtomNone
	}
	xproto.SendEvent(d.c, false, e.Requestor, xproto.EventMaskNoEvent, string(notify.Bytes()))
}

// find looks for the XDND-aware window titled title under w.
func (d *dragger) find(w xproto.Window, title string) (xproto.Window, error) {
	tree, err := xproto.QueryTree(d.c, w).Reply()
	if err != nil {
		return 0, fmt.Errorf("list windows: %w", err)
	}
	for _, child := range tree.Children {
		if d.title(child) == title && d.aware(child) {
			return child, nil
		}
		if found, err := d.find(child, title); err == nil {
			return found, nil
		}
	}
	return 0, fmt.Errorf("no window titled %q takes drops", title)
}

func (d *dragger) title(w xproto.Window) string {
	for _, prop := range []string{"_NET_WM_NAME", "WM_NAME"} {
		r, err := xproto.GetProperty(d.c, false, w, d.atom(prop), xproto.GetPropertyTypeAny, 0, 1024).Reply()
		if err == nil && r.ValueLen > 0 {
			return string(r.Value)
		}
	}
	return ""
}

func (d *dragger) aware(w xproto.Window) bool {
	r, err := xproto.GetProperty(d.c, false, w, d.atom("XdndAware"), xproto.GetPropertyTypeAny, 0, 1).Reply()
	return err == nil && r.ValueLen > 0
}
