package article

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineKind is what a line of copied text is, judged on its own.
type lineKind int

const (
	kindShort   lineKind = iota // menu item, label, heading, list item
	kindProse                   // a sentence of running text
	kindTeaser                  // a long line without a sentence ending: a headline or summary
	kindBoiler                  // page furniture or a notice
	kindCaption                 // a photo caption ending with its credit
	kindCredit                  // a photo credit on its own line
	kindByline                  // "By Jane Doe"
	kindDate                    // a dateline or timestamp on its own line
	kindStop                    // a header that follows articles: related, comments, tags…
	kindMedia                   // an image or form placeholder in a text dump
)

// textLine is one non-empty line of copied text with what we know about it.
type textLine struct {
	text    string
	words   int
	kind    lineKind
	bullet  bool // started with a list marker in the dump
	item    bool // an item of a numbered list, or a line between two items
	dup     bool // repeats the line before it (dumps repeat captions and titles)
	digit   bool // holds an ASCII digit (hasASCIIDigit(text))
	gap     bool // a blank line (or the start of the text) comes before it
	capText string
	credit  string
}

var (
	// bulletPrefix is the list and checkbox markers text dumps put in front of items.
	// (One ^ for all alternatives: with one each, Go's regexp tries every
	// position of the line.)
	bulletPrefixRe = mustQuick(`^(?:[•·▪◦●○■□☆★►▸»›*+-]\s+|[•·▪◦●○■□☆★►▸]$)`)
	// numberedRe matches the number of a numbered list item ("3) ", "3. ").
	numberedRe = mustQuick(`^(\d{1,3})[.)]\s+\S`)
	// mediaRe matches placeholders left by images and form fields ("[photo-1]", "[    ]").
	mediaRe = mustQuick(`^(?:\[[^\s\]]*\]$|\[\s*\]|\[\s+\](?:\s*\[\w+\])?$)`)
	// stopRes match headers of what pages put after an article.
	stopRes = []quickRe{
		mustQuick(`(?i)^(related|related (articles?|stories|posts|content|news|coverage|links|reading|topics|tags)|more (stories|articles|news|coverage|from|in|on|like this|to explore|great)\b.*|you (may|might) (also )?(like|enjoy|be interested in)\b.*|recommended( for you| stories| articles| reading)?|(most|top) (popular|read|viewed|shared|commented)\b.*|trending( now| news| stories)?|popular( now| stories| on \S+)?|read (next|more|also)|see also|also read|further reading|what to read next|next up\b.*|editor'?s picks|latest (news|stories|articles)|around the web|from around the web|sponsored (links|stories|content)|promoted (links|stories|content)|in (other|case you missed)\b.*|must read\b.*|don'?t miss)\s*[:.!…]*$`),
		commentsHeaderRe,
		mustQuick(`(?i)^(comments?|\d+ comments?|\[\s*\d+ comments?\s*\]|view( all)? comments|show comments|top rated comments|leave a (comment|reply)|post (a )?comment|add (a )?comment|join the (conversation|discussion)|discuss(ion)?|reader comments|comments are closed|\d+ responses?|one response|\d+ thoughts on\b.*|view the discussion thread)\b.{0,40}$`),
		mustQuick(`(?i)^(tags?|topics?|filed under|categories|category|posted in|related topics|related tags|keywords)\s*:?(\s.{0,150})?$`),
		mustQuick(`(?i)^(about (the )?author|about us|share this( article| story| post)?|share this:|share on:?|like this:?|sharing is caring!?|like this story\? share it\b.*|first published\b.*|originally published\b.*|this (article|story) (was )?(originally |first )?(appeared|published)\b.*|previous (post|article)|next (post|article)|« previous post.*)$`),
		// Portuguese, Spanish, Italian, French, German, Indonesian equivalents.
		mustQuick(`(?i)^(artigos relacionados|leia também|veja também|notícias relacionadas|mais lidas|comentários|deixe (um|seu) comentário|artículos relacionados|noticias relacionadas|lo más leído|comentarios|articoli correlati|potrebbe interessarti|lascia un commento\b.*|commenti|articles similaires|à lire aussi|lire aussi|commentaires|ähnliche artikel|das könnte sie auch interessieren|kommentare|artikel terkait|baca juga|komentar|sukai ini:?|bagikan ini:?)\s*[:.!]*$`),
	}
	// commentsHeaderRe matches the header of a comments section: all that
	// follows is readers' text.
	commentsHeaderRe = mustQuick(`(?i)^(\d+\s+)?(comments?|reader comments|top rated comments|leave a (comment|reply)|post (a )?comment|add (a )?comment|join the (conversation|discussion)|\[\s*\d+ comments?\s*\]|view( all)? comments|show comments|\d+ responses?|\d+ thoughts on\b.*|view the discussion thread\.?|comentários|comentarios|commenti|commentaires|kommentare|komentar|lascia un commento\b.*|deixe (um|seu) comentário)\s*[:.!]*$`)
	// metaRes match comment and teaser metadata: relative times, votes, replies.
	metaRes = []quickRe{
		mustQuick(`(?i)^(updated\s+)?(\d+\s*(s|m|h|d|w|mo|y|sec|secs|min|mins|hr|hrs|hours?|days?|weeks?|months?|years?)\s+ago|yesterday|just now)(\s+at\s+\d{1,2}:\d{2}\s*([ap]\.?m\.?)?)?(\s+\d+\s+photos)?$`),
		mustQuick(`(?i)^(reply|report|flag|like|dislike|upvote|downvote|rating:\s*-?\d+\s*votes?|\d+\s*(likes?|votes?|replies|points?)|show \d+ more repl(y|ies)|load more comments)$`),
	}
	// creditLabelRe is the label before a credit ("Credit...", "Photo:").
	creditLabelRe = lazyRe(`^(?i:credit|photo|image|photograph)(?:\.\.\.|…|:)\s*`)
	// sentenceEnd is what the last character of a sentence line may be.
	sentenceEnd = ".!?…:;\"”’'»)]。！？"
)

