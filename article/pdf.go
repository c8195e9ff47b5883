package article

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// maxPDFPages bounds the pages read: articles are short, books are not.
const maxPDFPages = 200

// junkPDFTitleRe matches document titles that word processors fill in.
var junkPDFTitleRe = regexp.MustCompile(`(?i)^(untitled|microsoft word\b|document\d*$|.*\.(docx?|odt|pdf|rtf|pages|indd|txt)$)`)

// pdfLine is one line of text on a page.
type pdfLine struct {
	text     string
	y, x     float64
	fontSize float64
}

// extractPDF reads the text layer of a PDF (github.com/ledongthuc/pdf, a
// maintained pure-Go fork of rsc.io/pdf). The title is the document's own
// Title unless a word processor made it up, else the largest text on the
// first page. Scanned pages without a text layer give ErrNoArticle.
func extractPDF(data []byte) (a Article, err error) {
	defer func() {
		// The reader panics on some malformed files.
		if r := recover(); r != nil {
			a, err = Article{}, fmt.Errorf("damaged PDF (%v): %w", r, ErrNoArticle)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if strings.Contains(err.Error(), "encrypted") {
			return Article{}, fmt.Errorf("the PDF is encrypted: %w", ErrUnsupported)
		}
		return Article{}, fmt.Errorf("damaged PDF (%v): %w", err, ErrNoArticle)
	}
	info := r.Trailer().Key("Info")
	if t := strings.TrimSpace(info.Key("Title").Text()); t != "" && !junkPDFTitleRe.MatchString(t) {
		a.Title = t
	}
	if au := strings.TrimSpace(info.Key("Author").Text()); au != "" {
		a.Authors = []string{au}
	}
	a.Published = pdfDate(info.Key("CreationDate").Text())

	var paras []pdfLine
	for _, p := range pdfPages(r.Trailer().Key("Root").Key("Pages")) {
		if !pageStreamsSafe(p) {
			continue
		}
		paras = append(paras, pdfParagraphs(pdfLines(p.Content().Text))...)
	}
	if len(paras) == 0 {
		return Article{}, fmt.Errorf("the PDF has no text layer (scanned pages?): %w", ErrNoArticle)
	}
	if a.Title == "" {
		a.Title = largestText(paras)
	}
	var body []string
	for i, p := range paras {
		if i == 0 && sameTitle(p.text, a.Title) {
			continue
		}
		body = append(body, p.text)
	}
	a.Body = strings.Join(body, "\n\n")
	if strings.TrimSpace(a.Body) == "" {
		return Article{}, fmt.Errorf("the PDF has no text besides its title: %w", ErrNoArticle)
	}
	return a, nil
}

// maxPDFTreeDepth bounds the page tree walk: real trees are a few levels
// deep, damaged ones can loop.
const maxPDFTreeDepth = 32

// pdfPages lists the pages of a page tree in order, at most maxPDFPages.
// (The reader's own Page(n) loops forever on a tree that contains itself.)
func pdfPages(root pdf.Value) []pdf.Page {
	var pages []pdf.Page
	visits := 0
	var walk func(node pdf.Value, depth int)
	walk = func(node pdf.Value, depth int) {
		visits++
		if depth > maxPDFTreeDepth || len(pages) >= maxPDFPages || visits > 8*maxPDFPages {
			return
		}
		switch node.Key("Type").Name() {
		case "Page":
			pages = append(pages, pdf.Page{V: node})
		case "Pages":
			kids := node.Key("Kids")
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
		}
	}
	walk(root, 0)
	return pages
}

// maxPDFStream bounds the bytes read from one content stream when checking it.
const maxPDFStream = 32 << 20

// pageStreamsSafe reports whether the page's content stream and its fonts'
// ToUnicode maps are free of an unterminated hex string: the reader's
// lexer loops forever on one at the end of a stream.
func pageStreamsSafe(p pdf.Page) bool {
	streams := []pdf.Value{}
	if c := p.V.Key("Contents"); c.Kind() == pdf.Array {
		for i := 0; i < c.Len(); i++ {
			streams = append(streams, c.Index(i))
		}
	} else if c.Kind() == pdf.Stream {
		streams = append(streams, c)
	}
	fonts := p.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		if tu := fonts.Key(name).Key("ToUnicode"); tu.Kind() == pdf.Stream {
			streams = append(streams, tu)
		}
	}
	// The lexer reads an array of streams as one: check them joined.
	var all []byte
	for _, v := range streams {
		rc := v.Reader()
		data, err := io.ReadAll(io.LimitReader(rc, maxPDFStream))
		rc.Close()
		if err != nil {
			return false
		}
		all = append(append(all, data...), '\n')
		if !hexStringsClosed(data) {
			return false
		}
	}
	return hexStringsClosed(all)
}

