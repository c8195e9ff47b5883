package kit

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/db"
)

// bookText is words words of made-up prose in paragraphs of 40 to 160
// words, some words marked.
func bookText(words int) string {
	r := rand.New(rand.NewSource(1))
	vocab := strings.Fields("the harbour cranes moved containers negotiations between government officials and union continued into night while ships waited outside port authority said statement reporters")
	var b strings.Builder
	for n := 0; n < words; {
		for i, para := 0, 40+r.Intn(120); i < para && n < words; i++ {
			w := vocab[r.Intn(len(vocab))]
			if r.Intn(50) == 0 {
				w = db.MarkStart + w + db.MarkEnd
			}
			b.WriteString(w)
			if r.Intn(9) == 0 {
				fmt.Fprint(&b, r.Intn(100000))
			}
			b.WriteByte(' ')
			n++
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// A short text is laid out as WrappedText lays it out: the same height,
// the same lines, all of them.
func TestLongTextOfAShortTextIsWrappedText(t *testing.T) {
	test.NewTempApp(t)
	text := "First paragraph, long enough to wrap onto a second line at this width of the pane.\n\nSecond " +
		db.MarkStart + "word" + db.MarkEnd + " and more.\nA line of its own.\n\nThird."
	long, wrapped := NewLongText(BodyStyle, BodyMarkStyle), NewWrappedText(BodyStyle, BodyMarkStyle)
	long.SetMarked(text)
	wrapped.SetMarked(text)
	size := fyne.NewSize(260, 400)
	long.Resize(size)
	wrapped.Resize(size)
	test.WidgetRenderer(long).Layout(size)
	if got, want := long.MinSize().Height, wrapped.MinSize().Height; got != want {
		t.Errorf("height %v, WrappedText %v", got, want)
	}
	if got, want := long.shown.String(), wrapped.text.String(); got != want {
		t.Errorf("shown %q\nwant %q", got, want)
	}
	if first, last, rows := long.Shown(); first != 0 || last != rows {
		t.Errorf("shows rows %d to %d of %d", first, last, rows)
	}
	if long.String() != wrapped.String() {
		t.Errorf("String %q", long.String())
	}
}

// A book-length text hands the RichText only the lines around the view,
// each where it would be in one RichText of all the lines, and others as
// it scrolls.
func TestLongTextShowsOnlyTheLinesInView(t *testing.T) {
	test.NewTempApp(t)
	long := NewLongText(BodyStyle, BodyMarkStyle)
	top := float32(0)
	long.SetViewport(func() (float32, float32) { return top, 800 })
	long.SetMarked(bookText(136_593))
	size := fyne.NewSize(700, 800)
	long.Resize(size)
	test.WidgetRenderer(long).Layout(size)
	height := long.MinSize().Height
	first, last, rows := long.Shown()
	if rows < 10_000 || first != 0 || last-first > 300 {
		t.Fatalf("shows rows %d to %d of %d", first, last, rows)
	}
	check := func(what string) {
		t.Helper()
		first, last, _ := long.Shown()
		pos, h := long.shown.Position().Y, long.shown.MinSize().Height
		if pos > top || pos+h < top+800 {
			t.Errorf("%s: rows %d-%d drawn at %v-%v, the view is %v-%v", what, first, last, pos, pos+h, top, top+800)
		}
		// The rows are laid out as one RichText of every row would lay them.
		if want := long.tops[last] - long.tops[first] - long.metrics.spacing + 2*long.metrics.padding; h < want-0.1 || h > want+0.1 {
			t.Errorf("%s: the RichText of rows %d-%d is %v high, want %v", what, first, last, h, want)
		}
	}
	check("top")
	top = height / 2
	long.Update()
	check("middle")
	top = height - 800
	long.Update()
	check("end")
	if _, last, rows := long.Shown(); last != rows {
		t.Errorf("the end shows rows to %d of %d", last, rows)
	}
	if !strings.Contains(long.shown.String(), strings.TrimSpace(long.blocks[len(long.blocks)-1].spans[0].text[:20])) {
		t.Errorf("the end does not show the last paragraph")
	}
}

// BenchmarkLongText prints how long a book-length article takes to be
// shown: broken into lines and the first screenful laid out.
func BenchmarkLongText(b *testing.B) {
	test.NewTempApp(b)
	text := bookText(136_593)
	for b.Loop() {
		long := NewLongText(BodyStyle, BodyMarkStyle)
		long.SetMarked(text)
		long.Resize(fyne.NewSize(700, 800))
		test.WidgetRenderer(long).Layout(fyne.NewSize(700, 800))
	}
}
