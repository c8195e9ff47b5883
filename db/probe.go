package db

import (
	"context"
	"errors"
	"os"
)

// checkExisting refuses an existing file that Clippings must not open for
// writing — read-only, damaged, foreign or newer — and leaves it exactly as
// it was found.
func checkExisting(ctx context.Context, path string, supported int) error {
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		// First, so that a read-only archive is refused before anything
		// is created beside it.
		if err := checkWritable(path); err != nil {
			return err
		}
	}
	hadWAL, hadSHM := fileExists(path+"-wal"), fileExists(path+"-shm")
	err := probeExisting(ctx, path, supported)
	if err != nil {
		removeProbeLeftovers(path, hadWAL, hadSHM)
	}
	return err
}

// removeProbeLeftovers deletes the empty -wal and the -shm file that reading
// a WAL-mode file creates, when they were not there before: a refused file is
// left as the user had it.
func removeProbeLeftovers(path string, hadWAL, hadSHM bool) {
	if hadWAL {
		return // the WAL may hold someone's data: never touch it
	}
	wal, err := os.Stat(path + "-wal")
	if errors.Is(err, os.ErrNotExist) || (err == nil && wal.Size() == 0) {
		os.Remove(path + "-wal")
		if !hadSHM {
			os.Remove(path + "-shm")
		}
	}
}
