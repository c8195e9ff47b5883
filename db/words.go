package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The words table (migration 0005) lists every word of the archive's
// texts as written — folded as the index folds them, lower case without
// accents — with the stem the index holds for it. A prefix search reads it
// to know which stems stand for words that start with the prefix (see
// prefix.go). Words are added whenever a text enters the index, never
// removed: a word no article holds any more only makes its stem look
// shared with other words, which costs a prefix search some reading, never
// a wrong result.

// wordStem is a word as written (folded) and the index's stem for it.
type wordStem struct{ word, stem string }

// textWords are the distinct words of texts with their stems, as the index
// tokenizes them. The import's workers call it (Prepare), so the writer
// only inserts.
func textWords(texts ...string) ([]wordStem, error) {
	t, err := takeTokenizer()
	if err != nil {
		return nil, err
	}
	defer t.give()
	// Most of a text's words come again: a word is looked up as written
	// (a substring of the text), folded only the first time. The map is
	// the tokenizer's, kept from text to text: making and growing one for
	// each took a third of the time.
	if t.seen == nil {
		t.seen = make(map[string]struct{}, 1024)
	}
	seen := t.seen
	defer clear(seen)
	var out []wordStem
	for _, text := range texts {
		err := t.each(text, func(stem []byte, start, end int) {
			if start < 0 || end > len(text) || start >= end {
				return
			}
			written := text[start:end]
			if _, ok := seen[written]; ok {
				return
			}
			seen[written] = struct{}{}
			w := foldWord(written)
			if w != written {
				if _, ok := seen[w]; ok {
					return
				}
				seen[w] = struct{}{}
			}
			out = append(out, wordStem{w, string(stem)})
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// indexedTexts are the columns of text of an index row (all but its doc
// key and keys).
func (row indexRow) texts() []string {
	out := make([]string, 0, len(row)-2)
	for _, v := range row[1 : len(row)-1] {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

// changedTexts are the columns of text of row that differ from before's.
func (row indexRow) changedTexts(before indexRow) []string {
	now, was := row.texts(), before.texts()
	var out []string
	for i := range now {
		if now[i] != was[i] {
			out = append(out, now[i])
		}
	}
	return out
}

// wordsInsertRows is how many words one INSERT adds (two parameters each,
// well under SQLite's limit of 32,766).
const wordsInsertRows = 500

// knownWords are words the words table is known to hold: stored by this
// store (once committed) — words are never removed. An import batch's
// words are mostly known: looking each up in the table took the writer
// 0.7 ms an article of the bench's (2.1 ms with it, 1.4 without).
type knownWords struct {
	mu  sync.Mutex
	set map[string]struct{}
}

// knownWordsKept bounds the words remembered (about 8 MB): the commonest
// come first and stay, and a rare word costs a lookup.
const knownWordsKept = 1 << 17

// unknown is the words not known to be in the table.
func (k *knownWords) unknown(words []wordStem) []wordStem {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := words[:0:0]
	for _, w := range words {
		if _, ok := k.set[w.word]; !ok {
			out = append(out, w)
		}
	}
	return out
}

// add remembers words committed to the table.
func (k *knownWords) add(words []wordStem) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.set == nil {
		k.set = map[string]struct{}{}
	}
	for _, w := range words {
		if len(k.set) >= knownWordsKept {
			return
		}
		k.set[w.word] = struct{}{}
	}
}

// storeWords adds the words the table lacks, sorted, in statements of
// wordsInsertRows.
func storeWords(ctx context.Context, tx *sql.Tx, words []wordStem) error {
	if len(words) == 0 {
		return nil
	}
	sort.Slice(words, func(i, j int) bool { return words[i].word < words[j].word })
	for len(words) > 0 {
		n := min(len(words), wordsInsertRows)
		args := make([]any, 0, 2*n)
		for _, w := range words[:n] {
			args = append(args, w.word, w.stem)
		}
		_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO words (word, stem) VALUES (?,?)"+strings.Repeat(",(?,?)", n-1), args...)
		if err != nil {
			return fmt.Errorf("store words: %w", err)
		}
		words = words[n:]
	}
	return nil
}

// mergeWords is the distinct words of several lists.
func mergeWords(lists ...[]wordStem) []wordStem {
	seen := map[string]bool{}
	var out []wordStem
	for _, l := range lists {
		for _, w := range l {
			if !seen[w.word] {
				seen[w.word] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// wordsBackfill names the backfill row of the words table: articles with
// id >= next_id may still lack their words in it.
const wordsBackfill = "words"

// WordsPending reports whether the words table or the forms index is
// still being filled from the articles stored before it existed (see
// IndexWords): until then, prefix searches check their candidates as
// before it.
func (s *Store) WordsPending(ctx context.Context) (bool, error) {
	for _, b := range s.wordsBackfills() {
		_, pending, err := s.backfillRow(ctx, b)
		if err != nil || pending {
			return pending, err
		}
	}
	return false, nil
}

// wordsSchema is the first schema version with the words table.
const wordsSchema = 5

// wordsBackfills are the backfill rows IndexWords fills: the words table's
// and the forms index's, as far as the archive has them.
func (s *Store) wordsBackfills() []string {
	switch {
	case s.schema >= formsSchema:
		return []string{wordsBackfill, formsBackfill}
	case s.schema >= wordsSchema:
		return []string{wordsBackfill}
	}
	return nil
}

// backfillRow is a backfill row's next id, pending false when it is done.
func (s *Store) backfillRow(ctx context.Context, name string) (next int64, pending bool, err error) {
	err = s.read.QueryRowContext(ctx, "SELECT next_id FROM backfill WHERE name = ?", name).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read the %s backfill's state: %w", name, describeReadError(s.path, err))
	}
	return next, true, nil
}

// wordsReady reports whether prefix searches may use the words table.
func (s *Store) wordsReady(ctx context.Context) bool {
	if s.schema < wordsSchema {
		return false
	}
	_, pending, err := s.backfillRow(ctx, wordsBackfill)
	return err == nil && !pending
}

// IndexWords fills the words table and the forms index from the articles
// stored before them (an archive of an earlier version) in one pass that
// lists each article's words once, a batch per transaction, on every
// core, resuming where it stopped. progress, if not nil, is told the
// articles done and to do after each batch. Once done, it returns at once.
func (s *Store) IndexWords(ctx context.Context, progress func(done, total int)) error {
	names := s.wordsBackfills()
	nexts := map[string]int64{}
	for _, b := range names {
		next, pending, err := s.backfillRow(ctx, b)
		if err != nil {
			return err
		}
		if pending {
			nexts[b] = next
		}
	}
	if len(nexts) == 0 {
		return nil
	}
	lowest := func() int64 {
		lo := int64(-1)
		for _, n := range nexts {
			if lo < 0 || n < lo {
				lo = n
			}
		}
		return lo
	}
	next := lowest()
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM articles WHERE id >= ?", next).Scan(&total); err != nil {
		return fmt.Errorf("list words: %w", describeReadError(s.path, err))
	}
	done := 0
	for len(nexts) > 0 {
		if progress != nil {
			progress(min(done, total), total)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		next = lowest()
		rows, err := s.read.QueryContext(ctx, "SELECT id, doc, title, subtitle, authors, source, body, captions, note FROM articles WHERE id >= ? ORDER BY id LIMIT ?", next, backfillBatch)
		if err != nil {
			return fmt.Errorf("list words: %w", describeReadError(s.path, err))
		}
		var (
			texts     [][]string
			ids, docs []int64
			last      int64 = -1
		)
		for rows.Next() {
			var doc int64
			t := make([]string, 7)
			if err := rows.Scan(&last, &doc, &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6]); err != nil {
				rows.Close()
				return fmt.Errorf("list words: %w", err)
			}
			texts, ids, docs = append(texts, t), append(ids, last), append(docs, doc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list words: %w", describeReadError(s.path, err))
		}
		if last < 0 {
			return s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, "DELETE FROM backfill WHERE name IN ('"+wordsBackfill+"', '"+formsBackfill+"')")
				return err
			})
		}
		found, err := wordsOfEach(texts)
		if err != nil {
			return fmt.Errorf("list words: %w", err)
		}
		// Each row takes the articles from its own next id on: one may be
		// behind the other (an archive of format 5 stopped while listing
		// its words).
		var words [][]wordStem
		var forms []formsEntry
		var formIDs []int64 // of forms' entries
		for i, id := range ids {
			if n, ok := nexts[wordsBackfill]; ok && id >= n {
				words = append(words, found[i])
			}
			if n, ok := nexts[formsBackfill]; ok && id >= n {
				forms = append(forms, formsEntry{docs[i], formsOf(found[i])})
				formIDs = append(formIDs, id)
			}
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			if err := storeWords(ctx, tx, mergeWords(words...)); err != nil {
				return err
			}
			// Under the keys the articles have now: an edit of the date,
			// or the re-keying, may have moved them since they were read.
			kept, err := formsUnderKeysNow(ctx, tx, forms, formIDs)
			if err != nil {
				return err
			}
			if err := putForms(ctx, tx, kept, true); err != nil {
				return err
			}
			for b, n := range nexts {
				if _, err := tx.ExecContext(ctx, "UPDATE backfill SET next_id = ? WHERE name = ?", max(n, last+1), b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("list words: %w", err)
		}
		for b, n := range nexts {
			nexts[b] = max(n, last+1)
		}
		done += len(texts)
	}
	return nil
}

// formsUnderKeysNow files forms entries, made for the articles ids, under
// the keys those articles have in tx; an entry of an article deleted
// meanwhile is dropped.
func formsUnderKeysNow(ctx context.Context, tx *sql.Tx, forms []formsEntry, ids []int64) ([]formsEntry, error) {
	now, err := pairsIn(ctx, tx, "SELECT id, doc FROM articles WHERE id IN ", ids)
	if err != nil {
		return nil, fmt.Errorf("read the articles' keys: %w", err)
	}
	var kept []formsEntry
	for i, f := range forms {
		if doc, ok := now[ids[i]]; ok {
			f.doc = doc
			kept = append(kept, f)
		}
	}
	return kept, nil
}

// wordsOfEach is the distinct words of each article's texts, found on
// every core.
func wordsOfEach(texts [][]string) ([][]wordStem, error) {
	found := make([][]wordStem, len(texts))
	errs := make([]error, len(texts))
	onEveryCore(len(texts), func(i int) { found[i], errs[i] = textWords(texts[i]...) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return found, nil
}
