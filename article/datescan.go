package article

import (
	"unicode"
	"unicode/utf8"
)

// Hand-written scanners for the date patterns of textdate.go that run on
// every line holding a digit. Go's regexp costs time in proportion to the
// line and the pattern however early a match fails: on a 4.8 KB copied
// article dmyDateRe (every month name in nine languages, anywhere in the
// line) and numDateRe took about 20 µs of the extraction's 0.53 ms,
// mostly on prose lines holding a year. Each scanner returns what
// re.FindAllStringSubmatchIndex(s, -1) returns for its pattern, which
// stays the definition (quickmatch_test.go compares them on corpus lines
// and on strings generated from the patterns). The patterns leave no
// choice a later part could undo: each part of a match is the longest
// run of its characters, so a scanner reads a match straight through.

// findAllAt is the FindAll loop: the leftmost match, then the next one
// from its end. at reports the match starting at p (byte offsets into s,
// as FindStringSubmatchIndex gives them), or nil. Matches start with an
// ASCII digit, so only those bytes are tried.
func findAllAt(s string, at func(s string, p int) []int) [][]int {
	var out [][]int
	for p := 0; p < len(s); p++ {
		if !isDigit(s[p]) {
			continue
		}
		if m := at(s, p); m != nil {
			out = append(out, m)
			p = m[1] - 1
		}
	}
	return out
}

// digitRun is how many ASCII digits (at most limit) start s[i:].
func digitRun(s string, i, limit int) int {
	n := 0
	for i+n < len(s) && n < limit && isDigit(s[i+n]) {
		n++
	}
	return n
}

// spaceRun is where the run of \s at s[i:] ends.
func spaceRun(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

func isDateSep(c byte) bool { return c == '/' || c == '.' || c == '-' }

// numDateMatches is numDateRe.FindAllStringSubmatchIndex(s, -1):
// (\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2}).
func numDateMatches(s string) [][]int { return findAllAt(s, numDateAt) }

func numDateAt(s string, p int) []int {
	q := dayOrMonthAt(s, p)
	if q < 0 {
		return nil
	}
	r := dayOrMonthAt(s, q+1)
	if r < 0 {
		return nil
	}
	ny := digitRun(s, r+1, 4)
	switch {
	case ny == 4:
	case ny >= 2:
		ny = 2
	default:
		return nil
	}
	return []int{p, r + 1 + ny, p, q, q, q + 1, q + 1, r, r, r + 1, r + 1, r + 1 + ny}
}

// dayOrMonthAt reads \d{1,2}[/.-] at s[i:] and returns the separator's
// offset, or -1. (With two digits and no separator after them, one digit
// has a digit after it, no separator either.)
func dayOrMonthAt(s string, i int) int {
	n := digitRun(s, i, 2)
	if n == 0 || i+n >= len(s) || !isDateSep(s[i+n]) {
		return -1
	}
	return i + n
}

// isoDateMatches is isoDateRe.FindAllStringSubmatchIndex(s, -1):
// (\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2}).
func isoDateMatches(s string) [][]int { return findAllAt(s, isoDateAt) }

func isoDateAt(s string, p int) []int {
	q := p + 4
	if digitRun(s, p, 4) != 4 || q >= len(s) || !isDateSep(s[q]) {
		return nil
	}
	r := dayOrMonthAt(s, q+1)
	if r < 0 {
		return nil
	}
	n3 := digitRun(s, r+1, 2)
	if n3 == 0 {
		return nil
	}
	return []int{p, r + 1 + n3, p, p + 4, q, q + 1, q + 1, r, r, r + 1, r + 1, r + 1 + n3}
}

// dmyMatches is dmyDateRe.FindAllStringSubmatchIndex(s, -1):
// (?i)(\d{1,2})(?:st|nd|rd|th|er|º)?(?:\.\s*|\s+)(?:de\s+)?(month)\.?(?:,?\s*(?:de\s+|del\s+)?(\d{4}))?
// where month is the first of monthsByPriority found there.
func dmyMatches(s string) [][]int { return findAllAt(s, dmyAt) }

// dmySuffixes are the ordinal endings after the day.
var dmySuffixes = []string{"st", "nd", "rd", "th", "er", "º"}

func dmyAt(s string, p int) []int {
	n1 := digitRun(s, p, 2)
	i := p + n1
	for _, suffix := range dmySuffixes {
		if end, ok := foldPrefix(s, i, suffix); ok {
			i = end
			break
		}
	}
	// \.\s* or \s+ (months start with a letter: the spaces all go).
	switch {
	case i < len(s) && s[i] == '.':
		i = spaceRun(s, i+1)
	case i < len(s) && isRESpace(s[i]):
		i = spaceRun(s, i)
	default:
		return nil
	}
	if end, ok := foldPrefix(s, i, "de"); ok && end < len(s) && isRESpace(s[end]) {
		i = spaceRun(s, end)
	}
	monthEnd := -1
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		for _, name := range monthsByFirst[foldLeast(r)] {
			if end, ok := foldPrefix(s, i, name); ok {
				monthEnd = end
				break
			}
		}
	}
	if monthEnd < 0 {
		return nil
	}
	m := []int{p, monthEnd, p, p + n1, i, monthEnd, -1, -1}
	j := monthEnd
	if j < len(s) && s[j] == '.' {
		j++
	}
	m[1] = j
	// (?:,?\s*(?:de\s+|del\s+)?(\d{4}))?
	k := j
	if k < len(s) && s[k] == ',' {
		k++
	}
	k = spaceRun(s, k)
	for _, word := range []string{"de", "del"} {
		if end, ok := foldPrefix(s, k, word); ok && end < len(s) && isRESpace(s[end]) {
			k = spaceRun(s, end)
			break
		}
	}
	if digitRun(s, k, 4) == 4 {
		m[1], m[6], m[7] = k+4, k, k+4
	}
	return m
}

// foldPrefix reports whether s[i:] starts with lit as a (?i) pattern
// matches it (rune by rune, up to simple case folding), and where the
// match ends.
func foldPrefix(s string, i int, lit string) (int, bool) {
	for _, l := range lit {
		if i >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != l && foldLeast(r) != foldLeast(l) {
			return 0, false
		}
		i += size
	}
	return i, true
}

// foldLeast is the least rune of r's simple case-folding orbit (the key
// foldKey writes).
func foldLeast(r rune) rune {
	if r < utf8.RuneSelf && r != 'k' && r != 'K' && r != 's' && r != 'S' {
		// ASCII letters other than k and s fold only to their other case.
		if 'a' <= r && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// monthsByFirst lists the month names in dmyDateRe's order of trying them
// (monthsByPriority), by the foldLeast of their first rune.
var monthsByFirst = func() map[rune][]string {
	by := map[rune][]string{}
	for _, name := range monthsByPriority() {
		r, _ := utf8.DecodeRuneInString(name)
		by[foldLeast(r)] = append(by[foldLeast(r)], name)
	}
	return by
}()
