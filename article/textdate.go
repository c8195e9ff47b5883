package article

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file finds calendar dates written out in a line of copied text:
// "Published 12 March 2015", "Aug. 21, 2020 at 5:00 p.m. ET",
// "Updated: 3/12/2015", "2015-03-12T10:32:00Z", "22 de outubro de 2010",
// "24 сентября 2018". Times and time zones are ignored: an article's date is
// the calendar day its page shows.

// monthNames maps month names and abbreviations, lower-case, in the languages
// the archive meets most (English, French, German, Spanish, Portuguese,
// Italian, Dutch, Indonesian, Russian), to month numbers. No spelling means
// different months in two languages.
//
// englishMonths are the English spellings: a day and month without a year
// ("Nov 19, 6:55 AM") is read only in English, where no month name is also
// a common word ("set", "out", "des" are months elsewhere).
var monthNames, englishMonths = monthTables()

func monthTables() (map[string]int, map[string]bool) {
	monthNames, englishMonths := map[string]int{}, map[string]bool{}
	for lang, names := range []string{
		// English
		"january jan|february feb|march mar|april apr|may|june jun|july jul|august aug|september sep sept|october oct|november nov|december dec",
		// French
		"janvier janv|février fevrier févr fevr fév|mars|avril avr|mai|juin|juillet juil|août aout|septembre|octobre|novembre|décembre decembre déc",
		// German
		"januar jänner|februar|märz mär|april|mai|juni|juli|august|september|oktober okt|november|dezember dez",
		// Spanish
		"enero ene|febrero|marzo|abril abr|mayo|junio|julio|agosto ago|septiembre setiembre|octubre|noviembre|diciembre dic",
		// Portuguese
		"janeiro|fevereiro fev|março|abril|maio|junho|julho|agosto|setembro set|outubro out|novembro|dezembro",
		// Italian
		"gennaio gen|febbraio|marzo|aprile|maggio mag|giugno giu|luglio lug|agosto|settembre sett|ottobre ott|novembre|dicembre",
		// Dutch
		"januari|februari|maart mrt|april|mei|juni|juli|augustus|september|oktober|november|december",
		// Indonesian
		"januari|februari|maret|april|mei|juni|juli|agustus agu agt|september|oktober|november|desember des",
		// Russian (genitive, as in "24 сентября 2018") and nominative
		"января январь|февраля февраль|марта март|апреля апрель|мая май|июня июнь|июля июль|августа август|сентября сентябрь|октября октябрь|ноября ноябрь|декабря декабрь",
	} {
		for i, month := range strings.Split(names, "|") {
			for _, name := range strings.Fields(month) {
				monthNames[name] = i + 1
				if lang == 0 {
					englishMonths[name] = true
				}
			}
		}
	}
	return monthNames, englishMonths
}

// monthsByPriority are the month names longest first, so that "march"
// is tried before "mar" (the order of monthAlternation).
func monthsByPriority() []string {
	names := make([]string, 0, len(monthNames))
	for n := range monthNames {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return names
}

// monthAlternation is a regexp alternation of the month names, in
// monthsByPriority's order.
func monthAlternation() string {
	names := monthsByPriority()
	for i, n := range names {
		names[i] = regexp.QuoteMeta(n)
	}
	return strings.Join(names, "|")
}

var (
	months = monthAlternation()
	// "March 12, 2015", "Nov. 19 2019", "Maret 30, 2015", "Nov 19" (no year).
	mdyDateRe = lazyRe(`(?i)(` + months + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(\d{4}))?`)
	// "12 March 2015", "20 Nov, 2019", "21. August 2020", "1er mars 2020",
	// "22 de outubro de 2010", "24 сентября 2018", "19 Nov" (no year).
	dmyDateRe = lazyRe(`(?i)(\d{1,2})(?:st|nd|rd|th|er|º)?(?:\.\s*|\s+)(?:de\s+)?(` + months + `)\.?(?:,?\s*(?:de\s+|del\s+)?(\d{4}))?`)
	// "2015-03-12", "2015/03/12", "2015.03.12", "2019-11-19T12:48:14Z".
	isoDateRe = lazyRe(`(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})`)
	// "3/12/2015", "21/06/2014", "18.11.2019", "11/19/19".
	numDateRe = lazyRe(`(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})`)
	// "2018年8月25日", "2018년 8월 25일".
	cjkDateRe = lazyRe(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})`)
	// clockAfterRe: a time glued to a year ("Nov 20 20194:29 AM").
	clockAfterRe = lazyRe(`^\d{1,2}:\d{2}`)
	// urlRe: dates inside addresses ("…/2015/03/30/…") are not dates shown.
	urlRe = lazyRe(`(?i)\b(?:https?://|www\.)\S+`)
)

