package db

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Re-keying an archive of format 6 or earlier (migration 0007): every
// article moves from its wide key, (day << 32) | id, to a dense one (see
// dockeys.go), in key order, a batch per transaction. Each batch takes its
// articles' entries out of the full-text and forms indexes, gives the
// articles their new keys and writes their entries again under them, so
// the index serves every search throughout; deletes first, then inserts,
// each in key order, so FTS5 writes two segments a batch. What the old
// entries took is freed as the index's segments are merged (idle-time
// merging, see merge.go).

// rekeyPending reports whether articles still have wide keys.
func (s *Store) rekeyPending(ctx context.Context) (bool, error) {
	if s.schema < denseKeysSchema {
		return false, nil
	}
	k, err := s.keysState(ctx, s.read)
	if err != nil {
		return false, describeReadError(s.path, err)
	}
	return k.wide, nil
}

// rekeyedMeanwhile reports whether articles were re-keyed since the keys'
// state was, a query's date bounds and keys made from it.
func (s *Store) rekeyedMeanwhile(ctx context.Context, was docKeys) bool {
	if !was.wide || s.schema < denseKeysSchema {
		return false
	}
	now, err := s.keysState(ctx, s.read)
	return err == nil && (now.next != was.next || now.wide != was.wide)
}

// reKey re-keys the archive's articles, resuming where it stopped;
// progress, if not nil, is told the articles done and to do before each
// batch.
func (s *Store) reKey(ctx context.Context, progress func(done, total int)) error {
	pending, err := s.rekeyPending(ctx)
	if err != nil || !pending {
		return err
	}
	var done, total int
	err = s.read.QueryRowContext(ctx, "SELECT count(*), ifnull(sum(doc < (SELECT next FROM rekey)), 0) FROM articles").Scan(&total, &done)
	if err != nil {
		return fmt.Errorf("re-key: %w", describeReadError(s.path, err))
	}
	if err := inSteps(ctx, "re-key", done, total, progress, s.reKeyStep); err != nil {
		return err
	}
	return s.compactRekeyed(ctx)
}

// inSteps calls step, one batch a transaction, until it does nothing,
// telling progress (if not nil) the articles done and to do before each
// batch; it stops with ctx's error when ctx is done. A step's error is
// wrapped with what.
func inSteps(ctx context.Context, what string, done, total int, progress func(done, total int), step func(context.Context) (int, error)) error {
	for {
		if progress != nil {
			progress(min(done, total), total)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := step(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if n == 0 {
			return nil
		}
		done += n
	}
}

// rekeyedAll is rekey.next once every article has its dense key, while
// the index is compacted: a key no article has, so every key is dense.
const rekeyedAll = 1 << 62

// compactPages is how many pages of the index one step of compacting
// writes: about 8 MB, under a second.
const compactPages = 2000

// compactRekeyed merges the re-keyed index into one segment, a step per
// transaction, and ends the re-keying. Until merged, the index holds each
// article's old entries, the marks that delete them and its new ones:
// re-keying the 100,000 bench articles left a full-text index of 1,466 MB
// where a new archive has 559. FTS5's 'merge' with a negative page count
// merges every level as 'optimize' does, in steps.
func (s *Store) compactRekeyed(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		conn, err := s.write.Conn(ctx)
		if err != nil {
			return describeWriteError(s.path, err)
		}
		var before, after int64
		err = conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&before)
		if err == nil {
			_, err = conn.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('merge', ?)", -compactPages)
		}
		if err == nil {
			err = conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&after)
		}
		conn.Close()
		if err != nil {
			return fmt.Errorf("compact the re-keyed index: %w", describeWriteError(s.path, err))
		}
		if after-before < 2 {
			break
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM rekey")
		return err
	})
}

