package article

import (
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// languageSample bounds the text given to the detector: a few thousand
// characters are plenty and keep big files fast.
const languageSample = 1200

// minLanguageLetters is the least amount of text worth a guess.
const minLanguageLetters = 40

// detectLanguage returns the ISO 639-1 code of text's language, or "" when
// the detector is not confident.
func detectLanguage(text string) string {
	if len(text) > languageSample {
		text = text[:languageSample]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	letters := 0
	for _, r := range text {
		if r > ' ' {
			letters++
		}
	}
	if letters < minLanguageLetters {
		return ""
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// languageCode reduces a declared language tag ("en-GB", "fr_FR") to its
// ISO 639-1 code, or "" when it is not one.
func languageCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
