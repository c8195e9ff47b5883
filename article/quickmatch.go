package article

import (
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file holds the cheap tests run before the line patterns. Go's
// regexp costs time in proportion to the line even when a pattern fails on
// its first character, and most patterns fail on most lines: a test that
// rules a match out (never one that finds it) saves nearly all of that.
// Every such test is a necessary condition of its pattern, so results do
// not change; quickmatch_test.go checks that on corpus lines and on
// strings generated from the patterns.

// quickRe is a regexp with a table of the ASCII bytes its matches may
// start with, for patterns anchored at the start of the text.
type quickRe struct {
	*lazyRegexp
	// starts is derived from the pattern on first use, not when the
	// package starts: deriving every pattern's took 20 ms of each
	// process's start (the command line's and the window's alike).
	starts *lazyStarts
	// need, when set, is false for texts the pattern cannot match
	// (quickmatch_test.go checks it on strings the pattern matches).
	need func(string) bool
}

// startTables are the bytes a match of an anchored pattern may start with.
type startTables struct {
	// first[c] is false when no match can start with the ASCII byte c;
	// nil when the pattern is not anchored or may match an empty prefix.
	first *[utf8.RuneSelf]bool
	// firstOther holds the non-ASCII runes a match may start with, nil
	// when there are too many to list (then any may).
	firstOther map[rune]bool
	// second[c0] has bit c1 clear when no match can start with the
	// ASCII bytes c0, c1; nil with first.
	second *[utf8.RuneSelf][2]uint64
	// prefixes are what every match starts with, folded rune by rune
	// (literalPrefixes); nil when that is not known.
	prefixes *prefixSet
}

// lazyStarts derives a pattern's startTables once, when first needed.
type lazyStarts struct {
	expr   string
	once   sync.Once
	tables startTables
}

func (l *lazyStarts) get() *startTables {
	l.once.Do(func() { l.tables = deriveStarts(l.expr) })
	return &l.tables
}

// withNeed returns q testing need(s) before matching s.
func (q quickRe) withNeed(need func(string) bool) quickRe {
	q.need = need
	return q
}

// mustQuick is a quickRe of expr; the pattern is compiled, and its
// first-byte table derived, when first used.
func mustQuick(expr string) quickRe {
	return quickRe{lazyRegexp: lazyRe(expr), starts: &lazyStarts{expr: expr}}
}

// deriveStarts derives the first-byte tables of expr.
func deriveStarts(expr string) startTables {
	var t startTables
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	re = re.Simplify()
	if !anchoredAtStart(re) {
		return t
	}
	set := firstSet{other: map[rune]bool{}}
	if nullable := firstBytes(re, &set); nullable {
		return t
	}
	t.first = &set.ascii
	if !set.anyOther {
		t.firstOther = set.other
	}
	prog, err := syntax.Compile(re)
	if err != nil {
		panic(err)
	}
	t.second = secondBytes(prog, &set.ascii)
	t.prefixes = literalPrefixes(re)
	return t
}

// MatchString reports whether s holds a match, skipping the regexp when
// s starts with a byte no match starts with.
func (q quickRe) MatchString(s string) bool {
	if !q.mayMatch(s) {
		return false
	}
	return q.lazyRegexp.MatchString(s)
}

// mayMatch is false when s cannot hold a match.
func (q quickRe) mayMatch(s string) bool {
	if q.need != nil && !q.need(s) {
		return false
	}
	t := q.starts.get()
	if s == "" {
		return t.first == nil // (a pattern with a first-byte table does not match "")
	}
	if t.first != nil {
		c := s[0]
		if c >= utf8.RuneSelf {
			if t.firstOther == nil {
				return true
			}
			r, _ := utf8.DecodeRuneInString(s) // (an invalid byte: U+FFFD, as the regexp reads it)
			return t.firstOther[r]
		}
		if !t.first[c] {
			return false
		}
		if len(s) > 1 {
			if c1 := s[1]; c1 < utf8.RuneSelf && t.second[c][c1>>6]&(1<<(c1&63)) == 0 {
				return false
			}
		}
	}
	return t.prefixes == nil || t.prefixes.startsOne(s)
}

// secondBytes computes quickRe.second for the program of an anchored
// pattern whose matches start with the bytes set marks, by running the
// program on every pair of ASCII bytes. After the pair anything may
// follow, so a pair is possible when the program reaches a match within
// it or still has an instruction that may read on.
func secondBytes(prog *syntax.Prog, first *[utf8.RuneSelf]bool) *[utf8.RuneSelf][2]uint64 {
	var table [utf8.RuneSelf][2]uint64
	// closure adds to list the instructions reading a rune that pc
	// leads to without reading one, where the empty-width conditions are
	// cond; it reports whether a match is among them.
	var closure func(list []uint32, seen map[uint32]bool, pc uint32, cond syntax.EmptyOp) ([]uint32, bool)
	closure = func(list []uint32, seen map[uint32]bool, pc uint32, cond syntax.EmptyOp) ([]uint32, bool) {
		if seen[pc] {
			return list, false
		}
		seen[pc] = true
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			list, m1 := closure(list, seen, inst.Out, cond)
			list, m2 := closure(list, seen, inst.Arg, cond)
			return list, m1 || m2
		case syntax.InstCapture, syntax.InstNop:
			return closure(list, seen, inst.Out, cond)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(inst.Arg)&^cond != 0 {
				return list, false
			}
			return closure(list, seen, inst.Out, cond)
		case syntax.InstMatch:
			return list, true
		case syntax.InstFail:
			return list, false
		}
		return append(list, pc), false
	}
	for c0 := rune(0); c0 < utf8.RuneSelf; c0++ {
		if !first[c0] {
			continue
		}
		start, matched := closure(nil, map[uint32]bool{}, uint32(prog.Start), syntax.EmptyOpContext(-1, c0))
		// What follows c0 depends on c1 only through the empty-width
		// conditions between them (a word boundary…): computed once for
		// each (once for each c1, deriving the tables of all patterns
		// took 30 ms of the first extraction of each process).
		type next struct {
			after   []uint32
			matched bool
		}
		byCond := map[syntax.EmptyOp]next{}
		for c1 := rune(0); c1 < utf8.RuneSelf; c1++ {
			ok := matched
			if !ok {
				cond := syntax.EmptyOpContext(c0, c1)
				n, known := byCond[cond]
				if !known {
					seen := map[uint32]bool{}
					for _, pc := range start {
						if inst := &prog.Inst[pc]; inst.MatchRune(c0) {
							var m bool
							n.after, m = closure(n.after, seen, inst.Out, cond)
							n.matched = n.matched || m
						}
					}
					byCond[cond] = n
				}
				ok = n.matched
				for _, pc := range n.after {
					ok = ok || prog.Inst[pc].MatchRune(c1)
				}
			}
			if ok {
				table[c0][c1>>6] |= 1 << (c1 & 63)
			}
		}
	}
	return &table
}

