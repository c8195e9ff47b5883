// Package instance keeps one window per archive. A second start on the
// same archive — a file manager's "Open with Clippings", `clippings FILE`
// typed in a shell — hands its files to the window already open, which
// imports them and comes to the front, instead of opening a second window
// on the same archive.
//
// The window listens on a local (Unix-domain) socket named after the
// archive, in a folder only the user may enter. A local socket rather than
// D-Bus: it needs no session bus (containers, ssh -X, Windows and macOS
// have none), Go's standard library has it on every system Clippings is
// built for (AF_UNIX on Windows 10 and later), and the folder's
// permissions keep other users out.
package instance

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrRunning is returned by Claim when a window is already open on the
// archive: Hand the files to it.
var ErrRunning = errors.New("a Clippings window is already open on this archive")

// handTimeout bounds how long a start waits for the open window to take
// its files.
const handTimeout = 5 * time.Second

// maxMessage bounds what a window reads from one start (a long list of
// paths is a few KB).
const maxMessage = 1 << 20

type message struct {
	Paths []string `json:"paths"`
}

// Server is the open window's end: it takes what later starts hand over.
type Server struct {
	l    net.Listener
	path string
	once sync.Once
}

// Claim makes this process the one window on archive, or returns
// ErrRunning when another process already is. dir is the folder for the
// socket ("" for the user's runtime folder).
func Claim(dir, archive string) (*Server, error) {
	path, err := socketPath(dir, archive)
	if err != nil {
		return nil, err
	}
	for range 3 {
		l, err := net.Listen("unix", path)
		if err == nil {
			return &Server{l: l, path: path}, nil
		}
		if !inUse(err) {
			return nil, fmt.Errorf("listen for later starts on %s: %w", path, err)
		}
		if c, derr := net.DialTimeout("unix", path, time.Second); derr == nil {
			c.Close()
			return nil, ErrRunning
		}
		// A socket left by a window that did not close cleanly.
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("remove the stale socket %s: %w", path, err)
		}
	}
	return nil, fmt.Errorf("claim %s: another start keeps taking it", path)
}

func inUse(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && (errors.Is(err, os.ErrExist) || strings.Contains(err.Error(), "address already in use") ||
		strings.Contains(err.Error(), "Only one usage"))
}

// Serve calls take with the paths of every later start (absolute paths
// and web addresses; none when it only asked the window to come to the
// front), one start at a time, until Close.
func (s *Server) Serve(take func(paths []string)) {
	for {
		c, err := s.l.Accept()
		if err != nil {
			return // closed
		}
		s.answer(c, take)
	}
}

func (s *Server) answer(c net.Conn, take func([]string)) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(handTimeout))
	var m message
	if err := json.NewDecoder(io.LimitReader(c, maxMessage)).Decode(&m); err != nil {
		fmt.Fprintf(c, "error: %v\n", err)
		return
	}
	take(m.Paths)
	io.WriteString(c, "ok\n")
}

// Close stops listening and removes the socket.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		err = s.l.Close()
		os.Remove(s.path)
	})
	return err
}

// Hand gives paths to the window open on archive; relative paths are made
// absolute here, where they were typed.
func Hand(dir, archive string, paths []string) error {
	path, err := socketPath(dir, archive)
	if err != nil {
		return err
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = p
		if !strings.Contains(p, "://") && p != "-" {
			if a, err := filepath.Abs(p); err == nil {
				abs[i] = a
			}
		}
	}
	c, err := net.DialTimeout("unix", path, handTimeout)
	if err != nil {
		return fmt.Errorf("reach the open window: %w", err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(handTimeout))
	if err := json.NewEncoder(c).Encode(message{Paths: abs}); err != nil {
		return fmt.Errorf("hand files to the open window: %w", err)
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return fmt.Errorf("the open window did not answer: %w", err)
	}
	if reply != "ok\n" {
		return fmt.Errorf("the open window refused: %s", strings.TrimSpace(reply))
	}
	return nil
}

// socketPath names the socket of an archive: a hash of its absolute path
// (a socket's path must stay under ~100 bytes), in dir or the user's
// runtime folder.
func socketPath(dir, archive string) (string, error) {
	abs, err := filepath.Abs(archive)
	if err != nil {
		return "", fmt.Errorf("find the archive %s: %w", archive, err)
	}
	if dir == "" {
		if dir, err = runtimeDir(); err != nil {
			return "", err
		}
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".sock"), nil
}

// runtimeDir is a folder for the sockets that only this user may enter:
// $XDG_RUNTIME_DIR/clippings where there is one (Linux desktops), else
// one in the temporary folder, checked to be this user's own.
func runtimeDir() (string, error) {
	base := os.Getenv("XDG_RUNTIME_DIR")
	name := "clippings"
	if base == "" {
		base = os.TempDir()
		name = fmt.Sprintf("clippings-%d", os.Getuid())
	}
	dir := filepath.Join(base, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("make the folder for the window's socket: %w", err)
	}
	if err := ownPrivate(dir); err != nil {
		return "", err
	}
	return dir, nil
}
