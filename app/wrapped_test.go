package app

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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
	got := normalizeParagraphs("One\r\nstill one\n\n\n\n  \nTwo  \n")
	if want := "One\nstill one\n\nTwo"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrappedTextKeepsParagraphsAndLimit(t *testing.T) {
	newTestUI(t) // a test app for the theme
	txt := newWrappedText(bodyStyle, bodyMarkStyle)
	txt.SetMarked("First paragraph.\n\nSecond " + db.MarkStart + "word" + db.MarkEnd + ".")
	if len(txt.blocks) != 2 || !txt.blocks[1].gap {
		t.Fatalf("blocks = %+v", txt.blocks)
	}
	if got := txt.String(); got != "First paragraph.\nSecond word." {
		t.Errorf("String = %q", got)
	}

	snippet := newSnippetText()
	snippet.Resize(snippet.MinSize().AddWidthHeight(120, 0))
	snippet.SetMarked(strings.Repeat("many words here ", 40))
	if !strings.HasSuffix(snippet.text.String(), ellipsis) {
		t.Errorf("a long snippet does not end with an ellipsis: %q", snippet.text.String())
	}
	if h, want := snippet.text.MinSize().Height, linesHeight(2, snippetStyle); h > want {
		t.Errorf("snippet is %v high, more than two lines (%v)", h, want)
	}
}

func TestArticleLinkOnlyForWebAddresses(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://example.com/a": true,
		"http://example.com/a":  true,
		"javascript:alert(1)":   false,
		"file:///etc/passwd":    false,
		"":                      false,
		"example.com/a":         false,
	} {
		if got := articleLink(raw) != nil; got != ok {
			t.Errorf("articleLink(%q) offered = %v, want %v", raw, got, ok)
		}
	}
}

func TestFormatting(t *testing.T) {
	if got := thousands(1234567); got != "1,234,567" {
		t.Errorf("thousands = %q", got)
	}
	if got := readingTime(461); got != "3 min" {
		t.Errorf("readingTime(461) = %q", got)
	}
	if got := readingTime(0); got != "1 min" {
		t.Errorf("readingTime(0) = %q", got)
	}
	if got := byteSize(12_345_678); got != "12.3 MB" {
		t.Errorf("byteSize = %q", got)
	}
}
