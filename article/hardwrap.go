package article

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file rejoins hard-wrapped text: wire copy, e-mailed articles and
// fixed-width dumps break lines at 60–80 columns and mark paragraphs with a
// blank line or an indented first line. Copied web pages put a paragraph on
// one line; wrapped text must become that before its lines are judged.
//
// A break is a wrap when the next line's first word would not have fitted
// on the line (the formatter moved it down), or when the next line goes on
// in lower case; it is kept where the next line is indented (a new
// paragraph), is a list item or a table row, or after a short line (a
// heading, a paragraph's last line). Inside a block of lines set apart by
// blank lines, lines are joined unless one of those says otherwise.

// wrapMinLine: shorter lines say nothing of the wrapping width.
const wrapMinLine = 25

// wrapSlack: how far past the wrapping width a line may run (a word too
// long to break) in wrapped text.
const wrapSlack = 10

// wrapMaxWidth: texts whose lines are longer were not wrapped by a
// formatter (copied pages hold whole paragraphs on a line).
const wrapMaxWidth = 160

// wrapLine is one line of text as unwrapping sees it.
type wrapLine struct {
	text   string // without the indentation and trailing spaces
	indent int    // columns of indentation (tabs to the next multiple of 8)
	width  int    // indent + runes of text
}

func (l wrapLine) blank() bool { return l.text == "" }

// unwrapText rejoins the paragraphs of hard-wrapped text, one per line and
// separated by blank lines; list items and table rows keep their own line.
// It returns text as it is, and false, when the text is not hard-wrapped.
func unwrapText(text string) (string, bool) {
	lines := splitWrapLines(text)
	width, ok := wrapWidth(lines)
	if !ok {
		return text, false
	}
	base := baseIndent(lines)
	blockMarked := blankMarked(lines)
	var b strings.Builder
	b.Grow(len(text))
	var para strings.Builder
	flush := func() {
		if para.Len() > 0 {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(para.String())
			para.Reset()
		}
	}
	for i, l := range lines {
		if l.blank() {
			flush()
			continue
		}
		if para.Len() == 0 {
			para.WriteString(l.text)
		} else {
			prev := lines[i-1]
			switch {
			case !joins(prev, l, width, base, blockMarked):
				flush()
				para.WriteString(l.text)
			case splitWord(prev.text, l.text):
				if dehyphenate(prev.text, l.text, text) {
					s := para.String()
					para.Reset()
					para.WriteString(s[:len(s)-1])
				}
				para.WriteString(l.text)
			default:
				para.WriteByte(' ')
				para.WriteString(l.text)
			}
		}
	}
	flush()
	return b.String(), true
}

func splitWrapLines(text string) []wrapLine {
	raw := strings.Split(text, "\n")
	out := make([]wrapLine, len(raw))
	for i, r := range raw {
		r = strings.TrimRightFunc(r, unicode.IsSpace)
		indent, j := 0, 0
		for j < len(r) && (r[j] == ' ' || r[j] == '\t') {
			if r[j] == '\t' {
				indent = (indent/8 + 1) * 8
			} else {
				indent++
			}
			j++
		}
		t := r[j:]
		out[i] = wrapLine{text: t, indent: indent, width: indent + utf8.RuneCountInString(t)}
	}
	return out
}

// wrapWidth decides whether lines were hard-wrapped and at which width:
// most long lines end near one width, none runs far past it, and most
// breaks after a long line fall inside a sentence or split a line that
// could not hold the next word.
func wrapWidth(lines []wrapLine) (int, bool) {
	// A wrapped line is followed by the rest of its paragraph: lines before
	// a blank line (headlines, paragraphs' last lines) do not show the width.
	var widths []int
	first := -1
	for i, l := range lines {
		if first < 0 && !l.blank() {
			first = i
		}
		// (structured last: it is the dear test, and most lines fail another)
		if i+1 < len(lines) && !lines[i+1].blank() && l.width >= wrapMinLine && l.width <= wrapMaxWidth && !structured(l) {
			widths = append(widths, l.width)
		}
	}
	// One wrapped line tells enough only in a short text (a brief).
	if len(widths) == 0 || len(widths) == 1 && nonBlank(lines) > maxBriefLines {
		return 0, false
	}
	slices.Sort(widths)
	width := widths[len(widths)*19/20]
	near, over := 0, 0
	for _, w := range widths {
		if w*10 >= width*7 {
			near++
		}
	}
	// No line runs past the width, but for a long word or the headline.
	for i, l := range lines {
		if i != first && l.width > width+wrapSlack && strings.Contains(l.text, " ") && !structured(l) {
			over++
		}
	}
	if near*2 < len(widths) || over*10 > len(widths) {
		return 0, false
	}
	pairs, soft := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		a, b := lines[i], lines[i+1]
		if a.blank() || b.blank() || a.width*10 < width*6 || structured(a) || structured(b) && !midSentenceNumber(a, b) {
			continue
		}
		pairs++
		if startsLower(b.text) || !endsSentence(a.text) && !fits(a, b, width) {
			soft++
		}
	}
	if soft == 0 || soft*10 < pairs*3 {
		return 0, false
	}
	return width, true
}

