package article

import (
	"fmt"
	"html"
	"regexp"
	"strings"
)

var (
	mdATXHeadingRe = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdSetextRe     = regexp.MustCompile(`^ {0,3}(=+|-+)\s*$`)
	mdRuleRe       = regexp.MustCompile(`^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
	mdFenceRe      = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	mdListRe       = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?`)
	mdQuoteRe      = regexp.MustCompile(`^\s*(?:>\s?)+`)
	mdRefDefRe     = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s+\S+`)
	mdTableSepRe   = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	mdImageRe      = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]`)
	mdLinkRe       = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]`)
	mdAutoLinkRe   = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdHTMLTagRe    = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->`)
	mdCodeSpanRe   = regexp.MustCompile("`+([^`]*)`+")
	mdEmphasisRes  = []*regexp.Regexp{ // strongest first: *** before ** before *
		regexp.MustCompile(`\*\*\*(\S(?:.*?\S)?)\*\*\*`),
		regexp.MustCompile(`\*\*(\S(?:.*?\S)?)\*\*`),
		regexp.MustCompile(`~~(\S(?:.*?\S)?)~~`),
		regexp.MustCompile(`\*(\S(?:.*?\S)?)\*`),
	}
	mdUnderscoreRe  = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_{1,2}([^\s_](?:.*?[^\s_])?)_{1,2}($|[^\p{L}\p{N}_])`)
	mdEscapeRe      = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
	mdFootnoteRefRe = regexp.MustCompile(`\[\^[^\]]+\]`)
)

// extractMarkdown reads a Markdown file: YAML/TOML front matter gives the
// metadata, else the first heading is the title; the body is plain text.
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
	heading int // 1–6 for headings, 0 for text
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
				out = append(out, mdParagraph{text: t})
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
