package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// bylineRe: "By Jane Doe", "by Jane Doe and John Roe, Reuters", "Von Max Muster".
	bylineRe       = mustQuick(`^(?i:by|von|par|por|door|di|av|af|written by|words by|text by)\s*:?\s+[\p{Lu}@][\p{L}\p{M}.'’\-]*(?:[\s,]+(?:[\p{Lu}@][\p{L}\p{M}.'’\-]*|(?i:and|und|et|y|e|&|de|van|von|der|da|la|le)))*\s*(?:[,|/–—-]\s*.{0,60})?$`)
	bylinePrefixRe = lazyRe(`^(?i:by|von|par|por|door|di|av|af|written by|words by|text by)\s*:?\s+`)
	monthRe        = `(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`
	// (One ^ for both alternatives: with one each, Go's regexp tries every
	// position of the line.)
	dateRe = mustQuick(`(?i)^(?:(?:(?:published|updated|posted|last updated|modified|first published|date)(?: on| at)?:?\s*)?` +
		`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?` +
		`(?:` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `,?(?:\s+\d{4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)` +
		`|(?:published|updated|posted|last updated|modified)\b)`)
	// dateLabels start the lines dateRe matches without a digit.
	dateLabels = []string{"published", "updated", "posted", "last updated", "modified"}
)

// containsDateRe finds a calendar date or a clock time inside a line.
var containsDateRe = mustQuick(`(?i)\b(?:` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `,?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)\b`).
	withNeed(mayHoldDate)

// mayHoldDate is false for lines containsDateRe cannot match: every match
// holds a digit, and a month's abbreviation starting a word or a digit
// then one of "./-:" then a digit. (Only a digit was asked for: the
// pattern ran on every line holding a number, 4 µs each, 4% of the dev
// corpus's copied pages.)
func mayHoldDate(s string) bool {
	if !hasASCIIDigit(s) {
		return false
	}
	if foldsToASCII(s) {
		return true // ſ can spell "ſep": let the pattern say
	}
	for i := 0; i+2 < len(s); i++ {
		if c := s[i]; isDigit(c) && strings.IndexByte("./-:", s[i+1]) >= 0 && isDigit(s[i+2]) {
			return true
		}
		if i == 0 || !isASCIIWordChar(s[i-1]) {
			for _, m := range monthAbbrevs {
				if hasPrefixLowered(s[i:], m) {
					return true
				}
			}
		}
	}
	return false
}

// monthAbbrevs start every month's name in monthRe.
var monthAbbrevs = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// bylineAloneRe matches a "By" whose names follow on the next lines.
var bylineAloneRe = mustQuick(`^(?i:by|von|par|por|door|di|av|af|written by)\s*:?$`)

// contactRe matches a line that is only an e-mail address or a handle.
var contactRe = mustQuick(`^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30})$`)

// maxBylineWords: longer lines are sentences that happen to start with "By".
const maxBylineWords = 14

// looksLikeByline reports whether a line names the authors ("By Jane Doe").
func looksLikeByline(line string) bool {
	return newLineFacts(line).looksLikeByline()
}

// looksLikeByline is the package's looksLikeByline.
func (f *lineFacts) looksLikeByline() bool {
	line := f.line
	if strings.IndexByte(line, '@') >= 0 && contactRe.MatchString(line) || bylineAloneRe.MatchString(line) {
		return true
	}
	return f.words <= maxBylineWords && bylineRe.mayMatch(line) && !endsSentence(strings.TrimRight(line, " ")) && bylineRe.MatchString(line)
}

// bylineNames extracts author names from a byline: "By Jane Doe and John
// Roe, Reuters", "By Tess Bonn - 11/19/19 06:56 AM EST", "By Meg
// JamesStaff Writer", "By Umair Irfan Updated Nov 13, 2019".
func bylineNames(line string) []string {
	if contactRe.MatchString(line) {
		return nil
	}
	explicit := bylinePrefixRe.MatchString(line) || authorLabelRe.MatchString(line)
	line = bylinePrefixRe.ReplaceAllString(line, "")
	line = authorLabelRe.ReplaceAllString(line, "")
	return namesOf(cutByline(line), explicit)
}

var (
	// authorLabelRe: "Text: Jane Doe", "Autor: João Silva".
	authorLabelRe = lazyRe(`^(?i:author|authors|autor|autora|auteur|autore|text|texto|testo|текст|автор|reporting|words)\s*:\s*`)
	// bylineEndRe is where the names of a byline end: a separator, a label,
	// a handle, a role glued to the name ("JamesStaff Writer").
	bylineEndRe = lazyRe(`\s[-–—]\s|[|/•·@]|\s(?i:updated|published|posted|last updated|modified|on)\b|\p{Ll}(?:Staff|Writer|Reporter|Editor|Correspondent|Contributor|Columnist|Photographer|Biography)\b`)
	// bylineSplitRe separates the names of several authors.
	bylineSplitRe = lazyRe(`\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b|\bdan\b|\ben\b)\s*`)
	// bylineSplitWords are its words ("\band\b"…): a byline without them
	// or its marks is not split (Go's regexp took 3 µs to say so).
	bylineSplitWords = []string{"and", "und", "et", "y", "e", "dan", "en"}
	// roleRe marks a part of a byline that is a role or an employer.
	roleRe = lazyRe(`(?i)\b(?:staff|writer|reporter|editor|editors|correspondent|contributor|columnist|photographer|producer|bureau|special to|senior|chief|news|press|desk|team|magazine|newspaper|times|post|daily|herald|journal|tribune|gazette|wire|agency|media|network|online|digital)\b`)
	// genericAuthors are account names, not people: "By admin".
	genericAuthors = map[string]bool{"admin": true, "administrator": true, "staff": true, "editor": true, "editors": true,
		"team": true, "guest": true, "redaksi": true, "redação": true, "redacción": true, "rédaction": true,
		"redaktion": true, "redazione": true, "redactie": true, "webmaster": true, "user": true, "anonymous": true, "editorial": true}
)

