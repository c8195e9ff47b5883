package neardup

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FNV-1a constants: word hashes are built byte by byte while normalising,
// so no word string is ever allocated.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// specialFolds are letters that have no canonical decomposition but that
// outlets spell both ways ("Straße"/"Strasse", "Søren"/"Soren").
var specialFolds = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'þ': "th", 'Þ': "th", 'ı': "i",
}

// paragraphBreak is what wordHashes appends for a blank line; no word hashes
// to it.
const paragraphBreak = 0

// wordHashes appends to dst one hash per normalised word of text, and
// paragraphBreak between paragraphs (at blank lines). Words are lower-case,
// diacritics and compatibility forms folded, punctuation as separator,
// apostrophes inside a word dropped ("Mali’s" = "Mali's" = "malis"). Scripts
// written without spaces (Chinese, Japanese, Thai) count each character as a
// word, so their texts still make useful shingles.
func wordHashes(dst []uint64, text string) []uint64 {
	h := uint64(fnvOffset)
	inWord := false
	newlines := 0 // since the last word
	end := func() {
		if inWord {
			if h == paragraphBreak {
				h = 1
			}
			dst = append(dst, h)
			h, inWord = fnvOffset, false
		}
	}
	add := func(b byte) {
		if newlines >= 2 && len(dst) > 0 && dst[len(dst)-1] != paragraphBreak {
			dst = append(dst, paragraphBreak)
		}
		newlines = 0
		h = (h ^ uint64(b)) * fnvPrime
		inWord = true
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\n':
				end()
				newlines++
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				add(c)
			case 'A' <= c && c <= 'Z':
				add(c + 'a' - 'A')
			case c == '\'':
				// Inside a word it joins ("don't"); elsewhere it is a quote mark.
				if !inWord {
					end()
				}
			default:
				end()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == '\u2029': // paragraph separator
			end()
			newlines += 2
		case r == '’' || r == 'ʼ':
			if !inWord {
				end()
			}
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r):
			end()
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
				add(b)
			}
			end()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if s, ok := specialFolds[r]; ok {
				for j := 0; j < len(s); j++ {
					add(s[j])
				}
				continue
			}
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], r)
			d := norm.NFKD.Properties(buf[:n]).Decomposition()
			if d == nil {
				d = buf[:n]
			}
			for len(d) > 0 {
				dr, ds := utf8.DecodeRune(d)
				d = d[ds:]
				if unicode.Is(unicode.Mn, dr) {
					continue
				}
				if !unicode.IsLetter(dr) && !unicode.IsDigit(dr) {
					// Compatibility forms such as "½" decompose into punctuation.
					end()
					continue
				}
				dr = unicode.ToLower(dr)
				var lb [utf8.UTFMax]byte
				for _, b := range lb[:utf8.EncodeRune(lb[:], dr)] {
					add(b)
				}
			}
		case unicode.Is(unicode.Mn, r):
			// A combining accent written apart from its letter (NFD text).
		default:
			end()
		}
	}
	end()
	return dst
}
