// Package clipboard reads what the user copied, as richly as the system
// offers it: on X11 it asks the clipboard's owner for its formats and
// takes a browser's HTML and the page's address rather than flat text,
// and a file manager's copied files; elsewhere the caller hands it the
// text its toolkit gives (FromText). It decides what a paste is — files,
// a web address, a page's HTML or text — and knows nothing of importing.
package clipboard

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/clippings/clippings/internal/safeurl"
)

// Kind is what a paste holds.
type Kind int

const (
	Nothing Kind = iota // nothing Clippings can import
	Paths               // files, folders or web addresses to import
	HTML                // a page's HTML (a selection copied in a browser)
	Text                // plain text
)

// Clip is what was on the clipboard, ready to import.
type Clip struct {
	Kind Kind
	// Paths are local files and folders (copied in a file manager) and
	// web addresses (a copied link): what to import as they are.
	Paths []string
	// Data is the HTML or the text, in UTF-8.
	Data []byte
	// Source is the address of the page the selection was copied from,
	// when the browser offers it.
	Source string
	// Offered lists the formats the clipboard offered (for messages).
	Offered []string
}

// Targets, in X11's terms (the names of the formats an owner offers).
const (
	targetGnomeFiles = "x-special/gnome-copied-files" // GNOME Files, Caja, Nemo
	targetURIList    = "text/uri-list"                // KDE's Dolphin, Thunar, PCManFM; also links
	targetKDEURIList = "application/x-kde4-urilist"
	targetHTML       = "text/html"
	targetChromeURL  = "chromium/x-source-url" // Chromium: the page a selection was copied from
	targetMozURL     = "text/x-moz-url-priv"   // Firefox: the same, in UTF-16
)

// textTargets are plain-text formats, best first: the ones that say they
// are UTF-8, then the others (STRING is Latin-1 by definition).
var textTargets = []string{"text/plain;charset=utf-8", "UTF8_STRING", "text/plain", "STRING", "TEXT"}

// Plan is which of the offered formats to read for each use; "" where
// none is offered.
type Plan struct {
	Files  string // a list of files or addresses
	HTML   string
	Text   string
	Source string // the page's address
}

// Choose picks the formats to read from those offered: a file manager's
// list of files, a browser's HTML (headings, captions, links: far better
// material for extraction than flat text) with the page's address, and
// the best plain text.
func Choose(offered []string) Plan {
	has := map[string]bool{}
	for _, t := range offered {
		has[t] = true
	}
	first := func(candidates ...string) string {
		for _, c := range candidates {
			if has[c] {
				return c
			}
		}
		return ""
	}
	return Plan{
		Files:  first(targetGnomeFiles, targetURIList, targetKDEURIList),
		HTML:   first(targetHTML),
		Text:   first(textTargets...),
		Source: first(targetChromeURL, targetMozURL),
	}
}

// Decide reads what a plan needs through read, in order, and makes a Clip
// of it. Reading stops at the first use that holds something: files; a
// text that is one web address (a copied link, fetched rather than kept
// as text); HTML; text. read returns nil for a format that turned out
// empty or unreadable.
func Decide(offered []string, read func(target string) []byte) Clip {
	plan := Choose(offered)
	clip := Clip{Offered: offered}
	if plan.Files != "" {
		if paths := parseFileList(read(plan.Files)); len(paths) > 0 {
			clip.Kind, clip.Paths = Paths, paths
			return clip
		}
	}
	var text []byte
	if plan.Text != "" {
		text = decodeText(plan.Text, read(plan.Text))
		if address := singleAddress(text); address != "" {
			clip.Kind, clip.Paths = Paths, []string{address}
			return clip
		}
	}
	if plan.HTML != "" {
		if html := decodeHTML(read(plan.HTML)); len(bytes.TrimSpace(html)) > 0 {
			clip.Kind, clip.Data = HTML, html
			if plan.Source != "" {
				clip.Source = singleAddress(decodeText(plan.Source, read(plan.Source)))
			}
			return clip
		}
	}
	if len(bytes.TrimSpace(text)) > 0 {
		clip.Kind, clip.Data = Text, text
		if plan.Source != "" {
			clip.Source = singleAddress(decodeText(plan.Source, read(plan.Source)))
		}
	}
	return clip
}

// FromText makes a Clip of plain text, as a toolkit's clipboard gives it
// on systems where only text is read (Windows, macOS, Wayland).
func FromText(s string) Clip {
	return Decide([]string{"text/plain;charset=utf-8"}, func(string) []byte { return []byte(s) })
}

// parseFileList reads a text/uri-list or GNOME's list ("copy" or "cut",
// then one URI a line) into local paths and web addresses.
func parseFileList(data []byte) []string {
	var out []string
	for i, line := range strings.Split(string(decodeHTML(data)), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || (i == 0 && (line == "copy" || line == "cut")) {
			continue
		}
		u, err := url.Parse(line)
		if err != nil {
			continue
		}
		switch {
		case u.Scheme == "file" && (u.Host == "" || u.Host == "localhost") && u.Path != "":
			out = append(out, u.Path)
		case u.Scheme == "http" || u.Scheme == "https":
			if web, ok := safeurl.SafeURL(line); ok {
				out = append(out, web.String())
			}
		}
	}
	return out
}

// singleAddress is text's web address when text is one and nothing else.
func singleAddress(text []byte) string {
	if u, ok := safeurl.SafeURL(string(text)); ok {
		return u.String()
	}
	return ""
}

// decodeText makes a text format's bytes UTF-8: STRING is Latin-1, a
// text/plain that is not valid UTF-8 is taken as Latin-1 too, and
// Firefox's private formats are UTF-16.
func decodeText(target string, data []byte) []byte {
	data = decodeUTF16(data)
	data = bytes.TrimRight(data, "\x00")
	if target == "STRING" || (!utf8.Valid(data) && (target == "text/plain" || target == "TEXT")) {
		if out, err := charmap.ISO8859_1.NewDecoder().Bytes(data); err == nil {
			return out
		}
	}
	return data
}

// decodeHTML makes HTML that some browsers put on the clipboard in
// UTF-16 UTF-8, dropping the NUL some owners end their data with.
func decodeHTML(data []byte) []byte {
	return bytes.TrimRight(decodeUTF16(data), "\x00")
}

// decodeUTF16 turns UTF-16 (with a byte-order mark, or little-endian
// without one, as Firefox writes its private formats) into UTF-8; other
// bytes are returned as they are.
func decodeUTF16(data []byte) []byte {
	bigEndian := false
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		data = data[2:]
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		data, bigEndian = data[2:], true
	case !looksUTF16LE(data):
		return data
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
	}
	for len(units) > 0 && units[len(units)-1] == 0 {
		units = units[:len(units)-1]
	}
	var b strings.Builder
	for _, r := range utf16.Decode(units) {
		b.WriteRune(r)
	}
	return []byte(b.String())
}

// looksUTF16LE: ASCII-heavy text in UTF-16LE has a NUL in every odd byte.
func looksUTF16LE(data []byte) bool {
	n := min(len(data), 200) &^ 1
	if n < 4 {
		return false
	}
	zeros := 0
	for i := 1; i < n; i += 2 {
		if data[i] == 0 && data[i-1] != 0 {
			zeros++
		}
	}
	return zeros*4 >= n // at least half of the pairs
}
