package clipboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

func init() {
	// xgb logs to stderr (a missing ~/.Xauthority, say); errors that
	// matter come back from its calls.
	xgb.Logger = log.New(io.Discard, "", 0)
}

// Limits of a read.
const (
	// MaxSize is the most a paste may hold, as the largest file imported.
	MaxSize = 50 << 20
	// answerTimeout bounds each wait for the clipboard's owner: its answer
	// to a request, or the next piece of a large transfer.
	answerTimeout = 5 * time.Second
)

var (
	// ErrEmpty means nothing owns the clipboard: nothing was copied, or
	// the program that copied it has quit.
	ErrEmpty = errors.New("the clipboard is empty")
	// ErrNoServer means no X server could be reached.
	ErrNoServer = errors.New("no X server")
)

// X11Available reports whether the clipboard can be read from an X server
// here: on Linux and the BSDs with $DISPLAY set (under Wayland, XWayland
// sets it and bridges the clipboard).
func X11Available() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android", "js", "wasip1":
		return false
	}
	return os.Getenv("DISPLAY") != ""
}

// ReadX11 reads the CLIPBOARD selection from the X server named by display
// ("" for $DISPLAY): it asks the owner which formats it offers, and reads
// those Decide needs. It blocks, so call it off the UI goroutine.
func ReadX11(ctx context.Context, display string) (Clip, error) {
	s, err := openSession(display)
	if err != nil {
		return Clip{}, err
	}
	defer s.close()
	if owner, err := xproto.GetSelectionOwner(s.conn, s.clipboard).Reply(); err != nil {
		return Clip{}, fmt.Errorf("ask the X server for the clipboard: %w", err)
	} else if owner.Owner == xproto.WindowNone {
		return Clip{}, ErrEmpty
	}
	offered, err := s.targets(ctx)
	if err != nil {
		return Clip{}, err
	}
	var readErr error
	clip := Decide(offered, func(target string) []byte {
		if readErr != nil {
			return nil
		}
		data, err := s.convert(ctx, target)
		if err != nil && !errors.Is(err, errRefused) {
			readErr = err
		}
		return data
	})
	if readErr != nil && clip.Kind == Nothing {
		return clip, readErr
	}
	return clip, nil
}

// session is one connection to the X server with a window of our own to
// receive the selection on.
type session struct {
	conn   *xgb.Conn
	win    xproto.Window
	events chan xgb.Event
	done   chan struct{}

	clipboard, incr, property xproto.Atom
}

var errRefused = errors.New("the clipboard's owner refused the format")

func openSession(display string) (*session, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connect to the X server: %w (%w)", ErrNoServer, err)
	}
	s := &session{conn: conn, events: make(chan xgb.Event, 64), done: make(chan struct{})}
	fail := func(err error) (*session, error) {
		s.close()
		return nil, err
	}
	for name, a := range map[string]*xproto.Atom{"CLIPBOARD": &s.clipboard, "INCR": &s.incr, "CLIPPINGS_PASTE": &s.property} {
		if *a, err = internAtom(conn, name); err != nil {
			return fail(err)
		}
	}
	if s.win, err = xproto.NewWindowId(conn); err != nil {
		return fail(fmt.Errorf("make a window: %w", err))
	}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	// An invisible window, told when its properties change (INCR needs it).
	err = xproto.CreateWindowChecked(conn, 0, s.win, root, -10, -10, 1, 1, 0, xproto.WindowClassInputOnly, 0,
		xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange}).Check()
	if err != nil {
		return fail(fmt.Errorf("make a window: %w", err))
	}
	go s.pump()
	return s, nil
}

// pump passes the connection's events on until it closes.
func (s *session) pump() {
	for {
		ev, err := s.conn.WaitForEvent()
		if ev == nil && err == nil {
			return // closed
		}
		if ev == nil {
			continue // an error for a request nobody checks
		}
		select {
		case s.events <- ev:
		case <-s.done:
			return
		}
	}
}

func (s *session) close() {
	close(s.done)
	s.conn.Close()
}

