package article

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The features of the lines of copied text that the text model weighs
// (textmodel.go). They are cheap: counts over the line and its
// neighbours, computed once per line (a 4.6 KB article takes a few
// microseconds), and the headline's only for the lines above the body.

// LocalFeatureNames name the features of a line judged with its
// neighbours, in the order localFeatures computes them.
var LocalFeatureNames = []string{
	"words", "words:1-3", "words:4-9", "words:10-24", "words:25+", "sentence",
	"kind:prose", "kind:short", "kind:teaser", "kind:boiler", "kind:caption", "kind:credit",
	"kind:byline", "kind:date", "kind:stop", "kind:media",
	"bullet", "item", "dup", "gap", "caps", "titlecase", "digits", "separators", "commas", "wordlen",
	"lower", "colon", "quote", "repeated",
	"prev:prose", "next:prose", "prev:words", "next:words", "window:prose", "window:words",
	"pos", "prose-above", "prose-below", "prose-share-above",
}

// BodyFeatureNames name the features of a line once the region is known:
// the local ones, then these.
var BodyFeatureNames = append(cloneNames(LocalFeatureNames),
	"local", "local:prev", "local:next", "region:in", "region:before", "region:after", "region:first", "region:last")

// HeadlineFeatureNames name the features of a candidate headline.
var HeadlineFeatureNames = []string{
	"dist", "in-body", "rank", "candidates", "meta-above", "meta-below", "echo:1-3", "echo:4+", "echo:longer", "echo:shorter",
	"in-list", "standfirst", "coverage", "lead-coverage", "coverage:gap", "lead-coverage:gap",
	"words", "words:1-2", "words:21+", "end:period", "end:question", "end:colon",
	"bullet", "caps", "titlecase", "digits", "separators",
	"kind:short", "kind:teaser", "kind:prose", "kind:prev-furniture", "local", "body", "next:body", "gap", "next:gap", "pos", "first",
	"prev:words", "next:words", "kicker",
	"reader", "glued", "above-rank",
	"repeated-next", "next:meta", "next:period", "next:local", "prev:period", "prev:local", "prev:candidate",
	"caption-next", "local-rank", "kind:date", "kind:caption", "kind:byline",
	"furniture-below", "prev:separators",
}

func cloneNames(s []string) []string { return append([]string(nil), s...) }

var (
	nLocal    = len(LocalFeatureNames)
	nBody     = len(BodyFeatureNames)
	nHeadline = len(HeadlineFeatureNames)
)

// lineShape is what the features need of a line's characters.
type lineShape struct {
	caps, titlecase, digits, commas, wordlen float64
	separators                               float64
	lower, colon, quote                      bool
}

