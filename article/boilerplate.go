package article

import (
	"slices"
	"strings"
)

// boilerplateLineRes match whole lines that are page furniture, never
// article text: accessibility links, reading-time badges, share and follow
// prompts, advertising labels.
var boilerplateLineRes = []quickRe{
	mustQuick(`(?i)^(skip|jump) (links|to (main |the )?(content|navigation|article|search|footer|main)|navigation)\.?$`),
	mustQuick(`(?i)^(estimated )?(read(ing)?( time)?:?\s*)?(about |approx\.? )?\d+\s*(-\s*\d+\s*)?(min|mins|minutes?)\.?( read)?$`),
	mustQuick(`(?i)^read \d+ (min|mins|minutes?)$`),
	mustQuick(`(?i)^(share|share this( article| story| page)?|share on \w+|tweet|email|e-mail|print|save|copy link|copy|link copied|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|messenger|telegram|flipboard|pocket|sms|comments?|\d+ comments?|close|menu|search|home|more|show more|load more|next|previous|back to top|top|advertisement|advert|ad|sponsored|sponsored content|promoted|loading\.*|listen|listen to this article|play|pause|gift this article|subscribe|log ?in|sign ?in|sign up|register|log ?out|newsletter|newsletters)\s*[:.]?$`),
	mustQuick(`(?i)^(advertisement|story continues below( advertisement)?|article continues below( advertisement)?|continue reading( below| the main story)?|scroll to continue( with content)?)\b.{0,30}$`),
	mustQuick(`(?i)^follow (us|@\w+)\b.{0,60}$`),
	mustQuick(`(?i)^(©|\(c\)|copyright\b).{0,200}$`),
	mustQuick(`(?i)\ball rights reserved\.?$`),
	mustQuick(`(?i)^image \d+ of \d+$`),
	mustQuick(`^\d+\s*/\s*\d+$`),
	// A site's links about itself: "Subscribe to The Gazette".
	mustQuick(`(?i)^(subscribe to|sign up for|advertise with) [^.!?]{1,40}$`),
}

// noticeWords flag consent and marketing notices (cookies, newsletters,
// paywalls) when they show up in a short line.
var noticeRes = []*lazyRegexp{
	lazyRe(`(?i)\bcookies?\b.*\b(use|uses|using|accept|consent|policy|settings|experience|browsing|opt-out|agree)\b|\b(use|uses|accept|consent)\b.*\bcookies?\b`),
	// The same consent dialogs in German, French, Spanish, Italian and
	// Dutch: "Wir verwenden Cookies …", "Ce site utilise des cookies …",
	// "Utilizziamo i cookie …", "Wij gebruiken cookies …". Without them
	// such a dialog's prose won the article's region on three of the
	// held-out pool's w3m texts.
	lazyRe(`(?i)\bcookies?\b.*\b(verwende|nutze|akzeptier|zustimm|einwillig|einstellung|datenschutz|utilis|accept|consent|paramètre|navigat|utiliz|acepta|configura|navega|política|accett|consenso|impostazion|informativa|gebruik|toestemming|instelling|akkoord)|\b(verwenden|nutzen|setzen|utilisons|utilise|utilizamos|utiliza|utilizziamo|utilizza|usiamo|gebruiken|gebruikt|accepteer|akzeptieren|accepter|aceptar|accettare|acepto|accetto)\b.*\bcookies?\b`),
	lazyRe(`(?i)\b(sign up|subscribe|register)\b.*\b(newsletter|inbox|updates|email|free)\b|\bnewsletter\b.*\b(sign up|subscribe|delivered|inbox)\b|\b(delivered|sent|straight|right|direct|directly)\b[^.!?]{0,20}\b(in|to|into) your inbox\b|\bto your inbox (daily|weekly|every)\b|^get\b.{1,40}\b(in|to) your inbox\b`),
	lazyRe(`(?i)\b(already a subscriber|subscribe now|subscribe today|become a (member|subscriber)|unlimited (digital )?access|free trial|start your trial)\b`),
	// (and "click here" in German, French, Spanish, Italian and Dutch)
	lazyRe(`(?i)\b(share this (article|story)|share on (facebook|twitter)|follow us on|click here to|tap here to|klicken sie hier|hier klicken|klicke hier|cliquez ici|haga clic|clic aqu|clicca qui|klik hier)\b`),
	lazyRe(`(?i)\b(unsubscribe|view (it |this )?(e-?mail |newsletter )?(in|on) ((your|a|the) )?(web )?browser|view (it )?online|you are receiving this|you received this|update your (e-?mail )?preferences|manage (your )?subscriptions?)\b`),
	lazyRe(`(?i)\b(enable javascript|javascript is disabled|your browser (does not|doesn't) support|ad ?blocker)\b`),
}

