package article

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// spaceLike are characters shown as a blank that must compare as a space.
var invisibleReplacer = strings.NewReplacer(
	"\u00AD", "", // soft hyphen: only a hint where a word may break
	"\u200B", "", // zero-width space
	"\u200C", "", // zero-width non-joiner
	"\u2060", "", // word joiner
	"\uFEFF", "", // stray byte-order mark
	"\u00A0", " ", // no-break space
	"\u2007", " ", // figure space
	"\u202F", " ", // narrow no-break space
	"\u3000", " ", // ideographic space
	"\r\n", "\n",
	"\r", "\n",
	"\u2028", "\n", // line separator
	"\u2029", "\n\n", // paragraph separator
	"\f", "\n",
	"\v", "\n",
)

// normalizeText prepares decoded text for parsing: NFC, no soft hyphens or
// zero-width characters, NBSP as a space, "\n" line ends, no control
// characters. Line structure is kept.
func normalizeText(s string) string {
	s = norm.NFC.String(s)
	s = invisibleReplacer.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\uFFFD':
			return r
		case unicode.IsControl(r), unicode.Is(unicode.Co, r):
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}

// cleanInline normalises a one-line field (title, author, caption): all
// whitespace runs become one space.
func cleanInline(s string) string {
	return strings.Join(strings.Fields(normalizeText(s)), " ")
}

// cleanBody normalises a body: each paragraph on one line with its spaces
// collapsed, paragraphs separated by exactly one blank line.
func cleanBody(s string) string {
	paras := splitParagraphs(normalizeText(s))
	return strings.Join(paras, "\n\n")
}

// splitParagraphs splits text on blank lines; lines within a paragraph are
// kept as separate paragraphs too, since copied text puts one block per line.
func splitParagraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if l := strings.Join(strings.Fields(line), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// countWords counts runs of letters and digits, the way readers count words.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '\'' || r == '’' || r == '-'
		if w && !in && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			n++
			in = true
		} else if !w {
			in = false
		}
	}
	return n
}
