// Package fsperm makes files and folders read-only in tests, for root too.
package fsperm

import (
	"os"
	"os/exec"
	"testing"
)

// MakeReadOnly makes path unwritable for this process until the test ends.
// Permission bits do not stop root (tests run as root in CI), so there the
// file or folder is made immutable with chattr, which binds root too; the
// test is skipped, with the reason, where neither works.
func MakeReadOnly(t testing.TB, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		mode := os.FileMode(0o444)
		if st.IsDir() {
			mode = 0o555
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, st.Mode().Perm()) })
		return
	}
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("running as root, whom permission bits do not stop, and chattr is not installed to make the file immutable")
	}
	if out, err := exec.Command(chattr, "+i", path).CombinedOutput(); err != nil {
		t.Skipf("running as root, whom permission bits do not stop, and this file system cannot make files immutable: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command(chattr, "-i", path).Run() })
}