// numOrder is how an ambiguous all-numeric date ("3/12/2015") is read.
type numOrder int

const (
	orderMDY numOrder = iota // US: month first
	orderDMY                 // most of the world
)

// dateMatch is a date found in a line.
type dateMatch struct {
	start, end int // byte offsets in the line
	year       int // 0 when the line gives none ("Nov 19, 6:55 AM")
	month, day int
}

// full reports whether the match has a year.
func (m dateMatch) full() bool { return m.year != 0 }

func (m dateMatch) date() Date {
	return Date{time.Date(m.year, time.Month(m.month), m.day, 0, 0, 0, 0, time.UTC)}
}

// findDates returns the dates written in line, in order. order reads
// ambiguous numeric dates; unambiguous ones ("21/06/2014") read themselves.
func findDates(line string, order numOrder) []dateMatch {
	if !strings.ContainsFunc(line, unicode.IsDigit) {
		return nil
	}
	// Blank out addresses, keeping byte offsets.
	if strings.Contains(line, "://") || strings.Contains(foldLower(line), "www.") { // what urlRe needs
		line = urlRe.ReplaceAllStringFunc(line, func(s string) string { return strings.Repeat(" ", len(s)) })
	}
	var found []dateMatch
	add := func(start, end, y, m, d int) {
		if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
			return
		}
		if y != 0 && (y < minYear || y > time.Now().Year()+1) {
			return
		}
		found = append(found, dateMatch{start: start, end: end, year: y, month: m, day: d})
	}
	for _, m := range mdyMatches(line) {
		if letterBefore(line, m[0]) || !monthEnds(line, m[2], m[3]) || digitAfter(line, m[5]) {
			continue
		}
		end, y := m[5], 0
		if m[6] >= 0 {
			if !yearEnds(line, m[7]) {
				continue
			}
			end, y = m[7], atoi(line[m[6]:m[7]])
		} else if !englishMonths[strings.ToLower(line[m[2]:m[3]])] {
			continue
		}
		add(m[0], end, y, monthNames[strings.ToLower(line[m[2]:m[3]])], atoi(line[m[4]:m[5]]))
	}
	for _, m := range dmyMatches(line) {
		if digitOrLetterBefore(line, m[0]) || !monthEnds(line, m[4], m[5]) {
			continue
		}
		end, y := m[5], 0
		if m[6] >= 0 {
			if !yearEnds(line, m[7]) {
				continue
			}
			end, y = m[7], atoi(line[m[6]:m[7]])
		} else if !englishMonths[strings.ToLower(line[m[4]:m[5]])] {
			continue
		}
		add(m[0], end, y, monthNames[strings.ToLower(line[m[4]:m[5]])], atoi(line[m[2]:m[3]]))
	}
	// isoDateRe and numDateRe need a separator, cjkDateRe 年 or 년.
	separated, cjk := strings.ContainsAny(line, "-/."), strings.ContainsAny(line, "年년")
	for _, m := range findAllIf(separated, isoDateMatches, line) {
		if line[m[4]:m[5]] != line[m[8]:m[9]] || digitOrLetterBefore(line, m[0]) || digitAfter(line, m[1]) {
			continue
		}
		add(m[0], m[1], atoi(line[m[2]:m[3]]), atoi(line[m[6]:m[7]]), atoi(line[m[10]:m[11]]))
	}
	for _, m := range findAllIf(separated, numDateMatches, line) {
		sep := line[m[4]:m[5]]
		if sep != line[m[8]:m[9]] || digitOrLetterBefore(line, m[0]) || (m[0] > 0 && strings.ContainsRune("./-:", rune(line[m[0]-1]))) ||
			!yearEnds(line, m[11]) || (m[11] < len(line) && strings.ContainsRune("./-", rune(line[m[11]]))) {
			continue
		}
		a, b, y := atoi(line[m[2]:m[3]]), atoi(line[m[6]:m[7]]), atoi(line[m[10]:m[11]])
		if m[11]-m[10] == 2 {
			y = expandYear(y)
		}
		switch {
		case a > 12 && b <= 12:
			add(m[0], m[11], y, b, a)
		case b > 12 && a <= 12:
			add(m[0], m[11], y, a, b)
		case sep == "/" && order == orderMDY:
			add(m[0], m[11], y, a, b)
		default: // "18.11.2019", "12-03-2015": day first
			add(m[0], m[11], y, b, a)
		}
	}
	for _, m := range findAllIf(cjk, cjkDateMatches, line) {
		if digitBefore(line, m[0]) {
			continue
		}
		add(m[0], m[1], atoi(line[m[2]:m[3]]), atoi(line[m[4]:m[5]]), atoi(line[m[6]:m[7]]))
	}
	// Keep the leftmost of overlapping matches (the longest when they start
	// together).
	sort.Slice(found, func(i, j int) bool {
		if found[i].start != found[j].start {
			return found[i].start < found[j].start
		}
		return found[i].end > found[j].end
	})
	out := found[:0]
	for _, m := range found {
		if len(out) > 0 && m.start < out[len(out)-1].end {
			continue
		}
		out = append(out, m)
	}
	return out
}