// anchoredAtStart reports whether every match of re starts at the
// beginning of the text.
func anchoredAtStart(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText:
		return true
	case syntax.OpCapture:
		return anchoredAtStart(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && anchoredAtStart(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !anchoredAtStart(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// firstSet is the set of runes matches may start with.
type firstSet struct {
	ascii    [utf8.RuneSelf]bool
	other    map[rune]bool // non-ASCII runes
	anyOther bool          // too many non-ASCII runes to list: any
}

// maxListedRange: classes with more runes make any non-ASCII rune a
// possible start.
const maxListedRange = 512

func (set *firstSet) add(lo, hi rune, fold bool) {
	if hi-lo > maxListedRange {
		set.anyOther = true
		hi = min(hi, utf8.RuneSelf-1) // still list the ASCII part
	}
	for r := lo; r <= hi; r++ {
		set.addRune(r)
		if fold {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				set.addRune(f)
			}
		}
	}
}

func (set *firstSet) addRune(r rune) {
	if r < utf8.RuneSelf {
		set.ascii[r] = true
	} else {
		set.other[r] = true
	}
}

// firstBytes adds to set the runes a match of re may start with, and
// reports whether re may match the empty string (then what follows re may
// start the match too).
func firstBytes(re *syntax.Regexp, set *firstSet) (nullable bool) {
	fold := re.Flags&syntax.FoldCase != 0
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		set.add(re.Rune[0], re.Rune[0], fold)
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			set.add(re.Rune[i], re.Rune[i+1], fold)
		}
		return false
	case syntax.OpAnyChar:
		set.add(0, unicode.MaxRune, false)
		return false
	case syntax.OpAnyCharNotNL:
		set.add(0, '\n'-1, false)
		set.add('\n'+1, unicode.MaxRune, false)
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		firstBytes(re.Sub[0], set)
		return true
	case syntax.OpRepeat:
		nullable := firstBytes(re.Sub[0], set)
		return nullable || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !firstBytes(sub, set) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			if firstBytes(sub, set) {
				nullable = true
			}
		}
		return nullable
	}
	// An operator this table does not know: anything may come first.
	set.add(0, unicode.MaxRune, false)
	return true
}

