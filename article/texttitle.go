package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleWords: longer lines are sentences, not headlines.
const maxTitleWords = 30

// titleWindow is how far above the body the headline may be, in lines
// (menus and sidebars come between: 80 against 40 lines, headlines right
// on held-out pool texts 0.787 against 0.778).
const titleWindow = 80

// isStandfirst reports whether line i directly follows a headline-like line
// of its own: then it is the summary under the headline, not the headline.
func isStandfirst(lines []textLine, i int) bool {
	for j := i - 1; j >= 0; j-- {
		p := lines[j]
		if p.dup || p.kind == kindMedia || p.kind == kindBoiler {
			continue
		}
		return isContentKind(p.kind) && p.words >= 5 && p.words <= maxTitleWords && !isAllCaps(p.text)
	}
	return false
}

func isAllCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func titleCandidate(l textLine) bool {
	if l.dup || l.words > maxTitleWords {
		return false
	}
	switch l.kind {
	case kindShort, kindTeaser, kindProse:
		// (One-word headlines, "Autokredit", are 1 in 5 of those the
		// pool's texts offer no candidate for; as candidates they cost
		// more than they bring: cross-validated 0.738 against 0.749.)
		return l.words >= 2
	case kindDate, kindCaption, kindByline:
		// A dated headline ("23.01.2022 - …"), or one the classifier took
		// for a caption or byline: 1 in 6 of the pool's headlines no line
		// offered.
		return l.words >= minTaggedTitleWords
	case kindBoiler:
		// A headline the notice patterns caught ("Netzpolitik als
		// US-Wahlkampfthema", "Solopreneur Social Media: LinkedIn"): 1 in
		// 7 of the pool's texts that offered no candidate for it. Of three
		// words or more, headlines picked right cross-validated 0.752 →
		// 0.757, held out 0.798 → 0.803 (of two or more 0.754 / 0.810, of
		// five or more 0.755 / 0.801).
		return l.words >= minBoilerTitleWords
	}
	return false
}

// cutCopy reports whether the line under line i begins with all of it
// and goes on: line i is then a photo's alt text over its caption
// ("Storm Ciarán is blasting the UK with strong winds" over "… (Picture:
// EOSDIS/Nasa/SWNS)") or a headline cut short over the whole of it, not
// the article's headline. (Held-out pool texts: 4 headlines picked wrong
// so, none right; of their labelled headlines, only a one-word
// gallery title, no candidate anyway.)
func cutCopy(lines []textLine, i int) bool {
	if i+1 >= len(lines) {
		return false
	}
	t, next := lines[i].text, lines[i+1].text
	if len(next) <= len(t) || !strings.HasPrefix(next, t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next[len(t):])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// minBoilerTitleWords: a line of page furniture with fewer words ("Share
// this", "Read more") is no headline the patterns mistook.
const minBoilerTitleWords = 3

// minTaggedTitleWords: a dateline, caption or byline with fewer words is
// not a headline with a date or a credit in it.
const minTaggedTitleWords = 5

func isContentKind(k lineKind) bool {
	return k == kindShort || k == kindTeaser || k == kindProse
}

// headerMetaWindow is how many lines above the body the article's own
// byline and date may sit.
const headerMetaWindow = 10

// headerMeta marks the bylines and dates just above the body: those of the
// article, not of the stories listed around it.
func headerMeta(lines []textLine, start int) map[int]bool {
	meta := map[int]bool{}
	content := 0
	for j := start - 1; j >= 0 && content <= headerMetaWindow; j-- {
		switch k := lines[j].kind; {
		case k == kindByline || k == kindDate:
			meta[j] = true
		case isContentKind(k) && !lines[j].dup:
			content++
		}
	}
	return meta
}

// metaAround reports whether one of the article's bylines or dates sits
// right under line i (a standfirst may come between), or right above it.
func metaAround(lines []textLine, i int, meta map[int]bool) (above, below bool) {
	// Between a headline and its byline may come a standfirst and a short
	// line (a photo's alt text, a section label).
	long, short := 0, 0
	for j := i + 1; j < len(lines) && !above; j++ {
		above = meta[j]
		if isContentKind(lines[j].kind) && !lines[j].dup {
			if lines[j].words >= 8 {
				long++
			} else {
				short++
			}
			if long > 1 || short > 1 {
				break
			}
		}
	}
	for j := i - 1; j >= 0 && j >= i-2 && !below; j-- {
		below = meta[j]
		if isContentKind(lines[j].kind) && !lines[j].dup {
			break
		}
	}
	return above, below
}

// echoes counts the other lines repeating line i, alone or within a
// breadcrumb, share prompt or "Headline - Site" title, and of those the
// ones longer than line i (it is their core) and shorter (it holds them:
// a headline with its kicker or site name). Headlines are echoed once or
// twice; site and section names many times.
func echoes(lines []textLine, i int, lc *lowerCache) (all, longer, shorter int) {
	t := lc.lower(i)
	for j, l := range lines {
		if j == i || l.dup {
			continue
		}
		// Lower case keeps the number of runes, and an echo differs by
		// less than 60 bytes, so by less than 60 runes: skip lines too
		// short or too long to be one, without lowering them.
		if d := lc.runes(j) - lc.runes(i); d <= -60 || d >= 60 {
			continue
		}
		switch echo(t, lc.lower(j), func() int { return lc.countWords(j) }) {
		case echoSame:
			all++
		case echoLonger:
			all++
			longer++
		case echoShorter:
			shorter++
		}
	}
	return all, longer, shorter
}

// An echo is how a line repeats another.
const (
	echoNone    = iota
	echoSame    // the same text
	echoLonger  // the other with a few words more
	echoShorter // part of the other, of three words or more
)

// echo says how line o repeats line t, both in lower case; words is o's
// countWords.
func echo(t, o string, words func() int) int {
	switch {
	case o == t:
		return echoSame
	case len(o) > len(t) && len(o)-len(t) < 60 && (strings.HasPrefix(o, t) || strings.HasSuffix(o, t)):
		return echoLonger
	case len(t) > len(o) && len(t)-len(o) < 60 && words() >= 3 && (strings.HasPrefix(t, o) || strings.HasSuffix(t, o)):
		return echoShorter
	}
	return echoNone
}

// lowerCache holds strings.ToLower of lines' texts, their lengths in
// runes and their countWords, computed when first needed. (The headline's
// candidates ask for them once per other candidate: 5% of a copied
// article's extraction.)
type lowerCache struct {
	lines   []textLine
	lowered []string
	length  []int // runes + 1, 0: not known yet
	words   []int // countWords + 1, 0: not known yet
}

func newLowerCache(lines []textLine) *lowerCache {
	n := len(lines)
	return &lowerCache{lines: lines, lowered: make([]string, n), length: make([]int, n), words: make([]int, n)}
}

// runes is the length of line i's text in runes (or of its lower case:
// the same).
func (c *lowerCache) runes(i int) int {
	if c.length[i] == 0 {
		c.length[i] = utf8.RuneCountInString(c.lines[i].text) + 1
	}
	return c.length[i] - 1
}

// countWords is countWords of line i's text (or of its lower case: the
// same words).
func (c *lowerCache) countWords(i int) int {
	if c.words[i] == 0 {
		c.words[i] = countWords(c.lines[i].text) + 1
	}
	return c.words[i] - 1
}

func (c *lowerCache) lower(i int) string {
	if c.lowered[i] == "" {
		c.lowered[i] = strings.ToLower(c.lines[i].text)
	}
	return c.lowered[i]
}

// words are s's words: its runs of letters and digits, in lower case.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// eachWord calls fn with each of s's words, as words has them, and
// returns buf (reused for them) for the next call: w is valid only during
// fn. It is words without the copies, for lookups: words of each line of
// the body took 7% of a copied article's extraction.
func eachWord(s string, buf []byte, fn func(w []byte)) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if asciiWordByte[c] {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			// (An invalid byte is U+FFFD to strings.ToLower: no letter.)
			if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsNumber(r) {
				buf = utf8.AppendRune(buf, r)
				continue
			}
		}
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		fn(buf)
	}
	return buf
}

