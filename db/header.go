package db

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader reads the 100-byte SQLite header and refuses a file that is
// cut short: SQLite itself would open it and fail only later, on the first
// page that is missing.
func checkHeader(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("archive %s: %w", path, err)
	}
	defer f.Close()
	var h [100]byte
	n, err := io.ReadFull(f, h[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read archive %s: %w", path, err)
	}
	if n < len(h) || !bytes.Equal(h[:16], sqliteMagic) {
		return fmt.Errorf("%s is not a Clippings archive (it is not an SQLite database); it was left untouched — choose another file: %w", path, ErrNotDatabase)
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	// The page count is valid only when written by the same change as the
	// change counter (SQLite 3.7.0 and later).
	valid := binary.BigEndian.Uint32(h[92:96]) == binary.BigEndian.Uint32(h[24:28])
	if !valid || pages == 0 || pageSize < 512 {
		return nil
	}
	// A crash during a checkpoint can leave the file short with the rest of
	// the pages still in the WAL; SQLite completes it on open.
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return nil
	}
	if want := pages * pageSize; size < want {
		return fmt.Errorf("%s is damaged: it holds %d of its %d bytes, as if a copy or download was cut short; "+
			"it was left untouched — restore a backup (see `clippings backup`) or choose another file: %w",
			path, size, want, ErrDamaged)
	}
	return nil
}

// NeedsUpgrade reports whether the archive at path was written by an
// earlier Clippings, so that opening it for writing upgrades it (which can
// take minutes: the window shows why it waits). It reads the schema version
// in the file header (bytes 60–63 of an SQLite file, PRAGMA user_version)
// without opening the archive for writing; a header is out of date only
// while changes wait in the write-ahead log (the archive is open
// elsewhere, or was not closed), and then SQLite is asked, read-only. A
// missing file or one that is not an archive needs none: Open says what is
// wrong with it.
func NeedsUpgrade(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.Equal(h[:16], sqliteMagic) {
		return false
	}
	version := int(binary.BigEndian.Uint32(h[60:64]))
	if version < 1 || version >= SchemaVersion() {
		return false
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		conn, err := sql.Open("sqlite", readOnlyURI(path))
		if err != nil {
			return true
		}
		defer conn.Close()
		if err := conn.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			return true
		}
	}
	return version >= 1 && version < SchemaVersion()
}
