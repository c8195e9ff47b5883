package db

import (
	"context"
	"database/sql"
	"strings"
)

// querier runs a query: the store's readers, a transaction, or a
// traitWriter, which prepares each statement once.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// inChunk is how many ids one IN list holds: long lists are split so that
// a statement stays small (and its prepared form reusable).
const inChunk = 500

// queryIn runs query, which ends in "IN ", over ids in chunks, with lead
// arguments bound before the ids, calling fn for each row.
func queryIn(ctx context.Context, q querier, query string, lead []any, ids []int64, fn func(*sql.Rows) error) error {
	for len(ids) > 0 {
		n := min(len(ids), inChunk)
		args := append(make([]any, 0, len(lead)+n), lead...)
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		ids = ids[n:]
		rows, err := q.QueryContext(ctx, query+"(?"+strings.Repeat(",?", n-1)+")", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// groupsIn maps the given articles that have copies to their group ids;
// articles without copies are left out.
func groupsIn(ctx context.Context, q querier, ids []int64) (map[int64]int64, error) {
	return pairsIn(ctx, q, "SELECT article_id, group_id FROM article_groups WHERE article_id IN ", ids)
}

// pairsIn runs query, which selects two integers and ends in "IN ", over
// ids in chunks, mapping each row's first column to its second.
func pairsIn(ctx context.Context, q querier, query string, ids []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(ids))
	err := queryIn(ctx, q, query, nil, ids, func(rows *sql.Rows) error {
		var k, v int64
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		out[k] = v
		return nil
	})
	return out, err
}
