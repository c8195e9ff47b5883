package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/clippings/clippings/neardup"
)

// Converting the signatures and band keys of an archive of an earlier
// version (migration 0008) to their compact form: each signature of
// version 1 (whole MinHash values) is re-encoded as version 2 (their low
// bits) and its 32-bit band keys are made from the whole values — no text
// is read or signed again. The new keys go through bands_recent, as an
// import's do, so they reach bands in key order thousands at a time.
// Meanwhile the articles not yet converted are still found by their old
// keys in bands_v1 (traitWriter.lookupOldBands), which is dropped at the
// end, in steps.

// compactBackfill names the conversion's backfill row: articles with
// id >= next_id may still have a signature of version 1.
const compactBackfill = "compact-groups"

// compactBatch articles are converted per transaction: re-encoding is
// cheap, so a batch is mostly the writes of its rows. Tests lower it.
var compactBatch = 2000

// dropBatch rows of bands_v1 are deleted per transaction at the end, so
// that no step holds the writer long (32 rows an article).
var dropBatch = 64 * 1024

// compactGroups converts the archive's signatures and band keys (see
// above), in batches, resuming where it stopped; progress is told the
// articles done and to do after each batch.
func (s *Store) compactGroups(ctx context.Context, progress func(done, total int)) error {
	const whole = "FROM signatures WHERE article_id >= ? AND substr(data, 1, 1) = x'01'"
	next, total, pending, err := s.startBackfill(ctx, compactBackfill, "SELECT count(*) "+whole, progress)
	if err != nil || !pending {
		return err
	}
	done := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var n int
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			w := s.traitWriter(ctx, tx)
			defer w.close()
			if err := w.recent.sync(w); err != nil { // converts bands_recent's old keys
				return fmt.Errorf("read recent band keys: %w", err)
			}
			rows, err := tx.QueryContext(ctx, "SELECT article_id, data "+whole+" ORDER BY article_id LIMIT ?", next, compactBatch)
			if err != nil {
				return err
			}
			type old struct {
				id   int64
				data []byte
			}
			var olds []old
			for rows.Next() {
				var o old
				if err := rows.Scan(&o.id, &o.data); err != nil {
					rows.Close()
					return err
				}
				olds = append(olds, o)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			n = len(olds)
			if n == 0 {
				return nil
			}
			ids := make([]int64, n)
			for i, o := range olds {
				ids[i] = o.id
			}
			// Articles still in bands_recent have their new keys there
			// already (sync converted them).
			inRecent := map[int64]bool{}
			err = w.eachIn("SELECT article_id FROM bands_recent WHERE article_id IN ", ids, func(rows *sql.Rows) error {
				var id int64
				err := rows.Scan(&id)
				inRecent[id] = true
				return err
			})
			if err != nil {
				return err
			}
			var sigRows, recentRows [][]any
			var keyIDs []int64
			var keys [][]int64
			for _, o := range olds {
				sig, err := neardup.Unmarshal(o.data)
				if err != nil { // corrupt: kept as it is, compared with nothing
					sigRows = append(sigRows, []any{o.id, o.data})
					continue
				}
				sigRows = append(sigRows, []any{o.id, sig.Marshal()})
				if k := sig.Bands(); len(k) > 0 && !inRecent[o.id] {
					recentRows = append(recentRows, []any{o.id, encodeBandKeys(k)})
					keyIDs, keys = append(keyIDs, o.id), append(keys, k)
				}
			}
			// Deleted and written again rather than updated: a page of
			// signatures updated in place keeps a quarter of what it held
			// (measured at 100,000 articles: 58.7 MB of pages for 13.7 MB of
			// signatures), as later imports only append.
			if _, err := tx.ExecContext(ctx, "DELETE FROM signatures WHERE article_id BETWEEN ? AND ? AND substr(data, 1, 1) = x'01'",
				olds[0].id, olds[n-1].id); err != nil {
				return err
			}
			if err := w.insertRows("INSERT INTO signatures (article_id, data) VALUES ", sigRows); err != nil {
				return err
			}
			if err := w.insertRows("INSERT INTO bands_recent (article_id, keys) VALUES ", recentRows); err != nil {
				return err
			}
			w.recent.add(keyIDs, keys)
			if w.recent.size() >= bandMergeAt {
				if err := w.recent.merge(w); err != nil {
					return err
				}
			}
			next = olds[n-1].id + 1
			_, err = tx.ExecContext(ctx, "UPDATE backfill SET next_id = ? WHERE name = '"+compactBackfill+"'", next)
			return err
		})
		if err != nil {
			return fmt.Errorf("convert copies' signatures: %w", err)
		}
		if n == 0 {
			return s.dropOldBands(ctx)
		}
		done += n
		if progress != nil {
			progress(min(done, total), total)
		}
	}
}

// dropOldBands empties bands_v1 in steps, then drops it and the backfill
// row together.
func (s *Store) dropOldBands(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var left int64
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			// The first rows in key order: each step frees whole pages.
			res, err := tx.ExecContext(ctx, `DELETE FROM bands_v1 WHERE band <= (SELECT max(band) FROM
				(SELECT band FROM bands_v1 ORDER BY band LIMIT ?))`, dropBatch)
			if err != nil {
				return err
			}
			if left, err = res.RowsAffected(); err != nil || left > 0 {
				return err
			}
			for _, q := range []string{"DROP TABLE bands_v1", "DELETE FROM backfill WHERE name = '" + compactBackfill + "'"} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("remove the band keys of an earlier version: %w", err)
		}
		if left == 0 {
			return nil
		}
	}
}