// maxBriefLines: a text this short may show its wrapping in one line.
const maxBriefLines = 6

func nonBlank(lines []wrapLine) int {
	n := 0
	for _, l := range lines {
		if !l.blank() {
			n++
		}
	}
	return n
}

// fits reports whether b's first word would have fitted at the end of a.
func fits(a, b wrapLine, width int) bool {
	first, _, _ := strings.Cut(b.text, " ")
	return a.width+1+utf8.RuneCountInString(first) <= width
}

// baseIndent is the indentation most non-blank lines share: a line set
// further in starts a paragraph.
func baseIndent(lines []wrapLine) int {
	counts := map[int]int{}
	best, bestN := 0, 0
	for _, l := range lines {
		if l.blank() {
			continue
		}
		counts[l.indent]++
		if n := counts[l.indent]; n > bestN || n == bestN && l.indent < best {
			best, bestN = l.indent, n
		}
	}
	return best
}

// blankMarked reports whether blank lines set the paragraphs apart: blocks
// of several lines between them.
func blankMarked(lines []wrapLine) bool {
	blocks, multi, run := 0, 0, 0
	for i := 0; i <= len(lines); i++ {
		if i < len(lines) && !lines[i].blank() {
			run++
			continue
		}
		if run > 0 {
			blocks++
			if run > 1 {
				multi++
			}
		}
		run = 0
	}
	return blocks >= 2 && multi >= 1
}

// joins reports whether line b goes on the paragraph that line a is in.
func joins(a, b wrapLine, width, base int, blockMarked bool) bool {
	switch {
	case midSentenceNumber(a, b):
		return true // "… erscheint am" "5. November …": no numbered item
	case structured(b) && !continuesItem(a, b), structured(a) && !isListItem(a.text):
		return false
	case startsLower(b.text) && b.indent <= max(a.indent, base):
		return true
	case b.indent > base:
		return false // an indented first line
	case a.width*2 < width:
		return false // a heading, or a paragraph's last line
	case blockMarked:
		return true
	}
	return !fits(a, b, width)
}

// midSentenceNumber reports whether b only looks like a numbered item
// ("5. November 2021", "100. Geburtstag"): the line before it goes on
// mid-sentence, at b's indentation or further in, and is no item itself.
func midSentenceNumber(a, b wrapLine) bool {
	if bulletPrefix(b.text) != "" || !numberedRe.mayMatch(b.text) || !numberedRe.MatchString(b.text) {
		return false
	}
	return !endsSentence(a.text) && !structured(a) && b.indent <= a.indent && a.text != ""
}

// continuesItem reports whether b carries on list item a, aligned with
// its text.
func continuesItem(a, b wrapLine) bool {
	if !isListItem(a.text) || isListItem(b.text) || tableRow(b.text) {
		return false
	}
	return b.indent > a.indent
}

// structured reports whether a line keeps a line of its own: a list item,
// a table row, a rule.
func structured(l wrapLine) bool {
	return isListItem(l.text) || tableRow(l.text) || isRule(l.text)
}

func isListItem(t string) bool {
	if m := bulletPrefix(t); m != "" && m != t {
		return true
	}
	return numberedRe.mayMatch(t) && numberedRe.MatchString(t)
}

// tableRow reports whether a line holds columns: cells set apart by a tab,
// a bar, or runs of spaces.
func tableRow(t string) bool {
	return strings.Count(t, "|") >= 2 || strings.ContainsRune(t, '\t') || strings.Contains(t, "   ")
}

// isRule reports whether a line is only a rule drawn with - = _ * ~.
func isRule(t string) bool {
	return len(t) >= 3 && strings.Trim(t, "-=_*~ ") == ""
}

// splitWord reports whether line a ends in a word broken at a hyphen and
// b goes on with it: the two join without a space. (Not a suspended
// hyphen: "Quell- und Informationslinks", "pre- and post-war".)
func splitWord(a, b string) bool {
	if !strings.HasSuffix(a, "-") || !startsLower(b) {
		return false
	}
	if next, _, _ := strings.Cut(b, " "); conjunctions[next] {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
	return unicode.IsLetter(r)
}

// conjunctions follow a suspended hyphen.
var conjunctions = map[string]bool{"and": true, "or": true, "to": true, "und": true, "oder": true, "bis": true, "sowie": true,
	"et": true, "ou": true, "y": true, "o": true, "e": true, "en": true, "of": true}

// dehyphenate reports whether the hyphen ending line a (see splitWord) was
// put there by the wrap ("negoti-" "ations") rather than being the word's
// own ("long-" "term"): the hyphenated form is nowhere else in text.
func dehyphenate(a, b, text string) bool {
	left := a[:len(a)-1]
	i := strings.LastIndexFunc(left, func(r rune) bool { return !unicode.IsLetter(r) })
	word := left[i+1:]
	right, _, _ := strings.Cut(b, " ")
	right = strings.TrimRightFunc(right, func(r rune) bool { return !unicode.IsLetter(r) })
	return !strings.Contains(text, word+"-"+right)
}
