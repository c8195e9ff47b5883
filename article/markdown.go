package article

import (
	"fmt"
	"html"
	"strings"
)

var (
	mdATXHeadingRe = lazyRe(`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdSetextRe     = lazyRe(`^ {0,3}(=+|-+)\s*$`)
	mdRuleRe       = lazyRe(`^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
	mdFenceRe      = lazyRe("^ {0,3}(```+|~~~+)")
	mdListRe       = lazyRe(`^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?`)
	mdQuoteRe      = lazyRe(`^\s*(?:>\s?)+`)
	mdRefDefRe     = lazyRe(`^ {0,3}\[[^\]]+\]:\s+\S+`)
	mdTableSepRe   = lazyRe(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	mdImageRe      = lazyRe(`!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]`)
	mdLinkRe       = lazyRe(`\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]`)
	mdAutoLinkRe   = lazyRe(`<((?:https?|mailto):[^>\s]+)>`)
	mdHTMLTagRe    = lazyRe(`</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->`)
	mdCodeSpanRe   = lazyRe("`+([^`]*)`+")
	mdEmphasisRes  = []*lazyRegexp{ // strongest first: *** before ** before *
		lazyRe(`\*\*\*(\S(?:.*?\S)?)\*\*\*`),
		lazyRe(`\*\*(\S(?:.*?\S)?)\*\*`),
		lazyRe(`~~(\S(?:.*?\S)?)~~`),
		lazyRe(`\*(\S(?:.*?\S)?)\*`),
	}
	mdUnderscoreRe  = lazyRe(`(^|[^\p{L}\p{N}_])_{1,2}([^\s_](?:.*?[^\s_])?)_{1,2}($|[^\p{L}\p{N}_])`)
	mdEscapeRe      = lazyRe(`\\([!-/:-@\[-` + "`" + `{-~])`) // any ASCII punctuation, as CommonMark
	mdFootnoteRefRe = lazyRe(`\[\^[^\]]+\]`)
)

// extractMarkdown reads a Markdown file: YAML/TOML front matter gives the
// metadata, else the first heading is the title and the byline, date and
// source lines the text shows give the rest; the body is plain text.
func extractMarkdown(text string) (Article, error) {
	text = normalizeText(text)
	fm, rest := splitFrontMatter(text)
	var a Article
	a.Title = fm.first("title", "headline")
	a.Subtitle = fm.first("subtitle", "description", "summary")
	a.Authors = fm.all("authors", "author", "by", "creator")
	a.Source = fm.first("source", "site", "site_name", "sitename", "publisher", "publication")
	a.URL = fm.first("url", "source_url", "link", "canonical", "original_url")
	a.Published = parseLooseDate(fm.first("date", "published", "pubdate", "publish_date", "created"))
	a.Language = fm.first("lang", "language")
	if a.URL == "" && strings.HasPrefix(a.Source, "http") {
		a.URL, a.Source = a.Source, ""
	}

	paras := markdownParagraphs(rest)
	if a.Title == "" && len(paras) > 0 && paras[0].heading == 1 {
		a.Title, paras = paras[0].text, paras[1:]
	} else if len(paras) > 0 && paras[0].heading > 0 && sameTitle(paras[0].text, a.Title) {
		paras = paras[1:] // the front matter title repeated as a heading
	}
	if !a.Published.Known() || a.Source == "" || len(a.Authors) == 0 {
		// No front matter (or not all of it): read the byline, date and
		// source the text itself shows, as in copied text.
		paras = markdownMeta(&a, paras)
	}
	var body []string
	for _, p := range paras {
		body = append(body, p.text)
	}
	a.Body = strings.Join(body, "\n\n")
	if strings.TrimSpace(a.Body) == "" {
		return Article{}, fmt.Errorf("the Markdown file has no text: %w", ErrNoArticle)
	}
	return a, nil
}

type mdParagraph struct {
	text    string
	heading int      // 1–6 for headings, 0 for text
	lines   []string // the source lines of a text paragraph, as plain text
}

// markdownMeta fills the date, source and authors a Markdown file's front
// matter left unset from the lines around its headline, the way copied text
// is read (see textmeta.go), and returns the paragraphs without the header
// lines it read: a byline or date line between the headline and the text.
func markdownMeta(a *Article, paras []mdParagraph) []mdParagraph {
	lines := []textLine{{text: a.Title, words: lineWeight(a.Title), kind: kindTeaser, digit: hasASCIIDigit(a.Title)}}
	var para []int // the paragraph of each line
	para = append(para, -1)
	for k, p := range paras {
		src := p.lines
		if len(src) == 0 {
			src = []string{p.text}
		}
		for _, t := range src {
			if t = strings.TrimSpace(t); t == "" {
				continue
			}
			kind := classifyLine(t, lineWeight(t))
			if p.heading > 0 && kind == kindProse {
				kind = kindTeaser
			}
			lines = append(lines, textLine{text: t, words: lineWeight(t), kind: kind, digit: hasASCIIDigit(t)})
			para = append(para, k)
		}
	}
	markBylineNames(lines)
	start := -1
	for i, l := range lines {
		if i > 0 && l.kind == kindProse {
			start = i
			break
		}
	}
	if start < 0 {
		return paras
	}
	titleAt := -1
	if a.Title != "" {
		titleAt = 0
	}
	// Short lines after the last sentence ("Source: …", "© 2015 …") are
	// the footer.
	end := len(lines)
	for end > start+1 && lines[end-1].kind != kindProse {
		end--
	}
	if !a.Published.Known() {
		order := numericOrderOf(lines, func() string { return detectLanguage(a.Title + "\n\n" + joinParagraphs(paras)) })
		a.Published = textDate(lines, titleAt, start, end, order)
	}
	if a.Source == "" {
		a.Source = textSource(lines, newLowerCache(lines), titleAt, start, end)
	}
	if len(a.Authors) == 0 {
		a.Authors = headerAuthors(lines, titleAt, start, end)
	}
	// Drop the header paragraphs made only of bylines and dates.
	meta := map[int]bool{}
	for k := range paras {
		meta[k] = true
	}
	for i, l := range lines {
		if i == 0 {
			continue
		}
		if i >= start || (l.kind != kindByline && l.kind != kindDate) || paras[para[i]].heading > 0 {
			meta[para[i]] = false
		}
	}
	var kept []mdParagraph
	for k, p := range paras {
		if !meta[k] {
			kept = append(kept, p)
		}
	}
	return kept
}

func joinParagraphs(paras []mdParagraph) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(p.text)
		b.WriteString("\n\n")
	}
	return b.String()
}