// classifyLines splits copied text into classified non-empty lines.
func classifyLines(text string) []textLine {
	var out []textLine
	gap := true
	for len(text) > 0 {
		raw, rest, _ := strings.Cut(text, "\n")
		text = rest
		line := collapseSpaces(raw)
		bullet := false
		if m := bulletPrefix(line); m != "" && m != line {
			line, bullet = strings.TrimSpace(line[len(m):]), true
		} else if m == line {
			line = ""
		}
		if line == "" || !hasLetterOrDigit(line) {
			gap = gap || line == ""
			continue
		}
		f := newLineFacts(line)
		l := textLine{text: line, words: f.weight(), bullet: bullet, digit: f.hasDigit(), gap: gap}
		gap = false
		if n := len(out); n > 0 && out[n-1].text == line {
			l.dup = true
		}
		l.kind = f.classify(l.words)
		if l.kind == kindCaption {
			l.capText, l.credit, _ = f.splitCredit() // the same call classifyLine made
		}
		out = append(out, l)
	}
	pairCredits(out)
	markBylineNames(out)
	markNumberedLists(out)
	return out
}

// collapseSpaces is strings.Join(strings.Fields(s), " "), without copying
// the strings (nearly all) that are already so.
func collapseSpaces(s string) string {
	space := true // at the start, or after a space
	for i := 0; i < len(s); {
		c := s[i]
		if c > ' ' && c < utf8.RuneSelf {
			space = false
			i++
			continue
		}
		isSpace, size := false, 1
		if c < utf8.RuneSelf {
			isSpace = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		i += size
		switch {
		case !isSpace:
			space = false
		case c != ' ' || space:
			return strings.Join(strings.Fields(s), " ")
		default:
			space = true
		}
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ") // a trailing space
	}
	return s
}

// asciiSpace marks the ASCII bytes unicode.IsSpace is true for.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// bulletPrefix is the list marker starting line, or "".
func bulletPrefix(line string) string {
	if !bulletPrefixRe.mayMatch(line) {
		return ""
	}
	return bulletPrefixRe.FindString(line)
}

// minListItems: shorter runs of numbered lines are not a list.
const minListItems = 3

// markNumberedLists marks the items of numbered lists ("1) …", "2) …")
// and the lines between them: articles end with such lists (top tens,
// shopping lists) that are short lines but article text.
func markNumberedLists(lines []textLine) {
	number := func(l textLine) int {
		if !numberedRe.mayMatch(l.text) {
			return 0
		}
		m := numberedRe.FindStringSubmatch(l.text)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for i := 0; i < len(lines); i++ {
		if number(lines[i]) != 1 {
			continue
		}
		items := []int{i}
		for j := i + 1; j < len(lines) && j-items[len(items)-1] <= 3; j++ {
			if number(lines[j]) == len(items)+1 {
				items = append(items, j)
			}
		}
		if len(items) < minListItems {
			continue
		}
		for k := i; k <= items[len(items)-1]; k++ {
			if isContentKind(lines[k].kind) {
				lines[k].item = true
			}
		}
		i = items[len(items)-1]
	}
}

// maxBylineNameWords: longer lines after a bare "By" are not names.
const maxBylineNameWords = 6

// markBylineNames marks the lines after a bare "By" (names, titles,
// employers, laid out one per line) as part of the byline.
func markBylineNames(lines []textLine) {
	for i := 0; i < len(lines); i++ {
		if lines[i].kind != kindByline || !bylineAloneRe.MatchString(lines[i].text) {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+6; j++ {
			l := &lines[j]
			if l.kind == kindByline || l.kind == kindDate || l.kind == kindProse || l.words > maxBylineNameWords {
				break
			}
			if l.kind == kindShort || l.kind == kindTeaser {
				l.kind = kindByline
			}
		}
	}
}

// pairCredits turns "caption line, credit line" pairs into captions: many
// pages set the credit under the caption rather than at its end.
func pairCredits(lines []textLine) {
	for i := 1; i < len(lines); i++ {
		if lines[i].kind != kindCredit {
			continue
		}
		credit := creditLabelRe.ReplaceAllString(lines[i].text, "")
		j := i - 1
		if credit == "" && i+1 < len(lines) {
			// "Credit..." on its own line: the name follows it.
			credit = lines[i+1].text
			lines[i+1].kind = kindCredit
		}
		if creditLabelRe.MatchString(lines[j].text) && j > 0 {
			j-- // "caption, Credit..., name"
		}
		c := &lines[j]
		if (c.kind == kindProse || c.kind == kindShort || c.kind == kindTeaser) && c.words >= 4 {
			c.kind, c.capText, c.credit = kindCaption, c.text, credit
		}
	}
}

// classifyLine says what a line is on its own; weight is lineWeight(line).
func classifyLine(line string, weight int) lineKind {
	return newLineFacts(line).classify(weight)
}

// lineFacts is a line as the classifiers see it, with what several of
// them need, computed once: its word count, its folded form, its credit.
type lineFacts struct {
	line   string
	words  int    // countWords(line)
	cjk    int    // Chinese and Japanese characters
	fold   string // foldLower(line), once folded is set
	folded bool
	digit  bool // hasASCIIDigit(line)
	trim   *lineFacts
	credit struct {
		text, credit string
		ok, done     bool
	}
}

func newLineFacts(line string) *lineFacts {
	f := &lineFacts{line: line}
	f.words, f.cjk, f.digit = countWordsCJK(line, true)
	return f
}

// weight is lineWeight(line).
func (f *lineFacts) weight() int { return max(f.words, f.cjk/2) }

// lower is foldLower(line).
func (f *lineFacts) lower() string {
	if !f.folded {
		f.fold, f.folded = foldLower(f.line), true
	}
	return f.fold
}

func (f *lineFacts) hasDigit() bool { return f.digit }

// trimmed is the facts of strings.TrimSpace(line).
func (f *lineFacts) trimmed() *lineFacts {
	if f.trim != nil {
		return f.trim
	}
	if t := strings.TrimSpace(f.line); t != f.line {
		f.trim = newLineFacts(t)
		return f.trim
	}
	return f // (not kept in f.trim: a pointer to itself would put every line's facts on the heap)
}

// classify is classifyLine.
func (f *lineFacts) classify(weight int) lineKind {
	line := f.line
	switch {
	case mediaRe.MatchString(line):
		return kindMedia
	case matchAnyQuick(stopRes, line):
		return kindStop
	case matchAnyQuick(metaRes, line):
		return kindDate
	case f.isBoilerplate():
		return kindBoiler
	case f.looksLikeByline():
		return kindByline
	case f.looksLikeDate():
		return kindDate
	}
	if f.isCreditLine() {
		return kindCredit
	}
	if _, _, ok := f.splitCredit(); ok {
		return kindCaption
	}
	if weight >= minProseWords {
		if endsSentence(line) {
			return kindProse
		}
		return kindTeaser
	}
	return kindShort
}

func matchAnyQuick(res []quickRe, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func endsSentence(line string) bool {
	r, ok := lastRune(line)
	return ok && strings.ContainsRune(sentenceEnd, r)
}

func hasLetterOrDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
		}
		if asciiWordByte[c] {
			return true
		}
	}
	return false
}

// lineWeight counts words, and counts Chinese and Japanese characters (which
// are written without spaces) as half a word each.
func lineWeight(s string) int {
	words, cjk, _ := countWordsCJK(s, true)
	return max(words, cjk/2)
}
