package cli

import (
	"fmt"
	"io"
	"strings"
)

// oneLine keeps a one-line field (a title, a source) on its line of output:
// a line break stored in one (by an earlier version, or another tool) would
// begin a line that looks like another result.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// safeWriter passes what a command prints with every control character a
// terminal acts on made visible as \u00XX: C0 but line feed and tab, DEL,
// and C1 (U+0080–U+009F, two bytes in UTF-8). An article's title, a file
// name or a note could otherwise retitle, clear or redraw the user's
// terminal (ESC ] 0;…BEL, ESC [2J, CSI). The form \u00XX is also JSON's:
// in a JSON line (where the encoder already escapes C0) an escaped C1 or
// DEL stands for the same character.
type safeWriter struct {
	w    io.Writer
	lead bool // the last write ended with 0xC2, which may begin a C1 character
	out  []byte
}

func newSafeWriter(w io.Writer) *safeWriter { return &safeWriter{w: w} }

func (s *safeWriter) Write(p []byte) (int, error) {
	out := s.out[:0]
	in := p
	if s.lead {
		s.lead = false
		in = append([]byte{0xc2}, p...)
	}
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			out = fmt.Appendf(out, `\u%04x`, c)
		case c == 0xc2 && i+1 == len(in):
			s.lead = true // the next write tells
		case c == 0xc2 && in[i+1] >= 0x80 && in[i+1] <= 0x9f:
			out = fmt.Appendf(out, `\u%04x`, in[i+1])
			i++
		default:
			out = append(out, c)
		}
	}
	s.out = out
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
