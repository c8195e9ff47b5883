package article

import (
	"strings"
)

// creditRes find a photo credit at the end of a caption line. Each has one
// group: where the credit starts.
var creditRes = []*lazyRegexp{
	// "… in Bamako, Mali August 19, 2020. REUTERS/ Idrissa Sangare"
	lazyRe(`(?:^|[\s.])((?:REUTERS|Reuters|AFP|EPA|ANP|AP|dpa|SIPA|EFE|Xinhua|ANSA|KEYSTONE)(?:\s*/\s*|\s+Photo\s*/\s*)[\p{L}\p{M}][\p{L}\p{M} .'’\-]{1,60}(?:/\s*(?:File|Pool|Handout|[\p{Lu}][\p{L} ]{1,30}))*\.?)$`),
	// "… (AP Photo/Evan Vucci)", "(Photo by Jane Doe/Getty Images)", "(Reuters)"
	lazyRe(`(?:^|\s)(\((?:AP|AFP|Reuters|REUTERS|EPA|Getty|Photo|Photograph|Image|Picture|Foto|Credit|Courtesy|File)\b[^()]{0,120}\))\.?$`),
	// "… Photo: Damian Dovarganes, AP", "Photograph: Jane Doe/Guardian"
	lazyRe(`(?:^|[\s.])((?:Photo(?:graph)?s?|Image|Picture|Pic|Foto|Credit|Illustration|Video)(?:\s+credit)?\s*:\s*[^:]{2,120})$`),
	// "… Jane Doe/Getty Images", "… AFP via Getty Images"
	lazyRe(`(?:^|[\s.])((?:[\p{Lu}][\p{L}\p{M}.'’\-]*\s*){0,4}(?:/|\bvia\s+|\bfor\s+)?\s*(?:Getty Images|Shutterstock|Alamy|Bloomberg|AP Images|NurPhoto|Sipa USA|Pool Photo|Associated Press|PA Wire|PA Images|Press Association)(?:\s+(?:file|File))?\.?)$`),
}

// standaloneCreditRe matches a credit line on its own: names and agencies
// joined by slashes or bars ("Doug Mills/The New York Times",
// "Natalie Naccache | Bloomberg | Getty Images"), or a "Credit…" label.
var standaloneCreditRe = mustQuick(`^(?:(?:(?i:credit|photo|image|photograph)(?:\.\.\.|…|:)?\s*)?[\p{Lu}][\p{L}\p{M}.'’&\- ]{1,40}(?:\s*[/|]\s*[\p{Lu}][\p{L}\p{M}.'’&\- ]{1,40})+$|(?i:credit|photo|image)(?:\.\.\.|…|:)$)`)

// parenCreditRe matches a credit in parentheses on its own line:
// "(Reed Saxon / Associated Press)", "(AFP file photo)".
var parenCreditRe = mustQuick(`^\([^()]{2,80}(?:/|\b(?:Photo|Press|Images|AFP|AP|Reuters|Getty|EPA)\b)[^()]{0,80}\)$`)

// isCreditLine reports whether a whole line is a photo credit.
func isCreditLine(line string) bool {
	return newLineFacts(line).isCreditLine()
}

// isCreditLine is the package's isCreditLine.
func (f *lineFacts) isCreditLine() bool {
	if f.words > maxCreditWords {
		return false
	}
	line := f.line
	// parenCreditRe ends with ")"; standaloneCreditRe holds a "/" or "|"
	// or is a one-word label.
	if strings.HasSuffix(line, ")") && parenCreditRe.MatchString(line) ||
		(f.words <= 1 || strings.ContainsAny(line, "/|")) && standaloneCreditRe.MatchString(line) {
		return true
	}
	text, _, ok := f.splitCredit()
	return ok && countWords(text) == 0
}

// splitCredit is splitCredit(line), computed once.
func (f *lineFacts) splitCredit() (text, credit string, ok bool) {
	c := &f.credit
	if !c.done {
		c.text, c.credit, c.ok = splitCredit(f.line)
		c.done = true
	}
	return c.text, c.credit, c.ok
}

// creditTail is how many bytes at the end of a line can hold its credit.
const creditTail = 300

// maxCreditWords: longer lines are captions or text, not bare credits.
const maxCreditWords = 10

// sentenceStopRe is a full stop after a word of two letters or more (not
// after an initial).
var sentenceStopRe = lazyRe(`\p{Ll}{2,}\.\s+`)

// stopThenSpace reports whether s holds a full stop and a space, as every
// match of sentenceStopRe does.
func stopThenSpace(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] == '.' && isRESpace(s[i]) {
			return true
		}
	}
	return false
}

// mayHoldCredit[i] is false for lines creditRes[i] cannot match: each
// pattern needs its agency or label word (they are case-sensitive) and
// its punctuation. (Every line a pattern matches holds one of its words.)
var mayHoldCredit = []func(line string) bool{
	func(line string) bool {
		return strings.IndexByte(line, '/') >= 0 && containsAny(line, []string{"REUTERS", "Reuters", "AFP", "EPA", "ANP",
			"AP", "dpa", "SIPA", "EFE", "Xinhua", "ANSA", "KEYSTONE"})
	},
	func(line string) bool { return strings.HasSuffix(strings.TrimSuffix(line, "."), ")") },
	func(line string) bool {
		return strings.IndexByte(line, ':') >= 0 && containsAny(line, []string{"Photo", "Image", "Pic", "Foto", "Credit",
			"Illustration", "Video"})
	},
	func(line string) bool {
		return containsAny(line, []string{"Getty Images", "Shutterstock", "Alamy", "Bloomberg", "AP Images", "NurPhoto",
			"Sipa USA", "Pool Photo", "Associated Press", "PA Wire", "PA Images", "Press Association"})
	},
}

// splitCredit splits a caption line into its text and trailing credit.
// ok is false when the line does not end with a credit.
func splitCredit(full string) (text, credit string, ok bool) {
	// Credits end the line and are short: only its tail can hold one, and
	// matching the $-anchored patterns on a whole paragraph is quadratic.
	base := 0
	if len(full) > creditTail {
		base = len(full) - creditTail
		if sp := strings.IndexByte(full[base:], ' '); sp >= 0 {
			base += sp + 1
		}
	}
	line := full[base:]
	for i, re := range creditRes {
		if !mayHoldCredit[i](line) {
			continue
		}
		m := re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		start := m[2]
		// A name pattern can swallow the caption's last words ("… in Hong
		// Kong. Jane Doe/Getty Images"): the credit starts after the
		// sentence's full stop.
		if part := line[start:m[3]]; stopThenSpace(part) {
			if i := sentenceStopRe.FindAllStringIndex(part, -1); i != nil {
				start += i[len(i)-1][1]
			}
		}
		credit = strings.TrimSpace(line[start:m[3]])
		credit = strings.TrimSuffix(credit, ".")
		credit = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(credit, "("), ")"))
		text = strings.TrimSpace(full[:base+start])
		return text, credit, true
	}
	return "", "", false
}
