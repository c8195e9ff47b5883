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
	"sync/atomic"

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

	// file is what the connections open: the archive itself, or for a
	// read-only archive whose last changes could only be read from a copy,
	// that copy (see openReadOnly); cleanup removes the copy.
	file    string
	cleanup func()
	access  access // how the connections may use the file

	index searchIndex // which full-text index searches use
	// schema is the archive's schema version: the one this build writes,
	// or for a read-only store, as old as oldestReadable.
	schema int

	lastUse atomic.Int64 // when the archive was last written or searched (UnixNano), for MergeWhenIdle

	rankCounts hitCounts      // phrases' article counts for ranking (see rank.go)
	settled    settledQueries // what prefix searches leave out (see prefixwords.go)
	words      knownWords     // words the words table holds (see words.go)
}

// access is how a Store's connections use its file.
type access int

const (
	writeAccess   access = iota // a store that writes
	queryOnly                   // read-only use of a file that could be written
	readOnlyFile                // the file opened read-only (mode=ro)
	immutableFile               // mode=ro&immutable=1: see openReadOnly
)

// Open opens the archive at path for writing, creating it and its folder
// when missing, and brings its schema up to date. An archive from a newer
// Clippings, or a file that is not a Clippings archive, is refused and left
// untouched. It is OpenMode with Create.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenMode(ctx, path, Create)
}

// OpenMode opens the archive at path as mode allows: only Create makes a new
// archive, and ReadOnly writes nothing to the archive.
func OpenMode(ctx context.Context, path string, mode Mode) (*Store, error) {
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	return open(ctx, path, ms, mode)
}

// open is OpenMode with the schema steps given, so tests can add a migration.
func open(ctx context.Context, path string, ms []migration, mode Mode) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("archive path %s: %w", path, err)
	}
	_, err = os.Stat(abs)
	exists := err == nil
	switch {
	case errors.Is(err, os.ErrNotExist) && mode != Create:
		return nil, fmt.Errorf("no archive at %s; check the file name (only importing creates a new archive): %w", abs, ErrNoArchive)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("archive %s: %w", abs, err)
	}
	if mode == ReadOnly {
		return openReadOnly(ctx, abs, len(ms))
	}
	if err := checkExisting(ctx, abs, len(ms)); err != nil {
		return nil, err
	}
	made, err := makeFolder(filepath.Dir(abs))
	if err != nil {
		return nil, fmt.Errorf("cannot create the folder of archive %s (%v); choose a folder you may write to: %w", abs, err, ErrReadOnly)
	}
	if err := checkWritable(abs); err != nil {
		removeNew(abs, made)
		return nil, err
	}
	s, err := openWritable(ctx, abs, ms)
	if err != nil && !exists {
		// A new archive that could not be made (a full disk) leaves
		// nothing behind: no empty file, no folder made for it.
		removeNew(abs, made)
	}
	return s, err
}

// openWritable opens the connections of a Store that writes.
func openWritable(ctx context.Context, abs string, ms []migration) (*Store, error) {
	s := &Store{path: abs, file: abs}
	write, err := sql.Open("sqlite", s.dsn(false))
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
	if err := dropEmptyLegacy(ctx, write); err != nil {
		write.Close()
		return nil, describeOpenError(abs, err)
	}
	s.write, s.schema = write, len(ms)
	if err := s.openReaders(); err != nil {
		write.Close()
		return nil, err
	}
	return s, nil
}

// openReaders opens the pool of readers and the watch connection, and sets
// the search limits: the rest of a Store once its writer is open.
func (s *Store) openReaders() error {
	read, err := sql.Open("sqlite", s.dsn(true))
	if err != nil {
		return fmt.Errorf("open archive %s for reading: %w", s.path, err)
	}
	readers := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	watch, err := openWatch(s.dsn(true))
	if err != nil {
		read.Close()
		return err
	}
	s.read, s.watch = read, watch
	s.limits = searchLimits{count: CountCap, rank: RankCap, rankable: RankableMatches, quickCost: QuickRankCost, quickWait: QuickRankWait, budget: ScanBudget, queryBudget: QueryBudget, checkable: CheckablePrefixMatches, settleable: SettleablePrefixMatches}
	return nil
}

// dsn builds the connection string of the store's file. Readers are
// query_only so that a bug can never write through them, and so is every
// connection of a read-only store.
func (s *Store) dsn(reader bool) string {
	switch s.access {
	case writeAccess:
		return dsn(s.file, reader)
	case queryOnly:
		// The file could be written: SQLite keeps its -wal and -shm as
		// for any connection (and removes them when the last closes).
		// Nothing is written, and the journal mode is left as the file
		// has it (a Clippings archive is WAL; a foreign file stays as it
		// is), so these connections can identify the file too.
		return queryOnlyDSN(s.file)
	}
	return s.readOnlyDSN(true)
}

// readOnlyDSN opens the file read-only (mode=ro). Without query_only it
// still writes nothing to the archive, and may copy it (VACUUM INTO, which
// query_only refuses): a read-only store's backups and check copies.
func (s *Store) readOnlyDSN(queryOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "cache_size(-2000)")
	if queryOnly {
		q.Add("_pragma", "query_only(1)")
	}
	mode := "mode=ro"
	if s.access == immutableFile {
		mode += "&immutable=1"
	}
	return fileURI(s.file, mode+"&"+q.Encode())
}

// dsn builds the connection string of a store that writes. Readers are query_only so that a bug can
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
	return fileURI(path, q.Encode())
}

// queryOnlyDSN is the connection string of a reader that writes nothing
// and changes no setting of the file.
func queryOnlyDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "cache_size(-2000)")
	q.Add("_pragma", "query_only(1)")
	return fileURI(path, q.Encode())
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
	probe, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return fmt.Errorf("archive %s: %w", path, err)
	}
	defer probe.Close()
	_, err = identify(ctx, probe, path, supported)
	return err
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
	case strings.Contains(msg, "database or disk is full"), strings.Contains(msg, "SQLITE_FULL"):
		return fmt.Errorf("the disk holding %s is full; free some space, or choose another place for the archive (%v): %w", path, err, ErrDiskFull)
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"), strings.Contains(msg, "unable to open"):
		return fmt.Errorf("%s cannot be opened for writing (%v); check the permissions of the file and its folder: %w", path, err, ErrReadOnly)
	}
	return fmt.Errorf("open archive %s: %w", path, err)
}

// Path is the archive's absolute file name.
func (s *Store) Path() string { return s.path }

// Close closes all connections, checkpointing the WAL.
func (s *Store) Close() error {
	err := errors.Join(s.watch.Close(), s.read.Close(), s.write.Close())
	if s.cleanup != nil {
		s.cleanup()
	}
	return err
}

// ReadOnly reports whether the store was opened only to read: every change
// fails with ErrReadOnly.
func (s *Store) ReadOnly() bool { return s.access != writeAccess }

// Count is the number of articles in the archive.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count articles: %w", describeReadError(s.path, err))
	}
	return n, nil
}
