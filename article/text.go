package article

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minProseWords: a line with fewer words is a menu item, label or heading.
const minProseWords = 10

// extractText cleans text copied from a web page (a browser's select-all or
// a text dump such as w3m's), or a plain or hard-wrapped article: it finds
// the article's lines and its headline with the text model
// (textmodel.go), keeps photo captions apart, and drops menus, notices,
// share prompts, related-article lists, comments and footers.
func extractText(text string) (Article, error) {
	model, err := shippedTextModel()
	if err != nil {
		return Article{}, err
	}
	return extractTextWith(text, model)
}

func extractTextWith(text string, m *TextModel) (Article, error) {
	text = normalizeText(text)
	wrapped := false
	if unwrapped, ok := unwrapText(text); ok {
		text, wrapped = unwrapped, true
	}
	lines := classifyLines(text)
	if wrapped && plainDocument(lines) {
		return plainArticle(lines)
	}
	d := newTextDoc(lines, m)
	start, end := d.bodySpan()
	if start < 0 {
		if hasSentence(lines) {
			return plainArticle(lines)
		}
		return Article{}, fmt.Errorf("no article text found (no sentence of running text): %w", ErrNoArticle)
	}
	titleAt := d.headline(start, end)
	start = d.bodyStartAbove(start, titleAt)
	a := d.article(titleAt, start, end)
	if a.Body == "" && titleAt >= 0 {
		a = d.article(-1, start, end) // a single line: the article, not a headline
	}
	return a, nil
}

// article assembles the article of lines start to end, with the headline
// at titleAt (or none, -1): the lines the body model keeps, captions apart,
// and the metadata around them.
func (d *textDoc) article(titleAt, start, end int) Article {
	lines := d.lines
	var a Article
	if titleAt >= 0 {
		a.Title = lines[titleAt].text
	}
	a.Subtitle = findSubtitle(lines, titleAt, start)
	a.Authors = headerAuthors(lines, titleAt, start, end)
	var body []string
	seen := map[string]bool{}
	addCaption := func(text, credit string) {
		if text != "" && !seen[text] {
			seen[text] = true
			a.Captions = append(a.Captions, Caption{Text: text, Credit: credit})
		}
	}
	// Captions just above the body belong to the lead photo.
	for i := max(titleAt+1, start-6); i < start; i++ {
		if lines[i].kind == kindCaption {
			addCaption(lines[i].capText, lines[i].credit)
		}
	}
	for i := max(start, titleAt+1); i < end; i++ {
		switch l := lines[i]; {
		case l.dup, d.listed != nil && d.listed[i]:
		case l.kind == kindCaption:
			addCaption(l.capText, l.credit)
		case d.body == nil || d.isBody(i):
			body = append(body, l.text)
		}
	}
	a.Body = strings.Join(body, "\n\n")
	// A byline the body model kept as the first paragraph is the authors'
	// names, not the text (as on saved pages).
	a.Body, a.Authors = dropLeadingByline(a.Body, a.Authors)
	order := numericOrderOf(lines, func() string { return detectLanguage(a.Title + "\n\n" + a.Body) })
	a.Published = textDate(lines, titleAt, start, end, order)
	a.Source = textSource(lines, d.lowered(), titleAt, start, end)
	return a
}

// maxFurniture: a wrapped text with more lines of page furniture (notices,
// placeholders, related lists) than this share is a page dump, not a
// document.
const maxFurniture = 0.05

// plainDocument reports whether hard-wrapped text is a document of its own
// (wire copy, an e-mailed article) rather than a web page dumped at a
// fixed width: hardly any lines of page furniture.
func plainDocument(lines []textLine) bool {
	furniture := 0
	for _, l := range lines {
		if isFurniture(l) {
			furniture++
		}
	}
	return float64(furniture) <= max(2, maxFurniture*float64(len(lines)))
}

// plainArticle reads a plain document: its first line is the headline when
// it reads as one, the rest is the body, bar notices and the byline and
// dateline lines of its head.
func plainArticle(lines []textLine) (Article, error) {
	if len(lines) == 0 {
		return Article{}, fmt.Errorf("no article text found: %w", ErrNoArticle)
	}
	titleAt, start := -1, 0
	if plainHeadline(lines) {
		titleAt, start = 0, 1
	}
	d := &textDoc{lines: lines}
	var kept []textLine
	end := len(lines)
	for end > start+1 && isTrailer(lines[end-1]) {
		end--
	}
	for i := start; i < end; i++ {
		l := lines[i]
		if l.kind == kindBoiler || isMetaLine(l) && i < start+maxEarlyMetaLine {
			continue
		}
		kept = append(kept, l)
	}
	a := d.article(titleAt, start, end)
	a.Body = strings.Join(lineTexts(kept), "\n\n")
	if a.Body == "" {
		return Article{}, fmt.Errorf("no article text found (only a headline): %w", ErrNoArticle)
	}
	return a, nil
}

// isMetaLine reports whether a line is a byline or a dateline, not a
// sentence or a headline that names a date.
func isMetaLine(l textLine) bool {
	return (l.kind == kindByline || l.kind == kindDate) && l.words <= maxDatelineWords
}

// maxDateLabelWords: a line with more words than this beside its dates is
// no dateline ("Updated March 3, 2020, 10:15 am" has one or two).
const maxDateLabelWords = 3

