package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Mode is what a command may do with an archive.
type Mode int

const (
	// Create opens the archive for writing, and makes it (and its folder)
	// when missing: for what adds articles (import, the window).
	Create Mode = iota
	// Existing opens an archive that exists for writing; a missing one is
	// ErrNoArchive, and nothing is created.
	Existing
	// ReadOnly opens an archive that exists only to read: the file is never
	// written, and every change fails with ErrReadOnly.
	ReadOnly
)

func (m Mode) String() string {
	switch m {
	case Existing:
		return "existing"
	case ReadOnly:
		return "read-only"
	}
	return "create"
}

// More domain errors of opening.
var (
	// ErrNoArchive: there is no file where the archive should be, and the
	// command does not create one.
	ErrNoArchive = errors.New("no archive there")
	// ErrNeedsUpgrade: an archive of an earlier Clippings cannot be read
	// until it is upgraded, which writes to it.
	ErrNeedsUpgrade = errors.New("archive needs an upgrade")
)

// openReadOnly opens an existing archive without writing to it: on
// read-only media, a file the user may not write, or for a command that
// only reads. An archive that could be written is opened as usual with
// every connection query_only, so SQLite keeps its -wal and -shm files as
// it always does (a -wal left by a killed writer is read, and checkpointed
// into the archive as the last connection closes, as any writer would).
//
// A file Clippings may not write is opened read-only (mode=ro). SQLite then
// may leave an empty -wal and a -shm beside it, as any reader does; it
// cannot remove them, and neither does Clippings: a writer with more rights
// (the file's owner) may be using them. When SQLite cannot use a -shm file
// at all — a read-only folder without one — there are two ways, measured
// here with a writer killed after committing (its changes still in the -wal):
//   - immutable=1 opens it, but ignores the -wal: the killed writer's
//     committed articles were simply missing. It is used only when there
//     is no -wal, or an empty one: then nothing is lost, and since the
//     folder is read-only nobody can be writing the archive meanwhile.
//   - recovery: the archive and its -wal are copied to a temporary folder
//     and the copy is opened, where SQLite reads the -wal as it would in
//     place. It costs a copy of the archive, made only in this case.
func openReadOnly(ctx context.Context, abs string, supported int) (*Store, error) {
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		return nil, fmt.Errorf("archive %s is a folder, not a file: %w", abs, ErrNotDatabase)
	} else if err == nil && st.Size() == 0 {
		return nil, fmt.Errorf("%s is an empty file, not an archive yet (importing into it makes it one): %w", abs, ErrNotDatabase)
	}
	s := &Store{path: abs, file: abs, access: readOnlyFile}
	if checkWritable(abs) == nil {
		s.access = queryOnly
	}
	hadWAL, hadSHM := fileExists(abs+"-wal"), fileExists(abs+"-shm")
	err := s.tryReadOnly(ctx, supported)
	if err != nil && cannotOpen(err) && s.access == readOnlyFile {
		removeProbeLeftovers(abs, hadWAL, hadSHM)
		if walSize(abs) == 0 {
			s.access = immutableFile
			err = s.tryReadOnly(ctx, supported)
		} else {
			err = s.recoverCopy(ctx, supported)
		}
	}
	if err != nil {
		removeProbeLeftovers(abs, hadWAL, hadSHM)
		if s.cleanup != nil {
			s.cleanup()
		}
		return nil, err
	}
	write, err := sql.Open("sqlite", s.dsn(false))
	if err != nil {
		s.closeReaders()
		return nil, fmt.Errorf("open archive %s: %w", abs, err)
	}
	write.SetMaxOpenConns(1)
	s.write = write
	if s.read == nil {
		if err := s.openReaders(); err != nil {
			write.Close()
			return nil, err
		}
	}
	return s, nil
}

// closeReaders closes what openReaders opened, if anything.
func (s *Store) closeReaders() {
	if s.read != nil {
		s.read.Close()
		s.watch.Close()
		s.read, s.watch = nil, nil
	}
}

// tryReadOnly checks the header, then identifies the archive through the
// store's read-only connection string.
func (s *Store) tryReadOnly(ctx context.Context, supported int) error {
	if st, err := os.Stat(s.file); err == nil {
		if err := checkHeader(s.file, st.Size()); err != nil {
			return err
		}
	}
	var version int
	if s.access == queryOnly {
		// The readers identify it: their connections write nothing and
		// leave the journal mode as it is (see dsn), and the first stays
		// open for the searches — a probe of its own read the schema once
		// more and cost a command about 0.6 ms of its 8 (a rare word at
		// 100,000 articles, in process).
		if err := s.openReaders(); err != nil {
			return err
		}
		v, err := identify(ctx, s.read, s.path, supported)
		if err != nil {
			s.closeReaders()
			return err
		}
		version = v
	} else {
		probe, err := sql.Open("sqlite", s.readOnlyDSN(true))
		if err != nil {
			return fmt.Errorf("archive %s: %w", s.path, err)
		}
		defer probe.Close()
		if version, err = identify(ctx, probe, s.path, supported); err != nil {
			return err
		}
	}
	s.schema = version
	if version < oldestReadable {
		s.closeReaders()
		return fmt.Errorf("%s was written by an earlier Clippings (archive version %d) and must be upgraded to version %d to be read, "+
			"which writes to it; open it once where it can be written (or copy it to a folder of yours): %w", s.path, version, supported, ErrNeedsUpgrade)
	}
	return nil
}

// recoverCopy copies the archive and its -wal to a temporary folder and
// reads the copy (see openReadOnly).
func (s *Store) recoverCopy(ctx context.Context, supported int) error {
	dir, err := os.MkdirTemp("", "clippings-readonly-*")
	if err != nil {
		return fmt.Errorf("%s: its last changes are in %s-wal, which a read-only folder keeps SQLite from reading in place, "+
			"and no temporary copy could be made (%v); copy the archive with its -wal file to a folder of yours: %w", s.path, s.path, err, ErrReadOnly)
	}
	copyTo := filepath.Join(dir, filepath.Base(s.path))
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(s.path+suffix, copyTo+suffix); err != nil {
			os.RemoveAll(dir)
			return fmt.Errorf("%s: its last changes are in %s-wal, which a read-only folder keeps SQLite from reading in place, "+
				"and no temporary copy could be made (%v); copy the archive with its -wal file to a folder of yours: %w", s.path, s.path, err, ErrReadOnly)
		}
	}
	s.file, s.access = copyTo, readOnlyFile
	s.cleanup = func() { os.RemoveAll(dir) }
	return s.tryReadOnly(ctx, supported)
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// cannotOpen reports SQLite's SQLITE_CANTOPEN: here, no -shm file could be
// opened or made beside a WAL-mode archive.
func cannotOpen(err error) bool {
	return strings.Contains(err.Error(), "unable to open")
}

func walSize(path string) int64 {
	st, err := os.Stat(path + "-wal")
	if err != nil {
		return 0
	}
	return st.Size()
}

// makeFolder makes dir and its missing parents, returning those it made,
// deepest first.
func makeFolder(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return missing, nil
}

// removeNew removes an archive this open created and could not finish (and
// the folders made for it, when empty).
func removeNew(path string, folders []string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
	for _, d := range folders {
		os.Remove(d)
	}
}

// readOnlyURI is the connection string of a probe that must not write.
func readOnlyURI(path string) string {
	return fileURI(path, "mode=ro")
}
