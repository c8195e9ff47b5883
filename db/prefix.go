package db

import (
	"database/sql/driver"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"
)

// A prefix search finds what it says: bankr* finds the articles holding a
// word that starts with "bankr" as written, and only those.
//
// The index holds Porter stems, which a prefix matches badly both ways. A
// stem can be shorter than the prefix, or end otherwise than the word
// ("negotiations" is stored as "negoti", "striking" as "strike": neither
// starts with "negotiat" or "striki"); and FTS5 stems the prefix itself
// ("produce*" is searched as "produc*", which finds "product"). Matching
// the prefix's truncations that are terms of the index (what search did
// before) let "bankr*" find every article with "bank": on 10,300 news
// stories, 1,014 of its 1,089 hits held no word starting with "bankr".
//
// So a prefix is matched against the words as written: the words table
// (words.go) pairs each word of the archive with its stem, a prefix is
// expanded to the stems of the words starting with it, and only the
// articles of stems other words share too are read (prefixwords.go) —
// wherever the prefix stands in the query, under OR and NOT too, and at
// the end of a phrase ("peace talk"*, its other words matched by stem as
// a phrase's are).
//
// Until an upgraded archive has listed its words, prefixes are checked as
// before the table, by what this file holds: a prefix that every match
// must hold (at the query's top, alone or among words that all must) is
// searched wider — the prefix, or its first letters but a few (widened) —
// and of those candidates only the articles whose text holds a word with
// the prefix are kept, checked by hasPrefixFunc; the articles the prefix
// itself surely matches are taken at once (trusted). A prefix under OR or
// NOT then keeps matching its truncations that are terms, unchecked
// (Store.prefixStems), as does one whose candidates are more than
// CheckablePrefixMatches (Store.tooManyToCheck).

// hasPrefixFunc is the SQL function: hasPrefixFunc(prefix, text, …) is 1
// when one of the texts holds a word starting with the prefix, compared as
// the index's tokenizer compares (case and accents aside).
const hasPrefixFunc = "clippings_has_prefix"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(hasPrefixFunc, -1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if len(args) < 2 {
			return int64(0), nil
		}
		prefix, _ := args[0].(string)
		for _, a := range args[1:] {
			var text string
			switch v := a.(type) {
			case string:
				text = v
			case []byte:
				text = string(v)
			}
			if holdsPrefix(text, prefix) {
				return int64(1), nil
			}
		}
		return int64(0), nil
	})
}

// holdsPrefix reports whether text holds a word starting with prefix, both
// folded as the index folds them (unicode61 remove_diacritics 2). It runs
// on every candidate's whole text, so words are compared in place, folded
// only when not ASCII; an ASCII prefix is looked for by its first letter
// (holdsASCIIPrefix) unless a letter of the text might fold to ASCII.
func holdsPrefix(text, prefix string) bool {
	prefix = foldWord(prefix)
	if prefix == "" {
		return false
	}
	if isASCII(prefix) && !mayFoldToASCII(text) {
		return holdsASCIIPrefix(text, prefix)
	}
	return holdsPrefixByWord(text, prefix)
}

// holdsPrefixByWord is holdsPrefix reading every word.
func holdsPrefixByWord(text, prefix string) bool {
	start := -1
	for i, r := range text {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && isTokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && wordHolds(text[start:i], prefix) {
			return true
		}
		start = -1
	}
	return start >= 0 && wordHolds(text[start:], prefix)
}

// mayFoldToASCII reports whether text may hold a letter beyond ASCII that
// folds to an ASCII one — Latin letters with marks (U+00C0–U+027F, lead
// bytes C3–C9; U+1E00–U+1FFF, E1) and the letterlike symbols
// (U+2100–U+213F: the Kelvin sign is K): a word starting with one is
// missed by looking for the prefix's first letter. Quotes and dashes
// (E2 80) are not.
func mayFoldToASCII(text string) bool {
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b < 0xC3:
		case b <= 0xC9, b == 0xE1:
			return true
		case b == 0xE2 && i+1 < len(text) && text[i+1] == 0x84:
			return true
		}
	}
	return false
}

// holdsASCIIPrefix is holdsPrefix for an ASCII prefix in a text none of
// whose letters beyond ASCII folds to ASCII: each place the prefix's first
// letter (either case) starts a word is compared.
func holdsASCIIPrefix(text, prefix string) bool {
	first := [2]byte{prefix[0], prefix[0]}
	if 'a' <= first[0] && first[0] <= 'z' {
		first[1] = first[0] - 'a' + 'A'
	}
	next := [2]int{strings.IndexByte(text, first[0]), strings.IndexByte(text, first[1])}
	for next[0] >= 0 || next[1] >= 0 {
		c := 0
		if next[0] < 0 || next[1] >= 0 && next[1] < next[0] {
			c = 1
		}
		k := next[c]
		if r, _ := utf8.DecodeLastRuneInString(text[:k]); k == 0 || !isWordByteRune(r) {
			end := k
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if !isWordByteRune(r) {
					break
				}
				end += size
			}
			if wordHolds(text[k:end], prefix) {
				return true
			}
		}
		for i := range next {
			if next[i] == k {
				if j := strings.IndexByte(text[k+1:], first[i]); j >= 0 {
					next[i] = k + 1 + j
				} else {
					next[i] = -1
				}
			}
		}
	}
	return false
}