func internAtom(conn *xgb.Conn, name string) (xproto.Atom, error) {
	r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, fmt.Errorf("X atom %s: %w", name, err)
	}
	return r.Atom, nil
}

// targets asks the owner for the formats it offers, by name.
func (s *session) targets(ctx context.Context) ([]string, error) {
	data, err := s.convert(ctx, "TARGETS")
	if err != nil {
		return nil, fmt.Errorf("ask the clipboard which formats it offers: %w", err)
	}
	var names []string
	for i := 0; i+4 <= len(data); i += 4 {
		a := xproto.Atom(xgb.Get32(data[i:]))
		r, err := xproto.GetAtomName(s.conn, a).Reply()
		if err != nil {
			continue
		}
		names = append(names, r.Name)
	}
	return names, nil
}

// convert asks the owner for the selection in one format and reads it,
// in pieces when the owner sends it by the INCR protocol (as browsers do
// past a few hundred KB).
func (s *session) convert(ctx context.Context, target string) ([]byte, error) {
	t, err := internAtom(s.conn, target)
	if err != nil {
		return nil, err
	}
	xproto.DeleteProperty(s.conn, s.win, s.property)
	xproto.ConvertSelection(s.conn, s.win, s.clipboard, t, s.property, xproto.TimeCurrentTime)
	for {
		ev, err := s.next(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", target, err)
		}
		n, ok := ev.(xproto.SelectionNotifyEvent)
		if !ok || n.Requestor != s.win || n.Selection != s.clipboard {
			continue // a PropertyNotify of our own deletion
		}
		if n.Property == xproto.AtomNone {
			return nil, errRefused
		}
		break
	}
	data, typ, err := s.readProperty(true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	if typ != s.incr {
		return data, nil
	}
	return s.readIncremental(ctx, target)
}

// readIncremental reads the pieces of an INCR transfer: the owner puts
// each in the property once we deleted the one before, and ends with an
// empty one.
func (s *session) readIncremental(ctx context.Context, target string) ([]byte, error) {
	var all []byte
	for {
		ev, err := s.next(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s, after %d bytes: %w", target, len(all), err)
		}
		p, ok := ev.(xproto.PropertyNotifyEvent)
		if !ok || p.Window != s.win || p.Atom != s.property || p.State != xproto.PropertyNewValue {
			continue
		}
		piece, _, err := s.readProperty(true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", target, err)
		}
		if len(piece) == 0 {
			return all, nil
		}
		if len(all)+len(piece) > MaxSize {
			return nil, fmt.Errorf("%s: over the %d MB limit", target, MaxSize>>20)
		}
		all = append(all, piece...)
	}
}

// readProperty reads our property whole, deleting it after when asked.
func (s *session) readProperty(deleteAfter bool) ([]byte, xproto.Atom, error) {
	var (
		data   []byte
		typ    xproto.Atom
		offset uint32
	)
	for {
		// Lengths and offsets are in 32-bit units.
		r, err := xproto.GetProperty(s.conn, false, s.win, s.property, xproto.GetPropertyTypeAny, offset, 1<<20).Reply()
		if err != nil {
			return nil, 0, fmt.Errorf("read the clipboard: %w", err)
		}
		typ = r.Type
		data = append(data, r.Value...)
		if len(data) > MaxSize {
			return nil, 0, fmt.Errorf("the clipboard holds over %d MB", MaxSize>>20)
		}
		if r.BytesAfter == 0 {
			break
		}
		offset += uint32(len(r.Value) / 4)
	}
	if deleteAfter {
		xproto.DeleteProperty(s.conn, s.win, s.property) // tells an INCR owner to send more
	}
	return data, typ, nil
}

// next is the next event, or an error when the owner keeps us waiting.
func (s *session) next(ctx context.Context) (xgb.Event, error) {
	timer := time.NewTimer(answerTimeout)
	defer timer.Stop()
	select {
	case ev := <-s.events:
		return ev, nil
	case <-timer.C:
		return nil, fmt.Errorf("the program that holds the clipboard did not answer within %v", answerTimeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
