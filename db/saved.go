package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SavedSearch is a named query and sort, kept in the sidebar in the order
// the user gives them.
type SavedSearch struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Query string `json:"query"`
	Sort  Sort   `json:"sort"`
}

// MarshalText writes a sort as its name ("newest").
func (s Sort) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a sort's name.
func (s *Sort) UnmarshalText(b []byte) error {
	v, err := ParseSort(string(b))
	*s = v
	return err
}

// ErrNameTaken is returned when a saved search is renamed to another's name.
var ErrNameTaken = errors.New("name already taken")

// SaveSearch keeps a query under a name. Saving under a name already used
// (in any case) replaces that search's query and sort and keeps its place;
// a new name goes last.
func (s *Store) SaveSearch(ctx context.Context, name, queryText string, sort Sort) (SavedSearch, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return SavedSearch{}, fmt.Errorf("%w: a saved search needs a name", ErrInvalid)
	}
	out := SavedSearch{Name: name, Query: queryText, Sort: sort}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "UPDATE saved_searches SET name = ?, query = ?, sort = ? WHERE lower(name) = lower(?) RETURNING id",
			name, queryText, sort.String(), name).Scan(&out.ID)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO saved_searches (name, query, sort, position)
			VALUES (?, ?, ?, (SELECT ifnull(max(position), 0) + 1 FROM saved_searches)) RETURNING id`,
			name, queryText, sort.String()).Scan(&out.ID)
	})
	if err != nil {
		return SavedSearch{}, fmt.Errorf("save search %q: %w", name, err)
	}
	return out, nil
}

// SavedSearches lists the saved searches in the user's order. Count each
// with CountMatches for the sidebar's live counts.
func (s *Store) SavedSearches(ctx context.Context) ([]SavedSearch, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT id, name, query, sort FROM saved_searches ORDER BY position, id")
	if err != nil {
		return nil, fmt.Errorf("saved searches: %w", describeReadError(s.path, err))
	}
	defer rows.Close()
	out := []SavedSearch{}
	for rows.Next() {
		var (
			ss   SavedSearch
			sort string
		)
		if err := rows.Scan(&ss.ID, &ss.Name, &ss.Query, &sort); err != nil {
			return nil, fmt.Errorf("saved searches: %w", err)
		}
		ss.Sort, _ = ParseSort(sort) // an unknown sort reads as relevance
		out = append(out, ss)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("saved searches: %w", describeReadError(s.path, err))
	}
	return out, nil
}

// RenameSavedSearch renames a saved search; a name another one has is
// refused with ErrNameTaken.
func (s *Store) RenameSavedSearch(ctx context.Context, id int64, name string) error {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return fmt.Errorf("%w: a saved search needs a name", ErrInvalid)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM saved_searches WHERE lower(name) = lower(?) AND id <> ?", name, id).Scan(&other)
		if err == nil {
			return fmt.Errorf("saved search %q: %w", name, ErrNameTaken)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return affectOne(tx.ExecContext(ctx, "UPDATE saved_searches SET name = ? WHERE id = ?", name, id))
	})
}

// DeleteSavedSearch forgets a saved search (not the articles it finds).
func (s *Store) DeleteSavedSearch(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return affectOne(tx.ExecContext(ctx, "DELETE FROM saved_searches WHERE id = ?", id))
	})
}

// MoveSavedSearches puts the saved searches in the order of ids; those not
// listed follow in their present order.
func (s *Store) MoveSavedSearches(ctx context.Context, ids []int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE saved_searches SET position = position + ?", len(ids)+1); err != nil {
			return err
		}
		for i, id := range ids {
			if _, err := tx.ExecContext(ctx, "UPDATE saved_searches SET position = ? WHERE id = ?", i+1, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// ErrNoSavedSearch is returned for an id that names no saved search.
var ErrNoSavedSearch = errors.New("no such saved search")

func affectOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoSavedSearch
	}
	return nil
}