// foldLower returns s with its letters as (?i) patterns of ASCII words see
// them: ASCII letters in lower case, and the two other letters whose case
// folds to ASCII ones ("ſ" to s, the Kelvin sign to k) replaced by theirs.
// Other runes are kept. A (?i) pattern's ASCII literal found in a line is
// found by strings.Contains in foldLower of the line.
func foldLower(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		// ASCII a byte at a time (WriteRune for each took 5% of a
		// copied article's extraction).
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case 'ſ':
			b.WriteByte('s')
		case '\u212A':
			b.WriteByte('k')
		default:
			b.WriteRune(r) // (an invalid byte: U+FFFD)
		}
		i += size
	}
	return b.String()
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// wordGroups finds which of up to 64 groups of words a text holds, in one
// pass over it: the notice and share tests looked for their 40 words
// one strings.Contains at a time, 10% of a copied article's extraction.
// The words are lower-case ASCII.
type wordGroups struct {
	// class numbers the bytes the words hold (and the capitals of their
	// letters, for inFolded) from 1; 0 for the others.
	class   [256]uint8
	nclass  int
	byStart []uint16 // class0*nclass+class1: 1 + the index in words of the words starting so, 0: none
	words   [][]groupWord
}

type groupWord struct {
	text   string
	groups uint64 // bit i: the word is in group i
}

// newWordGroups indexes groups of lower-case ASCII words of two bytes or
// more.
func newWordGroups(groups ...[]string) *wordGroups {
	if len(groups) > 64 {
		panic("wordGroups holds 64 groups")
	}
	g := &wordGroups{nclass: 1}
	for _, group := range groups {
		for _, w := range group {
			if len(w) < 2 || !isASCII(w) || strings.ToLower(w) != w {
				panic("wordGroups: the word " + strconv.Quote(w) + " is not lower-case ASCII of two bytes or more")
			}
			for j := 0; j < len(w); j++ {
				if c := w[j]; g.class[c] == 0 {
					g.class[c] = uint8(g.nclass)
					if 'a' <= c && c <= 'z' {
						g.class[c-'a'+'A'] = uint8(g.nclass)
					}
					g.nclass++
				}
			}
		}
	}
	g.byStart = make([]uint16, g.nclass*g.nclass)
	for i, group := range groups {
		for _, w := range group {
			key := int(g.class[w[0]])*g.nclass + int(g.class[w[1]])
			if g.byStart[key] == 0 {
				g.words = append(g.words, nil)
				g.byStart[key] = uint16(len(g.words))
			}
			ws := g.words[g.byStart[key]-1]
			k := slices.IndexFunc(ws, func(x groupWord) bool { return x.text == w })
			if k < 0 {
				ws, k = append(ws, groupWord{text: w}), len(ws)
			}
			ws[k].groups |= 1 << i
			g.words[g.byStart[key]-1] = ws
		}
	}
	return g
}

// inFolded is in(foldLower(s)), without the copy when it only lowers
// ASCII letters (the copy of each line took 5% of a copied article's
// extraction).
func (g *wordGroups) inFolded(s string) uint64 {
	if foldsToASCII(s) {
		return g.in(foldLower(s))
	}
	return g.find(s, hasPrefixLowered)
}

