package article

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxMIMEDepth bounds nested multiparts: real mail nests three or four deep.
const maxMIMEDepth = 10

// replyPrefixRe is the "Fwd:"/"Re:" run before a forwarded article's subject.
var replyPrefixRe = lazyRe(`(?i)^\s*((re|fwd?|tr|wg|aw|sv|vs|rv|enc)\s*(\[\d+\])?\s*:\s*)+`)

// wordDecoder decodes RFC 2047 header words ("=?iso-8859-1?q?caf=E9?=") in
// any charset the web knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	return enc.NewDecoder().Reader(input), nil
}

// extractEmail reads an e-mail message (.eml): the subject is the title,
// the sender the author, the Date header the publication date; the body is
// the HTML part run through the web-page extractor, else the text part.
func extractEmail(data []byte) (Article, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return Article{}, fmt.Errorf("not an e-mail message (%v): %w", err, ErrNoArticle)
	}
	var a Article
	// A subject in an unknown charset fails to decode; one whose encoded
	// words are broken comes back as they are. Either way the body's
	// headline is the title (below).
	if subject, err := wordDecoder.DecodeHeader(msg.Header.Get("Subject")); err == nil && !encodedWordRe.MatchString(subject) {
		a.Title = replyPrefixRe.ReplaceAllString(subject, "")
	}
	addrParser := mail.AddressParser{WordDecoder: wordDecoder}
	if from, err := addrParser.Parse(msg.Header.Get("From")); err == nil {
		name := from.Name
		if name == "" {
			name = from.Address
		}
		a.Authors = []string{name}
	}
	if t, err := msg.Header.Date(); err == nil {
		a.Published = NewDate(t)
	}
	a.Language = msg.Header.Get("Content-Language")

	var parts mailParts
	if err := parts.collect(msg.Header, msg.Body, 0); err != nil {
		return Article{}, fmt.Errorf("cannot read the message body (%v): %w", err, ErrNoArticle)
	}
	var headline string // the HTML part's
	if parts.html != "" {
		if h, err := extractHTML(parts.html); err == nil {
			a.Body, a.Captions, headline = h.Body, h.Captions, h.Title
			if a.URL == "" {
				a.URL = h.URL
			}
		} else if parts.text == "" {
			// A short newsletter: keep its text rather than nothing.
			parts.text = htmlToText(parts.html)
		}
	}
	if a.Body == "" {
		a.Body = dropSignature(parts.text)
		if unwrapped, ok := unwrapText(normalizeText(a.Body)); ok && !parts.flowed {
			a.Body = unwrapped // wrapped at 72 columns, as mail is
		}
	}
	a.Body = dropNotices(a.Body)
	if strings.TrimSpace(a.Title) == "" {
		a.Title, a.Body = bodyHeadline(headline, a.Body)
	}
	if strings.TrimSpace(cleanBody(a.Body)) == "" {
		return Article{}, fmt.Errorf("the message has no text: %w", ErrNoArticle)
	}
	return a, nil
}

// encodedWordRe matches an RFC 2047 encoded word ("=?utf-8?b?…?=") left in
// a header that did not decode.
var encodedWordRe = lazyRe(`=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=`)

// maxHeadlineWords: a first paragraph this short that does not end a
// sentence is the body's headline.
const maxHeadlineWords = 20

// bodyHeadline is the title of a message without a usable subject: the
// HTML part's headline, else the body's first paragraph when it is one
// (taken out of the body).
func bodyHeadline(headline, body string) (string, string) {
	first, rest, _ := strings.Cut(strings.TrimSpace(body), "\n\n")
	first = strings.TrimSpace(first)
	if headline != "" {
		if sameTitle(first, headline) {
			return headline, rest
		}
		return headline, body
	}
	if n := countWords(first); n > 0 && n <= maxHeadlineWords && !strings.ContainsAny(first, "\n") &&
		!strings.HasSuffix(strings.TrimRight(first, `"'”’»)`), ".") && strings.TrimSpace(rest) != "" {
		return first, rest
	}
	return "", body
}

