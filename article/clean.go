package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	if isPlainASCII(s) {
		return s // nothing to normalise
	}
	s = norm.NFC.String(s)
	if !utf8.ValidString(s) {
		return strings.Map(normalizeRune, invisibleReplacer.Replace(s))
	}
	return replaceAndMap(s)
}

// normalizeRune is the last step of normalizeText.
func normalizeRune(r rune) rune {
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
}

// isPlainASCII reports whether s holds only printable ASCII, line feeds
// and tabs: normalizeText leaves such text as it is.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' || c > '~') && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// replaceAndMap is strings.Map(normalizeRune, invisibleReplacer.Replace(s))
// for valid UTF-8, in one pass, copying s only when something changes.
func replaceAndMap(s string) string {
	var b []byte // the output once it differs from s; nil until then
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c <= '~' || c == '\n' || c == '\t' {
			if b != nil {
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var out string // the replacement, when it is not r itself
		same := false
		switch r {
		case '\u00AD', '\u200B', '\u200C', '\u2060', '\uFEFF':
			out = ""
		case '\u00A0', '\u2007', '\u202F', '\u3000':
			out = " "
		case '\r':
			out = "\n"
			if i+1 < len(s) && s[i+1] == '\n' {
				size++ // "\r\n"
			}
		case '\u2028', '\f', '\v':
			out = "\n"
		case '\u2029':
			out = "\n\n"
		default:
			switch m := normalizeRune(r); {
			case m == r:
				same = true
			case m < 0:
				out = ""
			default:
				out = string(m)
			}
		}
		if same {
			if b != nil {
				b = append(b, s[i:i+size]...)
			}
		} else {
			if b == nil {
				b = make([]byte, 0, len(s))
				b = append(b, s[:i]...)
			}
			b = append(b, out...)
		}
		i += size
	}
	if b == nil {
		return s
	}
	return string(b)
}

// cleanInline normalises a one-line field (title, author, caption): all
// whitespace runs become one space.
func cleanInline(s string) string {
	return collapseSpaces(normalizeText(s))
}

// cleanBody normalises a body: each paragraph on one line with its spaces
// collapsed, paragraphs separated by exactly one blank line.
func cleanBody(s string) string {
	s = normalizeText(s)
	if isCleanBody(s) {
		return s
	}
	return strings.Join(splitParagraphs(s), "\n\n")
}

// isCleanBody reports whether cleanBody leaves normalised text s as it
// is: paragraphs with their spaces collapsed, one blank line apart.
func isCleanBody(s string) bool {
	for s != "" {
		p, rest, found := strings.Cut(s, "\n")
		if p == "" || collapseSpaces(p) != p {
			return false
		}
		if !found {
			return true
		}
		if !strings.HasPrefix(rest, "\n") || rest == "\n" {
			return false
		}
		s = rest[1:]
		if s == "" || s[0] == '\n' {
			return false
		}
	}
	return true
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
	n, _, _ := countWordsCJK(s, false)
	return n
}

// countWordsCJK is countWords, the number of Chinese and Japanese
// characters when cjk is set, and whether s holds an ASCII digit.
func countWordsCJK(s string, cjk bool) (words, cjkChars int, digit bool) {
	var in, digits uint8 // in: inside a word (0 or 1)
	for i := 0; i < len(s); {
		// ASCII, without branches: a letter or digit starts a word
		// unless in one, an apostrophe or hyphen keeps the state, the
		// rest ends a word.
		for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
			class := asciiWordClass[s[i]]
			letter := class & 1
			words += int(letter &^ in)
			in = letter | (class>>1)&1&in
			digits |= class
		}
		if i == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		letter := unicode.IsLetter(r) || unicode.IsNumber(r)
		w := letter || r == '’'
		if cjk && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			cjkChars++
		}
		if w && in == 0 && letter {
			words++
			in = 1
		} else if !w {
			in = 0
		}
	}
	return words, cjkChars, digits&4 != 0
}

// asciiWordClass has bit 0 set for ASCII letters and digits, bit 1 for
// the apostrophe and the hyphen (which continue a word), bit 2 for digits.
var asciiWordClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9':
			t[c] = 1 | 4
		case asciiWordByte[c]:
			t[c] = 1
		case c == '\'' || c == '-':
			t[c] = 2
		}
	}
	return t
}()

// asciiWordByte marks the ASCII letters and digits (all the ASCII runes
// unicode.IsLetter or unicode.IsNumber is true for).
var asciiWordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// Clean normalises the fields of an article as Extract does its own: one-line
// fields (title, subtitle, source, address, authors, captions) on one line
// without control characters or runs of spaces, authors once each, and the
// body's paragraphs one blank line apart. Extract calls it; so does what
// stores text that did not come through Extract (a JSON import).
func (a *Article) Clean() {
	a.Title = cleanInline(a.Title)
	a.Subtitle = cleanInline(a.Subtitle)
	a.Source = cleanInline(a.Source)
	a.URL = cleanInline(a.URL)
	a.Body = cleanBody(a.Body)
	authors := a.Authors[:0]
	seen := map[string]bool{}
	for _, au := range a.Authors {
		au = cleanInline(au)
		if au != "" && !seen[strings.ToLower(au)] {
			seen[strings.ToLower(au)] = true
			authors = append(authors, au)
		}
	}
	a.Authors = authors
	for i := range a.Captions {
		a.Captions[i].Text = cleanInline(a.Captions[i].Text)
		a.Captions[i].Credit = cleanInline(a.Captions[i].Credit)
	}
}

// CleanLine cleans a one-line field a person typed (a correction) as
// Extract cleans a headline: no control characters, line breaks or runs of
// spaces.
func CleanLine(s string) string { return cleanInline(s) }

// CleanText cleans text of several lines a person typed (a note): no control
// characters but line feeds and tabs, and line ends as "\n".
func CleanText(s string) string { return normalizeText(s) }
