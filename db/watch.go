package db

import (
	"context"
	"database/sql"
	"fmt"
)

// openWatch opens the one reader connection that DataVersion asks. PRAGMA
// data_version counts the commits of other connections as seen by this one,
// so it must always be the same connection, and one that never writes.
func openWatch(dsn string) (*sql.DB, error) {
	watch, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open archive for watching: %w", err)
	}
	watch.SetMaxOpenConns(1)
	watch.SetMaxIdleConns(1)
	watch.SetConnMaxLifetime(0)
	watch.SetConnMaxIdleTime(0)
	return watch, nil
}

// DataVersion changes whenever anything is committed to the archive: by this
// Store, by another Store or by another program (`clippings import` while
// the app is open). It is cheap — no table is read — so a window can poll
// it every few seconds and refresh when it differs from the last value. The
// number itself means nothing; compare it only with earlier values from the
// same Store.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read archive data version: %w", err)
	}
	return v, nil
}
