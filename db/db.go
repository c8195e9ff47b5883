// Package db is Clippings' archive: articles in an embedded SQLite database
// with an FTS5 full-text index, one writer connection and a pool of readers.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Domain errors, matched with errors.Is.
var (
	ErrNotFound    = errors.New("no such article")
	ErrNotDatabase = errors.New("not a Clippings archive")
	ErrTooNew      = errors.New("archive was written by a newer version of Clippings")
	ErrLocked      = errors.New("archive is locked by another program")
	ErrReadOnly    = errors.New("archive cannot be written")
)

// TooNewError says which schema versions are involved.
type TooNewError struct {
	Path      string
	Version   int
	Supported int
}

func (e *TooNewError) Error() string {
	return fmt.Sprintf("%s: archive schema version %d is newer than this Clippings understands (%d); "+
		"update Clippings to open it — the file was left untouched", e.Path, e.Version, e.Supported)
}

func (e *TooNewError) Unwrap() error { return ErrTooNew }

// busyTimeoutMS is how long a statement waits for another writer (the desktop
// app and `clippings import` may share an archive) before giving up.
const busyTimeoutMS = 10000

// Store is an open archive. It is safe for concurrent use.
type Store struct {
	path  string
	write *sql.DB // exactly one connection: SQLite has one writer at a time
	read  *sql.DB // a pool of readers; WAL lets them run beside the writer

	limits searchLimits
	watch  *sql.DB // one reader kept for PRAGMA data_version (see DataVersion)

	recent recentBands // the writer's mirror of bands_recent
}

// Open opens the archive at path, creating it and its folder when missing, and
// brings its schema up to date. An archive from a newer Clippings, or a file
// that is not a database, is refused and left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	return open(ctx, path, ms)
}

// open is Open with the schema steps given, so tests can add a migration.
func open(ctx context.Context, path string, ms []migration) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("archive path %s: %w", path, err)
	}
	if err := checkExisting(ctx, abs, len(ms)); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder of archive %s (%v); choose a folder you may write to: %w", abs, err, ErrReadOnly)
	}
	if err := checkWritable(abs); err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, fmt.Errorf("open archive %s: %w", abs, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, describeOpenError(abs, err)
	}
	if err := migrate(ctx, write, abs, ms); err != nil {
		write.Close()
		return nil, describeOpenError(abs, err)
	}
	read, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open archive %s for reading: %w", abs, err)
	}
	readers := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	watch, err := openWatch(abs)
	if err != nil {
		write.Close()
		read.Close()
		return nil, err
	}
	return &Store{path: abs, write: write, read: read, watch: watch, limits: searchLimits{count: CountCap, rank: RankCap, rankable: RankableMatches, quickCost: QuickRankCost, quickWait: QuickRankWait, budget: ScanBudget}}, nil
}

// dsn builds the connection string. Readers are query_only so that a bug can
// never write through them.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Page caches bound memory: the app must stay under 350 MB with a
	// million articles. The OS file cache does the caching that matters:
	// at a million articles searches were no slower with 2 MB per reader
	// than with 16 MB. With this SQLite's allocator a cached 4 KB page
	// costs about 8 KB, so these sizes take twice their figure in memory.
	if readOnly {
		q.Add("_pragma", "cache_size(-2000)") // 2 MB per reader
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "cache_size(-8000)") // 8 MB: index pages while merging
		q.Set("_txlock", "immediate")         // take the write lock up front: no upgrade deadlocks
	}
	return (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String()
}

// probeExisting looks at an existing file read-only before anything writes to
// it: switching a foreign file to WAL or migrating a newer archive would
// damage it.
func probeExisting(ctx context.Context, path string, supported int) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("archive %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("archive %s is a folder, not a file: %w", path, ErrNotDatabase)
	}
	if st.Size() == 0 {
		return nil // an empty file is a new database to SQLite
	}
	if err := checkHeader(path, st.Size()); err != nil {
		return err
	}
	probe, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}).String())
	if err != nil {
		return fmt.Errorf("archive %s: %w", path, err)
	}
	defer probe.Close()
	var version int
	if err := probe.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return describeOpenError(path, err)
	}
	// A database that is not ours (other tables, no articles) is refused too.
	var tables int
	if err := probe.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&tables); err != nil {
		return describeOpenError(path, err)
	}
	if version == 0 && tables > 0 {
		return fmt.Errorf("%s is an SQLite database of another program, not a Clippings archive; choose another file: %w", path, ErrNotDatabase)
	}
	if version > supported {
		return &TooNewError{Path: path, Version: version, Supported: supported}
	}
	return nil
}

// describeOpenError turns SQLite's terse codes into messages naming the file
// and what to do.
func describeOpenError(path string, err error) error {
	var tooNew *TooNewError
	if errors.As(err, &tooNew) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "file is not a database"), strings.Contains(msg, "malformed"):
		return fmt.Errorf("%s is not a Clippings archive or is damaged (%v); it was left untouched — restore a backup or choose another file: %w", path, err, ErrNotDatabase)
	case strings.Contains(msg, "database is locked"), strings.Contains(msg, "SQLITE_BUSY"):
		return fmt.Errorf("%s is locked by another program; close it and try again: %w", path, ErrLocked)
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"), strings.Contains(msg, "unable to open"):
		return fmt.Errorf("%s cannot be opened for writing (%v); check the permissions of the file and its folder: %w", path, err, ErrReadOnly)
	}
	return fmt.Errorf("open archive %s: %w", path, err)
}

// Path is the archive's absolute file name.
func (s *Store) Path() string { return s.path }

// Close closes all connections, checkpointing the WAL.
func (s *Store) Close() error {
	return errors.Join(s.watch.Close(), s.read.Close(), s.write.Close())
}

// Count is the number of articles in the archive.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count articles: %w", describeReadError(s.path, err))
	}
	return n, nil
}
