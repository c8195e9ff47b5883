package article

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// binarySignatures are magic numbers of files people drop by mistake.
var binarySignatures = []struct {
	magic []byte
	what  string
}{
	{[]byte("%PDF-"), "a PDF document"},
	{[]byte("PK\x03\x04"), "a ZIP archive or office document"},
	{[]byte("\x89PNG"), "a PNG image"},
	{[]byte("\xFF\xD8\xFF"), "a JPEG image"},
	{[]byte("GIF8"), "a GIF image"},
	{[]byte("\x1F\x8B"), "a gzip archive"},
	{[]byte("\xD0\xCF\x11\xE0"), "an old Microsoft Office document"},
	{[]byte("{\\rtf"), "an RTF document"},
	{[]byte("\x7FELF"), "a program"},
	{[]byte("MZ"), "a Windows program"},
}

// decodeText turns the bytes of a text file (plain text, Markdown) into a
// UTF-8 string. It honours BOMs (UTF-8, UTF-16 LE/BE), rejects binary data,
// and reads anything that is not valid UTF-8 as Windows-1252 (see
// decodeUnlabelled). ext is only used in error messages.
func decodeText(data []byte, ext string) (string, error) {
	if enc, rest, ok := byBOM(data); ok {
		return decodeWith(enc, rest)
	}
	if enc, ok := sniffUTF16(data); ok {
		return decodeWith(enc, data)
	}
	if err := checkBinary(data, ext); err != nil {
		return "", err
	}
	return decodeUnlabelled(data), nil
}

// decodeHTML decodes a web page: BOM first, then valid UTF-8 (whatever the
// page declares: saved pages are often re-encoded without fixing the meta
// tag), then the declared charset, then Windows-1252 as browsers do.
func decodeHTML(data []byte, ext string) (string, error) {
	if enc, rest, ok := byBOM(data); ok {
		return decodeWith(enc, rest)
	}
	if enc, ok := sniffUTF16(data); ok {
		return decodeWith(enc, data)
	}
	if err := checkBinary(data, ext); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	if enc := declaredCharset(data); enc != nil {
		return decodeWith(enc, data)
	}
	return decodeUnlabelled(data), nil
}

func byBOM(data []byte) (encoding.Encoding, []byte, bool) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return encoding.Nop, data[len(bomUTF8):], true
	case bytes.HasPrefix(data, bomUTF16LE):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data[2:], true
	case bytes.HasPrefix(data, bomUTF16BE):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data[2:], true
	}
	return nil, nil, false
}

// sniffUTF16 recognises UTF-16 without a BOM by its zero bytes: text in a
// Latin script has a NUL in every other byte, always on the same side.
func sniffUTF16(data []byte) (encoding.Encoding, bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return nil, false
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero*10 >= pairs*9 && evenZero*10 < pairs:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), true
	case evenZero*10 >= pairs*9 && oddZero*10 < pairs:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), true
	}
	return nil, false
}

func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	if enc == encoding.Nop {
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("cannot decode text: %v: %w", err, ErrBinary)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), nil
}

// checkBinary rejects data that is not text: known binary signatures, NUL
// bytes, or many control characters.
func checkBinary(data []byte, ext string) error {
	for _, s := range binarySignatures {
		if bytes.HasPrefix(data, s.magic) && (s.what != "a Windows program" || bytes.IndexByte(data[:min(len(data), 512)], 0) >= 0) {
			return fmt.Errorf("binary data (%s) in a %s file: %w", s.what, extLabel(ext), ErrBinary)
		}
	}
	head := data[:min(len(data), 64<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return fmt.Errorf("binary data (NUL bytes) in a %s file: %w", extLabel(ext), ErrBinary)
	}
	controls := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1B {
			controls++
		}
	}
	if controls*20 > len(head) {
		return fmt.Errorf("binary data (control characters) in a %s file: %w", extLabel(ext), ErrBinary)
	}
	return nil
}

func extLabel(ext string) string {
	if ext == "" {
		return "text"
	}
	return ext
}

// decodeUnlabelled decodes text that declares no encoding. Valid UTF-8 is
// taken as is. Otherwise we decide between two readings of broken UTF-8:
//   - more valid multi-byte sequences than bad bytes (a truncated or badly
//     concatenated UTF-8 file): keep UTF-8 and replace each bad byte with
//     U+FFFD, so the intact accented letters survive;
//   - otherwise a legacy 8-bit file, where accented letters are single
//     bytes that almost never form valid UTF-8 sequences. We read it as
//     Windows-1252, the superset of ISO-8859-1 that Western Windows
//     programs write, which never fails to decode.
func decodeUnlabelled(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	var good, bad int
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	if good > bad {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(out)
}

var metaCharsetRe = lazyRe(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)`)

// declaredCharset finds the charset a page declares in a <meta> tag. Unlike
// the HTML prescan it looks beyond the first 1024 bytes, since saved pages
// often carry long heads.
func declaredCharset(data []byte) encoding.Encoding {
	head := data[:min(len(data), 64<<10)]
	m := metaCharsetRe.FindSubmatch(head)
	if m == nil {
		return nil
	}
	enc, name := charset.Lookup(string(m[1]))
	if enc == nil || name == "utf-8" {
		// A page that says UTF-8 but is not valid UTF-8 was mislabelled;
		// Windows-1252 is the likeliest truth.
		return nil
	}
	return enc
}

var htmlStartRe = lazyRe(`(?is)^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])`)

// looksLikeHTML reports whether text is a web page, whatever its extension.
func looksLikeHTML(text string) bool {
	head := text[:min(len(text), 4096)]
	if strings.IndexByte(head, '<') < 0 {
		return false // no tag: neither test below can pass
	}
	if strings.HasPrefix(strings.TrimLeft(head, " \t\n\f\r"), "<") && htmlStartRe.MatchString(head) {
		return true
	}
	lower := strings.ToLower(head)
	return strings.Contains(lower, "<html") && (strings.Contains(lower, "<body") || strings.Contains(lower, "<head"))
}

var tagRe = lazyRe(`<(?:[a-zA-Z][a-zA-Z0-9]*|!--|/[a-zA-Z][a-zA-Z0-9]*)[\s>/]`)

// hasMarkup reports whether text holds any HTML tag at all.
func hasMarkup(text string) bool {
	return tagRe.MatchString(text)
}