// hexStringsClosed scans PDF content for a "<…" hex string that never
// closes, skipping comments, literal strings and "<<" dictionaries.
func hexStringsClosed(data []byte) bool {
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case '(':
			depth := 0
			for ; i < len(data); i++ {
				switch data[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
				if depth == 0 {
					break
				}
			}
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				i++
				continue
			}
			end := bytes.IndexByte(data[i:], '>')
			if end < 0 {
				return false
			}
			i += end
		}
	}
	return true
}

// pdfLines groups a page's characters into lines, top to bottom.
func pdfLines(chars []pdf.Text) []pdfLine {
	sort.SliceStable(chars, func(i, j int) bool {
		if math.Abs(chars[i].Y-chars[j].Y) > 2 {
			return chars[i].Y > chars[j].Y
		}
		return chars[i].X < chars[j].X
	})
	var lines []pdfLine
	var b strings.Builder
	var cur pdfLine
	lastEnd := 0.0
	flush := func() {
		if t := strings.Join(strings.Fields(b.String()), " "); t != "" {
			cur.text = t
			lines = append(lines, cur)
		}
		b.Reset()
	}
	for i, c := range chars {
		if i == 0 || math.Abs(c.Y-cur.y) > 2 {
			flush()
			cur = pdfLine{y: c.Y, x: c.X}
			lastEnd = c.X
		}
		// A gap wider than a fraction of the font size is a space the
		// PDF does not spell out.
		if c.X-lastEnd > 0.2*c.FontSize && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.S)
		lastEnd = c.X + c.W
		cur.fontSize = math.Max(cur.fontSize, c.FontSize)
	}
	flush()
	return lines
}

// pdfParagraphs joins lines into paragraphs: a wider gap than usual, or a
// change of font size, starts a new one. Words hyphenated at a line end are
// mended.
func pdfParagraphs(lines []pdfLine) []pdfLine {
	if len(lines) == 0 {
		return nil
	}
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		if g := lines[i-1].y - lines[i].y; g > 0 {
			gaps = append(gaps, g)
		}
	}
	// Most gaps are line spacing: take a low quantile, since paragraph
	// gaps can be as frequent as line gaps in short paragraphs.
	sort.Float64s(gaps)
	spacing := 14.0
	if len(gaps) > 0 {
		spacing = gaps[len(gaps)/4]
	}
	var out []pdfLine
	cur := lines[0]
	for _, l := range lines[1:] {
		gap := cur.y - l.y
		sizeChange := math.Abs(l.fontSize-cur.fontSize) > 1
		if gap > 1.4*spacing || gap < 0 || sizeChange {
			out = append(out, cur)
			cur = l
			continue
		}
		if strings.HasSuffix(cur.text, "-") && startsLower(l.text) {
			cur.text = strings.TrimSuffix(cur.text, "-") + l.text
		} else {
			cur.text += " " + l.text
		}
		cur.y = l.y
	}
	return append(out, cur)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// largestText returns the first paragraph set in the largest font, when
// it is larger than the body text and short enough to be a headline.
func largestText(paras []pdfLine) string {
	sizes := make([]float64, len(paras))
	for i, p := range paras {
		sizes[i] = p.fontSize
	}
	sort.Float64s(sizes)
	median := sizes[len(sizes)/2]
	best := -1
	for i, p := range paras {
		if p.fontSize > median+0.5 && countWords(p.text) <= maxTitleWords && (best < 0 || p.fontSize > paras[best].fontSize) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return paras[best].text
}

// pdfDate reads a PDF date ("D:20240312081500+01'00").
func pdfDate(s string) Date {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 8 {
		return Date{}
	}
	t, err := time.Parse("20060102", s[:8])
	if err != nil {
		return Date{}
	}
	return NewDate(t)
}
