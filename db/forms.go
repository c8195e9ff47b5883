package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// The forms index (migration 0006, table article_forms) holds, per
// article under its doc key, the words of its texts as written that the
// stemmed index cannot tell apart: those that are not their own stem
// ("reporters", "reported", "news") and those that are but end in "e",
// "i" or "bl" ("make", the stem of "making" too: Porter writes those
// letters at a stem's end for words without them, so only such a stem can
// stand for a word that does not start with it). A prefix search asks it which of the
// articles of a stem shared with other words hold one of the prefix's
// words of that stem (prefixwords.go): reporter* reads no article.
//
// On the bench's first 20,000 articles it is 12.5 MB without the stems
// ending in "e" or "i", 14.8 MB with them, 16% of their 91 MB of text
// (all their words: 51 MB, 56%; page counts with free pages); at 100,000,
// 44.7 MB, 9.8% of the text. On the dev corpora's real English, 44% of the
// distinct words of an article are inflected forms (18% on the bench's
// vocabulary).

// formsSchema is the first schema version with the forms index.
const formsSchema = 6

// formsBackfill names the backfill row of the forms index: articles with
// id >= next_id may still lack their entries.
const formsBackfill = "forms"

// isIndexedForm reports whether the forms index holds a word: one that is
// not its stem, or a stem that may stand for words it does not start.
// Porter only cuts a word's end, but for what it writes there: an "e"
// ("making" is "make"), an "i" ("happy" is "happi"), and "bl" for
// "-bility" ("suitability" is "suitabl", through "suitable").
// TestFormsHoldWordsTheirStemDoesNotStart checks this on both corpora.
func isIndexedForm(w wordStem) bool {
	return w.word != w.stem || strings.HasSuffix(w.word, "e") || strings.HasSuffix(w.word, "i") || strings.HasSuffix(w.word, "bl")
}

// formsOf is an article's entry of the forms index: its words the index
// holds, space separated, from its distinct words (textWords).
func formsOf(words []wordStem) string {
	var b strings.Builder
	for _, w := range words {
		if isIndexedForm(w) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.word)
		}
	}
	return b.String()
}

// formsEntry is an article's entry of the forms index.
type formsEntry struct {
	doc   int64
	forms string
}

// putForms writes entries in doc order (FTS5 starts a new segment
// whenever a key is not above the last); replace, for the backfill, which
// meets articles imported or edited meanwhile, replaces any entry under
// the same key.
func putForms(ctx context.Context, tx *sql.Tx, entries []formsEntry, replace bool) error {
	if len(entries) == 0 {
		return nil
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].doc < entries[j].doc })
	verb := "INSERT"
	if replace {
		verb = "INSERT OR REPLACE"
	}
	st, err := tx.PrepareContext(ctx, verb+" INTO article_forms (rowid, forms) VALUES (?, ?)")
	if err != nil {
		return fmt.Errorf("store the words' forms: %w", err)
	}
	defer st.Close()
	for _, e := range entries {
		if _, err := st.ExecContext(ctx, e.doc, e.forms); err != nil {
			return fmt.Errorf("store the words' forms: %w", err)
		}
	}
	return nil
}

// dropForms removes the entries of articles by their doc keys (an
// article's text or date changed; a deleted article's go by trigger).
func dropForms(ctx context.Context, tx *sql.Tx, docs []int64) error {
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, "DELETE FROM article_forms WHERE rowid = ?", d); err != nil {
			return fmt.Errorf("remove the words' forms: %w", err)
		}
	}
	return nil
}

// hasFormsTable reports whether the archive has the forms index (a store
// opened at an older schema, as tests do, has not).
func hasFormsTable(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_forms'").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read the schema: %w", err)
	}
	return n > 0, nil
}

// formsReady reports whether prefix searches may ask the forms index: it
// exists and holds every article.
func (s *Store) formsReady(ctx context.Context) bool {
	if s.schema < formsSchema {
		return false
	}
	_, pending, err := s.backfillRow(ctx, formsBackfill)
	return err == nil && !pending
}
