package article

import (
	"regexp"
	"strings"
)

// creditRes find a photo credit at the end of a caption line. Each has one
// group: where the credit starts.
var creditRes = []*regexp.Regexp{
	// "… in Bamako, Mali August 19, 2020. REUTERS/ Idrissa Sangare"
	regexp.MustCompile(`(?:^|[\s.])((?:REUTERS|Reuters|AFP|EPA|ANP|AP|dpa|SIPA|EFE|Xinhua|ANSA|KEYSTONE)(?:\s*/\s*|\s+Photo\s*/\s*)[\p{L}\p{M}][\p{L}\p{M} .'’\-]{1,60}(?:/\s*(?:File|Pool|Handout|[\p{Lu}][\p{L} ]{1,30}))*\.?)$`),
	// "… (AP Photo/Evan Vucci)", "(Photo by Jane Doe/Getty Images)", "(Reuters)"
	regexp.MustCompile(`(?:^|\s)(\((?:AP|AFP|Reuters|REUTERS|EPA|Getty|Photo|Photograph|Image|Picture|Foto|Credit|Courtesy|File)\b[^()]{0,120}\))\.?$`),
	// "… Photo: Damian Dovarganes, AP", "Photograph: Jane Doe/Guardian"
	regexp.MustCompile(`(?:^|[\s.])((?:Photo(?:graph)?s?|Image|Picture|Pic|Foto|Credit|Illustration|Video)(?:\s+credit)?\s*:\s*[^:]{2,120})$`),
	// "… Jane Doe/Getty Images", "… AFP via Getty Images"
	regexp.MustCompile(`(?:^|[\s.])((?:[\p{Lu}][\p{L}\p{M}.'’\-]*\s*){0,4}(?:/|\bvia\s+|\bfor\s+)?\s*(?:Getty Images|Shutterstock|Alamy|Bloomberg|AP Images|NurPhoto|Sipa USA|Pool Photo|Associated Press|PA Wire|PA Images|Press Association)(?:\s+(?:file|File))?\.?)$`),
}

// standaloneCreditRe matches a credit line on its own: names and agencies
// joined by slashes or bars ("Doug Mills/The New York Times",
// "Natalie Naccache | Bloomberg | Getty Images"), or a "Credit…" label.
var standaloneCreditRe = regexp.MustCompile(`^(?:(?i:credit|photo|image|photograph)(?:\.\.\.|…|:)?\s*)?[\p{Lu}][\p{L}\p{M}.'’&\- ]{1,40}(?:\s*[/|]\s*[\p{Lu}][\p{L}\p{M}.'’&\- ]{1,40})+$|^(?i:credit|photo|image)(?:\.\.\.|…|:)$`)

// parenCreditRe matches a credit in parentheses on its own line:
// "(Reed Saxon / Associated Press)", "(AFP file photo)".
var parenCreditRe = regexp.MustCompile(`^\([^()]{2,80}(?:/|\b(?:Photo|Press|Images|AFP|AP|Reuters|Getty|EPA)\b)[^()]{0,80}\)$`)

// isCreditLine reports whether a whole line is a photo credit.
func isCreditLine(line string) bool {
	if countWords(line) > maxCreditWords {
		return false
	}
	if parenCreditRe.MatchString(line) || standaloneCreditRe.MatchString(line) {
		return true
	}
	text, _, ok := splitCredit(line)
	return ok && countWords(text) == 0
}

// creditTail is how many bytes at the end of a line can hold its credit.
const creditTail = 300

// maxCreditWords: longer lines are captions or text, not bare credits.
const maxCreditWords = 10

// sentenceStopRe is a full stop after a word of two letters or more (not
// after an initial).
var sentenceStopRe = regexp.MustCompile(`\p{Ll}{2,}\.\s+`)

// creditHints are what every credit holds; lines without any skip the
// (costly) credit patterns.
var creditHints = []string{"/", ":", "(", "reuters", "afp", "epa", "anp", "ap", "dpa", "sipa", "efe", "xinhua",
	"ansa", "keystone", "getty", "shutterstock", "alamy", "bloomberg", "nurphoto", "pool", "associated press",
	"pa wire", "pa images", "press association"}

func mayHoldCredit(line string) bool {
	lower := strings.ToLower(line)
	for _, h := range creditHints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return false
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
	if !mayHoldCredit(line) {
		return "", "", false
	}
	for _, re := range creditRes {
		m := re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		start := m[2]
		// A name pattern can swallow the caption's last words ("… in Hong
		// Kong. Jane Doe/Getty Images"): the credit starts after the
		// sentence's full stop.
		if i := sentenceStopRe.FindAllStringIndex(line[start:m[3]], -1); i != nil {
			start += i[len(i)-1][1]
		}
		credit = strings.TrimSpace(line[start:m[3]])
		credit = strings.TrimSuffix(credit, ".")
		credit = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(credit, "("), ")"))
		text = strings.TrimSpace(full[:base+start])
		return text, credit, true
	}
	return "", "", false
}