// candidateWordsInBody is what coverage needs of the set of the words of
// lines[start:end] for the headline candidates the model weighs: whether
// each of their words of four letters or more (candidateWords, their
// contentWords) is in the body. (Other words are false.)
func candidateWordsInBody(lines []textLine, candidateWords [][]string, start, end int) map[string]bool {
	need := make(map[string]bool, 8*len(candidateWords))
	for _, ws := range candidateWords {
		for _, w := range ws {
			need[w] = false
		}
	}
	if len(need) == 0 {
		return need
	}
	// A body word whose length and first and last bytes no needed word
	// has is not looked up: nearly none is then (the lookups of a copied
	// article's 700 body words took 4% of its extraction).
	var maybe wordFilter
	for w := range need {
		maybe.add(w[0], w[len(w)-1], len(w))
	}
	var buf []byte
	for _, l := range lines[start:end] {
		buf = eachWord(l.text, buf, func(w []byte) {
			if len(w) < 4 || !maybe.has(w[0], w[len(w)-1], len(w)) {
				return
			}
			if found, ok := need[string(w)]; ok && !found {
				need[string(w)] = true
			}
		})
	}
	return need
}

// wordFilter is a set of words' lengths and first and last bytes, hashed
// into 4096 bits: has may say yes for a word not added, never no for one
// added.
type wordFilter [4096 / 64]uint64

func wordFilterBit(first, last byte, n int) uint32 {
	return (uint32(first)*31 + uint32(last)*131 + uint32(n)*7) % 4096
}

func (f *wordFilter) add(first, last byte, n int) {
	b := wordFilterBit(first, last, n)
	f[b/64] |= 1 << (b % 64)
}

func (f *wordFilter) has(first, last byte, n int) bool {
	b := wordFilterBit(first, last, n)
	return f[b/64]&(1<<(b%64)) != 0
}

// minCoverageWords: headlines with fewer content words say too little
// for their overlap with the body to count fully.
const minCoverageWords = 4

// contentWords are a line's words of four letters or more, lower-cased.
func contentWords(s string) []string {
	ws := words(s)
	out := ws[:0]
	for _, w := range ws {
		if utf8.RuneCountInString(w) >= 4 {
			out = append(out, w)
		}
	}
	return out
}

// coverageOf is the share of a candidate headline's content words (those
// of four letters or more, to skip most function words: contentWords)
// found in the body, scaled down for headlines of few such words.
func coverageOf(ws []string, body map[string]bool) float64 {
	if len(ws) == 0 {
		return 0
	}
	found := 0
	for _, w := range ws {
		if body[w] {
			found++
		}
	}
	return float64(found) / float64(max(len(ws), minCoverageWords))
}

// findSubtitle returns the standfirst: a sentence between the headline and
// the byline, which pages set apart from the body.
func findSubtitle(lines []textLine, titleAt, start int) string {
	if titleAt < 0 {
		return ""
	}
	for i := titleAt + 1; i < start && i <= titleAt+3; i++ {
		switch lines[i].kind {
		case kindProse, kindTeaser:
			return lines[i].text
		case kindByline, kindDate:
			return ""
		}
	}
	return ""
}
