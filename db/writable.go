package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// checkWritable finds out before SQLite does that the archive or its folder
// cannot be written: SQLite would silently open a read-only file read-only
// and fail only at the first import, and it needs the folder for its -wal and
// -shm files. Nothing is changed: the file is opened for writing and closed,
// and a probe file is created and removed in the folder.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	switch {
	case err == nil:
		f.Close()
	case errors.Is(err, os.ErrNotExist):
		// A new archive: the folder decides.
	default:
		return fmt.Errorf("%s is read-only (%v); Clippings needs to write to its archive — "+
			"check the permissions of the file, or copy it to a folder of yours and open the copy: %w", path, reason(err), ErrReadOnly)
	}
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".clippings-probe-*")
	if err != nil {
		return fmt.Errorf("archive %s cannot be written: its folder %s is read-only (%v); SQLite needs to create files beside the archive — "+
			"check the folder's permissions, or move the archive to a folder of yours: %w", path, dir, reason(err), ErrReadOnly)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// reason is the system's word for a failure, without the file name the
// message already gives.
func reason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
