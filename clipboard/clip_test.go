package clipboard

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// What programs offer after "copy", as checked on X11.
var (
	chromiumOffers = []string{"TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "text/html", "text/plain;charset=utf-8", "UTF8_STRING", "STRING", "TEXT", "chromium/x-source-url"}
	firefoxOffers  = []string{"TIMESTAMP", "TARGETS", "MULTIPLE", "text/html", "text/_moz_htmlcontext", "text/_moz_htmlinfo", "UTF8_STRING", "COMPOUND_TEXT", "TEXT", "STRING", "text/plain;charset=utf-8", "text/plain", "text/x-moz-url-priv"}
	nautilusOffers = []string{"TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "x-special/gnome-copied-files", "text/uri-list", "UTF8_STRING", "text/plain;charset=utf-8", "text/plain"}
	dolphinOffers  = []string{"TARGETS", "MULTIPLE", "SAVE_TARGETS", "TIMESTAMP", "application/x-kde4-urilist", "text/uri-list", "application/x-kde-cutselection", "text/plain", "text/plain;charset=utf-8"}
	editorOffers   = []string{"TARGETS", "TIMESTAMP", "UTF8_STRING", "COMPOUND_TEXT", "TEXT", "STRING"}
	xtermOffers    = []string{"TARGETS", "STRING", "TEXT"}
	imageOffers    = []string{"TARGETS", "image/png", "image/bmp"}
)

func TestChoose(t *testing.T) {
	for _, tc := range []struct {
		name    string
		offered []string
		want    Plan
	}{
		{"Chromium", chromiumOffers, Plan{HTML: "text/html", Text: "text/plain;charset=utf-8", Source: "chromium/x-source-url"}},
		{"Firefox", firefoxOffers, Plan{HTML: "text/html", Text: "text/plain;charset=utf-8", Source: "text/x-moz-url-priv"}},
		{"GNOME Files", nautilusOffers, Plan{Files: "x-special/gnome-copied-files", Text: "text/plain;charset=utf-8"}},
		{"Dolphin", dolphinOffers, Plan{Files: "text/uri-list", Text: "text/plain;charset=utf-8"}},
		{"a text editor", editorOffers, Plan{Text: "UTF8_STRING"}},
		{"xterm", xtermOffers, Plan{Text: "STRING"}},
		{"an image", imageOffers, Plan{}},
		{"nothing", nil, Plan{}},
	} {
		if got := Choose(tc.offered); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

const selectionHTML = `<meta charset='utf-8'><h1 style="font-size: 2em;">Ferries return to the islands</h1><p>The ferries sailed again on Monday.</p>`

func TestDecide(t *testing.T) {
	for _, tc := range []struct {
		name    string
		offered []string
		data    map[string][]byte
		want    Clip
		read    []string // the formats read, in order
	}{
		{
			name:    "a selection copied in Chromium: its HTML and the page's address",
			offered: chromiumOffers,
			data: map[string][]byte{"text/html": []byte(selectionHTML), "text/plain;charset=utf-8": []byte("Ferries return to the islands\nThe ferries sailed again on Monday."),
				"chromium/x-source-url": []byte("https://courier.example/ferries")},
			want: Clip{Kind: HTML, Data: []byte(selectionHTML), Source: "https://courier.example/ferries"},
			read: []string{"text/plain;charset=utf-8", "text/html", "chromium/x-source-url"},
		},
		{
			name:    "a selection copied in Firefox: the address in UTF-16",
			offered: firefoxOffers,
			data: map[string][]byte{"text/html": []byte(selectionHTML), "text/plain;charset=utf-8": []byte("Ferries return"),
				"text/x-moz-url-priv": utf16le("https://courier.example/ferries#top")},
			want: Clip{Kind: HTML, Data: []byte(selectionHTML), Source: "https://courier.example/ferries#top"},
			read: []string{"text/plain;charset=utf-8", "text/html", "text/x-moz-url-priv"},
		},
		{
			name:    "HTML in UTF-16 with a byte-order mark becomes UTF-8",
			offered: []string{"text/html"},
			data:    map[string][]byte{"text/html": append([]byte{0xff, 0xfe}, utf16le("<p>Ça va, Zoë</p>\x00")...)},
			want:    Clip{Kind: HTML, Data: []byte("<p>Ça va, Zoë</p>")},
			read:    []string{"text/html"},
		},
		{
			name:    "a copied link is fetched, not kept as text",
			offered: chromiumOffers,
			data:    map[string][]byte{"text/plain;charset=utf-8": []byte("  https://courier.example/ferries?id=3\n"), "text/html": []byte(`<a href="https://courier.example/ferries?id=3">Ferries</a>`)},
			want:    Clip{Kind: Paths, Paths: []string{"https://courier.example/ferries?id=3"}},
			read:    []string{"text/plain;charset=utf-8"},
		},
		{
			name:    "files copied in GNOME Files",
			offered: nautilusOffers,
			data:    map[string][]byte{"x-special/gnome-copied-files": []byte("copy\nfile:///home/ana/Saved%20pages/ferries.html\nfile:///home/ana/notes.md")},
			want:    Clip{Kind: Paths, Paths: []string{"/home/ana/Saved pages/ferries.html", "/home/ana/notes.md"}},
			read:    []string{"x-special/gnome-copied-files"},
		},
		{
			name:    "a URI list with a comment, a link and a remote file",
			offered: dolphinOffers,
			data:    map[string][]byte{"text/uri-list": []byte("# from Dolphin\r\nfile:///tmp/a.txt\r\nhttps://courier.example/x\r\nfile://otherhost/b.txt\r\nsmb://server/c.txt\r\n")},
			want:    Clip{Kind: Paths, Paths: []string{"/tmp/a.txt", "https://courier.example/x"}},
			read:    []string{"text/uri-list"},
		},
		{
			name:    "an empty file list falls back to text",
			offered: nautilusOffers,
			data:    map[string][]byte{"x-special/gnome-copied-files": []byte("copy\n"), "text/plain;charset=utf-8": []byte("some words")},
			want:    Clip{Kind: Text, Data: []byte("some words")},
			read:    []string{"x-special/gnome-copied-files", "text/plain;charset=utf-8"},
		},
		{
			name:    "xterm's Latin-1",
			offered: xtermOffers,
			data:    map[string][]byte{"STRING": []byte("Caf\xe9 de la gare\n")},
			want:    Clip{Kind: Text, Data: []byte("Café de la gare\n")},
			read:    []string{"STRING"},
		},
		{
			name:    "empty HTML falls back to the text",
			offered: chromiumOffers,
			data:    map[string][]byte{"text/html": []byte(" \x00"), "text/plain;charset=utf-8": []byte("Just text")},
			want:    Clip{Kind: Text, Data: []byte("Just text")},
			read:    []string{"text/plain;charset=utf-8", "text/html", "chromium/x-source-url"},
		},
		{
			name:    "an image",
			offered: imageOffers,
			want:    Clip{Kind: Nothing},
		},
	} {
		var read []string
		got := Decide(tc.offered, func(target string) []byte {
			read = append(read, target)
			return tc.data[target]
		})
		tc.want.Offered = tc.offered
		if got.Kind != tc.want.Kind || string(got.Data) != string(tc.want.Data) || got.Source != tc.want.Source || !slices.Equal(got.Paths, tc.want.Paths) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, show(got), show(tc.want))
		}
		if !slices.Equal(read, tc.read) {
			t.Errorf("%s: read %v, want %v", tc.name, read, tc.read)
		}
	}
}

func show(c Clip) any {
	return struct {
		Kind   Kind
		Paths  []string
		Data   string
		Source string
	}{c.Kind, c.Paths, string(c.Data), c.Source}
}

func TestFromText(t *testing.T) {
	if c := FromText("https://courier.example/a"); c.Kind != Paths || !slices.Equal(c.Paths, []string{"https://courier.example/a"}) {
		t.Errorf("an address: %+v", c)
	}
	if c := FromText("Headline\n\nBody text."); c.Kind != Text || string(c.Data) != "Headline\n\nBody text." {
		t.Errorf("text: %+v", c)
	}
	if c := FromText("  \n"); c.Kind != Nothing {
		t.Errorf("blank: %+v", c)
	}
	if c := FromText("see https://a.example and https://b.example"); c.Kind != Text {
		t.Errorf("text with addresses in it is text: %+v", c)
	}
}

func TestDecodeUTF16(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		want string
	}{
		{utf16le("https://a.example/x"), "https://a.example/x"},
		{append([]byte{0xfe, 0xff}, 0, 'h', 0, 'i'), "hi"},
		{[]byte("plain ASCII stays"), "plain ASCII stays"},
		{[]byte("héllo wörld in UTF-8"), "héllo wörld in UTF-8"},
		{utf16le("Zoë\x00"), "Zoë"},
	} {
		if got := string(decodeUTF16(tc.in)); got != tc.want {
			t.Errorf("decodeUTF16(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzDecide feeds what a hostile or broken clipboard owner might send:
// any bytes in any format. Decide must not fail, and what it keeps is UTF-8
// with only web addresses and absolute paths to import.
func FuzzDecide(f *testing.F) {
	f.Add("text/html", []byte(selectionHTML), "text/x-moz-url-priv", utf16le("https://a.example/x"))
	f.Add("x-special/gnome-copied-files", []byte("copy\nfile:///tmp/a%20b.txt\nhttps://a.example/\n"), "STRING", []byte("Caf\xe9"))
	f.Add("text/uri-list", []byte("#c\r\nfile://localhost/x\r\n"), "UTF8_STRING", []byte("\xff\xfe\x00\xd8"))
	f.Fuzz(func(t *testing.T, target string, data []byte, target2 string, data2 []byte) {
		c := Decide([]string{target, target2, "UTF8_STRING"}, func(tg string) []byte {
			switch tg {
			case target:
				return data
			case target2:
				return data2
			}
			return data
		})
		for _, p := range c.Paths {
			if !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "http://") && !strings.HasPrefix(p, "https://") {
				t.Errorf("would import %q", p)
			}
		}
		if c.Source != "" && !strings.HasPrefix(c.Source, "http") {
			t.Errorf("source %q", c.Source)
		}
		if c.Kind == HTML && len(bytes.TrimSpace(c.Data)) == 0 {
			t.Error("empty HTML kept")
		}
	})
}
