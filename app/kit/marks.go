package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/db"
)

// Styles of text with the words a search matched (between db.MarkStart and
// db.MarkEnd) in bold, in the theme's primary colour.
var (
	SnippetStyle     = widget.RichTextStyleInline
	SnippetMarkStyle = markStyle(SnippetStyle)

	HeadlineStyle     = inline(widget.RichTextStyleHeading)
	HeadlineMarkStyle = markStyle(HeadlineStyle)

	BodyStyle     = widget.RichTextStyleInline
	BodyMarkStyle = markStyle(BodyStyle)
)

func inline(s widget.RichTextStyle) widget.RichTextStyle {
	s.Inline = true
	return s
}

func markStyle(s widget.RichTextStyle) widget.RichTextStyle {
	s.ColorName = theme.ColorNamePrimary
	s.TextStyle = fyne.TextStyle{Bold: true, Italic: s.TextStyle.Italic}
	return s
}

// span is a run of text, matched by the search or not.
type span struct {
	text   string
	marked bool
}

// splitMarks cuts marked text into spans. Marks that are not closed run to
// the end; stray end marks are dropped.
func splitMarks(s string) []span {
	var spans []span
	marked := false
	for s != "" {
		sep := db.MarkStart
		if marked {
			sep = db.MarkEnd
		}
		i := strings.Index(s, sep)
		if i < 0 {
			spans = appendSpan(spans, stripMarks(s), marked)
			break
		}
		spans = appendSpan(spans, stripMarks(s[:i]), marked)
		s = s[i+len(sep):]
		marked = !marked
	}
	return spans
}

func appendSpan(spans []span, text string, marked bool) []span {
	if text == "" {
		return spans
	}
	return append(spans, span{text: text, marked: marked})
}

func stripMarks(s string) string { return markStripper.Replace(s) }

// markStripper is made once: making one for every line of a book took a
// fifth of the time to show it.
var markStripper = strings.NewReplacer(db.MarkStart, "", db.MarkEnd, "")

// NormalizeParagraphs makes every paragraph break exactly "\n\n" and keeps
// single line breaks inside a paragraph.
func NormalizeParagraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	var b strings.Builder
	blank := 0
	for _, line := range lines {
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(stripMarks(line)) == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}

// DimText is secondary text (dates, labels of facts) in the theme's
// placeholder colour, which stays legible in both variants, unlike a
// low-importance Label.
func DimText(text string, size fyne.ThemeSizeName) *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, SizeName: size, Inline: false,
	}})
	return t
}

// SetDimText replaces the text of a DimText.
func SetDimText(t *widget.RichText, text string) {
	if seg, ok := t.Segments[0].(*widget.TextSegment); ok && seg.Text != text {
		seg.Text = text
		t.Refresh()
	}
}
