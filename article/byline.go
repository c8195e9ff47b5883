package article

import (
	"regexp"
	"strings"
)

var (
	// bylineRe: "By Jane Doe", "by Jane Doe and John Roe, Reuters", "Von Max Muster".
	bylineRe       = regexp.MustCompile(`^(?i:by|von|par|por|door|di|av|af|written by|words by|text by)\s*:?\s+[\p{Lu}@][\p{L}\p{M}.'’\-]*(?:[\s,]+(?:[\p{Lu}@][\p{L}\p{M}.'’\-]*|(?i:and|und|et|y|e|&|de|van|von|der|da|la|le)))*\s*(?:[,|/–—-]\s*.{0,60})?$`)
	bylinePrefixRe = regexp.MustCompile(`^(?i:by|von|par|por|door|di|av|af|written by|words by|text by)\s*:?\s+`)
	monthRe        = `(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`
	dateRe         = regexp.MustCompile(`(?i)^(?:(?:published|updated|posted|last updated|modified|first published|date)(?: on| at)?:?\s*)?` +
		`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?` +
		`(?:` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `,?(?:\s+\d{4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)` +
		`|^(?:published|updated|posted|last updated|modified)\b`)
)

// containsDateRe finds a calendar date or a clock time inside a line.
var containsDateRe = regexp.MustCompile(`(?i)\b(?:` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `,?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)\b`)

// bylineAloneRe matches a "By" whose names follow on the next lines.
var bylineAloneRe = regexp.MustCompile(`^(?i:by|von|par|por|door|di|av|af|written by)\s*:?$`)

// contactRe matches a line that is only an e-mail address or a handle.
var contactRe = regexp.MustCompile(`^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30})$`)

// maxBylineWords: longer lines are sentences that happen to start with "By".
const maxBylineWords = 14

// looksLikeByline reports whether a line names the authors ("By Jane Doe").
func looksLikeByline(line string) bool {
	if contactRe.MatchString(line) || bylineAloneRe.MatchString(line) {
		return true
	}
	return countWords(line) <= maxBylineWords && !endsSentence(strings.TrimRight(line, " ")) && bylineRe.MatchString(line)
}

// bylineNames extracts author names from a byline.
func bylineNames(line string) []string {
	line = bylinePrefixRe.ReplaceAllString(line, "")
	if i := strings.IndexAny(line, "|/–—"); i >= 0 {
		line = line[:i]
	}
	var names []string
	for _, part := range regexp.MustCompile(`\s*(?:,|\band\b|&)\s*`).Split(line, -1) {
		if part = strings.TrimSpace(part); countWords(part) >= 2 && countWords(part) <= 4 {
			names = append(names, part)
		}
	}
	return names
}

// looksLikeDate reports whether a line is a dateline ("Updated 1:39 am EST, …").
// A line with a date and little else ("New Delhi | Updated: 19 November
// 2019, 09:01 AM", "Jane Doe 27/09/2018 2 comments") is one too.
func looksLikeDate(line string) bool {
	line = strings.TrimSpace(line)
	n := countWords(line)
	if n <= maxDateWords && dateRe.MatchString(line) {
		return true
	}
	r, _ := lastRune(line)
	return n <= maxDatelineWords && r != '.' && containsDateRe.MatchString(line)
}

const (
	maxDateWords     = 20 // "Published: November 19, 2019 at 8:59 pm | Updated: …"
	maxDatelineWords = 14
)