// mdyMatches is mdyDateRe.FindAllStringSubmatchIndex(line, -1), found
// without running the pattern, which (every month name, case-insensitive,
// anywhere in the line) costs tens of microseconds on the shortest line.
// Every match holds a month name right before "\.?\s+\d": mdyStarts finds
// those places, and there, the month being known, a match is the month and
// a match of mdyTailRe after it. (Month names are letters only: a match's
// month cannot end elsewhere than before "\.?\s", so there is one way
// for it to match from a given start.)
func mdyMatches(line string) [][]int {
	var out [][]int
	next := 0 // where the next match may start: the end of the last one
	for _, c := range mdyStarts(line) {
		if c.start < next {
			continue
		}
		t := mdyTailRe.FindStringSubmatchIndex(line[c.end:])
		if t == nil {
			continue // cannot happen: the tail was seen
		}
		m := []int{c.start, c.end + t[1], c.start, c.end, -1, -1, -1, -1}
		for i := 2; i < len(t); i++ {
			if t[i] >= 0 {
				m[i+2] = c.end + t[i]
			}
		}
		out = append(out, m)
		next = m[1]
	}
	return out
}

// mdyTailRe is what follows the month in mdyDateRe.
var mdyTailRe = lazyRe(`(?i)^\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(\d{4}))?`)

// monthSpan is a month name at line[start:end].
type monthSpan struct{ start, end int }

// mdyStarts returns, by start, the month names of line (as mdyDateRe
// matches them: any case) right before "\.?\s+\d": where the matches of
// mdyDateRe may start.
func mdyStarts(line string) []monthSpan {
	var spans []monthSpan
	var key []byte
	for j := 1; j < len(line); j++ {
		if !isDigit(line[j]) || !isRESpace(line[j-1]) {
			continue
		}
		end := j - 1
		for end > 0 && isRESpace(line[end-1]) {
			end--
		}
		if end > 0 && line[end-1] == '.' {
			end--
		}
		// The month name is line[start:end] for some start.
		start := end
		for n := 0; n < maxMonthRunes && start > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(line[:start])
			start -= size
			key = foldKey(key[:0], line[start:end])
			if monthFolds[string(key)] {
				spans = append(spans, monthSpan{start, end})
			}
		}
	}
	slices.SortFunc(spans, func(a, b monthSpan) int { return a.start - b.start })
	return slices.Compact(spans)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isRESpace reports whether c is a space as \s matches one.
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// foldKey appends to b the case-folded form of s that (?i) patterns see:
// each rune replaced by the least rune of its simple case-folding orbit.
func foldKey(b []byte, s string) []byte {
	for _, r := range s {
		b = utf8.AppendRune(b, foldLeast(r))
	}
	return b
}

// monthFolds holds the foldKey of every month name; maxMonthRunes is the
// longest name's length in runes.
var monthFolds, maxMonthRunes = func() (map[string]bool, int) {
	folds, longest := map[string]bool{}, 0
	for name := range monthNames {
		if strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
			panic("month name " + name + " is not all letters: mdyMatches needs them so")
		}
		folds[string(foldKey(nil, name))] = true
		longest = max(longest, utf8.RuneCountInString(name))
	}
	return folds, longest
}()

