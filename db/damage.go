package db

import (
	"errors"
	"fmt"
	"strings"
)

// Domain errors of archives that cannot be used as they are.
var (
	// ErrDamaged marks an archive whose file is cut short or whose pages are
	// corrupt. Clippings never repairs such a file itself: the user restores
	// a backup.
	ErrDamaged = errors.New("archive is damaged")
	// ErrDiskFull marks a write refused for lack of space; nothing of it was
	// stored.
	ErrDiskFull = errors.New("disk is full")
)

// describeReadError names a damaged archive and what to do about it.
func describeReadError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "malformed") || strings.Contains(msg, "file is not a database") || strings.Contains(msg, "SQLITE_CORRUPT") {
		return fmt.Errorf("%s is damaged (%v); Clippings leaves it as it is — run `clippings check`, "+
			"then restore a backup or export what can still be read: %w", path, err, ErrDamaged)
	}
	return err
}
