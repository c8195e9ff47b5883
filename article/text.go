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
// a text dump such as w3m's): it finds the article's main block of prose and
// its headline, keeps photo captions apart, and drops menus, notices, share
// prompts, related-article lists, comments and footers.
func extractText(text string) (Article, error) {
	lines := classifyLines(normalizeText(text))
	start, end := articleRegion(lines)
	if start < 0 {
		return Article{}, fmt.Errorf("no article text found (no paragraph of running text): %w", ErrNoArticle)
	}
	var a Article
	titleAt := findTitle(lines, start, end)
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
	for _, l := range lines[start:end] {
		switch {
		case l.dup:
		case l.kind == kindCaption:
			addCaption(l.capText, l.credit)
		case l.kind == kindShort, l.kind == kindProse, l.kind == kindTeaser, l.item:
			body = append(body, l.text)
		}
	}
	a.Body = strings.Join(body, "\n\n")
	order := numericOrderOf(lines, func() string { return detectLanguage(a.Title + "\n\n" + a.Body) })
	a.Published = textDate(lines, titleAt, start, end, order)
	a.Source = textSource(lines, titleAt, start, end)
	return a, nil
}

// articleRegion finds the lines holding the article: the stretch with the
// most prose once each other line costs a little (Kadane's maximum
// sub-array), never crossing a barrier (bylines, timestamps, headers of
// related lists or comments). It returns start, end (exclusive), or -1 when
// there is no prose.
func articleRegion(lines []textLine) (int, int) {
	lines = lines[:commentsStart(lines)]
	barrier := barriers(lines)
	bestStart, bestEnd, best := -1, -1, 0
	curStart, cur := 0, 0
	for i, l := range lines {
		if barrier[i] {
			curStart, cur = i+1, 0
			continue
		}
		if cur <= 0 {
			curStart, cur = i, 0
		}
		cur += lineScore(l)
		if cur > best {
			best, bestStart, bestEnd = cur, curStart, i+1
		}
	}
	if bestStart < 0 {
		return -1, -1
	}
	for bestStart < bestEnd && lines[bestStart].kind != kindProse {
		bestStart++
	}
	return extendToHeader(lines, bestStart), bestEnd
}

// minLeadWords: a line this long between the byline and the body is the
// article's first paragraph even without a full stop (some sites drop it).
const minLeadWords = 15

// extendToHeader moves the start of the body up to just under the
// article's byline or date when only long lines of text lie between.
func extendToHeader(lines []textLine, start int) int {
	first := start
	for i := start - 1; i >= 0 && start-i <= 4; i-- {
		switch l := lines[i]; {
		case l.kind == kindByline || l.kind == kindDate:
			return first
		case l.kind == kindTeaser && l.words >= minLeadWords, l.kind == kindProse:
			first = i
		case l.kind == kindCaption, l.kind == kindCredit, l.kind == kindMedia, l.dup:
		default:
			return start
		}
	}
	return start
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

func lineScore(l textLine) int {
	if l.dup {
		return 0
	}
	if l.item {
		return listItemScore
	}
	switch l.kind {
	case kindProse:
		return l.words
	case kindCaption, kindCredit, kindMedia:
		return 0
	case kindTeaser:
		return -3
	case kindBoiler:
		return -4
	case kindByline, kindDate:
		// The article's own byline and date sit between the headline
		// block and the body: the text above them (a standfirst) is
		// rarely worth this much, the body on both sides always is.
		return -metaCost
	}
	return -2
}

// listItemScore is what a line of a numbered list adds to a region.
const listItemScore = 2

// metaCost is what crossing a byline or date line costs a region, in words.
const metaCost = 40

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
