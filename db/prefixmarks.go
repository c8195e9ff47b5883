package db

import "strings"

// FTS5's highlight() and snippet() mark every instance of a term the
// expression names, and a prefix is searched through its stems: for
// negotiat*, the stem "negoti" marks "negotiable" too, a word the article
// was not found by. A markFilter takes such marks off: a marked word is
// kept when it starts with one of the query's prefixes or has the stem of
// a word the query names otherwise.

// markFilter keeps the marks of the words a query matches by.
type markFilter struct {
	prefixes []string            // the query's prefixes, folded
	stems    map[string]struct{} // the stems of its other words
}

// newMarkFilter is the filter for a query; nil when every mark is
// right (no prefix expanded through the words table).
func newMarkFilter(root *node) *markFilter {
	f := &markFilter{stems: map[string]struct{}{}}
	walkNodes(root, func(n *node) {
		if n.kind != termNode || n.key != "" {
			return
		}
		if n.prefix && n.words != nil {
			// A phrase's words before its prefix mark only with it: the
			// passage is the phrase, ending in a word with the prefix.
			_, last := splitLastWord(n.text)
			f.prefixes = append(f.prefixes, foldWord(last))
			return
		}
		tokenizeIndex(n.text, func(stem []byte, _, _ int) { f.stems[string(stem)] = struct{}{} })
	})
	if len(f.prefixes) == 0 {
		return nil
	}
	return f
}

// keep reports whether a marked passage is one the query matches by: it
// ends in a word starting with a prefix (a word, or a phrase ending in
// it), or holds a stem of the query's other words.
func (f *markFilter) keep(passage string) bool {
	kept, last := false, ""
	tokenizeIndex(passage, func(stem []byte, start, end int) {
		if _, ok := f.stems[string(stem)]; ok {
			kept = true
		}
		last = passage[start:end]
	})
	word := foldWord(last)
	for _, p := range f.prefixes {
		if strings.HasPrefix(word, p) {
			return true
		}
	}
	return kept
}

// apply removes the marks around passages the query does not match by.
func (f *markFilter) apply(marked string) string {
	if f == nil || !strings.Contains(marked, MarkStart) {
		return marked
	}
	var b strings.Builder
	b.Grow(len(marked))
	rest := marked
	for {
		i := strings.Index(rest, MarkStart)
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		j := strings.Index(rest[i:], MarkEnd)
		if j < 0 {
			b.WriteString(rest)
			return b.String()
		}
		passage := rest[i+len(MarkStart) : i+j]
		b.WriteString(rest[:i])
		if f.keep(passage) {
			b.WriteString(rest[i : i+j+len(MarkEnd)])
		} else {
			b.WriteString(passage)
		}
		rest = rest[i+j+len(MarkEnd):]
	}
}