func shapeOf(t string, words int) lineShape {
	var n shapeCounts
	inWord := false
	for i := 0; i < len(t); {
		// ASCII through a table (a rune at a time, the shapes of a
		// copied article's lines took 7% of its extraction).
		if c := t[i]; c < utf8.RuneSelf {
			i++
			switch k := asciiShape[c]; {
			case k&shapeWord != 0:
				n.chars++
				if !inWord {
					n.wordStarts++
					if k&(shapeUpper|shapeDigit) != 0 {
						n.capStarts++
					}
				}
				inWord = true
				switch {
				case k&shapeDigit != 0:
					n.digits++
				case k&shapeUpper != 0:
					n.letters++
					n.upper++
				default:
					n.letters++
				}
			case k&shapeComma != 0:
				n.commas++
				inWord = false
			case k&shapeSep != 0:
				n.seps++
				inWord = false
			case k&shapeJoin == 0:
				inWord = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			n.chars++
			if !inWord {
				n.wordStarts++
				if unicode.IsUpper(r) || unicode.IsDigit(r) {
					n.capStarts++
				}
			}
			inWord = true
			switch {
			case unicode.IsUpper(r):
				n.letters++
				n.upper++
			case unicode.IsLetter(r):
				n.letters++
			}
			continue
		case r == '›' || r == '»' || r == '·' || r == '•':
			n.seps++
		}
		if r != '’' {
			inWord = false
		}
	}
	return n.shape(t, words)
}

// shapeCounts are the counts of a line's characters its shape is made of.
type shapeCounts struct {
	letters, upper, digits, chars, commas, seps, wordStarts, capStarts int
}

// shape is the lineShape of line t, of words words, with these counts.
func (n shapeCounts) shape(t string, words int) lineShape {
	var s lineShape
	if n.letters > 0 {
		s.caps = float64(n.upper) / float64(n.letters)
	}
	if n.wordStarts > 0 {
		s.titlecase = float64(n.capStarts) / float64(n.wordStarts)
		s.wordlen = min(float64(n.chars)/float64(n.wordStarts), 15)
	}
	if n.chars > 0 {
		s.digits = float64(n.digits) / float64(n.chars)
	}
	s.commas = min(float64(n.commas)/float64(max(words, 1)), 1)
	s.separators = float64(min(n.seps, 3))
	r, _ := utf8.DecodeRuneInString(t)
	s.lower = unicode.IsLower(r)
	s.quote = strings.ContainsRune("\"“„«'‘", r)
	last, _ := lastRune(t)
	s.colon = last == ':'
	return s
}

// asciiShape classes the ASCII bytes for shapeOf.
var asciiShape = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9':
			t[c] = shapeWord | shapeDigit
		case 'A' <= c && c <= 'Z':
			t[c] = shapeWord | shapeUpper
		case 'a' <= c && c <= 'z':
			t[c] = shapeWord
		case c == ',':
			t[c] = shapeComma
		case c == '|' || c == '/' || c == '>':
			t[c] = shapeSep
		case c == '\'' || c == '-':
			t[c] = shapeJoin // inside a word, it goes on
		}
	}
	return t
}()

const (
	shapeWord = 1 << iota
	shapeUpper
	shapeDigit
	shapeComma
	shapeSep
	shapeJoin
)

// textDoc is copied text as the model sees it: its lines, what the
// models say of each, the article's region and the headline.
type textDoc struct {
	lines []textLine
	model *TextModel
	local []float64 // each line's local log-odds
	body  []float64 // … and body log-odds
	start int       // the region, or -1
	end   int
	shape []lineShape
	rows  []float64 // each line's features (nBody of them: the local ones first)

	listed []bool // lines of lists of other stories inside the article (bodyStartAbove), or nil

	spanDone           bool // bodySpan's result is known
	spanStart, spanEnd int

	lc *lowerCache // the lines in lower case, once asked for (lowered)
}

// lowered is the lines in lower case, shared by the headline's features
// and the site's name.
func (d *textDoc) lowered() *lowerCache {
	if d.lc == nil {
		d.lc = newLowerCache(d.lines)
	}
	return d.lc
}

// newTextDoc runs the local and body models over the lines.
func newTextDoc(lines []textLine, m *TextModel) *textDoc {
	d := &textDoc{lines: lines, model: m, local: make([]float64, len(lines)), body: make([]float64, len(lines)),
		shape: make([]lineShape, len(lines))}
	for i, l := range lines {
		d.shape[i] = shapeOf(l.text, l.words)
	}
	repeated := repeats(lines)
	above := proseAbove(lines)
	// Each line's row: its local features, then the body's. (The local
	// ones are computed before articleRegion, which may turn a list inside
	// the article into boilerplate.)
	rows := make([]float64, len(lines)*nBody)
	d.rows = rows
	for i := range lines {
		x := rows[i*nBody : (i+1)*nBody]
		d.localFeatures(i, repeated[i], above, x)
		d.local[i] = m.Local.Logit(x[:nLocal])
	}
	d.start, d.end = articleRegion(lines, d.local, -maxLineLogit)
	for i := range lines {
		x := rows[i*nBody : (i+1)*nBody]
		d.bodyFeatures(i, x)
		d.body[i] = m.Body.Logit(x)
	}
	return d
}

