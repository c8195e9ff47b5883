package clipboard

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Offer is one format an Owner serves: an X11 target name and its bytes.
type Offer struct {
	Target string
	Data   []byte
}

// Owner holds the X11 CLIPBOARD selection and serves several formats at
// once, as a browser does after "copy"; data larger than its chunk size
// goes by the INCR protocol, in pieces. It stands in for a browser in
// tests (and in the x11-clipboard tool of the end-to-end test).
type Owner struct {
	conn   *xgb.Conn
	win    xproto.Window
	offers map[xproto.Atom]Offer
	order  []xproto.Atom
	chunk  int

	clipboard, targets, incr xproto.Atom
	// transfers in progress, by requestor window and property.
	transfers map[transferKey]*transfer
	// Served is called after each request answered (nil: nothing).
	Served func(target string, bytes int, incremental bool)
}

type transferKey struct {
	win  xproto.Window
	prop xproto.Atom
}

type transfer struct {
	target xproto.Atom
	data   []byte
	sent   int
}

// Own takes the CLIPBOARD selection on the X server named by display
// ("" for $DISPLAY). chunk is the largest piece sent at once; 0 sends up
// to what the server takes in one request, as a browser does.
func Own(display string, offers []Offer, chunk int) (*Owner, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connect to the X server: %w", err)
	}
	o := &Owner{conn: conn, offers: map[xproto.Atom]Offer{}, chunk: chunk, transfers: map[transferKey]*transfer{}}
	fail := func(err error) (*Owner, error) {
		conn.Close()
		return nil, err
	}
	for name, a := range map[string]*xproto.Atom{"CLIPBOARD": &o.clipboard, "TARGETS": &o.targets, "INCR": &o.incr} {
		if *a, err = internAtom(conn, name); err != nil {
			return fail(err)
		}
	}
	for _, of := range offers {
		a, err := internAtom(conn, of.Target)
		if err != nil {
			return fail(err)
		}
		o.offers[a] = of
		o.order = append(o.order, a)
	}
	if max := int(xproto.Setup(conn).MaximumRequestLength)*4 - 64; o.chunk <= 0 || o.chunk > max {
		o.chunk = max
	}
	if o.win, err = xproto.NewWindowId(conn); err != nil {
		return fail(err)
	}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	if err := xproto.CreateWindowChecked(conn, 0, o.win, root, -10, -10, 1, 1, 0, xproto.WindowClassInputOnly, 0, 0, nil).Check(); err != nil {
		return fail(err)
	}
	xproto.SetSelectionOwner(conn, o.win, o.clipboard, xproto.TimeCurrentTime)
	if r, err := xproto.GetSelectionOwner(conn, o.clipboard).Reply(); err != nil || r.Owner != o.win {
		return fail(fmt.Errorf("could not take the clipboard"))
	}
	return o, nil
}

// Serve answers requests until another client takes the clipboard, ctx
// ends or Close is called.
func (o *Owner) Serve(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { o.conn.Close() })
	defer stop()
	for {
		ev, err := o.conn.WaitForEvent()
		if ev == nil && err == nil {
			return ctx.Err() // closed
		}
		switch e := ev.(type) {
		case xproto.SelectionClearEvent:
			return nil
		case xproto.SelectionRequestEvent:
			o.answer(e)
		case xproto.PropertyNotifyEvent:
			if e.State == xproto.PropertyDelete {
				o.sendNext(transferKey{e.Window, e.Atom})
			}
		}
	}
}

// Close gives the clipboard up.
func (o *Owner) Close() { o.conn.Close() }

func (o *Owner) answer(e xproto.SelectionRequestEvent) {
	prop := e.Property
	if prop == xproto.AtomNone { // obsolete clients
		prop = e.Target
	}
	offer, found := o.offers[e.Target]
	switch {
	case e.Target == o.targets:
		list := make([]byte, 0, 4*(len(o.order)+1))
		for _, a := range append([]xproto.Atom{o.targets}, o.order...) {
			list = binary.LittleEndian.AppendUint32(list, uint32(a)) // xgb speaks little-endian
		}
		xproto.ChangeProperty(o.conn, xproto.PropModeReplace, e.Requestor, prop, xproto.AtomAtom, 32, uint32(len(o.order)+1), list)
		o.served("TARGETS", len(list), false)
	case found && len(offer.Data) > o.chunk:
		// Announce the size, then send pieces as the requestor deletes
		// the property: we need to hear of its deletions.
		xproto.ChangeWindowAttributes(o.conn, e.Requestor, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
		size := binary.LittleEndian.AppendUint32(nil, uint32(len(offer.Data)))
		xproto.ChangeProperty(o.conn, xproto.PropModeReplace, e.Requestor, prop, o.incr, 32, 1, size)
		o.transfers[transferKey{e.Requestor, prop}] = &transfer{target: e.Target, data: offer.Data}
	case found:
		xproto.ChangeProperty(o.conn, xproto.PropModeReplace, e.Requestor, prop, e.Target, 8, uint32(len(offer.Data)), offer.Data)
		o.served(offer.Target, len(offer.Data), false)
	default:
		prop = xproto.AtomNone // not offered: refused
	}
	n := xproto.SelectionNotifyEvent{Time: e.Time, Requestor: e.Requestor, Selection: e.Selection, Target: e.Target, Property: prop}
	xproto.SendEvent(o.conn, false, e.Requestor, xproto.EventMaskNoEvent, string(n.Bytes()))
}

// sendNext puts the next piece of a transfer in the property its
// requestor has just deleted; an empty piece ends it.
func (o *Owner) sendNext(k transferKey) {
	t, ok := o.transfers[k]
	if !ok {
		return
	}
	piece := t.data[t.sent:min(len(t.data), t.sent+o.chunk)]
	xproto.ChangeProperty(o.conn, xproto.PropModeReplace, k.win, k.prop, t.target, 8, uint32(len(piece)), piece)
	t.sent += len(piece)
	if len(piece) == 0 {
		delete(o.transfers, k)
		o.served(o.offers[t.target].Target, len(t.data), true)
	}
}

func (o *Owner) served(target string, n int, incremental bool) {
	if o.Served != nil {
		o.Served(target, n, incremental)
	}
}