// markdownParagraphs turns Markdown into plain-text paragraphs. Lines of a
// paragraph are joined (Markdown wraps them freely); list items, headings,
// quotes and code blocks are paragraphs of their own.
func markdownParagraphs(text string) []mdParagraph {
	var out []mdParagraph
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			if t := stripInlineMarkdown(strings.Join(cur, " ")); t != "" {
				p := mdParagraph{text: t}
				if len(cur) > 1 {
					for _, c := range cur {
						p.lines = append(p.lines, stripInlineMarkdown(c))
					}
				}
				out = append(out, p)
			}
			cur = nil
		}
	}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case mdFenceRe.MatchString(line):
			flush()
			fence := mdFenceRe.FindStringSubmatch(line)[1]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, lines[i])
			}
			for _, c := range code {
				if c = strings.TrimSpace(c); c != "" {
					out = append(out, mdParagraph{text: c})
				}
			}
		case mdATXHeadingRe.MatchString(line):
			flush()
			m := mdATXHeadingRe.FindStringSubmatch(line)
			if h := stripInlineMarkdown(m[2]); h != "" {
				out = append(out, mdParagraph{text: h, heading: len(m[1])})
			}
		case len(cur) > 0 && mdSetextRe.MatchString(line):
			level := 1
			if strings.HasPrefix(t, "-") {
				level = 2
			}
			h := stripInlineMarkdown(strings.Join(cur, " "))
			cur = nil
			if h != "" {
				out = append(out, mdParagraph{text: h, heading: level})
			}
		case mdRuleRe.MatchString(line), mdRefDefRe.MatchString(line), mdTableSepRe.MatchString(line) && strings.Contains(line, "-"):
			flush()
		case mdListRe.MatchString(line):
			flush()
			cur = append(cur, mdListRe.ReplaceAllString(line, ""))
		case mdQuoteRe.MatchString(line):
			q := strings.TrimSpace(mdQuoteRe.ReplaceAllString(line, ""))
			if q == "" {
				flush()
			} else {
				cur = append(cur, q)
			}
		case strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|"):
			flush()
			cells := strings.Split(strings.Trim(t, "|"), "|")
			for j := range cells {
				cells[j] = strings.TrimSpace(cells[j])
			}
			cur = append(cur, strings.Join(cells, " "))
			flush()
		default:
			cur = append(cur, t)
		}
	}
	flush()
	return out
}

// stripInlineMarkdown removes inline syntax: links keep their text, images
// their alt text is dropped, emphasis and code markers go.
func stripInlineMarkdown(s string) string {
	// Escaped characters are hidden from the patterns below as private-use
	// runes, and restored at the end.
	s = mdEscapeRe.ReplaceAllStringFunc(s, func(m string) string { return string(rune(0xE000) + rune(m[1])) })
	s = mdImageRe.ReplaceAllString(s, "")
	s = mdLinkRe.ReplaceAllString(s, "$1$2")
	s = mdAutoLinkRe.ReplaceAllString(s, "$1")
	s = mdFootnoteRefRe.ReplaceAllString(s, "")
	s = mdHTMLTagRe.ReplaceAllString(s, "")
	s = mdCodeSpanRe.ReplaceAllString(s, "$1")
	for _, re := range mdEmphasisRes {
		s = re.ReplaceAllString(s, "$1")
	}
	for range 3 { // __strong__ and _em_, possibly nested
		s = mdUnderscoreRe.ReplaceAllString(s, "$1$2$3")
	}
	s = strings.Map(func(r rune) rune {
		if r > 0xE000 && r < 0xE080 {
			return r - 0xE000
		}
		return r
	}, s)
	s = html.UnescapeString(s)
	return strings.Join(strings.Fields(s), " ")
}
