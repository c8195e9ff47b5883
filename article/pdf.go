package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// maxPDFPages bounds the pages read: articles are short, books are not.
const maxPDFPages = 200

// junkPDFTitleRe matches document titles that word processors fill in.
var junkPDFTitleRe = lazyRe(`(?i)^(untitled|microsoft word\b|document\d*$|.*\.(docx?|odt|pdf|rtf|pages|indd|txt)$)`)

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
	if err := checkPDFCrossReferences(data); err != nil {
		return Article{}, fmt.Errorf("damaged PDF (%v): %w", err, ErrNoArticle)
	}
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

	var (
		paras   []pdfLine
		skipped error // why a page was not read
	)
	for _, p := range pdfPages(r.Trailer().Key("Root").Key("Pages")) {
		if err := pageStreamsSafe(p); err != nil {
			skipped = err
			continue
		}
		paras = append(paras, pdfParagraphs(pdfLines(p.Content().Text))...)
	}
	if len(paras) == 0 && skipped != nil {
		return Article{}, fmt.Errorf("no page of the PDF could be read (%v): %w", skipped, ErrNoArticle)
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

// maxPDFPageContent bounds the content of one page (its streams and its
// fonts' ToUnicode maps, decompressed). The reader makes an object of some
// 80 bytes for every glyph it shows, and a content stream can show one a
// byte: a 70 KB compressed stream of 64 MB of "(a) Tj" took over a gigabyte.
// An article's page holds a few tens of KB; 2 MB keeps a page under about
// 200 MB.
const maxPDFPageContent = 2 << 20

// pageStreamsSafe reports why the page's content cannot be read safely, or
// nil: content over maxPDFPageContent, or an unterminated hex string in its
// streams or its fonts' ToUnicode maps (the reader's lexer loops forever on
// one at the end of a stream).
func pageStreamsSafe(p pdf.Page) error {
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
		data, err := io.ReadAll(io.LimitReader(rc, int64(maxPDFPageContent-len(all)+1)))
		rc.Close()
		if err != nil {
			return fmt.Errorf("a page's content cannot be read: %v", err)
		}
		all = append(append(all, data...), '\n')
		if len(all) > maxPDFPageContent {
			return fmt.Errorf("a page's content is over %s, more than an article's page", humanSize(maxPDFPageContent))
		}
		if !hexStringsClosed(data) {
			return errors.New("a page's content is cut short")
		}
	}
	if !hexStringsClosed(all) {
		return errors.New("a page's content is cut short")
	}
	return nil
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

// The PDF reader (github.com/ledongthuc/pdf) trusts the cross-reference
// section's numbers: it makes its table of objects as long as the highest
// object number a subsection, a stream's /Size or its /Index names, and
// follows /Prev links without noticing a loop. A 721-byte file whose
// subsection starts at object 2,000,000,000 made it allocate 64 GB
// ("fatal error: runtime: out of memory", which no recover stops), and a
// /Prev pointing at its own section kept it reading for ever. The sections
// are checked here before the reader sees the file; the limits are far
// beyond any real document.

// maxPDFObjects bounds the objects a PDF of size bytes may number: one per
// 8 bytes (real files spend hundreds of bytes on each), and 2,000,000 at
// most, which keeps the reader's table (32 bytes an object) under 64 MB.
func maxPDFObjects(size int) int64 { return min(int64(size)/8+1024, 2_000_000) }

// maxPDFSections bounds the chain of /Prev links (one per incremental
// update of the file).
const maxPDFSections = 256

var (
	pdfStartXrefRe = lazyRe(`startxref\s+(\d+)`)
	pdfSizeRe      = lazyRe(`/Size\s+(\d+)`)
	pdfPrevRe      = lazyRe(`/Prev\s+(\d+)`)
	pdfIndexRe     = lazyRe(`/Index\s*\[([\d\s]*)\]`)
	pdfSubsection  = lazyRe(`^\s*(\d+)\s+(\d+)\s*[\r\n]`)
	pdfObjHeaderRe = lazyRe(`^\s*\d+\s+\d+\s+obj\b`)
)

// checkPDFCrossReferences follows the file's cross-reference sections from
// its last startxref, as the reader will, and refuses numbers out of all
// proportion to the file and loops of /Prev links. What it cannot make sense
// of is left for the reader to report.
func checkPDFCrossReferences(data []byte) error {
	tail := data[max(0, len(data)-1024):]
	m := pdfStartXrefRe.FindAllSubmatch(tail, -1)
	if m == nil {
		return nil
	}
	limit := maxPDFObjects(len(data))
	tooMany := func(what string, n int64) error {
		return fmt.Errorf("its cross-reference section %s %d objects, more than a file of %s can hold (%d at most)", what, n, humanSize(int64(len(data))), limit)
	}
	offset, err := strconv.ParseInt(string(m[len(m)-1][1]), 10, 64)
	if err != nil {
		return nil
	}
	seen := map[int64]bool{}
	for range maxPDFSections {
		if offset <= 0 || offset >= int64(len(data)) {
			return fmt.Errorf("its cross-reference section is at byte %d of %d", offset, len(data))
		}
		if seen[offset] {
			return errors.New("its cross-reference sections refer to each other in a loop")
		}
		seen[offset] = true
		section := data[offset:]
		var dict []byte
		switch {
		case bytes.HasPrefix(bytes.TrimLeft(section, " \t\r\n"), []byte("xref")):
			rest := bytes.TrimLeft(section, " \t\r\n")[len("xref"):]
			rest = bytes.TrimLeft(rest, " \t")
			rest = bytes.TrimLeft(rest, "\r\n")
			for {
				sub := pdfSubsection.FindSubmatch(rest[:min(len(rest), 64)])
				if sub == nil {
					break
				}
				start, err1 := strconv.ParseInt(string(sub[1]), 10, 64)
				count, err2 := strconv.ParseInt(string(sub[2]), 10, 64)
				if err1 != nil || err2 != nil || start+count > limit {
					return tooMany("numbers up to", start+count)
				}
				// Each entry takes 20 bytes ("0000000009 00000 n \n").
				skip := len(sub[0]) + int(count)*20
				if skip > len(rest) {
					return fmt.Errorf("its cross-reference table lists %d objects that the file does not hold", count)
				}
				rest = rest[skip:]
			}
			end := bytes.Index(rest, []byte("startxref"))
			if end < 0 {
				end = min(len(rest), 4096)
			}
			dict = rest[:end]
		case pdfObjHeaderRe.Match(section[:min(len(section), 64)]):
			end := bytes.Index(section, []byte("stream"))
			if end < 0 {
				return nil
			}
			dict = section[:end]
			for _, idx := range pdfIndexRe.FindAllSubmatch(dict, -1) {
				nums := strings.Fields(string(idx[1]))
				for i := 0; i+1 < len(nums); i += 2 {
					start, err1 := strconv.ParseInt(nums[i], 10, 64)
					count, err2 := strconv.ParseInt(nums[i+1], 10, 64)
					if err1 != nil || err2 != nil || start+count > limit {
						return tooMany("numbers up to", start+count)
					}
				}
			}
		default:
			return nil // not a section the reader knows either
		}
		if size := pdfSizeRe.FindSubmatch(dict); size != nil {
			if n, err := strconv.ParseInt(string(size[1]), 10, 64); err != nil || n > limit {
				return tooMany("declares", n)
			}
		}
		prev := pdfPrevRe.FindSubmatch(dict)
		if prev == nil {
			return nil
		}
		if offset, err = strconv.ParseInt(string(prev[1]), 10, 64); err != nil {
			return fmt.Errorf("its cross-reference section points to byte %s", prev[1])
		}
	}
	return fmt.Errorf("it has more than %d cross-reference sections", maxPDFSections)
}
