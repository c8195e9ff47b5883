package db

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The full-text index's `keys` column holds one token per thing the user
// can filter by besides words: each tag, the read and starred state, and the
// language. Queries match them with `keys : "token"` (tag:, is:, lang:), so
// filters and words combine in one MATCH.
//
// Every token starts with "0" and ends with a digit: unicode61 keeps it as
// one token, the Porter stemmer changes no word ending in a digit (so two
// tokens never stem alike), and no word a user searches for is one.
const (
	keyRead    = "0isread0"
	keyUnread  = "0isunread0"
	keyStarred = "0isstarred0"
)

// ErrInvalid is returned for a value the archive cannot take: an empty tag
// name, an empty title, a saved search without a name.
var ErrInvalid = errors.New("invalid value")

// CleanTagName is how a tag name is stored and shown: NFC, no control
// characters, spaces collapsed, trimmed. "" means the name is not usable.
func CleanTagName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(name, " "))
	return strings.Join(strings.Fields(norm.NFC.String(name)), " ")
}

// foldTag is what makes two tag names the same tag: case does not matter
// ("Mali", "mali"), nor does spacing; accents do ("resume" is not "résumé").
func foldTag(name string) string {
	return cases.Fold().String(CleanTagName(name))
}

// tagKey is the index token of a tag: its folded name hashed, in decimal. A
// hash keeps "Mali coup" and "read-later" one token each, whatever they
// contain, and lets a query find a tag without a lookup.
func tagKey(name string) string {
	sum := sha256.Sum256([]byte(foldTag(name)))
	return "0tag" + strconv.FormatUint(binary.BigEndian.Uint64(sum[:8]), 10)
}

// langKey is the index token of a language code; "none" stands for an
// unknown one and for anything that is not a lower-case ISO 639-1 code —
// exactly the rule the schema migration applies in SQL.
func langKey(code string) string {
	return "0lang" + langValue(code) + "0"
}

func langValue(code string) string {
	if len(code) == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z' {
		return code
	}
	return "none"
}

// indexKeys is the keys column of an article. Its order is fixed so that
// an unchanged article gives the same string.
func indexKeys(language string, read, starred bool, tags []string) string {
	keys := []string{langKey(language), keyUnread}
	if read {
		keys[1] = keyRead
	}
	if starred {
		keys = append(keys, keyStarred)
	}
	for _, t := range tags {
		keys = append(keys, tagKey(t))
	}
	return strings.Join(keys, " ")
}