// cutByline keeps the part of a byline before its date, label or separator.
func cutByline(line string) string {
	if ds := findDates(line, orderMDY); len(ds) > 0 {
		line = line[:ds[0].start]
	}
	if m := bylineEndRe.FindStringIndex(line); m != nil {
		cut := m[0]
		if r, size := utf8.DecodeRuneInString(line[cut:]); unicode.IsLower(r) && m[1]-m[0] > size+1 {
			cut += size // keep the last letter of the glued name
		}
		line = line[:cut]
	}
	return strings.Trim(line, " ,.:;-–—")
}

// namesOf splits the names of a byline. Single words are names only after
// an explicit "By" ("by Regan"), and never account names ("By admin").
func namesOf(s string, explicit bool) []string {
	parts := []string{s}
	if strings.ContainsAny(s, ",;&") || hasASCIIWord(s, bylineSplitWords) { // what bylineSplitRe needs
		parts = bylineSplitRe.Split(s, -1)
	}
	var names []string
	for _, part := range parts {
		part = strings.TrimSpace(part)
		n := countWords(part)
		if n == 0 || n > 4 || !startsUpper(part) || genericAuthors[strings.ToLower(part)] || strings.ContainsFunc(part, unicode.IsDigit) {
			continue
		}
		if len(parts) > 1 && (roleRe.MatchString(part) || domainNameRe.MatchString(part) || agencies[strings.ToLower(part)] != "") {
			continue // "Jane Doe, Reuters", "Troy L. Smith, Cleveland.com", "Meg James, Staff Writer"
		}
		if n == 1 && !(explicit && len(parts) == 1) {
			continue
		}
		if isAllCaps(part) {
			part = titleCase(part) // "BY BILL HOPPE"
		}
		names = append(names, part)
	}
	return names
}

// titleCase capitalises each word of an all-capitals name.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

var (
	// nameBeforeDateRe: "Chris Davies - Nov 19, 2019", "Reuters November 18, 2019".
	nameBeforeDateRe = lazyRe(`^((?:[\p{Lu}][\p{L}\p{M}'’.-]*)(?:\s+[\p{Lu}][\p{L}\p{M}'’.-]*){0,3})\s*(?:[-–—|·•,]\s*)?$`)
	// byAfterDateRe: "Monday November 18, 2019 7:45 am PST by Joe Rossignol".
	byAfterDateRe = lazyRe(`\s(?i:by)\s+(.+)$`)
	// nameHandleRe: "Natasha Turak@NatashaTurak", "Catherine Shu @catherineshu / 2 days".
	nameHandleRe = lazyRe(`^((?:[\p{Lu}][\p{L}\p{M}'’.-]+)(?:\s+[\p{Lu}][\p{L}\p{M}'’.-]+){1,3})\s*@\w{2,30}\b`)
)

// datelineNames reads the author from a line holding the article's date: a
// name right before the date, or "by Name" after it.
func datelineNames(line string) []string {
	if m := nameHandleRe.FindStringSubmatch(line); m != nil {
		return namesOf(m[1], false)
	}
	ds := findDates(line, orderMDY)
	if len(ds) == 0 {
		return nil
	}
	if m := byAfterDateRe.FindStringSubmatch(line[ds[len(ds)-1].end:]); m != nil {
		return namesOf(cutByline(m[1]), true)
	}
	if m := nameBeforeDateRe.FindStringSubmatch(line[:ds[0].start]); m != nil {
		name := m[1]
		if agency := agencies[strings.ToLower(name)]; agency != "" {
			return []string{agency}
		}
		for _, w := range strings.Fields(strings.ToLower(name)) {
			if sectionWords[w] {
				return nil // "Local Weather 12 March 2015"
			}
		}
		if labelOf(line[:ds[0].start]) == labelNone {
			return namesOf(name, false)
		}
	}
	return nil
}

// looksLikeDate reports whether a line is a dateline ("Updated 1:39 am EST, …").
// A line with a date and little else ("New Delhi | Updated: 19 November
// 2019, 09:01 AM", "Jane Doe 27/09/2018 2 comments") is one too.
func looksLikeDate(line string) bool {
	return newLineFacts(line).looksLikeDate()
}

// looksLikeDate is the package's looksLikeDate.
func (f *lineFacts) looksLikeDate() bool {
	t := f.trimmed()
	line, n := t.line, t.words
	// Every date holds a digit.
	if n <= maxDateWords && (t.hasDigit() || dateRe.mayMatch(line) && hasPrefixAny(t.lower(), dateLabels)) && dateRe.MatchString(line) {
		return true
	}
	if n > maxDatelineWords || !t.hasDigit() {
		return false
	}
	r, _ := lastRune(line)
	return r != '.' && containsDateRe.MatchString(line)
}

const (
	maxDateWords     = 20 // "Published: November 19, 2019 at 8:59 pm | Updated: …"
	maxDatelineWords = 14
)