// reKeyStep re-keys the next batch, or when none is left, ends the
// re-keying. It returns how many articles it re-keyed.
func (s *Store) reKeyStep(ctx context.Context) (int, error) {
	// The forms of the batch's articles are found first, on every core,
	// outside the transaction; an article changed meanwhile is done again.
	k, err := s.keysState(ctx, s.read)
	if err != nil || !k.wide || k.next == rekeyedAll {
		return 0, err
	}
	var (
		docs  []int64
		texts [][]string
	)
	textColumns := indexedColumns[:len(indexedColumns)-1] // all but keys, as indexRow.texts
	err = s.eachRow(ctx, "SELECT doc, "+strings.Join(textColumns, ", ")+" FROM articles WHERE doc >= ? ORDER BY doc LIMIT ?",
		[]any{k.next, reindexBatch}, func(scan func(...any) error) error {
			var doc int64
			t := make([]string, len(textColumns))
			dest := []any{&doc}
			for i := range t {
				dest = append(dest, &t[i])
			}
			if err := scan(dest...); err != nil {
				return err
			}
			docs, texts = append(docs, doc), append(texts, t)
			return nil
		})
	if err != nil {
		return 0, describeReadError(s.path, err)
	}
	found, err := wordsOfEach(texts)
	if err != nil {
		return 0, err
	}
	type read struct {
		texts []string
		forms string
	}
	before := make(map[int64]read, len(docs)) // by old key
	for i, d := range docs {
		before[d] = read{texts[i], formsOf(found[i])}
	}

	n := 0
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		k, err := s.keysState(ctx, tx)
		if err != nil || !k.wide {
			return err
		}
		rows, err := loadStoredFrom(ctx, tx, k.next, reindexBatch)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			// Every article has its dense key; the index is compacted
			// next (see compactRekeyed).
			_, err := tx.ExecContext(ctx, "UPDATE rekey SET next = ?", rekeyedAll)
			return err
		}
		n = len(rows)
		index, err := newIndexWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer index.close()
		// Out of both indexes, in old key order.
		old := make([]int64, len(rows))
		for i := range rows {
			r := &rows[i]
			old[i] = r.doc
			if err := index.remove(ctx, r.id, r.indexRow()); err != nil {
				return fmt.Errorf("unindex article #%d: %w", r.id, err)
			}
		}
		if err := dropForms(ctx, tx, old); err != nil {
			return err
		}
		// New keys, in the same order: the order of days, and within a
		// day, of ids, as imports give them.
		upd, err := tx.PrepareContext(ctx, "UPDATE articles SET doc = ? WHERE id = ?")
		if err != nil {
			return err
		}
		defer upd.Close()
		var entries []formsEntry
		for i := range rows {
			r := &rows[i]
			day := r.doc >> 32
			k.next = r.doc // the keys below are dense
			key, spilled, err := allocate(ctx, tx, k, day, 0, false)
			if err != nil {
				return fmt.Errorf("article #%d: %w", r.id, err)
			}
			if spilled {
				if k, err = s.keysState(ctx, tx); err != nil {
					return err
				}
			}
			if _, err := upd.ExecContext(ctx, key, r.id); err != nil {
				return fmt.Errorf("re-key article #%d: %w", r.id, err)
			}
			b, ok := before[r.doc]
			if now := r.indexRow().texts(); !ok || !slices.Equal(b.texts, now) {
				w, err := textWords(now...)
				if err != nil {
					return fmt.Errorf("article #%d: %w", r.id, err)
				}
				b.forms = formsOf(w)
			}
			r.doc = key
			entries = append(entries, formsEntry{key, b.forms})
		}
		for i := range rows {
			r := &rows[i]
			if err := index.add(ctx, r.id, r.indexRow()); err != nil {
				return fmt.Errorf("index article #%d: %w", r.id, err)
			}
		}
		if err := putForms(ctx, tx, entries, true); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE rekey SET next = ?", old[len(old)-1]+1)
		return err
	})
	return n, err
}

// loadStoredFrom reads up to limit articles with keys from lo on, in key
// order.
func loadStoredFrom(ctx context.Context, tx *sql.Tx, lo int64, limit int) ([]stored, error) {
	return queryStored(ctx, tx, "SELECT "+storedColumns+" FROM articles WHERE doc >= ? ORDER BY doc LIMIT ?", lo, limit)
}
