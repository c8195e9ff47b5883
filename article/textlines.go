package article

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
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
	capText string
	credit  string
}

var (
	// bulletPrefix is the list and checkbox markers text dumps put in front of items.
	bulletPrefixRe = regexp.MustCompile(`^(?:[•·▪◦●○■□☆★►▸»›*+-])\s+|^[•·▪◦●○■□☆★►▸]$`)
	// numberedRe matches the number of a numbered list item ("3) ", "3. ").
	numberedRe = regexp.MustCompile(`^(\d{1,3})[.)]\s+\S`)
	// mediaRe matches placeholders left by images and form fields ("[photo-1]", "[    ]").
	mediaRe = regexp.MustCompile(`^\[[^\s\]]*\]$|^\[\s*\]|^\[\s+\](?:\s*\[\w+\])?$`)
	// stopRes match headers of what pages put after an article.
	stopRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^(related|related (articles?|stories|posts|content|news|coverage|links|reading|topics|tags)|more (stories|articles|news|coverage|from|in|on|like this|to explore|great)\b.*|you (may|might) (also )?(like|enjoy|be interested in)\b.*|recommended( for you| stories| articles| reading)?|(most|top) (popular|read|viewed|shared|commented)\b.*|trending( now| news| stories)?|popular( now| stories| on \S+)?|read (next|more|also)|see also|also read|further reading|what to read next|next up\b.*|editor'?s picks|latest (news|stories|articles)|around the web|from around the web|sponsored (links|stories|content)|promoted (links|stories|content)|in (other|case you missed)\b.*|must read\b.*|don'?t miss)\s*[:.!…]*$`),
		commentsHeaderRe,
		regexp.MustCompile(`(?i)^(comments?|\d+ comments?|\[\s*\d+ comments?\s*\]|view( all)? comments|show comments|top rated comments|leave a (comment|reply)|post (a )?comment|add (a )?comment|join the (conversation|discussion)|discuss(ion)?|reader comments|comments are closed|\d+ responses?|one response|\d+ thoughts on\b.*|view the discussion thread)\b.{0,40}$`),
		regexp.MustCompile(`(?i)^(tags?|topics?|filed under|categories|category|posted in|related topics|related tags|keywords)\s*:?(\s.{0,150})?$`),
		regexp.MustCompile(`(?i)^(about (the )?author|about us|share this( article| story| post)?|share this:|share on:?|like this:?|sharing is caring!?|like this story\? share it\b.*|first published\b.*|originally published\b.*|this (article|story) (was )?(originally |first )?(appeared|published)\b.*|previous (post|article)|next (post|article)|« previous post.*)$`),
		// Portuguese, Spanish, Italian, French, German, Indonesian equivalents.
		regexp.MustCompile(`(?i)^(artigos relacionados|leia também|veja também|notícias relacionadas|mais lidas|comentários|deixe (um|seu) comentário|artículos relacionados|noticias relacionadas|lo más leído|comentarios|articoli correlati|potrebbe interessarti|lascia un commento\b.*|commenti|articles similaires|à lire aussi|lire aussi|commentaires|ähnliche artikel|das könnte sie auch interessieren|kommentare|artikel terkait|baca juga|komentar|sukai ini:?|bagikan ini:?)\s*[:.!]*$`),
	}
	// commentsHeaderRe matches the header of a comments section: all that
	// follows is readers' text.
	commentsHeaderRe = regexp.MustCompile(`(?i)^(\d+\s+)?(comments?|reader comments|top rated comments|leave a (comment|reply)|post (a )?comment|add (a )?comment|join the (conversation|discussion)|\[\s*\d+ comments?\s*\]|view( all)? comments|show comments|\d+ responses?|\d+ thoughts on\b.*|view the discussion thread\.?|comentários|comentarios|commenti|commentaires|kommentare|komentar|lascia un commento\b.*|deixe (um|seu) comentário)\s*[:.!]*$`)
	// metaRes match comment and teaser metadata: relative times, votes, replies.
	metaRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^(updated\s+)?(\d+\s*(s|m|h|d|w|mo|y|sec|secs|min|mins|hr|hrs|hours?|days?|weeks?|months?|years?)\s+ago|yesterday|just now)(\s+at\s+\d{1,2}:\d{2}\s*([ap]\.?m\.?)?)?(\s+\d+\s+photos)?$`),
		regexp.MustCompile(`(?i)^(reply|report|flag|like|dislike|upvote|downvote|rating:\s*-?\d+\s*votes?|\d+\s*(likes?|votes?|replies|points?)|show \d+ more repl(y|ies)|load more comments)$`),
	}
	// creditLabelRe is the label before a credit ("Credit...", "Photo:").
	creditLabelRe = regexp.MustCompile(`^(?i:credit|photo|image|photograph)(?:\.\.\.|…|:)\s*`)
	// sentenceEnd is what the last character of a sentence line may be.
	sentenceEnd = ".!?…:;\"”’'»)]。！？"
)

// classifyLines splits copied text into classified non-empty lines.
func classifyLines(text string) []textLine {
	var out []textLine
	for _, raw := range strings.Split(text, "\n") {
		line := strings.Join(strings.Fields(raw), " ")
		bullet := false
		if m := bulletPrefixRe.FindString(line); m != "" && m != line {
			line, bullet = strings.TrimSpace(line[len(m):]), true
		} else if m == line {
			line = ""
		}
		if line == "" || !hasLetterOrDigit(line) {
			continue
		}
		l := textLine{text: line, words: lineWeight(line), bullet: bullet}
		if n := len(out); n > 0 && out[n-1].text == line {
			l.dup = true
		}
		l.kind = classifyLine(line, l.words)
		if l.kind == kindCaption {
			l.capText, l.credit, _ = splitCredit(line) // the same call classifyLine made
		}
		out = append(out, l)
	}
	pairCredits(out)
	markBylineNames(out)
	markNumberedLists(out)
	return out
}

// minListItems: shorter runs of numbered lines are not a list.
const minListItems = 3

// markNumberedLists marks the items of numbered lists ("1) …", "2) …")
// and the lines between them: articles end with such lists (top tens,
// shopping lists) that are short lines but article text.
func markNumberedLists(lines []textLine) {
	number := func(l textLine) int {
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

func classifyLine(line string, words int) lineKind {
	switch {
	case mediaRe.MatchString(line):
		return kindMedia
	case matchAny(stopRes, line):
		return kindStop
	case matchAny(metaRes, line):
		return kindDate
	case isBoilerplate(line):
		return kindBoiler
	case looksLikeByline(line):
		return kindByline
	case looksLikeDate(line):
		return kindDate
	}
	if isCreditLine(line) {
		return kindCredit
	}
	if _, _, ok := splitCredit(line); ok {
		return kindCaption
	}
	if words >= minProseWords {
		if endsSentence(line) {
			return kindProse
		}
		return kindTeaser
	}
	return kindShort
}

func matchAny(res []*regexp.Regexp, s string) bool {
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
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// lineWeight counts words, and counts Chinese and Japanese characters (which
// are written without spaces) as half a word each.
func lineWeight(s string) int {
	words := countWords(s)
	cjk := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			cjk++
		}
	}
	return max(words, cjk/2)
}
