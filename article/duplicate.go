package article

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeForDuplicate returns the text used to detect duplicates: the same
// article gives the same string whatever its file name, format or
// typographic quirks. It is the title and body, compatibility-folded (NFKC),
// lowercased, with punctuation and symbols dropped and whitespace collapsed.
func NormalizeForDuplicate(a Article) string {
	s := norm.NFKC.String(normalizeText(a.Title + "\n" + a.Body))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			b.WriteRune(r) // combining marks are part of their letter
		case r == '\'' || r == '’':
			// "don't" and "don’t" and "dont" compare equal
		default:
			space = true
		}
	}
	return b.String()
}