// findAllIf is find(s) when may is true, else none.
func findAllIf(may bool, find func(string) [][]int, s string) [][]int {
	if !may {
		return nil
	}
	return find(s)
}

// cjkDateMatches is cjkDateRe.FindAllStringSubmatchIndex(s, -1).
func cjkDateMatches(s string) [][]int { return cjkDateRe.FindAllStringSubmatchIndex(s, -1) }

// minYear: earlier years in a page header are not publication dates.
const minYear = 1900

func daysIn(month, year int) int {
	if year == 0 {
		year = 2000 // a leap year: "29 Feb" without a year may be valid
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// expandYear reads a two-digit year: this century unless that is in the future.
func expandYear(y int) int {
	if 2000+y > time.Now().Year()+1 {
		return 1900 + y
	}
	return 2000 + y
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsMark(r))
}

func digitBefore(s string, i int) bool {
	return i > 0 && s[i-1] >= '0' && s[i-1] <= '9'
}

func digitOrLetterBefore(s string, i int) bool {
	return digitBefore(s, i) || letterBefore(s, i)
}

func digitAfter(s string, i int) bool {
	return i < len(s) && s[i] >= '0' && s[i] <= '9'
}

// monthEnds reports whether the month name at s[i:j] is a whole word (an
// abbreviation may take a full stop).
func monthEnds(s string, i, j int) bool {
	r, _ := utf8.DecodeRuneInString(s[j:])
	return j >= len(s) || !(unicode.IsLetter(r) || unicode.IsMark(r))
}

// yearEnds reports whether a year ending at i is not part of a longer
// number; a clock time may be glued to it ("20194:29 AM").
func yearEnds(s string, i int) bool {
	return !digitAfter(s, i) || clockAfterRe.MatchString(s[i:])
}

// dateLabel is what the words before a date say it is.
type dateLabel int

const (
	labelNone      dateLabel = iota
	labelPublished           // "Published", "Posted", "First published on"
	labelUpdated             // "Updated", "Last modified"
	labelOther               // "Source: …, October 25, 2019": a date the text cites
)

var (
	publishedLabelRe = lazyRe(`(?i)(?:published|posted|publication date|date published|publicado|publicada|publié|publiée|publie|veröffentlicht|pubblicato|diterbitkan|gepubliceerd|опубликовано)(?:\s+on)?\s*:?\s*$`)
	updatedLabelRe   = lazyRe(`(?i)(?:updated|last updated|modified|last modified|edited|revised|atualizado|atualizada|actualizado|actualizada|mis à jour|modifié|aktualisiert|geändert|aggiornato|diperbarui|bijgewerkt|обновлено)(?:\s+on|\s+at)?\s*:?\s*$`)
	otherLabelRe     = lazyRe(`(?i)\b(?:source|sources|fonte|fuente|quelle|sumber|photo|photograph|image|file photo|taken|event|events|deadline|expires?|ends?|until|through|from|since|born|died)\b[^|•;]*$`)
	// labelGapRe is what may sit between a label and its date: a weekday,
	// a clock time, a dash ("Updated 1:39 am EST, Wednesday, November 20").
	labelGapRe = lazyRe(`(?i)(?:\s*(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4}\b)?|\b(?:at|on|am|um|le|el|em|il|pada)\b|[,:/|•–—-]))*\s*$`)
)

// labelOf reads the words between the previous date (or the line start) and
// a date.
func labelOf(before string) dateLabel {
	gap := labelGapRe.FindStringIndex(before)
	head := before
	if gap != nil {
		head = before[:gap[0]]
	}
	switch {
	case publishedLabelRe.MatchString(head):
		return labelPublished
	case updatedLabelRe.MatchString(head):
		return labelUpdated
	case otherLabelRe.MatchString(before):
		return labelOther
	}
	return labelNone
}

// labelledDate is a date with what the text says of it.
type labelledDate struct {
	dateMatch
	label dateLabel
}

// lineDates returns the dates of a line with their labels. A label holds
// until the next date: in "Published: May 3, 2019 | Updated: May 4, 2019"
// each date has its own.
func lineDates(line string, order numOrder) []labelledDate {
	var out []labelledDate
	prev := 0
	for _, m := range findDates(line, order) {
		out = append(out, labelledDate{m, labelOf(line[prev:m.start])})
		prev = m.end
	}
	return out
}
