package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of the text.
type token struct {
	text      string
	word      bool // letters or digits; otherwise one punctuation mark
	cap       bool // starts with a capital letter ("Bamako", "al-Qaeda")
	caps      bool // two or more letters, all capitals ("ECOWAS")
	number    bool // starts with a digit
	sentStart bool // first word of a sentence: its capital is no evidence
	lineStart bool // first token of a line
	shouting  bool // in a line written mostly in capitals
	poss      bool // followed by a possessive "'s"
	plural    bool // followed by a plural possessive "'" ("Farmers'")
	tail      bool // hangs by a hyphen on the previous word ("based" in "Kessel-based")
	handle    bool // part of a hashtag, a user name or a web address ("#MattBevin")
}

// tokenize splits text into tokens. It never allocates a token's text: each
// is a substring of text.
func (e *Extractor) tokenize(text string, dst []token) []token {
	sentence, line := true, true
	lineFrom := len(dst)
	endLine := func() {
		markShouting(dst[lineFrom:])
		lineFrom = len(dst)
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n' || r == '\u2029':
			i += size
			sentence, line = true, true
			endLine()
			continue
		case r == ' ' || r == '\t' || r == '\r' || unicode.IsSpace(r):
			i += size
			continue
		case isWordRune(r):
			start := i
			j, poss := e.scanWord(text, i)
			w := text[i:j]
			i = j
			if poss {
				i += possLen(text[j:])
			}
			handle := start > 0 && strings.IndexByte("#@/", text[start-1]) >= 0
			if !hasHyphen(w) {
				t := newWord(w)
				t.handle = handle
				t.sentStart, t.lineStart = sentence, line
				t.poss = poss
				dst = append(dst, t)
				sentence, line = false, false
				continue
			}
			for _, part := range splitHyphenated(w) {
				t := newWord(part.text)
				t.handle = handle
				t.tail = part.tail
				t.sentStart = sentence && !part.tail
				t.lineStart = line && !part.tail
				dst = append(dst, t)
				sentence, line = false, false
			}
			dst[len(dst)-1].poss = poss
			continue
		}
		i += size
		p := text[i-size : i]
		switch r {
		case '.', '!', '?', ':', '…':
			sentence = true
		case '—', '–', '-':
			// A dash standing alone ("BAMAKO (AFP) - Mali's …") starts anew.
			if i < len(text) && text[i] == ' ' {
				sentence = true
			}
		case '\'', '’':
			// The apostrophe of a plural possessive ("Farmers' Association")
			// is kept as a mark on its word.
			if n := len(dst); n > 0 && dst[n-1].word && strings.HasSuffix(dst[n-1].text, "s") &&
				text[i-size-len(dst[n-1].text):i-size] == dst[n-1].text {
				dst[n-1].plural = true
				continue
			}
		}
		t := token{text: p}
		t.lineStart = line
		line = false
		dst = append(dst, t)
	}
	endLine()
	return dst
}

// hasHyphen reports a hyphen-minus, hyphen or non-breaking hyphen in w
// (the last two are U+2010 and U+2011, E2 80 90 and E2 80 91 in UTF-8).
func hasHyphen(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] == '-' || (w[i] == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x90 || w[i+2] == 0x91)) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanWord returns the end of the word starting at i, keeping inside it
// hyphens, apostrophes ("O'Neill"), initials' full stops ("U.S."), "&"
// between capitals ("AT&T"), a trailing "+" ("OPEC+") and the full stop of
// known abbreviations ("Col."), and whether a possessive "'s" follows.
func (e *Extractor) scanWord(text string, i int) (end int, poss bool) {
	j := i
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			j++ // the common case, without decoding
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if r >= utf8.RuneSelf && (isWordRune(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)) {
			j += size
			continue
		}
		next, nsize := utf8.DecodeRuneInString(text[min(j+size, len(text)):])
		if j+size >= len(text) {
			next, nsize = utf8.RuneError, 0
		}
		switch r {
		case '-', '‐', '‑':
			if isWordRune(next) {
				j += size
				continue
			}
		case '\'', '’':
			if (next == 's' || next == 'S') && !isWordRuneAt(text, j+size+nsize) {
				return j, true
			}
			if unicode.IsLetter(next) {
				j += size
				continue
			}
		case '.':
			w := text[i:j]
			if n := domainLen(text[j+size:]); n > 0 {
				// "Polygraph.info", "Amazon.com": a website.
				j += size + n
				continue
			}
			if isInitials(w) && (unicode.IsLetter(next) || utf8.RuneCountInString(lastInitial(w)) == 1) {
				j += size
				continue
			}
			if e.abbrevs[w] {
				return j + size, false
			}
		case '&':
			if unicode.IsUpper(lastRune(text[i:j])) && unicode.IsUpper(next) {
				j += size
				continue
			}
		case '+':
			if isAllCaps(text[i:j]) && !isWordRune(next) {
				return j + size, false
			}
		}
		break
	}
	return j, false
}

func isWordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// possLen is the length of the possessive "'s" or "’s" at the start of s.
func possLen(s string) int {
	_, size := utf8.DecodeRuneInString(s)
	return size + 1
}

// isInitials reports whether w is initials so far: "U", "U.S", "J".
func isInitials(w string) bool {
	for part := range strings.SplitSeq(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(part)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func lastInitial(w string) string {
	if k := strings.LastIndexByte(w, '.'); k >= 0 {
		return w[k+1:]
	}
	return w
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

type wordPart struct {
	text string
	tail bool
}

// nameParticles may start a capitalised name in lower case ("al-Qaeda").
var nameParticles = map[string]bool{"al": true, "el": true, "ad": true, "ash": true, "as": true, "at": true, "az": true, "ar": true, "an": true, "ul": true, "bin": true, "ibn": true, "abu": true}

// splitHyphenated separates a capitalised word from a lower-case tail
// ("UN-brokered" → "UN", "brokered") and a lower-case prefix from a name
// ("pro-Russian" → "pro", "Russian"), so names are found inside them.
// "Calvert-Lewin", "Secretary-General", "al-Qaeda" and "5-1" stay whole.
func splitHyphenated(w string) []wordPart {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' || r == '‑' })
	if len(parts) < 2 {
		return []wordPart{{text: w}}
	}
	first, _ := utf8.DecodeRuneInString(parts[0])
	second, _ := utf8.DecodeRuneInString(parts[1])
	switch {
	case unicode.IsLower(first) && unicode.IsUpper(second) && !nameParticles[parts[0]]:
		k := len(parts[0])
		return append([]wordPart{{text: w[:k]}}, splitHyphenated(w[k+1:])...)
	case unicode.IsUpper(first):
		// Cut before the first lower-case part.
		off := 0
		for _, p := range parts {
			r, _ := utf8.DecodeRuneInString(p)
			if unicode.IsLower(r) && off > 0 {
				return []wordPart{{text: w[:off-1]}, {text: w[off:], tail: true}}
			}
			off += len(p) + 1
		}
	}
	return []wordPart{{text: w}}
}

func newWord(w string) token {
	t := token{text: w, word: true}
	if c := w[0]; c < utf8.RuneSelf {
		t.number = '0' <= c && c <= '9'
		t.cap = 'A' <= c && c <= 'Z'
		if t.cap {
			t.caps = isAllCaps(w)
		}
		if c < 'a' || c > 'z' || !hasHyphen(w) {
			return t
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	t.number = unicode.IsDigit(r)
	t.cap = unicode.IsUpper(r) || unicode.IsTitle(r)
	if !t.cap && unicode.IsLower(r) && hasHyphen(w) {
		// "al-Qaeda": a particle, a hyphen, a capital.
		if k := strings.IndexByte(w, '-'); k > 0 && nameParticles[w[:k]] {
			r2, _ := utf8.DecodeRuneInString(w[k+1:])
			t.cap = unicode.IsUpper(r2)
		}
	}
	t.caps = t.cap && isAllCaps(w)
	return t
}

// isAllCaps reports whether w has two or more letters, all capitals.
func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// markShouting flags the words of a line written mostly in capitals
// ("BREAKING NEWS: CHELSEA ACTIVATE …"): there capitals say nothing.
func markShouting(line []token) {
	words, caps := 0, 0
	for _, t := range line {
		if t.word && !t.number {
			words++
			if t.caps {
				caps++
			}
		}
	}
	if words >= 3 && caps*10 > words*6 {
		for i := range line {
			line[i].shouting = true
		}
	}
}

// topLevelDomains end website names that news writes as words.
var topLevelDomains = []string{"com", "org", "net", "info", "gov", "edu", "io", "co.uk", "co", "uk", "de", "fr", "ng", "news"}

// domainLen is the length of a top-level domain at the start of s, when a
// word does not go on after it.
func domainLen(s string) int {
	for _, d := range topLevelDomains {
		if strings.HasPrefix(s, d) && !isWordRuneAt(s, len(d)) && (len(s) == len(d) || s[len(d)] != '-') {
			return len(d)
		}
	}
	return 0
}
