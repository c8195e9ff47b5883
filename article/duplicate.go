package article

import (
	"strings"
	"unicode"
)

// DuplicateText is what makes two articles the same article, as the
// archive tells duplicates (db.ContentHash hashes it): the title and the
// body with case, punctuation and spacing folded away — letters and digits
// lower-cased, every other run of characters a single space — so the same
// story saved as a page, copied as text or exported as Markdown is one
// article. It is the rule every archive's stored hashes were made with:
// changing it would need them all made again.
func DuplicateText(a Article) string {
	var b strings.Builder
	foldForDuplicate(&b, a.Title)
	b.WriteByte(0)
	foldForDuplicate(&b, a.Body)
	return b.String()
}

func foldForDuplicate(b *strings.Builder, s string) {
	start := b.Len()
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > start {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
}
