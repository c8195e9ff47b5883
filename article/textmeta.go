package article

import (
	"strings"
	"time"
	"unicode"
)

// This file finds the publication date and the source (the publication's
// name) of copied text, from the lines around its headline and its footer.
//
// Where the date comes from, best first:
//
//  1. a date labelled "Published", "Posted", "First published on" … in the
//     header (between the headline and the body) or in the lines right after
//     the body;
//  2. an unlabelled date in the header ("Nov. 19, 2019 8:03 am ET",
//     "Chris Davies - Nov 19, 2019"), then the date of a dateline opening the
//     body ("BAMAKO, Aug 21 (Reuters) -");
//  3. a date labelled "Updated", "Modified" … in the header;
//  4. the date in the caption of the lead photo ("… in Bamako, Mali August
//     19, 2020. REUTERS/ Idrissa Sangare"): the day the photo was taken, a
//     hint only, used when nothing better exists (it is close to the day the
//     story ran, which beats no date for sorting and date searches), and
//     never for file photos.
//
// Dates in the body's sentences are never read: "on August 19, 2020" in a
// paragraph is what the story is about, not when it ran. When the header
// holds unlabelled dates that disagree (a list of other stories, each with
// its date), none of them is taken. A day and month without a year
// ("Posted Nov 18, 8:19 PM", "BAMAKO, Aug 21 (Reuters)") take the year of
// the article's other dates, or else of the page's copyright line.
//
// The source is read conservatively (none beats a wrong one), best first:
//
//  1. a "Source: X" line at the top or right after the body, when X reads
//     like a publication ("Source: Al Jazeera News"), not like what a chart
//     or a fact check cites ("Source: Company filings");
//  2. the page's own name: the holder of its copyright notice ("© 2020 The
//     Guardian", "Copyright © 2019, Los Angeles Times | Terms"), or a short
//     line around the article ("SlashGear"), once the rest of the page backs
//     it enough: the name alone on other lines, doubled as logos' alt texts
//     are, in links such as "Search X", "About X", "Subscribe to X". A
//     notice with a year or a site address ("NJ.com") suffices; a company
//     ("CNBC LLC", "NYP Holdings, Inc.") needs the page to name itself that
//     way too; a known media group ("Condé Nast") or a web designer never
//     counts, and a line that is merely repeated is not enough (menus
//     repeat too);
//  3. the news agency of a dateline opening the body ("(Reuters) -",
//     "MADRID (AP) —").

// Date ranks: lower is better.
const (
	rankPublished = iota
	rankPlain
	rankUpdated
	rankCaption
)

// dateCandidate is a date found around the headline.
type dateCandidate struct {
	dateMatch
	rank   int
	header bool // an unlabelled date of the header (see disagreement above)
}

// captionDateWords: a teaser line this long holding a date is an uncredited
// photo caption.
const captionDateWords = 20

// headerLines lists the lines where an article's own date and byline sit:
// those between the headline and the body (all of them above the body when
// there is no headline, within a few lines), then the first lines of the
// body that are no sentences ("Text: Jane Doe · 24 September 2018" under a
// standfirst the body starts with), then a date right above the headline.
func headerLines(lines []textLine, titleAt, start, end int) []int {
	var out []int
	lo := titleAt + 1
	if titleAt < 0 {
		lo = max(0, start-headerMetaWindow)
	}
	for i := lo; i < start; i++ {
		out = append(out, i)
	}
	for i := max(start, 0); i < end && i < start+maxEarlyMetaLine; i++ {
		if l := lines[i]; l.kind != kindProse && l.kind != kindTeaser && l.kind != kindCaption && !l.item && l.words <= maxDatelineWords {
			out = append(out, i)
		}
	}
	for i := titleAt - 1; i >= 0 && i >= titleAt-3; i-- {
		l := lines[i]
		if l.kind == kindDate {
			out = append(out, i)
			break
		}
		if !l.dup && l.kind != kindBoiler && l.kind != kindMedia {
			break
		}
	}
	return out
}

