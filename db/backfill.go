package db

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// backfillBatch articles are brought up to date per transaction; tests
// lower it.
var backfillBatch = rewriteBatch

// BackfillPending reports whether articles stored before this version of
// the archive still lack their signature and entities, or have them in
// an earlier form (see Backfill). It reads two rows.
func (s *Store) BackfillPending(ctx context.Context) (bool, error) {
	_, pending, err := s.backfillState(ctx)
	if err != nil || pending {
		return pending, err
	}
	_, pending, err = s.backfillRow(ctx, compactBackfill)
	return pending, err
}

func (s *Store) backfillState(ctx context.Context) (next int64, pending bool, err error) {
	return s.backfillRow(ctx, "rediscover")
}

// startBackfill reads the backfill row name and counts what is left to do
// with count (a query taking next), telling progress; pending is false
// when the row is gone.
func (s *Store) startBackfill(ctx context.Context, name, count string, progress func(done, total int)) (next int64, total int, pending bool, err error) {
	next, pending, err = s.backfillRow(ctx, name)
	if err != nil || !pending {
		return next, 0, pending, err
	}
	if err := s.read.QueryRowContext(ctx, count, next).Scan(&total); err != nil {
		return next, 0, false, fmt.Errorf("%s: %w", name, describeReadError(s.path, err))
	}
	if progress != nil {
		progress(0, total)
	}
	return next, total, true, nil
}

// Backfill gives the articles stored before this version of the archive
// what new imports get: their near-duplicate signature (and so their group
// of copies) and their people, places and organisations (with the index
// tokens person:, place: and org: match). It works in batches, one
// transaction each, so the archive stays usable meanwhile (the desktop app
// runs it in the background), and resumes where it stopped when cancelled
// or interrupted. progress, if not nil, is called after each batch with the
// articles done and to do. Once done, it returns at once. It first
// converts the signatures and band keys of an archive of an earlier
// version to their compact form (see compactgroups.go), a pass of its own
// with its own progress.
func (s *Store) Backfill(ctx context.Context, progress func(done, total int)) error {
	if err := s.compactGroups(ctx, progress); err != nil {
		return err
	}
	const lacking = "FROM articles AS a WHERE a.id >= ? AND NOT EXISTS (SELECT 1 FROM signatures AS s WHERE s.article_id = a.id)"
	next, total, pending, err := s.startBackfill(ctx, "rediscover", "SELECT count(*) "+lacking, progress)
	if err != nil || !pending {
		return err
	}
	done := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := s.read.QueryContext(ctx, "SELECT a.id, a.title, a.body "+lacking+" ORDER BY a.id LIMIT ?", next, backfillBatch)
		if err != nil {
			return fmt.Errorf("backfill: %w", describeReadError(s.path, err))
		}
		type text struct {
			id          int64
			title, body string
		}
		var texts []text
		for rows.Next() {
			var t text
			if err := rows.Scan(&t.id, &t.title, &t.body); err != nil {
				rows.Close()
				return fmt.Errorf("backfill: %w", err)
			}
			texts = append(texts, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("backfill: %w", describeReadError(s.path, err))
		}
		if len(texts) == 0 {
			return s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, "DELETE FROM backfill WHERE name = 'rediscover'")
				return err
			})
		}

		// The costly part, on every core, outside the transaction.
		found := make([]traits, len(texts))
		onEveryCore(len(texts), func(i int) { found[i] = traitsOf(texts[i].title, texts[i].body) })

		ids := make([]int64, len(texts))
		byID := make(map[int64]int, len(texts))
		for i, t := range texts {
			ids[i] = t.id
			byID[t.id] = i
		}
		last := texts[len(texts)-1].id
		tokens := map[int64]string{} // of the articles done in this batch
		err = s.rewrite(ctx, ids, func(ctx context.Context, tx *sql.Tx) error {
			// The batch's traits are stored first, together: the articles
			// still without them, with the text they have now.
			w := s.traitWriter(ctx, tx)
			defer w.close()
			var todo []articleTraits
			err := w.eachIn(`SELECT a.id, a.title, a.body FROM articles AS a
				WHERE NOT EXISTS (SELECT 1 FROM signatures AS s WHERE s.article_id = a.id) AND a.id IN `, ids, func(rows *sql.Rows) error {
				var (
					id          int64
					title, body string
				)
				if err := rows.Scan(&id, &title, &body); err != nil {
					return err
				}
				i := byID[id]
				t := found[i]
				if title != texts[i].title || body != texts[i].body {
					t = traitsOf(title, body) // changed since it was read
				}
				todo = append(todo, articleTraits{id, t})
				return nil
			})
			if err != nil {
				return err
			}
			slices.SortFunc(todo, func(a, b articleTraits) int { return cmp.Compare(a.id, b.id) })
			for _, t := range todo {
				tokens[t.id] = t.tokens
			}
			return w.store(todo...)
		}, func(_ context.Context, _ *sql.Tx, r *stored) error {
			if t, ok := tokens[r.id]; ok {
				r.keys = withEntityTokens(r.keys, t)
			}
			return nil
		}, func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE backfill SET next_id = ? WHERE name = 'rediscover'", last+1)
			return err
		})
		var nf *NotFoundError
		if err != nil && !errors.As(err, &nf) { // deleted meanwhile: nothing to do
			return fmt.Errorf("backfill: %w", err)
		}
		next = last + 1
		done += len(texts)
		if progress != nil {
			progress(min(done, total), total)
		}
	}
}