// isWordByteRune is a rune unicode61 keeps in a token, ASCII first.
func isWordByteRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return isTokenRune(r)
}

// wordHolds reports whether a word starts with a folded prefix.
func wordHolds(word, prefix string) bool {
	if len(word) >= len(prefix) && strings.EqualFold(word[:len(prefix)], prefix) {
		return true
	}
	return !isASCII(word) && strings.HasPrefix(foldWord(word), prefix)
}

// isTokenRune is a rune unicode61 keeps in a token: letters, numbers and
// the marks it folds away.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Co, r)
}

// foldWord is a word in lower case without its accents.
func foldWord(w string) string {
	if isASCII(w) {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// widenedBy is how many letters a checked prefix is searched without: a
// word's stem can end that far into what the user typed, when Porter cuts
// suffix after suffix ("representati*" is meant to find
// "representatives", whose stem is "repres").
const widenedBy = 6

// widened is what a checked prefix is searched as, to find every article
// holding a word with it: its first letters but widenedBy, at least three
// (Porter leaves a stem two letters at the least, and a word of three
// letters as it is), fewer still, down to two (FTS5's shortest prefix
// index), until Porter leaves them as they are ("ody", for "odys*", would
// be searched as "odi", which "odyssei" does not start with).
func widened(prefix string) string {
	r := []rune(prefix)
	k := max(min(3, len(r)), len(r)-widenedBy)
	for k > 2 {
		if st, err := indexStem(string(r[:k])); err == nil && st == foldWord(string(r[:k])) {
			break
		}
		k--
	}
	return string(r[:k])
}

// markChecked marks the prefixes every match of the query must hold.
func markChecked(root *node) {
	required := []*node{root}
	if root != nil && root.kind == andNode {
		required = root.children
	}
	for _, n := range required {
		if n != nil && n.kind == termNode && n.prefix && n.key == "" && !strings.ContainsFunc(n.text, func(r rune) bool { return !isWordRune(r) }) {
			n.checked, n.wide = true, widened(n.text)
		}
	}
}

// prefixChecks are the SQL conditions that keep, of the articles a query
// matches, those holding its checked prefixes as written; "" for none.
func prefixChecks(root *node) string {
	required := []*node{root}
	if root != nil && root.kind == andNode {
		required = root.children
	}
	var checks []string
	for _, n := range required {
		if n == nil || !n.checked {
			continue
		}
		sure := trusted(n.text)
		if sure == quote(n.text)+"*" && n.wide == n.text {
			continue // the prefix alone, as typed: what it matches holds it
		}
		columns := strings.Fields(strings.Trim(textColumns, "{}"))
		if n.column != "" && n.column != textColumns {
			columns = []string{n.column}
			if sure != "" {
				sure = n.column + " : (" + sure + ")"
			}
		}
		check := hasPrefixFunc + "(" + sqlString(n.text) + ", " + matchedRow + strings.Join(columns, ", "+matchedRow) + ")"
		if sure != "" {
			check = "(" + matchedRow + "rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH " + sqlString(sure) + ") OR " + check + ")"
		}
		checks = append(checks, check)
	}
	return strings.Join(checks, " AND ")
}

// matchedRow stands in a check before the matched row's rowid and columns:
// ftsIndex.sql puts the name the query gives the index there.
const matchedRow = "{index}."

// sqlString is s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// trusted is the FTS5 expression of the articles a checked prefix
// matches that surely hold it, or "" for none. FTS5 stems the prefix as it
// stems words: when Porter leaves it as it is (the index's own tokenizer
// says), every term it matches is the start of
// a word with the prefix, but for one. Porter writes letters a word may
// not have only at a stem's end — an "e" ("striking" is "strike") or an
// "i" ("discovery" is "discoveri") — so a prefix ending in one of them, as
// a whole term, may be a word without it: those articles are checked.
func trusted(prefix string) string {
	st, err := indexStem(prefix)
	folded := foldWord(prefix)
	switch {
	case err != nil || st != folded:
		return ""
	case strings.HasSuffix(folded, "e") || strings.HasSuffix(folded, "i"):
		return quote(prefix) + "* NOT " + quote(prefix)
	}
	return quote(prefix) + "*"
}