// in returns the groups (bit i for group i) one of whose words s contains.
func (g *wordGroups) in(s string) uint64 { return g.find(s, strings.HasPrefix) }

// find returns the groups one of whose words starts some s[i:], as
// hasPrefix says.
func (g *wordGroups) find(s string, hasPrefix func(s, prefix string) bool) uint64 {
	var found uint64
	for i := 0; i+1 < len(s); i++ {
		c0, c1 := g.class[s[i]], g.class[s[i+1]]
		if c0 == 0 || c1 == 0 {
			continue
		}
		if b := g.byStart[int(c0)*g.nclass+int(c1)]; b != 0 {
			for _, w := range g.words[b-1] {
				if hasPrefix(s[i:], w.text) {
					found |= w.groups
				}
			}
		}
	}
	return found
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldsToASCII reports whether s holds a rune other than an ASCII letter
// that foldLower turns into one: ſ or the Kelvin sign. Without them,
// foldLower only lowers ASCII letters (and writes invalid bytes as U+FFFD,
// which an ASCII word cannot match either way).
func foldsToASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xC5: // ſ is C5 BF
			if i+1 < len(s) && s[i+1] == 0xBF {
				return true
			}
		case 0xE2: // the Kelvin sign is E2 84 AA
			if i+2 < len(s) && s[i+1] == 0x84 && s[i+2] == 0xAA {
				return true
			}
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixLowered reports whether s, its ASCII letters lowered, starts
// with the ASCII prefix.
func hasPrefixLowered(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for j := 0; j < len(prefix); j++ {
		if lowerASCII(s[j]) != prefix[j] {
			return false
		}
	}
	return true
}

// hasSuffixFolded is strings.HasSuffix(foldLower(s), suffix) for an ASCII
// suffix, without the copy when it can.
func hasSuffixFolded(s, suffix string) bool {
	if foldsToASCII(s) {
		return strings.HasSuffix(foldLower(s), suffix)
	}
	return len(s) >= len(suffix) && hasPrefixLowered(s[len(s)-len(suffix):], suffix)
}

// hasASCIIDigit reports whether s holds a digit as \d matches one.
func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hasASCIIWord reports whether s holds one of words (ASCII) as \bword\b
// finds it: a whole run of ASCII letters, digits and underscores.
func hasASCIIWord(s string, words []string) bool {
	for i := 0; i < len(s); {
		if !isASCIIWordChar(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIIWordChar(s[j]) {
			j++
		}
		if slices.Contains(words, s[i:j]) {
			return true
		}
		i = j
	}
	return false
}

// isASCIIWordChar reports whether c is a byte \w matches (and \b sees as
// a word's).
func isASCIIWordChar(c byte) bool { return c < utf8.RuneSelf && (asciiWordByte[c] || c == '_') }

// hasPrefixAny reports whether s starts with one of prefixes.
func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// The first two bytes let through every line starting as one of a
// pattern's words does ("The …" for "this article", "Local …" for "lo más
// leído"), and Go's regexp then costs a microsecond or more on a line of
// prose: the classifiers spent 40 µs so on a 4.8 KB article. The words a
// pattern's matches start with, up to maxPrefix runes, rule out nearly
// all of those.

// maxPrefix is how many runes of a match's start a prefixSet holds.
const maxPrefix = 8

// maxPrefixes: a pattern whose matches start more ways than this gets no
// prefixSet, or a shorter one.
const maxPrefixes = 300

// maxClassRunes: a character class of more runes than this (\w) may
// start a match with anything, as far as a prefixSet goes. (Listing them
// all multiplied the strings, and the time to derive them, for little.)
const maxClassRunes = 16

// prefixSet holds strings of up to maxPrefix runes, each rune replaced by
// the least of its case-folding orbit (foldLeast); every match of its
// pattern starts, folded so, with one of them.
type prefixSet struct {
	has map[string]bool
	// lengths has bit n set when a string is n runes long: only those
	// prefixes are looked up.
	lengths uint16
}

// startsOne reports whether s, folded rune by rune, starts with one of
// the set's strings.
func (p *prefixSet) startsOne(s string) bool {
	var buf [maxPrefix * utf8.UTFMax]byte
	n, runes := 0, 0
	for _, r := range s {
		if runes == maxPrefix {
			break
		}
		n += utf8.EncodeRune(buf[n:], foldLeast(r))
		runes++
		if p.lengths&(1<<runes) != 0 && p.has[string(buf[:n])] {
			return true
		}
	}
	return false
}

// affix is one way a match of part of a pattern may start: its runes,
// folded, and whether it is all of the part's match (what follows the
// part may be added after it) or only its start.
type affix struct {
	text  string
	whole bool
}

// literalPrefixes is the prefixSet of a pattern anchored at the start of
// the text, or nil when it has none (a match may start with anything).
func literalPrefixes(re *syntax.Regexp) *prefixSet {
	as, ok := affixes(re)
	if !ok || len(as) == 0 {
		return nil
	}
	p := &prefixSet{has: map[string]bool{}}
	for _, a := range as {
		if a.text == "" {
			return nil
		}
		p.has[a.text] = true
		p.lengths |= 1 << utf8.RuneCountInString(a.text)
	}
	return p
}

// affixes lists how a match of re may start (see affix); false when
// there are too many ways to list.
func affixes(re *syntax.Regexp) ([]affix, bool) {
	open := []affix{{"", false}} // anything
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []affix{{"", true}}, true
	case syntax.OpLiteral:
		var b []byte
		for i, r := range re.Rune {
			if i == maxPrefix {
				return []affix{{string(b), false}}, true
			}
			b = utf8.AppendRune(b, foldLeast(r))
		}
		return []affix{{string(b), true}}, true
	case syntax.OpCharClass:
		var out []affix
		seen := map[rune]bool{}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > maxClassRunes {
				return open, true
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if f := foldLeast(r); !seen[f] {
					seen[f] = true
					out = append(out, affix{string(f), true})
				}
			}
		}
		if len(out) > maxClassRunes {
			return open, true // \w, \p{Lu}…: any letter
		}
		return out, true
	case syntax.OpCapture:
		return affixes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		// One match of the sub-pattern, then anything; or nothing.
		sub, ok := affixes(re.Sub[0])
		if !ok {
			return nil, false
		}
		out := make([]affix, 0, len(sub)+1)
		for _, a := range sub {
			out = append(out, affix{a.text, false})
		}
		if re.Op == syntax.OpStar || re.Op == syntax.OpQuest || re.Op == syntax.OpRepeat && re.Min == 0 {
			out = append(out, affix{"", true})
		}
		return out, true
	case syntax.OpConcat:
		out := []affix{{"", true}}
		for _, sub := range re.Sub {
			next, ok := affixes(sub)
			if !ok {
				return nil, false
			}
			joined, ok := joinAffixes(out, next)
			if !ok {
				// Too many ways: what is known so far is the start.
				for i := range out {
					out[i].whole = false
				}
				return dedupAffixes(out), true
			}
			out = joined
		}
		return out, true
	case syntax.OpAlternate:
		var out []affix
		for _, sub := range re.Sub {
			as, ok := affixes(sub)
			if !ok {
				return nil, false
			}
			out = append(out, as...)
		}
		out = dedupAffixes(out)
		return out, len(out) <= maxPrefixes
	}
	return open, true
}

// joinAffixes is the ways a match of two parts in a row may start;
// false when there are more than maxPrefixes.
func joinAffixes(first, then []affix) ([]affix, bool) {
	var out []affix
	seen := map[affix]bool{}
	add := func(a affix) bool {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
		return len(out) <= maxPrefixes
	}
	for _, a := range first {
		if !a.whole {
			if !add(a) {
				return nil, false
			}
			continue
		}
		n := utf8.RuneCountInString(a.text)
		for _, b := range then {
			text, whole := a.text+b.text, b.whole
			if n+utf8.RuneCountInString(b.text) >= maxPrefix {
				text, whole = firstRunes(text, maxPrefix), false
			}
			if !add(affix{text, whole}) {
				return nil, false
			}
		}
	}
	return out, true
}

// firstRunes is s cut after n runes.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func dedupAffixes(as []affix) []affix {
	seen := make(map[affix]bool, len(as))
	out := as[:0]
	for _, a := range as {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}