// shareRe flags the short labels of share and follow buttons, and the
// verb "share" in German, French, Spanish, Portuguese, Italian, Dutch and
// Polish ("Artikel teilen", "Partager sur Facebook", "Compartir",
// "Udostępnij"): 1,256 short lines of the training pool's texts, until
// then read as content.
var shareRe = lazyRe(`(?i)(?:\b|\d)(share|sharing|shares|permalink|copy link|copy url|opens? in (a )?new (window|tab)|e-?mail this|print this|stumbleupon|whatsapp|facebook|twitter|linkedin|pinterest|reddit|instagram|youtube|rss|teilen|partager|partagez|compartir|compartilhar|compartilhe|condividi|delen|udostępnij)\b`)

// maxShareWords: longer lines mentioning sharing are sentences.
const maxShareWords = 12

// maxShareLabelWords: a line this short that names a network or sharing is
// a button's label ("Auf Facebook teilen"); a longer one is one when such
// words make a third of it ("Icon Facebook Icon Twitter Icon Email"), not
// when it is a headline about them ("Facebook Finally Puts a Price on
// Privacy", "Share market update: PSU bank shares gain").
const maxShareLabelWords = 4

// isShareLabel reports whether a line of words words is the label of share
// or follow buttons.
func isShareLabel(l string, words int) bool {
	if words <= maxShareLabelWords {
		return shareRe.MatchString(l)
	}
	return 3*len(shareRe.FindAllStringIndex(l, -1)) >= words
}

// maxNoticeWords: longer lines that mention cookies are likely article text.
const maxNoticeWords = 60

// isBoilerplate reports whether a line is page furniture or a notice.
func isBoilerplate(line string) bool {
	return newLineFacts(line).isBoilerplate()
}

// allRightsReserved is the one pattern of boilerplateLineRes not anchored
// at the start of the line.
const allRightsReserved = 7

// shareWords and noticeWords are words every match of shareRe and of each
// pattern of noticeRes holds, in lower case: lines without any skip the
// pattern. lineWords finds them all in one pass: group i is noticeWords[i],
// group shareGroup shareWords.
var (
	shareWords = []string{"shar", "permalink", "copy link", "copy url", "new window", "new tab", "mail this",
		"print this", "stumbleupon", "whatsapp", "facebook", "twitter", "linkedin", "pinterest", "reddit",
		"instagram", "youtube", "rss", "teilen", "partag", "comparti", "condividi", "delen", "udost"}
	noticeWords = [][]string{
		{"cookie"},
		{"cookie"},
		{"sign up", "subscribe", "register", "newsletter", "inbox"},
		{"subscribe", "become a ", "unlimited ", "free trial", "start your trial"},
		{"share ", "follow us on", "here to", "hier", "cliquez", "clic"},
		{"unsubscribe", "view ", "you are receiving this", "you received this", "update your ", "manage "},
		{"javascript", "your browser ", "adblocker", "ad blocker"},
	}
	lineWords = newWordGroups(append(slices.Clone(noticeWords), shareWords)...)
)

// shareGroup is shareWords' group in lineWords.
var shareGroup = len(noticeWords)

// isBoilerplate is the package's isBoilerplate.
func (f *lineFacts) isBoilerplate() bool {
	t := f.trimmed()
	if t.words > maxNoticeWords {
		return false
	}
	l := t.line
	for i, re := range boilerplateLineRes {
		if i == allRightsReserved && !hasSuffixFolded(strings.TrimSuffix(l, "."), "all rights reserved") {
			continue
		}
		if re.MatchString(l) {
			return true
		}
	}
	found := lineWords.inFolded(l)
	if t.words <= maxShareWords && found&(1<<shareGroup) != 0 && isShareLabel(l, t.words) {
		return true
	}
	for i, re := range noticeRes {
		if found&(1<<i) != 0 && re.MatchString(l) {
			return true
		}
	}
	return false
}