// mailParts holds the first HTML and plain-text bodies of a message.
type mailParts struct {
	html, text string
	flowed     bool // the text was format=flowed (and is unflowed now)
}

// mimeHeader is what collect needs of a part's header.
type mimeHeader interface{ Get(string) string }

// collect walks a MIME tree and keeps the first text/html and text/plain
// bodies that are not attachments, decoded to UTF-8.
func (p *mailParts) collect(h mimeHeader, body io.Reader, depth int) error {
	if depth > maxMIMEDepth {
		return errors.New("MIME parts nested too deep")
	}
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mediaType, params = "text/plain", map[string]string{}
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				if p.html != "" || p.text != "" {
					return nil // keep what was read before the damage
				}
				return err
			}
			if err := p.collect(part.Header, part, depth+1); err != nil {
				return err
			}
		}
	}
	if disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp == "attachment" {
		return nil
	}
	if mediaType != "text/html" && mediaType != "text/plain" {
		return nil
	}
	raw, err := io.ReadAll(transferDecoder(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return err
	}
	text := decodeCharset(raw, params["charset"])
	switch {
	case mediaType == "text/html" && p.html == "":
		p.html = text
	case mediaType == "text/plain" && p.text == "":
		if strings.EqualFold(params["format"], "flowed") {
			text = unflow(text, strings.EqualFold(params["delsp"], "yes"))
			p.flowed = true
		}
		p.text = text
	}
	return nil
}

// transferDecoder undoes a Content-Transfer-Encoding. (multipart.Reader
// already undoes quoted-printable in parts, and hides the header.)
func transferDecoder(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &base64Cleaner{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// base64Cleaner drops the line breaks and spaces in base64 bodies.
type base64Cleaner struct{ r io.Reader }

func (c *base64Cleaner) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	j := 0
	for _, b := range p[:n] {
		if b != '\r' && b != '\n' && b != ' ' && b != '\t' {
			p[j] = b
			j++
		}
	}
	return j, err
}

// decodeCharset decodes a body in its declared charset; without one, or
// with an unknown one, it is read like any unlabelled text.
func decodeCharset(raw []byte, label string) string {
	if enc, _ := charset.Lookup(label); enc != nil && label != "" {
		if out, err := enc.NewDecoder().Bytes(raw); err == nil {
			return strings.ToValidUTF8(string(out), "\uFFFD")
		}
	}
	return decodeUnlabelled(raw)
}

// dropNotices removes newsletter furniture ("View in browser",
// "Unsubscribe") and other notices from a body.
func dropNotices(body string) string {
	var out []string
	for _, p := range splitParagraphs(normalizeText(body)) {
		if !isBoilerplate(p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// unflow undoes RFC 3676's format=flowed: a line ending in a space goes on
// in the next line of the same quote depth (with delSp, without that
// space); a leading space was added to "stuff" the line and goes. Quote
// marks of joined lines are dropped.
func unflow(text string, delSp bool) string {
	var b strings.Builder
	b.Grow(len(text))
	open := false // the last line written was flowed
	depth := 0
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		d := 0
		for d < len(line) && line[d] == '>' {
			d++
		}
		quote, rest := line[:d], line[d:]
		rest = strings.TrimPrefix(rest, " ") // space-stuffing
		if open && d != depth {
			b.WriteByte('\n') // a flowed line before a change of depth ends its paragraph
			open = false
		}
		if !open {
			b.WriteString(quote)
			if quote != "" {
				b.WriteByte(' ')
			}
		}
		flowed := strings.HasSuffix(rest, " ") && rest != "-- "
		if flowed && delSp {
			rest = rest[:len(rest)-1]
		}
		b.WriteString(rest)
		if !flowed {
			b.WriteByte('\n')
		}
		open, depth = flowed, d
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// dropSignature cuts a plain-text message at its signature separator
// ("-- " alone on a line, RFC 3676).
func dropSignature(text string) string {
	if i := strings.Index(text, "\n-- \n"); i >= 0 {
		return text[:i]
	}
	if i := strings.Index(text, "\n-- \r\n"); i >= 0 {
		return text[:i]
	}
	return text
}
