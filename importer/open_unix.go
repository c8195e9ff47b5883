//go:build unix

package importer

import (
	"os"
	"syscall"
)

// openNoDelay opens a file for reading without waiting: opening a named
// pipe with no writer would otherwise block. O_NONBLOCK changes nothing for
// reading a regular file.
func openNoDelay(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
