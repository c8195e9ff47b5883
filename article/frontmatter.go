package article

import (
	"strings"
	"time"
)

// frontMatter is the metadata block at the top of a Markdown file, as
// written by static site generators and note apps (YAML between "---"
// lines, or TOML between "+++" lines). Only flat keys, scalars and lists of
// scalars are read: that is all article metadata needs, and it spares a
// YAML dependency.
type frontMatter map[string][]string

// splitFrontMatter separates the front matter from the Markdown text.
func splitFrontMatter(text string) (frontMatter, string) {
	var fence string
	switch {
	case strings.HasPrefix(text, "---\n"):
		fence = "---"
	case strings.HasPrefix(text, "+++\n"):
		fence = "+++"
	default:
		return nil, text
	}
	rest := text[len(fence)+1:]
	var lines []string
	for {
		line, after, found := strings.Cut(rest, "\n")
		t := strings.TrimSpace(line)
		if t == fence || (fence == "---" && t == "...") {
			return parseFrontMatter(lines), after
		}
		if !found {
			return nil, text // no closing fence: it was a horizontal rule
		}
		lines = append(lines, line)
		rest = after
	}
}

func parseFrontMatter(lines []string) frontMatter {
	fm := frontMatter{}
	var listKey string
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "- ") && listKey != "" {
			fm[listKey] = append(fm[listKey], unquote(t[2:]))
			continue
		}
		if line != strings.TrimLeft(line, " \t") {
			continue // nested mapping: not article metadata
		}
		key, val, ok := strings.Cut(t, ":")
		if !ok {
			key, val, ok = strings.Cut(t, "=") // TOML
			if !ok {
				continue
			}
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		listKey = ""
		switch {
		case val == "" || val == "|" || val == ">":
			listKey = key
		case strings.HasPrefix(val, "[") && strings.HasSuffix(val, "]"):
			for _, item := range strings.Split(val[1:len(val)-1], ",") {
				if item = unquote(item); item != "" {
					fm[key] = append(fm[key], item)
				}
			}
		default:
			fm[key] = []string{unquote(val)}
		}
	}
	return fm
}

// unquote strips YAML/TOML quotes and trailing comments from a scalar.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
		if s0 := s; strings.Contains(s0, `\"`) {
			s = strings.ReplaceAll(s0, `\"`, `"`)
		}
		return s
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// first returns the first value of the first key present.
func (fm frontMatter) first(keys ...string) string {
	for _, k := range keys {
		if v := fm[k]; len(v) > 0 && v[0] != "" {
			return v[0]
		}
	}
	return ""
}

// all returns every value of the first key present.
func (fm frontMatter) all(keys ...string) []string {
	for _, k := range keys {
		if v := fm[k]; len(v) > 0 {
			return v
		}
	}
	return nil
}

// dateLayouts are the date forms found in front matter and mail headers.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-01-02", "2006/01/02", "02.01.2006", "January 2, 2006",
	"Jan 2, 2006", "2 January 2006", "2 Jan 2006", time.RFC1123Z, time.RFC1123,
}

// parseLooseDate reads a date in any of the usual layouts.
func parseLooseDate(s string) Date {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return NewDate(t)
		}
	}
	return Date{}
}