// maxEarlyMetaLine: how far into the body an article's date or byline may sit.
const maxEarlyMetaLine = 3

// headerAuthors reads the byline among the header lines: a "By …" line, or
// a name beside the article's date ("Chris Davies - Nov 19, 2019").
func headerAuthors(lines []textLine, titleAt, start, end int) []string {
	for _, i := range headerLines(lines, titleAt, start, end) {
		l := lines[i]
		if l.dup {
			continue
		}
		var names []string
		switch l.kind {
		case kindByline:
			names = bylineNames(l.text)
		case kindDate, kindShort:
			if authorLabelRe.MatchString(l.text) || bylinePrefixRe.MatchString(l.text) {
				names = bylineNames(l.text)
			} else {
				names = datelineNames(l.text)
			}
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// trailerLines are where "First published on …" follows the body.
func trailerLines(lines []textLine, end int) []int {
	var out []int
	for i := end; i < len(lines) && i < end+4; i++ {
		out = append(out, i)
	}
	return out
}

// tweetRe matches an embedded tweet's signature ("— Jane (@jane) May 3, 2019").
var tweetRe = mustQuick(`^[—–-]\s.*\(@\w+\)`)

// fileCaptionRe marks the caption of a file photo: its date is not the story's.
var fileCaptionRe = mustQuick(`(?i)^file\b|\bfile photo\b|/\s*file\b|\(file\)`).withNeed(func(s string) bool {
	return strings.Contains(foldLower(s), "file")
})

// textDate finds the publication date of copied text; see the file comment.
func textDate(lines []textLine, titleAt, start, end int, order numOrder) Date {
	var cands []dateCandidate
	addLine := func(text string, header, labelledOnly bool, captionRank bool) {
		for _, d := range lineDates(text, order) {
			rank := rankPlain
			switch d.label {
			case labelPublished:
				rank = rankPublished
			case labelUpdated:
				rank = rankUpdated
			case labelOther:
				continue
			}
			if captionRank {
				rank = rankCaption
			}
			if labelledOnly && rank != rankPublished {
				continue
			}
			cands = append(cands, dateCandidate{dateMatch: d.dateMatch, rank: rank, header: header && rank == rankPlain})
		}
	}
	for _, i := range headerLines(lines, titleAt, start, end) {
		l := lines[i]
		switch {
		case l.dup, tweetRe.MatchString(l.text):
		case l.kind == kindCaption:
			if !fileCaptionRe.MatchString(l.capText) && !fileCaptionRe.MatchString(l.credit) {
				addLine(l.capText, false, false, true)
			}
		case l.kind == kindProse:
			// A sentence: what the story is about, or a caption without
			// credit. Neither dates the story.
		case l.kind == kindTeaser && l.words > captionDateWords:
			if !fileCaptionRe.MatchString(l.text) {
				addLine(l.text, false, false, true)
			}
		default:
			addLine(l.text, true, false, false)
		}
	}
	if start >= 0 {
		for i := start; i < end && i < start+2; i++ {
			if m := matchDateline(lines[i].text); m.date != "" {
				addLine(m.date, false, false, false)
				break
			}
		}
	}
	for _, i := range trailerLines(lines, end) {
		if l := lines[i]; l.kind != kindProse && !tweetRe.MatchString(l.text) {
			addLine(l.text, false, true, false)
		}
	}
	// Unlabelled header dates that disagree belong to a list of stories.
	seen := map[[3]int]bool{}
	for _, c := range cands {
		if c.header {
			seen[[3]int{c.year, c.month, c.day}] = true
		}
	}
	if len(seen) > 1 {
		kept := cands[:0]
		for _, c := range cands {
			if !c.header {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	if len(cands) == 0 {
		return Date{}
	}
	// Give the dates without a year one.
	var ref *dateCandidate
	for i := range cands {
		if cands[i].full() && (ref == nil || cands[i].rank < ref.rank) {
			ref = &cands[i]
		}
	}
	copyright := -1
	best := -1
	for i := range cands {
		c := &cands[i]
		if !c.full() {
			switch {
			case ref != nil:
				c.year = nearestYear(c.month, c.day, ref.date().Time)
			default:
				if copyright < 0 {
					copyright = copyrightYear(lines)
				}
				c.year = copyright
				if c.year != 0 && c.date().After(time.Now()) {
					c.year-- // "© 2020" on a page copied in early 2020, "Posted Dec 18"
				}
			}
			if c.year == 0 || c.day > daysIn(c.month, c.year) {
				continue
			}
		}
		if best < 0 || c.rank < cands[best].rank {
			best = i
		}
	}
	if best < 0 {
		return Date{}
	}
	return cands[best].date()
}

// nearestYear is the year putting month/day closest to ref.
func nearestYear(month, day int, ref time.Time) int {
	best, bestDist := 0, time.Duration(1<<62)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if day > daysIn(month, y) {
			continue
		}
		d := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC).Sub(ref)
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = y, d
		}
	}
	return best
}

// copyrightMarkRe finds a copyright notice in a line. Its cheap test lets
// through a line holding one of its marks ("(c)" and the Cyrillic "(с)"
// looked for as such: a Russian page's lines all hold the letter) or one
// of its words, found without a lower-case copy (the test ran the pattern on every line of a Russian page, and
// copied every line of the others: 7% of the dev corpus's copied pages).
var copyrightMarkRe = mustQuick(`(?i)©|ⓒ|\(c\)|\(с\)|&copy;|\bcopyright\b`).withNeed(func(s string) bool {
	return strings.ContainsAny(s, copyrightRunes) || hasParenC(s) || copyrightWords.inFolded(s) != 0
})

// hasParenC reports whether s holds "(c)" or the Cyrillic "(с)", in any
// case.
func hasParenC(s string) bool {
	for i := strings.IndexByte(s, '('); i >= 0; {
		if _, ok := foldPrefix(s, i+1, "c)"); ok {
			return true
		}
		if _, ok := foldPrefix(s, i+1, "с)"); ok {
			return true
		}
		next := strings.IndexByte(s[i+1:], '(')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// copyrightWords are copyrightMarkRe's words.
var copyrightWords = newWordGroups([]string{"&copy;", "copyright"})

// copyrightRunes are the non-ASCII runes of copyrightMarkRe outside
// parentheses in all their cases (as (?i) matches them): ©, ⓒ.
var copyrightRunes = func() string {
	var b strings.Builder
	for _, r := range "©ⓒ" {
		b.WriteRune(r)
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			b.WriteRune(f)
		}
	}
	return b.String()
}()

// yearRe finds a four-digit year.
var yearRe = lazyRe(`(?:^|\D)((?:19|20)\d{2})(?:\D|$)`)

// copyrightYear is the latest year of the page's copyright notices (the
// year the page was copied, at the latest), or 0.
func copyrightYear(lines []textLine) int {
	best := 0
	for _, l := range lines {
		if !copyrightMarkRe.MatchString(l.text) {
			continue
		}
		for _, m := range yearRe.FindAllStringSubmatch(l.text, -1) {
			if y := atoi(m[1]); y > best && y <= time.Now().Year() {
				best = y
			}
		}
	}
	return best
}

// dateline is what opens the body of a wire story.
type dateline struct {
	date   string // "Aug 21" in "BAMAKO, Aug 21 (Reuters) -"
	agency string // "Reuters"
}

var (
	// datelineRe: "BAMAKO, Aug 21 (Reuters) - ", "WASHINGTON (AP) — ",
	// "LONDON, March 12, 2015 /PRNewswire/ -- ", "(Reuters) — ".
	datelineRe = lazyRe(`^(?:[\p{Lu}][\p{Lu}\p{M}'’.\- ]{1,40}(?:,\s*[\p{Lu}][\p{L}\p{M}.'’\- ]{1,30}){0,2})?` +
		`(?:,\s*([^()–—]{3,40}?))?\s*(?:\(([\p{L}][\p{L} .&-]{1,25})\))?\s*(?:--|[-–—:])\s*\S`)
	// agencies are the news agencies of datelines, as they are usually written.
	agencies = map[string]string{}
)

func init() {
	for _, a := range []string{"Reuters", "AP", "Associated Press", "AFP", "Bloomberg", "Xinhua", "dpa", "EFE", "ANSA",
		"PTI", "IANS", "UPI", "Yonhap", "Kyodo", "TASS", "Interfax", "ANI", "Bernama", "Antara", "AAP", "Lusa",
		"Europa Press", "Anadolu", "CNN", "Canadian Press", "The Canadian Press", "CP", "PA", "KNA", "APA", "SDA", "ATS", "Belga", "ANP", "RIA Novosti"} {
		agencies[strings.ToLower(a)] = a
	}
}

// datelineExtraRe is what may come with a dateline's date: a weekday, a
// time, a wire's name ("/PRNewswire/").
var datelineExtraRe = lazyRe(`(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|/[\w-]+/`)

// matchDateline reads the dateline opening a paragraph, if any.
func matchDateline(text string) dateline {
	m := datelineRe.FindStringSubmatchIndex(text)
	if m == nil {
		return dateline{}
	}
	var d dateline
	if m[4] >= 0 {
		d.agency = agencies[strings.ToLower(strings.TrimSpace(text[m[4]:m[5]]))]
	}
	if m[2] >= 0 {
		// Only a date (and a weekday or a wire's name) may sit between the
		// place and the dash: "NASA, on March 3, 2019 - said" is a sentence.
		part := text[m[2]:m[3]]
		if ds := findDates(part, orderMDY); len(ds) == 1 && countWords(datelineExtraRe.ReplaceAllString(part[:ds[0].start]+" "+part[ds[0].end:], "")) == 0 {
			d.date = part
		}
	}
	if d.agency == "" && d.date == "" {
		return dateline{}
	}
	// The place must be set in capitals (or missing, with an agency):
	// "Washington, DC, United States: …" is a sentence.
	if first, _, _ := strings.Cut(text, ","); m[4] < 0 && strings.ToUpper(first) != first {
		return dateline{}
	}
	return d
}

// numericOrderOf decides how to read ambiguous numeric dates ("3/12/2015")
// in a text: as its unambiguous numeric dates are written, else as its
// language writes them (month first in English).
func numericOrderOf(lines []textLine, lang func() string) numOrder {
	mdy, dmy, ambiguous := 0, 0, 0
	for _, l := range lines {
		if !l.digit || !strings.ContainsAny(l.text, "/.-") { // numDateMatches' digits and separators
			continue
		}
		for _, m := range numDateMatches(l.text) {
			a, b := atoi(l.text[m[2]:m[3]]), atoi(l.text[m[6]:m[7]])
			switch {
			case a > 12 && b <= 12:
				dmy++
			case b > 12 && a <= 12:
				mdy++
			case a >= 1 && b >= 1 && a <= 12 && b <= 12:
				ambiguous++
			}
		}
	}
	switch {
	case ambiguous == 0:
		return orderMDY // nothing to decide
	case mdy > dmy:
		return orderMDY
	case dmy > mdy:
		return orderDMY
	}
	if l := lang(); l == "en" || l == "" {
		return orderMDY
	}
	return orderDMY
}

// --- Source ---

var (
	// sourceLabelRe: "Source: Reuters", "SOURCE: Al Jazeera News".
	sourceLabelRe = lazyRe(`(?i)^(?:source|fonte|fuente|quelle|sumber)\s*:\s*(\S.{0,60})$`)
	// copyrightHolderRe takes the holder from a copyright notice.
	copyrightStripRe = lazyRe(`(?i)^[\s•·|]*(?:(?:copyright|©|ⓒ|\(c\)|\(с\)|&copy;|(?:19|20)\d{2}(?:\s*[-–]\s*(?:(?:19|20)\d{2})?)?)[\s,.:]*)+`)
	// copyrightEndRe ends the holder's name.
	copyrightEndRe = lazyRe(`(?i)\s*(?:[|,;]|\.\s|\.$|\s[-–—]\s|\ball rights?\b|\btodos os direitos\b|\btodos los derechos\b|\btous droits\b|\balle rechte\b|\btutti i diritti\b|\bhak cipta\b|\s(?:19|20)\d{2}\b|$)`)
	// corporateRe is the legal form ending a company's name.
	corporateRe = lazyRe(`(?i)(?:[\s,.]+(?:inc|incorporated|llc|l\.l\.c|llp|ltd|limited|plc|corp|corporation|co|company|gmbh|ag|s\.?a|s\.?a\.?s|s\.?l|s\.?p\.?a|s\.?r\.?l|b\.?v|n\.?v|pty|pvt|private|kk|holdings?|group|media group|media|media network|network|networks|interactive|communications?|publishing|publications|enterprises|partners|digital|news service|services|ooo|оао|ооо|зао|ао)\.?)+$`)
	// corporatePrefixRe: "ООО «…»".
	corporatePrefixRe = lazyRe(`(?i)^(?:ооо|оао|зао|ао|pt|cv)\s`)
	// domainNameRe: a site named by its address ("NJ.com", "POLYGRAPH.info").
	domainNameRe = lazyRe(`(?i)^[\p{L}\d][\p{L}\d-]*(?:\.[\p{L}\d-]+)*\.(?:com|net|org|info|news|co|io|tv|fm|me|[a-z]{2})(?:\.[a-z]{2})?$`)
	// designerRe: a theme's or web agency's notice, not the publication's.
	designerRe = mustQuick(`(?i)\b(?:designed|developed|powered|theme|template|hosted|built)\b`).withNeed(func(s string) bool {
		return containsAny(foldLower(s), designerWords)
	})
	designerWords = []string{"designed", "developed", "powered", "theme", "template", "hosted", "built"}
)

// mediaGroups own many publications: their name in a copyright notice is
// not the publication's.
var mediaGroups = map[string]bool{
	"condé nast": true, "conde nast": true, "hearst": true, "gannett": true, "dow jones": true, "news corp": true,
	"future": true, "future us": true, "future plc": true, "meredith": true, "dotdash": true, "dotdash meredith": true,
	"axel springer": true, "bauer": true, "reach": true, "tribune": true, "mcclatchy": true, "advance": true,
	"ziff davis": true, "vox media": true, "penske": true, "penske media": true, "tronc": true, "nexstar": true,
	"sinclair": true, "lee enterprises": true, "gray": true, "tegna": true, "medianews": true, "digital first media": true,
	"immediate media": true, "dmg media": true, "telegraph media": true, "nine": true, "fairfax": true, "schibsted": true,
	"mediahuis": true, "burda": true, "hubert burda": true, "mondadori": true, "rcs": true, "prisa": true, "vocento": true,
	"grupo globo": true, "globo": true, "valnet": true, "bustle digital": true, "g/o media": true, "group nine": true,
}

// sectionWords are section and menu labels, never a site's name.
var sectionWords = map[string]bool{}

func init() {
	for _, w := range strings.Split("news|home|homepage|sport|sports|world|business|politics|opinion|entertainment|tech|technology|"+
		"science|health|lifestyle|life|travel|video|videos|culture|arts|art|music|film|films|movies|tv|television|weather|local|"+
		"national|international|money|markets|finance|food|style|fashion|books|education|environment|climate|games|gaming|latest|"+
		"live|podcasts|podcast|photos|newsletters|newsletter|about|about us|contact|contact us|privacy|privacy policy|terms|"+
		"terms of service|terms of use|subscribe|menu|search|sections|more|blog|shop|store|events|jobs|careers|advertise|help|"+
		"login|log in|sign in|sign up|register|account|share|print|email|facebook|twitter|instagram|youtube|linkedin|rss|"+
		"cookies|cookie policy|sitemap|site map|archive|archives|topics|tags|authors|staff|team|faq|press|media|home page|"+
		"top stories|breaking news|editorial|reviews|review|features|columns|columnists|obituaries|real estate|autos|cars|"+
		"crime|courts|us|u.s.|uk|europe|asia|africa|americas|middle east|australia|canada|india|china", "|") {
		sectionWords[w] = true
	}
}

// minSiteScore is the evidence a site name needs (see copyrightHolder and
// siteNameEvidence).
const minSiteScore = 3

// textSource finds the publication's name; see the file comment. lc holds the
// lines in lower case.
func textSource(lines []textLine, lc *lowerCache, titleAt, start, end int) string {
	// 1. "Source: X" at the top or right after the body.
	for _, i := range append(headerLines(lines, titleAt, start, end), trailerLines(lines, end)...) {
		if m := sourceLabelRe.FindStringSubmatch(lines[i].text); m != nil {
			if name := strings.TrimRight(strings.TrimSpace(m[1]), "."); isPublicationName(name) {
				return name
			}
		}
	}
	// 2. The site's own name.
	if name := siteName(lines, lc, titleAt, start, end); name != "" {
		return name
	}
	// 3. The agency of the dateline.
	for i := start; i >= 0 && i < end && i < start+2; i++ {
		if d := matchDateline(lines[i].text); d.agency != "" {
			return d.agency
		}
	}
	return ""
}

// citedSourceRe marks what a "Source:" line cites rather than the
// publication: a photo's source, a chart's data, an official body.
var citedSourceRe = lazyRe(`(?i)\b(?:getty|shutterstock|alamy|photos?|images?|pool|handout|unsplash|istock|wikimedia|flickr|data|reports?|filings?|survey|census|estimates?|statistics|calculations|research|analysis|ministry|department|bureau|office|government|police|company|companies|study|poll|index)\b`)

// isPublicationName reports whether the name of a "Source:" line may be a
// publication's: a few capitalised words without digits ("Al Jazeera
// News", "Reuters"), not a citation ("Company filings", "Defense Ministry").
func isPublicationName(name string) bool {
	if agencies[strings.ToLower(name)] != "" {
		return true
	}
	if n := countWords(name); n == 0 || n > maxSiteNameWords || strings.ContainsFunc(name, unicode.IsDigit) || citedSourceRe.MatchString(name) {
		return false
	}
	for _, w := range strings.Fields(name) {
		if r := []rune(w); len(r) >= 4 && !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

// siteCandidate is a name the page may go by.
type siteCandidate struct {
	name  string
	score int
}

// siteName weighs the names the page's furniture gives itself: its
// copyright holder and the short lines repeated around the article. lc
// holds the lines in lower case.
func siteName(lines []textLine, lc *lowerCache, titleAt, start, end int) string {
	top := start
	if titleAt >= 0 && titleAt < top {
		top = titleAt
	}
	// The page's furniture: around the article, in the first and last
	// lines of the page (a long page is not searched whole).
	outside := func(i int) bool {
		return (i < top || i >= end) && (i < siteNameWindow || i >= len(lines)-siteNameWindow)
	}
	// A line alone is a candidate only when repeated (or doubled, as logos'
	// alt texts are): without that, the evidence below cannot add up.
	seen := map[string]int{}
	for i, l := range lines {
		if outside(i) && l.words <= 2*maxSiteNameWords {
			seen[lc.lower(i)]++
		}
	}
	repeated := func(t string) bool {
		t = strings.ToLower(t)
		return seen[t] >= 2 || seen[t+t] >= 1 || seen[t+" "+t] >= 1
	}
	var cands []siteCandidate
	add := func(name string, score int) {
		for i := range cands {
			if strings.EqualFold(cands[i].name, name) {
				cands[i].score = max(cands[i].score, score)
				return
			}
		}
		cands = append(cands, siteCandidate{name, score})
	}
	for i, l := range lines {
		if !outside(i) {
			continue
		}
		if copyrightMarkRe.MatchString(l.text) {
			if name, score := copyrightHolder(l.text); name != "" {
				add(name, score)
			}
			continue
		}
		if isSiteNameLine(l) && repeated(l.text) {
			add(l.text, -1) // its own line counts as evidence below
		}
	}
	best, bestScore := "", minSiteScore-1
	for _, c := range cands {
		score := c.score + siteNameEvidence(lines, c.name, outside, lc)
		if score > bestScore {
			best, bestScore = c.name, score
		}
	}
	return best
}

// siteNameWindow: how many lines at each end of a page may name its site.
const siteNameWindow = 200

// maxSiteNameWords: longer lines are not a site's name.
const maxSiteNameWords = 5

// isSiteNameLine reports whether a line may be the site's name on its own:
// a few words, capitalised, no sentence, no date, no menu label.
func isSiteNameLine(l textLine) bool {
	if l.words == 0 || l.words > maxSiteNameWords || (l.kind != kindShort && l.kind != kindBoiler) || l.bullet {
		return false
	}
	r := []rune(l.text)
	if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) || strings.ContainsAny(l.text, ":?!|[]()@") {
		return false
	}
	return !sectionWords[strings.ToLower(l.text)] && !containsDateRe.MatchString(l.text)
}

// copyrightHolder reads the holder of a copyright notice and how much it
// says about the site's name: a site address or a name with a year is the
// site's own notice (3); a name without a year, maybe a photo's or a
// recipe's (1); a company, maybe the site's owner (1, for the name without
// its legal form).
func copyrightHolder(line string) (string, int) {
	mark := copyrightMarkRe.FindStringIndex(line)
	if mark == nil {
		return "", 0
	}
	rest := line[mark[0]:]
	if designerRe.MatchString(rest) && !strings.Contains(strings.ToLower(rest), "all rights") {
		return "", 0
	}
	stripped := copyrightStripRe.FindString(rest)
	hasYear := yearRe.MatchString(stripped)
	rest = rest[len(stripped):]
	end := copyrightEndRe.FindStringIndex(rest)
	name := strings.TrimSpace(rest[:end[0]])
	after := rest[end[0]:]
	if !hasYear && yearRe.MatchString(after[:min(len(after), 12)]) {
		hasYear = true // "copyright Inexhibit 2019"
	}
	name = strings.Trim(name, " .,-–—")
	if name == "" || countWords(name) > maxSiteNameWords || !unicode.IsUpper([]rune(name)[0]) && !unicode.IsDigit([]rune(name)[0]) {
		return "", 0
	}
	if domainNameRe.MatchString(name) {
		return name, 3
	}
	// A legal form may follow after a comma or full stop: "CNBC LLC",
	// "MacRumors.com, LLC", "CityAM. Limited".
	// A name in quotes follows its legal form: "ООО «…»", "Autonomous
	// Nonprofit Organization “TV-Novosti”".
	quoted := quotedNameRe.FindStringSubmatch(name)
	legal := quoted != nil || corporateRe.MatchString(name) || corporatePrefixRe.MatchString(name) ||
		corporateRe.MatchString(" "+strings.TrimLeft(firstWords(after, 2), " ,."))
	if legal {
		if quoted != nil {
			name = quoted[1]
		}
		name = strings.TrimSpace(corporateRe.ReplaceAllString(name, ""))
		name = strings.Trim(corporatePrefixRe.ReplaceAllString(name, ""), " «»\"“”")
		if name == "" || mediaGroups[strings.ToLower(name)] || sectionWords[strings.ToLower(name)] {
			return "", 0
		}
		return name, 1
	}
	if mediaGroups[strings.ToLower(name)] || sectionWords[strings.ToLower(name)] {
		return "", 0
	}
	if hasYear {
		return name, 3
	}
	return name, 1
}

// quotedNameRe finds a name in quotes (the closing quote may be cut off).
var quotedNameRe = lazyRe(`[«“"„]([^«»“”"„]{2,40})`)

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// siteLinkVerbs and siteLinkNouns are the words of the page's links that
// name its site: "Search X", "About X", "Subscribe to X"; "X Newsletters",
// "X logo". isSiteLink finds them.
var (
	siteLinkVerbs = []string{"search", "about", "follow", "subscribe to", "more from", "more on", "back to", "continue to",
		"popular on", "advertise with", "contact", "welcome to", "join", "download the", "get the", "the best of", "sign up for"}
	siteLinkNouns = []string{"homepage", "home page", "logo", "newsletters", "newsletter", "on facebook", "on twitter",
		"on instagram", "main menu"}
)

// isSiteLink reports whether line t, in lower case, is a link about the
// site named name (in lower case): "verb (the) name" or "(the) name('s)
// noun", case-insensitive, the name and the noun ending a word. It reads
// the line by hand: the two patterns it stood for, made for each name,
// took 6% of the extraction of the dev corpus's copied pages to compile
// (quickmatch_test.go keeps them, to check it).
func isSiteLink(t, name string) bool {
	nameEnds := func(k int) bool {
		e, ok := foldPrefix(t, k, name)
		return ok && wordBoundary(t, e)
	}
	for _, v := range siteLinkVerbs {
		if end, ok := foldPrefix(t, 0, v); ok && afterSpaces(t, end, func(k int) bool { return optionalThe(t, k, nameEnds) }) {
			return true
		}
	}
	nounFollows := func(k int) bool {
		for _, noun := range siteLinkNouns {
			if e, ok := foldPrefix(t, k, noun); ok && wordBoundary(t, e) {
				return true
			}
		}
		return false
	}
	return optionalThe(t, 0, func(k int) bool {
		e, ok := foldPrefix(t, k, name)
		if !ok {
			return false
		}
		for _, possessive := range []string{"’s", "'s"} {
			if pe, ok := foldPrefix(t, e, possessive); ok && afterSpaces(t, pe, nounFollows) {
				return true
			}
		}
		return afterSpaces(t, e, nounFollows)
	})
}

// afterSpaces reports whether f holds after one or more spaces (\s+) at
// t[i:], however many of them.
func afterSpaces(t string, i int, f func(int) bool) bool {
	for k := spaceRun(t, i); k > i; k-- {
		if f(k) {
			return true
		}
	}
	return false
}

// optionalThe reports whether f holds at t[i:] or after "the" and spaces
// there ((?i)(?:the\s+)?).
func optionalThe(t string, i int, f func(int) bool) bool {
	if end, ok := foldPrefix(t, i, "the"); ok && afterSpaces(t, end, f) {
		return true
	}
	return f(i)
}

// wordBoundary reports whether \b holds at t[i]: a word character (ASCII)
// on one side only.
func wordBoundary(t string, i int) bool {
	before := i > 0 && isASCIIWordChar(t[i-1])
	after := i < len(t) && isASCIIWordChar(t[i])
	return before != after
}

// siteNameEvidence counts how the page names itself name outside the
// article: the name alone on a line (up to 2), or doubled as logos' alt
// texts are (1), and links about the site (up to 2). lc holds the lines in
// lower case.
func siteNameEvidence(lines []textLine, name string, outside func(int) bool, lc *lowerCache) int {
	lower := strings.ToLower(name)
	alone, links, doubled := 0, 0, 0
	for i, l := range lines {
		if !outside(i) {
			continue
		}
		t := lc.lower(i)
		if !strings.Contains(t, lower) || copyrightMarkRe.MatchString(l.text) {
			continue
		}
		switch {
		case t == lower:
			alone++
		case t == lower+lower || t == lower+" "+lower:
			alone++
			doubled = 1
		case isSiteLink(t, lower):
			links++
		}
	}
	return min(alone, 2) + min(links, 2) + doubled
}
