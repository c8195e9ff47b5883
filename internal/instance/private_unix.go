//go:build !windows

package instance

import (
	"fmt"
	"os"
	"syscall"
)

// ownPrivate checks that only this user may enter dir: another user who
// made it first could otherwise listen in the window's place.
func ownPrivate(dir string) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("check the folder for the window's socket: %w", err)
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !st.IsDir() || (ok && int(sys.Uid) != os.Getuid()) || st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("the folder for the window's socket, %s, is not this user's own (mode %v)", dir, st.Mode())
	}
	return nil
}
