package db

import (
	"strings"
	"unicode"
)

// Date filters as the window edits them: the timeline narrows a search to
// a period by replacing whatever dates the query had (see WithDates), and
// shows the filters it replaced with a way to take them out.

// DateFilters returns the date filters of a query — after:, before: and
// date: with a value they take, as typed — and the query without them.
// What the query language would search as words (after:yesterday, a
// quoted "date:2020") is left in the rest.
func DateFilters(queryText string) (rest string, filters []string) {
	rs := []rune(queryText)
	type span struct{ from, to int }
	var spans []span
	i := 0
	for i < len(rs) {
		r := rs[i]
		if unicode.IsSpace(r) || r == '(' || r == ')' {
			i++
			continue
		}
		start := i
		if r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			i++
		}
		field := ""
		if j := fieldEnd(rs, i); j > i && j+1 < len(rs) && !unicode.IsSpace(rs[j+1]) && rs[j+1] != ')' {
			name := strings.ToLower(string(rs[i:j]))
			if _, ok := fieldColumns[name]; ok || keyFields[name] || name == "after" || name == "before" || name == "date" {
				field = name
				i = j + 1
			}
		}
		if i < len(rs) && rs[i] == '"' {
			end := i + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			if end < len(rs) {
				i = end + 1
				if i < len(rs) && rs[i] == '*' {
					i++
				}
			} else {
				i++ // a lone quote
			}
			continue
		}
		wordStart := i
		for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '(' && rs[i] != ')' && rs[i] != '"' {
			i++
		}
		word := string(rs[wordStart:i])
		ok := false
		switch field {
		case "after", "before":
			_, ok = parseDay(word)
		case "date":
			_, _, ok = parsePeriods(word)
		}
		if ok {
			spans = append(spans, span{start, i})
			filters = append(filters, string(rs[start:i]))
		}
	}
	if len(spans) == 0 {
		return strings.TrimSpace(queryText), nil
	}
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(string(rs[last:s.from]))
		last = s.to
	}
	b.WriteString(string(rs[last:]))
	return strings.Join(strings.Fields(b.String()), " "), filters
}

// WithDates replaces a query's date filters with clause (a Period's Query,
// or PeriodsQuery); an empty clause takes them out.
func WithDates(queryText, clause string) string {
	rest, _ := DateFilters(queryText)
	if clause == "" || rest == "" {
		return strings.TrimSpace(rest + " " + clause)
	}
	if strings.Count(rest, `"`)%2 == 1 {
		rest += `"`
	}
	if q := parseQuery(cleanQueryText(rest), nil); q.root != nil && q.root.kind == orNode && !wrapped(rest) {
		rest = "(" + rest + ")"
	}
	return rest + " " + clause
}

// wrapped reports whether the whole of s is one pair of parentheses, as
// narrowing a query with OR at its top leaves it.
func wrapped(s string) bool {
	if !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") {
		return false
	}
	depth, quoted := 0, false
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '(':
			depth++
		case r == ')':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return depth == 0
}