// proseAbove counts the words of prose above each line (and, last, in all).
func proseAbove(lines []textLine) []int {
	above := make([]int, len(lines)+1)
	for i, l := range lines {
		above[i+1] = above[i]
		if l.kind == kindProse && !l.dup {
			above[i+1] += l.words
		}
	}
	return above
}

// repeats counts, for each line, the other lines with the same text
// (menus and share bars come twice; article paragraphs once).
func repeats(lines []textLine) []int {
	counts := make(map[string]int, len(lines))
	for _, l := range lines {
		counts[l.text]++
	}
	out := make([]int, len(lines))
	for i, l := range lines {
		out[i] = counts[l.text] - 1
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func log1p(n int) float64 { return math.Log1p(float64(n)) }

// localFeatures writes line i's local features to x.
func (d *textDoc) localFeatures(i, repeated int, above []int, x []float64) {
	l, s := d.lines[i], d.shape[i]
	n := len(d.lines)
	clear(x[:nLocal])
	x[0] = log1p(l.words)
	switch {
	case l.words <= 3:
		x[1] = 1
	case l.words <= 9:
		x[2] = 1
	case l.words <= 24:
		x[3] = 1
	default:
		x[4] = 1
	}
	x[5] = b2f(endsSentence(l.text))
	x[6+kindIndex(l.kind)] = 1
	x[16] = b2f(l.bullet)
	x[17] = b2f(l.item)
	x[18] = b2f(l.dup)
	x[19] = b2f(l.gap)
	x[20] = s.caps
	x[21] = s.titlecase
	x[22] = s.digits
	x[23] = s.separators
	x[24] = s.commas
	x[25] = s.wordlen
	x[26] = b2f(s.lower)
	x[27] = b2f(s.colon)
	x[28] = b2f(s.quote)
	x[29] = float64(min(repeated, 3))
	if i > 0 {
		x[30] = b2f(d.lines[i-1].kind == kindProse)
		x[32] = log1p(d.lines[i-1].words)
	}
	if i+1 < n {
		x[31] = b2f(d.lines[i+1].kind == kindProse)
		x[33] = log1p(d.lines[i+1].words)
	}
	prose, words, k := 0, 0, 0
	for j := max(0, i-3); j < n && j <= i+3; j++ {
		if j == i {
			continue
		}
		k++
		words += d.lines[j].words
		if d.lines[j].kind == kindProse {
			prose++
		}
	}
	if k > 0 {
		x[34] = float64(prose) / float64(k)
		x[35] = math.Log1p(float64(words) / float64(k))
	}
	x[36] = float64(i) / float64(max(n-1, 1))
	total := above[n]
	x[37] = log1p(above[i])
	x[38] = log1p(total - above[i+1])
	if total > 0 {
		x[39] = float64(above[i]) / float64(total)
	}
}

// kindIndex is the position of a kind among the kind:… features.
func kindIndex(k lineKind) int {
	switch k {
	case kindProse:
		return 0
	case kindShort:
		return 1
	case kindTeaser:
		return 2
	case kindBoiler:
		return 3
	case kindCaption:
		return 4
	case kindCredit:
		return 5
	case kindByline:
		return 6
	case kindDate:
		return 7
	case kindStop:
		return 8
	}
	return 9 // kindMedia
}

// bodyFeatures writes the features after the local ones to x.
func (d *textDoc) bodyFeatures(i int, x []float64) {
	n := len(d.lines)
	x = x[nLocal:nBody]
	clear(x)
	x[0] = clampLogit(d.local[i])
	if i > 0 {
		x[1] = clampLogit(d.local[i-1])
	}
	if i+1 < n {
		x[2] = clampLogit(d.local[i+1])
	}
	if d.start < 0 {
		return
	}
	switch {
	case i < d.start:
		x[4] = log1p(d.start - i)
	case i >= d.end:
		x[5] = log1p(i - d.end + 1)
	default:
		x[3] = 1
	}
	x[6] = b2f(i == d.start)
	x[7] = b2f(i == d.end-1)
}

// isBody reports whether the body model keeps line i.
func (d *textDoc) isBody(i int) bool { return d.body[i] > 0 }

// bodySpan is the stretch of lines the body model's log-odds add up to
// the most (as articleRegion does with the local model's, but with what a
// rejected line costs bounded by the model's SpanGap): lines it keeps
// far from the article, among readers' comments or other stories, stay
// out. It returns the first and past-the-last body line, or -1, -1.
func (d *textDoc) bodySpan() (int, int) {
	if d.spanDone {
		return d.spanStart, d.spanEnd
	}
	d.spanDone = true
	d.spanStart, d.spanEnd = -1, -1
	start, end := articleRegion(d.lines, d.body, -d.model.SpanGap)
	if start < 0 {
		return -1, -1
	}
	for i := start; i < end; i++ {
		if d.isBody(i) && !d.lines[i].dup {
			if d.spanStart < 0 {
				d.spanStart = i
			}
			d.spanEnd = i + 1
		}
	}
	return d.spanStart, d.spanEnd
}

// bodyStartAbove moves the body's start up to where the body model's
// log-odds of the lines above it add up to the most (a rejected line
// costing at least the model's SpanGap, as in bodySpan), never to the
// headline or above it. The span stops at a related list's header
// ("Related", "Most read"): a box of other stories between the article's
// first paragraphs and the rest left those paragraphs out. The lists it
// crosses stay out of the body (listed).
func (d *textDoc) bodyStartAbove(start, titleAt int) int {
	floor := -d.model.SpanGap
	best, cur, newStart := 0.0, 0.0, start
	for i := start - 1; i > titleAt; i-- {
		cur += max(clampLogit(d.body[i]), floor)
		if cur > best {
			best, newStart = cur, i
		}
	}
	for i := newStart; i < start; i++ {
		if d.lines[i].kind != kindStop || d.lines[i].words >= minProseWords {
			continue // (a sentence the patterns took for a header: "In other words, …")
		}
		if d.listed == nil {
			d.listed = make([]bool, len(d.lines))
		}
		// The list runs to the next paragraph of the article, past the
		// start found when the body model kept its last items (a story's
		// title with its byline and date: 3 of 12 retrains did so on the
		// inset-list fixture).
		for ; i < len(d.lines) && !(d.lines[i].kind == kindProse && d.lines[i].words >= minResumeWords); i++ {
			d.listed[i] = true
		}
	}
	return newStart
}

// headlineCoverage is the index of "coverage" among the headline features
// ("lead-coverage" follows, then their gaps).
var headlineCoverage = slicesIndex(HeadlineFeatureNames, "coverage")

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	panic("no feature " + v)
}

// headlineLead: how many lines of the body its lead is, that a headline
// sums up.
const headlineLead = 3

// isFurniture reports whether a line is page furniture: a notice, a
// placeholder, a related list's header.
func isFurniture(l textLine) bool {
	return l.kind == kindBoiler || l.kind == kindStop || l.kind == kindMedia
}

// furnitureWindow is how many lines under a headline its share buttons
// and notices are counted in.
const furnitureWindow = 6

// headlineInBody: the headline may be among the first lines the body
// model keeps (pages set it as large text close to the first paragraph).
const headlineInBody = 8

// headlineCandidates lists the lines above the body, and its first ones,
// that may be its headline, with their features (rows of nHeadline).
func (d *textDoc) headlineCandidates(start, end int) ([]int, []float64) {
	lines := d.lines
	meta := headerMeta(lines, start)
	leadWords := map[string]bool{} // the lead's words of four letters or more (what coverage looks up)
	for _, l := range lines[start:min(end, start+headlineLead)] {
		for _, w := range words(l.text) {
			if utf8.RuneCountInString(w) >= 4 {
				leadWords[w] = true
			}
		}
	}
	lc := d.lowered()
	var idx []int
	// Around the body's start, and the local model's region's (the
	// headline may open either).
	first, last := start, start
	if d.start >= 0 {
		first, last = min(start, d.start), max(start, d.start)
	}
	from, stop := max(0, first-titleWindow), min(last+headlineInBody, max(end, d.end))
	for i := from; i < stop; i++ {
		if titleCandidate(lines[i]) {
			idx = append(idx, i)
		}
	}
	cws := make([][]string, len(idx)) // each candidate's contentWords
	for k, i := range idx {
		cws[k] = contentWords(lines[i].text)
	}
	bodyWords := candidateWordsInBody(lines, cws, start, end)
	feats := make([]float64, len(idx)*nHeadline)
	inList := false
	k := 0
	firstContent := -1
	for i := 0; i < len(lines) && firstContent < 0; i++ {
		if isContentKind(lines[i].kind) {
			firstContent = i
		}
	}
	nAbove := 0 // candidates above the body
	for _, i := range idx {
		if i < start {
			nAbove++
		}
	}
	for i := from; i < stop && k < len(idx); i++ {
		l := lines[i]
		if l.kind == kindStop {
			inList = true
		}
		if meta[i] {
			inList = false
		}
		if idx[k] != i {
			continue
		}
		x := feats[k*nHeadline : (k+1)*nHeadline]
		dist := 0 // negative in the body
		if i >= start {
			dist = start - i - 1
		}
		for j := i + 1; j < start; j++ {
			if isContentKind(lines[j].kind) && !lines[j].dup {
				dist++
			}
		}
		above, below := metaAround(lines, i, meta)
		e, longer, shorter := echoes(lines, i, lc)
		s := d.shape[i]
		r, _ := lastRune(l.text)
		cw := cws[k]
		nextBody := 0.0
		if i+1 < len(lines) {
			nextBody = clampLogit(d.body[i+1])
		}
		// The content lines around it: a section label or kicker sits
		// over a longer headline, a standfirst under it.
		prevWords, nextWords := 0, 0
		prev, next := -1, -1
		for j := i - 1; j >= 0; j-- {
			if isContentKind(lines[j].kind) && !lines[j].dup {
				prevWords, prev = lines[j].words, j
				break
			}
		}
		// What comes next, bar repeats, media and notices: a byline or a
		// date under a headline, a caption under a photo's alt text.
		nextMeta, nextCaption := false, false
		for j := i + 1; j < len(lines); j++ {
			k := lines[j].kind
			if lines[j].dup || k == kindMedia || k == kindBoiler {
				continue
			}
			if next < 0 && isContentKind(k) {
				nextWords, next = lines[j].words, j
			}
			if j <= i+3 && next < 0 {
				nextMeta = nextMeta || k == kindByline || k == kindDate
				nextCaption = nextCaption || k == kindCaption || k == kindCredit
			}
			if next >= 0 {
				break
			}
		}
		nextPeriod, nextLocal, prevPeriod, prevLocal, prevCand := 0.0, 0.0, 0.0, 0.0, 0.0
		if next >= 0 {
			r, _ := lastRune(lines[next].text)
			nextPeriod, nextLocal = b2f(r == '.'), clampLogit(d.local[next])
		}
		if prev >= 0 {
			r, _ := lastRune(lines[prev].text)
			prevPeriod, prevLocal = b2f(r == '.'), clampLogit(d.local[prev])
			prevCand = b2f(k > 0 && idx[k-1] == prev)
		}
		// Share buttons and notices under it, a breadcrumb over it.
		furnitureBelow, prevSeps := 0, 0.0
		for j := i + 1; j < len(lines) && j <= i+furnitureWindow; j++ {
			if isFurniture(lines[j]) {
				furnitureBelow++
			}
		}
		if i > 0 {
			prevSeps = d.shape[i-1].separators
		}
		// How many candidates the local model likes more.
		localRank := 0
		for _, j := range idx {
			if d.local[j] > d.local[i] {
				localRank++
			}
		}
		f := append(x[:0],
			math.Copysign(math.Log1p(math.Abs(float64(dist))), float64(dist)),
			b2f(i >= start),
			log1p(len(idx)-1-k),
			log1p(len(idx)),
			b2f(above), b2f(below),
			b2f(e >= 1 && e <= 3), b2f(e >= 4), float64(min(longer, 3)), float64(min(shorter, 3)),
			b2f(inList),
			b2f(isStandfirst(lines, i)),
			coverageOf(cw, bodyWords),
			coverageOf(cw, leadWords),
			0, 0, // the gaps, below
			log1p(l.words), b2f(l.words <= 2), b2f(l.words > 20),
			b2f(r == '.'), b2f(r == '?' || r == '!'), b2f(r == ':'),
			b2f(l.bullet), s.caps, s.titlecase, s.digits, s.separators,
			b2f(l.kind == kindShort), b2f(l.kind == kindTeaser), b2f(l.kind == kindProse),
			b2f(i > 0 && isFurniture(lines[i-1])),
			clampLogit(d.local[i]), clampLogit(d.body[i]), nextBody,
			b2f(l.gap), b2f(i+1 < len(lines) && lines[i+1].gap),
			float64(i)/float64(max(len(lines)-1, 1)),
			b2f(i == firstContent),
			log1p(prevWords), log1p(nextWords),
			b2f(l.words <= 3 && nextWords > l.words+2),
			b2f(addressesReader(l.text)), float64(min(gluedWords(l.text), 3)), log1p(max(nAbove-1-k, 0)),
			b2f(i+1 < len(lines) && lines[i+1].dup), b2f(nextMeta), nextPeriod, nextLocal, prevPeriod, prevLocal, prevCand,
			b2f(nextCaption), log1p(localRank), b2f(l.kind == kindDate), b2f(l.kind == kindCaption), b2f(l.kind == kindByline),
			float64(furnitureBelow), prevSeps)
		if len(f) != nHeadline {
			panic("headline features: HeadlineFeatureNames is out of step")
		}
		k++
	}
	// How far each candidate's overlap with the body falls short of the
	// best candidate's: the headline is usually the one that sums it up.
	for _, c := range []int{headlineCoverage, headlineCoverage + 1} {
		best := 0.0
		for k := range idx {
			best = max(best, feats[k*nHeadline+c])
		}
		for k := range idx {
			feats[k*nHeadline+c+2] = best - feats[k*nHeadline+c]
		}
	}
	return idx, feats
}

// headline picks the headline among the candidates above the body, or -1.
func (d *textDoc) headline(start, end int) int {
	idx, feats := d.headlineCandidates(start, end)
	best, bestScore := -1, math.Inf(-1)
	for k, i := range idx {
		// A cut copy stays a candidate (its features are the others'
		// context, as the model learned them) but is never picked.
		if cutCopy(d.lines, i) {
			continue
		}
		if s := d.model.Headline.Logit(feats[k*nHeadline : (k+1)*nHeadline]); s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// readerWords address the reader: prompts ("Get … in your inbox",
// "Du willst keinen Deal mehr verpassen?") more than headlines do.
var readerWords = map[string]bool{
	"you": true, "your": true, "du": true, "dich": true, "dir": true, "dein": true, "deine": true, "euch": true,
	"vous": true, "votre": true, "vos": true, "tu": true, "ton": true, "ta": true, "tes": true, "usted": true,
	"tú": true, "tú": true, "seu": true, "sua": true, "você": true, "voi": true,
}

// addressesReader reports whether a line speaks to the reader.
func addressesReader(s string) bool {
	found := false
	eachWord(s, nil, func(w []byte) { found = found || readerWords[string(w)] })
	return found
}

// gluedWords counts the places where a lower-case letter runs into a
// capital ("StartseiteNews", "EinstellungenZu"): menu items and labels a
// rendering ran together.
func gluedWords(s string) int {
	n := 0
	var prev rune
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			n++
		}
		prev = r
	}
	return n
}
