//go:build !unix

package importer

import "os"

// openNoDelay opens a file for reading (named pipes on these systems are
// not files Collect lists).
func openNoDelay(path string) (*os.File, error) { return os.Open(path) }