// onlyDate reports whether a line holds little beside its dates.
func onlyDate(line string) bool {
	ds := findDates(line, orderMDY)
	if len(ds) == 0 {
		return false
	}
	rest, last := "", 0
	for _, d := range ds {
		rest += line[last:d.start] + " "
		last = d.end
	}
	rest += line[last:]
	return countWords(datelineExtraRe.ReplaceAllString(rest, "")) <= maxDateLabelWords
}

// isTrailer reports whether a line at the end of a plain document is no
// article text: a notice, a credit, a "Source:" line, a sign-off
// ("Reuter", "(ends)").
func isTrailer(l textLine) bool {
	switch l.kind {
	case kindBoiler, kindStop, kindMedia, kindCredit, kindDate:
		return true
	}
	return sourceLabelRe.MatchString(l.text) || l.words <= 2 && !endsSentence(l.text)
}

// lineTexts are the texts of lines, bar repeats.
func lineTexts(lines []textLine) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if !l.dup {
			out = append(out, l.text)
		}
	}
	return out
}

// maxPlainHeadlineWords: a longer first line is the article's first
// paragraph, not its headline.
const maxPlainHeadlineWords = 25

// plainHeadline reports whether a plain document's first line is its
// headline: something follows it, and it is short and no plain sentence
// (a headline in capitals or with a question mark is one all the same).
func plainHeadline(lines []textLine) bool {
	if len(lines) < 2 {
		return false
	}
	l := lines[0]
	if l.words > maxPlainHeadlineWords || l.kind == kindByline || l.kind == kindDate && onlyDate(l.text) {
		return false
	}
	r, _ := lastRune(l.text)
	return r != '.' || isAllCaps(l.text) || l.words <= 12 && lines[1].gap
}

// hasSentence reports whether some line is running text: three words or
// more ending as a sentence does.
func hasSentence(lines []textLine) bool {
	for _, l := range lines {
		if l.words >= 3 && endsSentence(l.text) && l.kind != kindBoiler && l.kind != kindStop {
			return true
		}
	}
	return false
}

// articleRegion finds the lines holding the article: the stretch whose
// lines' local log-odds add up to the most (Kadane's maximum sub-array),
// never crossing a barrier (headers of related lists or comments). It
// returns start, end (exclusive), or -1 when no line is likely text.
func articleRegion(lines []textLine, logits []float64, floor float64) (int, int) {
	lines = lines[:commentsStart(lines)]
	barrier := barriers(lines)
	bestStart, bestEnd, best := -1, -1, 0.0
	curStart, cur := 0, 0.0
	for i := range lines {
		if barrier[i] {
			curStart, cur = i+1, 0
			continue
		}
		if cur <= 0 {
			curStart, cur = i, 0
		}
		cur += max(clampLogit(logits[i]), floor)
		if cur > best {
			best, bestStart, bestEnd = cur, curStart, i+1
		}
	}
	return bestStart, bestEnd
}

// minWordsBeforeComments: a comments header after this much prose ends the
// article; earlier, it belongs to a sidebar.
const minWordsBeforeComments = 100

// commentsStart returns where the comments section starts (or len(lines)):
// readers' comments are prose too, and can outweigh the article.
func commentsStart(lines []textLine) int {
	prose := 0
	for i, l := range lines {
		if l.kind == kindProse {
			prose += l.words
		}
		if l.kind == kindStop && prose >= minWordsBeforeComments && commentsHeaderRe.MatchString(l.text) {
			return i
		}
	}
	return len(lines)
}

// barriers marks the lines an article does not run across. A related-list
// header in the middle of an article (a "Trending" box between paragraphs)
// is no barrier when the article resumes right after its list: then the
// header and list become boilerplate instead.
func barriers(lines []textLine) []bool {
	b := make([]bool, len(lines))
	for i := range lines {
		switch lines[i].kind {
		case kindStop:
			if j, ok := resumesAfterList(lines, i); ok {
				for k := i; k < j; k++ {
					lines[k].kind = kindBoiler
				}
			} else {
				b[i] = true
			}
		}
	}
	return b
}

// maxInsetList is the longest list of headlines a box inside an article holds.
const maxInsetList = 8

// minResumeWords: the article resumes with paragraphs at least this long.
const minResumeWords = 15

// resumesAfterList reports whether, after the header at i and a short list
// of headlines, the text goes on with paragraphs of prose. It returns where
// the prose resumes.
func resumesAfterList(lines []textLine, i int) (int, bool) {
	j := i + 1
	for j < len(lines) && j-i <= maxInsetList && !(lines[j].kind == kindProse && lines[j].words >= minResumeWords) {
		switch lines[j].kind {
		case kindDate, kindByline, kindStop:
			return 0, false
		}
		j++
	}
	prose := 0
	for k := j; k < len(lines) && k < j+3; k++ {
		if lines[k].kind == kindProse && lines[k].words >= minResumeWords {
			prose++
		}
	}
	return j, prose >= 2
}

// hasProse reports whether a body has at least one paragraph of running text.
func hasProse(body string) bool {
	for _, p := range strings.Split(body, "\n\n") {
		if classifyLine(p, lineWeight(p)) == kindProse {
			return true
		}
	}
	return false
}

func lastRune(s string) (rune, bool) {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if s == "" {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(s) // (an invalid byte: U+FFFD, as []rune(s) has it)
	return r, true
}
