package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrExists is returned instead of overwriting a file.
var ErrExists = errors.New("file already exists")

// Backup writes a consistent copy of the archive to dest while it stays in
// use: VACUUM INTO reads one snapshot, so imports running meanwhile neither
// wait nor end up half in the copy. dest must not exist; the copy is written
// beside it under a temporary name and renamed when complete, so a failed
// backup never leaves a partial file under dest's name.
func (s *Store) Backup(ctx context.Context, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("backup file %s: %w", dest, err)
	}
	if abs == s.path {
		return fmt.Errorf("backup: %s is the archive itself; choose another file name: %w", abs, ErrExists)
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name (Clippings does not overwrite files): %w", abs, ErrExists)
	}
	conn, err := s.maintenanceConn()
	if err != nil {
		return err
	}
	defer conn.Close()
	return vacuumInto(ctx, conn, s.path, abs)
}

// maintenanceConn opens one connection that may run statements the readers
// refuse (VACUUM INTO, FTS5 commands) without occupying the writer that
// this Store's imports use.
func (s *Store) maintenanceConn() (*sql.DB, error) {
	d := s.dsn(false)
	if s.ReadOnly() {
		d = s.readOnlyDSN(false)
	}
	conn, err := sql.Open("sqlite", d)
	if err != nil {
		return nil, fmt.Errorf("open archive %s: %w", s.path, err)
	}
	conn.SetMaxOpenConns(1)
	return conn, nil
}

// copyLocked copies the archive file at src to dest through a temporary
// file, holding the write lock: after a full checkpoint the main file holds
// every commit, and nothing can change it until the lock is released.
// Reading the file front to back is far faster than VACUUM INTO, which
// walks every tree and reads the file in random order: for a 17 GB archive
// here, 680 MB/s against 7 MB/s — a minute against most of an hour before
// an upgrade. Writers wait meanwhile, so it serves upgrades (nothing else
// can use the archive then anyway), not backups taken while importing.
// When the checkpoint cannot finish (another process is reading old pages)
// it falls back to VACUUM INTO.
func copyLocked(ctx context.Context, db *sql.DB, src, dest string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup of %s: %w", src, err)
	}
	defer conn.Close()
	var busy, frames, moved int
	err = conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &moved)
	if err != nil || busy != 0 {
		return vacuumInto(ctx, db, src, dest)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return vacuumInto(ctx, db, src, dest)
	}
	if fi, err := os.Stat(src + "-wal"); err == nil && fi.Size() > 0 {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return vacuumInto(ctx, db, src, dest) // written to between the checkpoint and the lock
	}
	err = copyFileTo(ctx, src, dest)
	conn.ExecContext(context.Background(), "ROLLBACK")
	return err
}

// copyFileTo copies src to a temporary file beside dest, syncs it and
// renames it to dest, which must not exist.
func copyFileTo(ctx context.Context, src, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("backup of %s: create folder: %w", src, err)
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("backup of %s: %w", src, err)
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup of %s to %s: %w", src, dest, err)
	}
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("backup of %s to %s: %w", src, dest, describeWriteError(dest, err))
	}
	buf := make([]byte, 4<<20)
	for {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		n, rerr := in.Read(buf)
		if n > 0 {
			if _, err := tmp.Write(buf[:n]); err != nil {
				return fail(err)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return fail(rerr)
		}
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("backup of %s to %s: %w", src, dest, describeWriteError(dest, err))
	}
	if _, err := os.Stat(dest); err == nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("backup: %s appeared while the copy was written; choose a new file name: %w", dest, ErrExists)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("backup of %s to %s: %w", src, dest, err)
	}
	return nil
}

// vacuumInto copies the archive at src to dest through a temporary file.
func vacuumInto(ctx context.Context, conn *sql.DB, src, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("backup of %s: create folder: %w", src, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup of %s to %s: %w", src, dest, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName) // VACUUM INTO wants to create the file itself
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", tmpName); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("backup of %s to %s: %w", src, dest, describeWriteError(dest, err))
	}
	if _, err := os.Stat(dest); err == nil {
		os.Remove(tmpName)
		return fmt.Errorf("backup: %s appeared while the copy was written; choose a new file name: %w", dest, ErrExists)
	}
	if err := os.Rename(tmpName, dest); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("backup of %s to %s: %w", src, dest, err)
	}
	return nil
}

// MigrationBackupPath is where the archive is copied before its schema is
// brought to version: "<archive>.before-v<version>.bak". A name already
// taken (by an earlier, failed attempt) gets -2, -3, … so that no backup is
// ever overwritten.
func MigrationBackupPath(archive string, version int) string {
	base := fmt.Sprintf("%s.before-v%d", archive, version)
	name := base + ".bak"
	for n := 2; fileExists(name); n++ {
		name = fmt.Sprintf("%s-%d.bak", base, n)
	}
	return name
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// backupBeforeMigration copies the archive before migrating it to version.
func backupBeforeMigration(ctx context.Context, conn *sql.DB, path string, version int) error {
	dest := MigrationBackupPath(path, version)
	if err := copyLocked(ctx, conn, path, dest); err != nil {
		return fmt.Errorf("the archive was not upgraded, because its backup failed (%w); "+
			"free some disk space next to %s and try again", err, path)
	}
	return nil
}
