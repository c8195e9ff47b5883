package db

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded schema step; its version is its position.
type migration struct {
	name string
	sql  string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names) // files are numbered 0001_, 0002_, …
	out := make([]migration, 0, len(names))
	for _, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", n, err)
		}
		out = append(out, migration{name: n, sql: string(b)})
	}
	return out, nil
}

// SchemaVersion is the schema version this build of Clippings writes.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies every migration newer than the database's user_version,
// each in its own transaction together with the version bump, so a crash
// leaves the database at a well-defined version.
func migrate(ctx context.Context, conn *sql.DB, path string, ms []migration) error {
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(ms) {
		return &TooNewError{Path: path, Version: version, Supported: len(ms)}
	}
	if version >= 1 && version < len(ms) && rewritesData(ms[version:]) {
		// An archive with articles is copied before its schema changes, so a
		// failed or faulty migration never costs the user their articles.
		if err := backupBeforeMigration(ctx, conn, path, version+1); err != nil {
			return err
		}
	}
	for i := version; i < len(ms); i++ {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %s: begin: %w", ms[i].name, err)
		}
		if _, err := tx.ExecContext(ctx, ms[i].sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", ms[i].name, err)
		}
		// PRAGMA takes no parameters; i+1 is an integer we computed. A new
		// archive is marked as Clippings' in its first step.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", i+1, ApplicationID)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: set version: %w", ms[i].name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: commit: %w", ms[i].name, err)
		}
	}
	return markArchive(ctx, conn)
}

// markArchive gives the archive Clippings' application id: a new one as its
// schema is made, one of an earlier version (recognised by its schema) the
// first time it is opened for writing.
func markArchive(ctx context.Context, conn *sql.DB) error {
	var id int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("read application id: %w", err)
	}
	if id == ApplicationID {
		return nil
	}
	// PRAGMA takes no parameters; ApplicationID is a constant.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return fmt.Errorf("set application id: %w", err)
	}
	return nil
}

// noBackupMark in a migration says it only adds to the schema (and renames),
// rewriting no article: it needs no copy of the archive first, which at a
// million articles is 17 GB and minutes before the window opens. Its
// work on the articles is done in the background (Store.Backfill).
const noBackupMark = "-- no backup:"

// rewritesData reports whether any of the migrations may change what is
// stored, so the archive is copied before they run.
func rewritesData(ms []migration) bool {
	for _, m := range ms {
		if !strings.Contains(m.sql, noBackupMark) {
			return true
		}
	}
	return false
}
