package kit

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/db"
)

func TestSplitMarks(t *testing.T) {
	m := func(s string) string { return db.MarkStart + s + db.MarkEnd }
	got := splitMarks("at the " + m("negotiating") + " " + m("table") + "” to" + db.MarkEnd + " end " + db.MarkStart + "open")
	want := []span{{"at the ", false}, {"negotiating", true}, {" ", false}, {"table", true}, {"” to end ", false}, {"open", true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitMarks = %+v\nwant %+v", got, want)
	}
}

// oneUnitPerRune measures text as one unit per character.
func oneUnitPerRune(w word) float32 { return float32(utf8.RuneCountInString(w.text)) }

func lineTexts(lines [][]word) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, w := range l {
			b.WriteString(w.text)
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

func TestBreakLinesWrapsAtSpacesAndCutsLongWords(t *testing.T) {
	words := paragraphWords([]span{{"the quick brown ", false}, {"fox", true}, {" jumps over supercalifragilistic", false}})
	got := lineTexts(breakLines(words, 10, oneUnitPerRune))
	want := []string{"the quick", "brown fox", "jumps over", "supercalif", "ragilistic"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %q\nwant %q", got, want)
	}
}

func TestWithEllipsisMakesRoom(t *testing.T) {
	line := paragraphWords([]span{{"brown fox", false}})
	got := lineTexts([][]word{withEllipsis(line, 9, oneUnitPerRune)})
	if got[0] != "brown…" {
		t.Errorf("got %q, want %q", got[0], "brown…")
	}
}

func TestNormalizeParagraphs(t *testing.T) {
	got := NormalizeParagraphs("One\r\nstill one\n\n\n\n  \nTwo  \n")
	if want := "One\nstill one\n\nTwo"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrappedTextKeepsParagraphsAndLimit(t *testing.T) {
	test.NewTempApp(t) // for the theme
	txt := NewWrappedText(BodyStyle, BodyMarkStyle)
	txt.SetMarked("First paragraph.\n\nSecond " + db.MarkStart + "word" + db.MarkEnd + ".")
	if len(txt.blocks) != 2 || !txt.blocks[1].gap {
		t.Fatalf("blocks = %+v", txt.blocks)
	}
	if got := txt.String(); got != "First paragraph.\nSecond word." {
		t.Errorf("String = %q", got)
	}

	snippet := NewSnippetText()
	snippet.Resize(snippet.MinSize().AddWidthHeight(120, 0))
	snippet.SetMarked(strings.Repeat("many words here ", 40))
	if !strings.HasSuffix(snippet.text.String(), Ellipsis) {
		t.Errorf("a long snippet does not end with an ellipsis: %q", snippet.text.String())
	}
	if h, want := snippet.text.MinSize().Height, linesHeight(2, SnippetStyle); h > want {
		t.Errorf("snippet is %v high, more than two lines (%v)", h, want)
	}
}
