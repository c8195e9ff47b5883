package export

import (
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode"

	"github.com/clippings/clippings/db"
)

// writeMarkdown writes front matter that Clippings' own Markdown reader
// understands, then the title, captions and body.
func writeMarkdown(w io.Writer, a db.Article, _ []byte) error {
	var b strings.Builder
	b.WriteString("---\n")
	field := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%s: %s\n", key, yamlString(value))
		}
	}
	field("title", a.Title)
	field("subtitle", a.Subtitle)
	if len(a.Authors) > 0 {
		b.WriteString("authors:\n")
		for _, au := range a.Authors {
			fmt.Fprintf(&b, "  - %s\n", yamlString(au))
		}
	}
	field("source", a.Source)
	field("url", a.URL)
	field("date", a.Published.String())
	field("language", a.Language)
	field("added", a.Added.UTC().Format("2006-01-02T15:04:05Z"))
	b.WriteString("---\n\n")
	// Everything from the article is text, escaped (mdText): an article
	// imported from a .txt may hold "<script>", "<img onerror=…>" or
	// "[click](javascript:…)", which a Markdown viewer would make live.
	fmt.Fprintf(&b, "# %s\n\n", mdText(oneLine(a.Title)))
	if a.Subtitle != "" {
		fmt.Fprintf(&b, "*%s*\n\n", mdText(oneLine(a.Subtitle)))
	}
	for _, c := range a.Captions {
		if c.Credit != "" {
			fmt.Fprintf(&b, "> Photo: %s (%s)\n\n", mdText(oneLine(c.Text)), mdText(oneLine(c.Credit)))
		} else {
			fmt.Fprintf(&b, "> Photo: %s\n\n", mdText(oneLine(c.Text)))
		}
	}
	for _, p := range paragraphs(a.Body) {
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("\\\n") // a line break inside the paragraph, as in the article
			}
			b.WriteString(mdText(line))
		}
		b.WriteString("\n\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// yamlString quotes a value on one line, as YAML and the front-matter
// reader both take it (YAML allows no control characters in it).
func yamlString(s string) string {
	s = oneLine(withoutControls(s))
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdSpecial are the characters that start inline Markdown anywhere in a line
// (CommonMark and GitHub's extensions): code, emphasis, links and images,
// strikethrough, table cells, and the backslash itself. Each is written
// backslash-escaped, which every Markdown reader (Clippings' own too) shows
// as the character.
const mdSpecial = "\\`*_[]~|"

// mdText writes one line of an article's text as Markdown that shows it as
// written and makes nothing of it: inline syntax escaped, "<" as an entity
// (no HTML, no autolink), "&" as one where it would start an entity, web
// and e-mail addresses kept from becoming links (GitHub's Markdown links
// "http://…", "www.…" and "a@b.c" as it finds them, and shows the escapes
// inside them), and what would make the line a heading, quote, list or
// rule escaped at its start. Control characters are dropped.
func mdText(s string) string {
	s = strings.TrimSpace(withoutControls(s))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':' && strings.HasPrefix(s[i+1:], "//"), c == '@',
			c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !isWordByte(s[i-4])):
			b.WriteByte('\\')
			b.WriteByte(c)
		case strings.IndexByte(mdSpecial, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '<':
			b.WriteString("&lt;")
		case c == '&' && startsEntity(s[i:]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	out := escapeLineStart(b.String())
	if strings.HasSuffix(out, "#") && !strings.HasSuffix(out, "\\#") {
		out = out[:len(out)-1] + "\\#" // not the closing sequence of a heading
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// startsEntity reports whether s, which starts with "&", would be read as a
// character reference (by a Markdown viewer, or by Go's html package as
// Clippings' reader is: it also knows legacy names without ";").
func startsEntity(s string) bool {
	end := 1
	for end < len(s) && end < 40 && s[end] != '&' && s[end] != ' ' {
		end++
	}
	return html.UnescapeString(s[:end]) != s[:end]
}

// mdLineStartRe matches what makes a line a block: an ATX heading, a
// quote, a list item (bullet or number), a rule or setext underline, a
// fenced code block.
var mdLineStartRe = regexp.MustCompile(`^(?:#|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|=+\s*$|-+\s*$)`)

// escapeLineStart escapes the character that would make a line a block.
// "*", "~" and "`" are escaped already.
func escapeLineStart(s string) string {
	loc := mdLineStartRe.FindStringIndex(s)
	if loc == nil {
		return s
	}
	// The marker: the first character, or the "." or ")" after digits.
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == len(s) || s[i] != '.' && s[i] != ')' {
		i = 0
	}
	if s[i] == '\\' {
		return s
	}
	return s[:i] + "\\" + s[i:]
}

// withoutControls drops control characters (but tabs) from text stored by
// an earlier version: a viewer or terminal would act on them.
func withoutControls(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' {
			return -1
		}
		return r
	}, s)
}
